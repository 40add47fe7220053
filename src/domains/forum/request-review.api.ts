import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { apiWriteOptions, replayedOutcome } from "../../platform/http/idempotent-api.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { IdempotencyHeaders } from "../stocktaking/entries.schema.ts";
import { pageCount, pageParam } from "../stocktaking/entry-http.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { loadOcpEdition, parseForumYear } from "./ocp-edition.ts";
import { ocpOptions } from "./ocp-options.ts";
import { analysisLabel, presentAnalysis, presentReviewRequest } from "./request-review.presenter.ts";
import {
  AnalysisResponse,
  DecisionResponse,
  DeclineBody,
  MergeBody,
  ReviewList,
  ReviewListQuery,
  ReviewRequestParams,
  ReviewYearParams,
} from "./request-review.schema.ts";
import {
  acceptRequest,
  analyseOcp,
  type DecisionContext,
  type DecisionOutcome,
  declineRequest,
  listRequestsForReview,
  mergeRequests,
  REVIEW_PAGE_SIZE,
} from "./request-review.service.ts";
import { findRequest } from "./requests.repo.ts";
import { parseRequestId } from "./requests.service.ts";
import { REQUEST_LIMITS } from "./requests-input.ts";

const TAGS = ["forum"];
const SECRETARIAT = { permission: "forum.secretariat" as const };
const DECISION =
  "Audited, and mailed to each requester in their own language, in one transaction. Send an `Idempotency-Key` to retry safely: a replay answers the first outcome (`Idempotent-Replayed: true`).";
const REFUSALS =
  "Refusals (problem+json `code`): `forum_edition_not_found`, `forum_request_not_found` (no such request), `forum_request_other_edition` (the request belongs to another edition), `forum_request_not_submitted` (still a draft), `forum_request_already_decided`, `idempotency_conflict` (the key was used for another call)";

/** Who decides, from where, with which replay key: the same for the pages and the API. */
export function decisionContext(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
): DecisionContext {
  const { ip, idempotencyKey } = apiWriteOptions(request);
  return { db: app.deps.db, actor, baseUrl: app.deps.config.baseUrl, ip, idempotencyKey };
}

