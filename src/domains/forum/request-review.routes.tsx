import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ForumRequestKind, ForumRequestStatus } from "../../db/schema.ts";
import { type AppError, notFound, ValidationError } from "../../platform/errors.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { loadOcpEdition, type OcpEdition, parseForumYear } from "./ocp-edition.ts";
import { isRefusal } from "./ocp-http.ts";
import { labelOf, ocpOptions } from "./ocp-options.ts";
import { AnalysisPage } from "./request-analysis.pages.tsx";
import { decisionContext, requestReviewApiRoutes } from "./request-review.api.ts";
import {
  type MergeValues,
  type ReviewFilter,
  ReviewListPage,
  ReviewRequestPage,
} from "./request-review.pages.tsx";
import { analysisLabel } from "./request-review.presenter.ts";
import { acceptRequest, analyseOcp, declineRequest, mergeRequests } from "./request-review.service.ts";
import { findRequest, listEditionRequestSummaries } from "./requests.repo.ts";
import { parseRequestId } from "./requests.service.ts";
import { isRequestKind } from "./requests-input.ts";

const STATUSES: readonly ForumRequestStatus[] = ["submitted", "accepted", "merged", "declined"];

/** The list's filters from the query; unknown values are ignored (a filter, not a form). */
function filterOf(query: unknown, actionLines: ReadonlySet<string>): ReviewFilter {
  const q = (query ?? {}) as Record<string, unknown>;
  const kind = formText(q, "kind");
  const status = formText(q, "status");
  const actionLine = formText(q, "actionLine");
  return {
    kind: isRequestKind(kind) ? (kind as ForumRequestKind) : "",
    status: (STATUSES as readonly string[]).includes(status) ? (status as ForumRequestStatus) : "",
    actionLine: actionLines.has(actionLine) ? actionLine : "",
  };
}

/** The secretariat's side of the OCP: review, accept, merge, decline, and the live analysis. */
export async function requestReviewRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  await app.register(requestReviewApiRoutes);
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "forum.secretariat");
  const editionOf = (request: FastifyRequest) =>
    loadOcpEdition(db, parseForumYear((request.params as { year: string }).year));
  const context = (request: FastifyRequest, actor: Actor) => decisionContext(app, request, actor);
  /** What every secretariat page starts from: its context and the form choices in its language. */
  const pageBasics = async (request: FastifyRequest, reply: FastifyReply) => {
    const ctx = pageContext(request, reply);
    const ref = await loadReferenceData(db);
    return { ctx, ref, options: ocpOptions(ref, ctx.t, ctx.lang) };
  };
  const listUrl = (edition: OcpEdition) => `/forum/${edition.year}/secretariat/requests`;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: OcpEdition,
    state: { merge?: MergeValues; errors?: FormErrors; refusal?: AppError; status?: number } = {},
  ) {
    const { ctx, ref, options } = await pageBasics(request, reply);
    const filter = filterOf(request.query, new Set(ref.actionLines.map((line) => line.code)));
    const requests = await listEditionRequestSummaries(db, edition.id, {
      kind: filter.kind || null,
      status: filter.status || null,
      actionLine: filter.actionLine || null,
    });
    return sendPage(
      reply,
      <ReviewListPage
        ctx={ctx}
        year={edition.year}
        requests={requests}
        filter={filter}
        options={options}
        merge={state.merge ?? { requests: [], title: "", description: "" }}
        errors={state.errors ?? {}}
        refusal={state.refusal ?? null}
      />,
      state.status ?? 200,
    );
  }

  async function renderRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: OcpEdition,
    id: string,
    state: { reason?: string; errors?: FormErrors; refusal?: AppError; status?: number } = {},
  ) {
    const row = await findRequest(db, parseRequestId(id));
    if (!row || row.edition_id !== edition.id || row.status === "draft")
      throw notFound("forum_request_not_found");
    const { ctx, options } = await pageBasics(request, reply);
    return sendPage(
      reply,
      <ReviewRequestPage
        ctx={ctx}
        year={edition.year}
        request={row}
        options={options}
        reason={state.reason ?? ""}
        errors={state.errors ?? {}}
        refusal={state.refusal ?? null}
        profile={{
          stakeholderType: labelOf(options.stakeholderTypes, row.stakeholder_type),
          region: labelOf(options.regions, row.region_code),
        }}
      />,
      state.status ?? 200,
    );
  }

  const permission = { config: { permission: "forum.secretariat" } } as const;

  app.get("/forum/:year/secretariat/requests", permission, async (request, reply) => {
    actorOf(request);
    return renderList(request, reply, await editionOf(request));
  });

  app.get("/forum/:year/secretariat/requests/analysis", permission, async (request, reply) => {
    actorOf(request);
    const edition = await editionOf(request);
    const { ctx, options } = await pageBasics(request, reply);
    const { submissions, requests } = await analyseOcp(db, edition);
    return sendPage(
      reply,
      <AnalysisPage
        ctx={ctx}
        year={edition.year}
        submissions={submissions}
        requests={requests}
        label={analysisLabel(options, ctx.t)}
      />,
    );
  });

  app.post("/forum/:year/secretariat/requests/merge", permission, async (request, reply) => {
    const actor = actorOf(request);
    const edition = await editionOf(request);
    const { body } = request;
    const merge: MergeValues = {
      requests: formList(body, "requests"),
      title: formText(body, "title"),
      description: formText(body, "description"),
    };
    try {
      await mergeRequests(context(request, actor), edition, { ids: merge.requests, ...merge });
    } catch (error) {
      if (error instanceof ValidationError)
        return renderList(request, reply, edition, {
          merge,
          errors: toFormErrors(error.fieldErrors),
          status: 400,
        });
      if (isRefusal(error))
        return renderList(request, reply, edition, { merge, refusal: error, status: 409 });
      throw error;
    }
    return redirectWithFlash(reply, listUrl(edition), "flash.forum.ocp.merged");
  });

  app.get("/forum/:year/secretariat/requests/:id", permission, async (request, reply) => {
    actorOf(request);
    const edition = await editionOf(request);
    return renderRequest(request, reply, edition, (request.params as { id: string }).id);
  });

  app.post("/forum/:year/secretariat/requests/:id/accept", permission, async (request, reply) => {
    const actor = actorOf(request);
    const edition = await editionOf(request);
    const id = parseRequestId((request.params as { id: string }).id);
    try {
      await acceptRequest(context(request, actor), edition, id);
    } catch (error) {
      if (isRefusal(error))
        return renderRequest(request, reply, edition, id, { refusal: error, status: 409 });
      throw error;
    }
    return redirectWithFlash(reply, listUrl(edition), "flash.forum.ocp.accepted");
  });

  app.post("/forum/:year/secretariat/requests/:id/decline", permission, async (request, reply) => {
    const actor = actorOf(request);
    const edition = await editionOf(request);
    const id = parseRequestId((request.params as { id: string }).id);
    const reason = formText(request.body, "reason");
    try {
      await declineRequest(context(request, actor), edition, id, reason);
    } catch (error) {
      if (error instanceof ValidationError)
        return renderRequest(request, reply, edition, id, {
          reason,
          errors: toFormErrors(error.fieldErrors),
          status: 400,
        });
      if (isRefusal(error))
        return renderRequest(request, reply, edition, id, { reason, refusal: error, status: 409 });
      throw error;
    }
    return redirectWithFlash(reply, listUrl(edition), "flash.forum.ocp.declined");
  });
}
