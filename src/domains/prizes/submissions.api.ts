import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { apiWriteOptions, replayedOutcome } from "../../platform/http/idempotent-api.ts";
import { localName } from "../../platform/i18n.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { IdempotencyHeaders } from "../stocktaking/entries.schema.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { parseYear } from "./submission-eligibility.ts";
import { presentSubmission } from "./submissions.presenter.ts";
import {
  CreateSubmissionBody,
  EditionYearParams,
  SubmissionList,
  SubmissionParams,
  SubmissionResponse,
  UpdateSubmissionBody,
} from "./submissions.schema.ts";
import {
  createSubmission,
  getOwnSubmission,
  listOwnSubmissions,
  parseSubmissionId,
  type SubmissionOutcome,
  submitSubmission,
  updateSubmission,
  withdrawSubmission,
} from "./submissions.service.ts";

const TAGS = ["prizes"];
const REFUSALS =
  "Refusals (problem+json `code`): `prize_submission_closed` (after the deadline, named in the edition's time zone), `prize_submission_not_yet_open`, `prize_submission_not_open`, `prize_no_organisation`, `prize_entry_not_owned` (403), `prize_entry_not_enterable`, `prize_previous_winner`, `submission_exists` (your organisation already has a project in the category), `prize_entry_already_entered`, `prize_submission_locked`, and `validation_failed` with field codes (`too_few_words`, `too_many_words`, `required`, `unknown_code`, …).";

/** Category names in the caller's language. */
async function categoryNames(db: Kysely<Database>, lang: Parameters<typeof localName>[1]) {
  const ref = await loadReferenceData(db);
  const names = new Map(ref.actionLines.map((line) => [line.code, localName(line.names, lang)]));
  return (code: string) => names.get(code) ?? code;
}

/** Prize submissions through the API: the submitter's side (`prizes:write` for tokens). */
export async function submissionsApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "prizes.submit");

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    result: Idempotent<SubmissionOutcome>,
    status = 200,
  ) {
    const { submission, edition } = await getOwnSubmission(
      db,
      actor,
      replayedOutcome(reply, result).submissionId,
    );
    const names = await categoryNames(db, request.lang);
    return reply.code(status).send(presentSubmission(submission, edition.windows, names));
  }

  app.post(
    "/api/v1/prizes/editions/:year/submissions",
    {
      config: { permission: "prizes.submit" },
      schema: {
        operationId: "createPrizeSubmission",
        tags: TAGS,
        summary:
          "Enter one of your stocktaking entries into a category of an edition (a draft, or submitted)",
        description: `While the submission phase is open (the server's clock decides). One project per organisation per category; the entry must be yours, published or awaiting moderation, and not a previous winner. ${REFUSALS}`,
        params: EditionYearParams,
        headers: IdempotencyHeaders,
        body: CreateSubmissionBody,
        response: { 201: SubmissionResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { entryId, submit, ...input } = request.body;
      const result = await createSubmission(
        db,
        actor,
        parseYear(request.params.year),
        { ...input, entryId, submit: submit === true },
        apiWriteOptions(request),
      );
      reply.header("location", `/api/v1/prizes/submissions/${result.outcome.submissionId}`);
      return answer(request, reply, actor, result, 201);
    },
  );

  app.get(
    "/api/v1/prizes/submissions",
    {
      config: { permission: "prizes.submit" },
      schema: {
        operationId: "listMySubmissions",
        tags: TAGS,
        summary: "Your prize submissions in every edition, with their status",
        response: { 200: SubmissionList },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const names = await categoryNames(db, request.lang);
      const rows = await listOwnSubmissions(db, actor);
      return {
        items: rows.map(({ submission, edition }) => presentSubmission(submission, edition.windows, names)),
      };
    },
  );

  app.get(
    "/api/v1/prizes/submissions/:id",
    {
      config: { permission: "prizes.submit" },
      schema: {
        operationId: "getPrizeSubmission",
        tags: TAGS,
        summary: "One of your prize submissions",
        params: SubmissionParams,
        response: { 200: SubmissionResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { submission, edition } = await getOwnSubmission(db, actor, parseSubmissionId(request.params.id));
      return presentSubmission(submission, edition.windows, await categoryNames(db, request.lang));
    },
  );

  app.patch(
    "/api/v1/prizes/submissions/:id",
    {
      config: { permission: "prizes.submit" },
      schema: {
        operationId: "updatePrizeSubmission",
        tags: TAGS,
        summary:
          "Change your draft or submitted submission until the deadline; fields left out keep their value",
        description: `A submitted submission must stay complete. ${REFUSALS}`,
        params: SubmissionParams,
        headers: IdempotencyHeaders,
        body: UpdateSubmissionBody,
        response: { 200: SubmissionResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await updateSubmission(db, actor, parseSubmissionId(request.params.id), request.body, {
        ...apiWriteOptions(request),
        merge: true,
      });
      return answer(request, reply, actor, result);
    },
  );

  /** A step in a submission's life (`/submit`, `/withdraw`): no body, the submission back. */
  function stepRoute(
    step: "submit" | "withdraw",
    doc: { operationId: string; summary: string; description: string },
    act: typeof submitSubmission,
  ) {
    app.post(
      `/api/v1/prizes/submissions/:id/${step}`,
      {
        config: { permission: "prizes.submit" },
        schema: {
          operationId: doc.operationId,
          tags: TAGS,
          summary: doc.summary,
          description: doc.description,
          params: SubmissionParams,
          headers: IdempotencyHeaders,
          response: { 200: SubmissionResponse },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const result = await act(db, actor, parseSubmissionId(request.params.id), apiWriteOptions(request));
        return answer(request, reply, actor, result);
      },
    );
  }

  stepRoute(
    "submit",
    {
      operationId: "submitPrizeSubmission",
      summary: "Submit your draft for review; the form must be complete and the project eligible",
      description: REFUSALS,
    },
    submitSubmission,
  );
  stepRoute(
    "withdraw",
    {
      operationId: "withdrawPrizeSubmission",
      summary: "Withdraw your draft or submitted submission; your organisation may then enter another",
      description: "Refused with `prize_submission_locked` once the secretariat has decided on it.",
    },
    withdrawSubmission,
  );
}