/** The secretariat's side of the OCP through the API (scope `moderation`): review and decide. */
export async function requestReviewApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "forum.secretariat");
  const editionOf = (year: string) => loadOcpEdition(db, parseForumYear(year));

  /** Who decides on which request of which edition, from a decision's URL. */
  async function decisionOn(request: FastifyRequest, params: { year: string; id: string }) {
    const context = decisionContext(app, request, actorOf(request));
    return { context, edition: await editionOf(params.year), id: parseRequestId(params.id) };
  }

  /** A decision's answer: the session made and the requests as they now stand. */
  async function answer(reply: FastifyReply, result: Idempotent<DecisionOutcome>) {
    const outcome = replayedOutcome(reply, result);
    const requests = [];
    for (const id of outcome.requestIds) {
      const row = await findRequest(db, id);
      if (row) requests.push(presentReviewRequest(row));
    }
    return { sessionNumber: outcome.sessionNumber, requests };
  }

  app.get(
    "/api/v1/forum/editions/:year/secretariat/requests",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "listForumRequestsForReview",
        tags: TAGS,
        summary: "The edition's OCP requests for the secretariat, filtered, a page at a time",
        description: `Every request but drafts, oldest submission first, ${REVIEW_PAGE_SIZE} a page. Refusals: \`forum_edition_not_found\`, and \`validation_failed\` (\`unknown_code\` for an \`actionLine\` not in the reference data, \`invalid_value\` for another kind or status).`,
        params: ReviewYearParams,
        querystring: ReviewListQuery,
        response: { 200: ReviewList },
      },
    },
    async (request) => {
      actorOf(request);
      const edition = await editionOf(request.params.year);
      const { kind, status, actionLine } = request.query;
      const page = pageParam(request.query);
      const filter = { kind: kind ?? null, status: status ?? null, actionLine: actionLine || null };
      const { total, rows } = await listRequestsForReview(db, edition, filter, page);
      return {
        total,
        page,
        pageSize: REVIEW_PAGE_SIZE,
        pageCount: pageCount(total, REVIEW_PAGE_SIZE),
        items: rows.map(presentReviewRequest),
      };
    },
  );

  app.get(
    "/api/v1/forum/editions/:year/secretariat/requests/analysis",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "getForumRequestAnalysis",
        tags: TAGS,
        summary: "The live analysis of the edition's OCP: the figures of the secretariat's charts",
        description:
          "Official submissions and submitted requests (drafts are not counted) by stakeholder type, region, Action Line and SDG, counted from the rows at the time of the call; labels in the language asked for. Refusals: `forum_edition_not_found`.",
        params: ReviewYearParams,
        response: { 200: AnalysisResponse },
      },
    },
    async (request) => {
      actorOf(request);
      const edition = await editionOf(request.params.year);
      const options = ocpOptions(await loadReferenceData(db), request.t, request.lang);
      return presentAnalysis(edition.year, await analyseOcp(db, edition), analysisLabel(options, request.t));
    },
  );

  app.post(
    "/api/v1/forum/editions/:year/secretariat/requests/merge",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "mergeForumRequests",
        tags: TAGS,
        summary: "Merge two or more submitted workshop requests into one new draft session",
        description: `The session takes the title given (and the description, else the first request's), the union of Action Lines, SDGs and speakers (an address once whatever its case), and every requester as an organiser; each request becomes \`merged\`. One refused request refuses the whole merge: nothing is written. ${DECISION} ${REFUSALS}, \`forum_merge_not_workshop\`, and \`validation_failed\` (\`too_short\` on \`requests\` for fewer than two, \`required\`/\`too_long\` on \`title\`, \`too_long\` on \`description\`).`,
        params: ReviewYearParams,
        headers: IdempotencyHeaders,
        body: MergeBody,
        response: { 200: DecisionResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const edition = await editionOf(request.params.year);
      const { requests: ids, title, description } = request.body;
      const input = { ids, title, description: description ?? "" };
      return answer(reply, await mergeRequests(decisionContext(app, request, actor), edition, input));
    },
  );

  app.post(
    "/api/v1/forum/editions/:year/secretariat/requests/:id/accept",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "acceptForumRequest",
        tags: TAGS,
        summary: "Accept a submitted request: a draft session numbered after the edition's last",
        description: `The session copies the request's title, description, format, mode, Action Lines, SDGs and speakers (a high-level slot's speaker as keynote), with the requester as organiser. ${DECISION} ${REFUSALS}.`,
        params: ReviewRequestParams,
        headers: IdempotencyHeaders,
        response: { 200: DecisionResponse },
      },
    },
    async (request, reply) => {
      const { context, edition, id } = await decisionOn(request, request.params);
      return answer(reply, await acceptRequest(context, edition, id));
    },
  );

  app.post(
    "/api/v1/forum/editions/:year/secretariat/requests/:id/decline",
    {
      config: SECRETARIAT,
      schema: {
        operationId: "declineForumRequest",
        tags: TAGS,
        summary: "Decline a submitted request with a reason the requester is told",
        description: `${DECISION} ${REFUSALS}, and \`validation_failed\` (\`required\` on \`reason\` when missing or blank, \`too_long\` past ${REQUEST_LIMITS.reason} characters).`,
        params: ReviewRequestParams,
        headers: IdempotencyHeaders,
        body: DeclineBody,
        response: { 200: DecisionResponse },
      },
    },
    async (request, reply) => {
      const { context, edition, id } = await decisionOn(request, request.params);
      return answer(reply, await declineRequest(context, edition, id, request.body.reason));
    },
  );
}
