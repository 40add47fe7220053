import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { apiWriteOptions, replayedOutcome } from "../../platform/http/idempotent-api.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { IdempotencyHeaders } from "../stocktaking/entries.schema.ts";
import { presentOcpSubmission } from "./ocp.presenter.ts";
import { SubmissionBody, SubmissionResponse } from "./ocp.schema.ts";
import { getOwnOcpSubmission, saveOcpSubmission } from "./ocp.service.ts";
import { loadOcpEdition, parseForumYear } from "./ocp-edition.ts";
import { ForumYearParams } from "./requests.schema.ts";

const TAGS = ["forum"];
const SUBMISSION_URL = "/api/v1/forum/editions/:year/my-submission";

/** The stakeholder's official OCP submission through the API (`forum:write` for tokens). */
export async function ocpApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;

  app.get(
    SUBMISSION_URL,
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "getMyForumSubmission",
        tags: TAGS,
        summary: "Your official OCP submission for an edition",
        description:
          "Refusals (problem+json `code`): `forum_edition_not_found`, `forum_ocp_submission_not_found` (none made yet).",
        params: ForumYearParams,
        response: { 200: SubmissionResponse },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const edition = await loadOcpEdition(db, parseForumYear(request.params.year));
      const row = await getOwnOcpSubmission(db, actor, edition);
      return presentOcpSubmission(row, edition, request.t, request.lang);
    },
  );

  app.put(
    SUBMISSION_URL,
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "putMyForumSubmission",
        tags: TAGS,
        summary: "Make or replace your official OCP submission for an edition",
        description:
          "One per account per edition, replaced whole while the OCP's submissions window is open (the server's clock decides); 201 when it is made, 200 when replaced. Your organisation's stakeholder type, country and region are recorded with it for the analysis. Send an `Idempotency-Key` to retry safely. Refusals (problem+json `code`): `forum_ocp_closed` (after the deadline; the title names it in the edition's time zone), `forum_ocp_not_yet_open`, `forum_edition_not_found`, `idempotency_conflict`, and `validation_failed` with field codes (`required` and `too_long` on `themes`, `too_long` on `format`, `unknown_code` for Action Lines or SDGs not in the reference data).",
        params: ForumYearParams,
        headers: IdempotencyHeaders,
        body: SubmissionBody,
        response: { 200: SubmissionResponse, 201: SubmissionResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const edition = await loadOcpEdition(db, parseForumYear(request.params.year));
      const { themes, format, actionLines, sdgs } = request.body;
      const input = { themes, format: format ?? "", actionLines: actionLines ?? [], sdgs: sdgs ?? [] };
      const result = await saveOcpSubmission(db, actor, edition, input, apiWriteOptions(request));
      const { created } = replayedOutcome(reply, result);
      const row = await getOwnOcpSubmission(db, actor, edition);
      return reply
        .code(created ? 201 : 200)
        .send(presentOcpSubmission(row, edition, request.t, request.lang));
    },
  );
}
