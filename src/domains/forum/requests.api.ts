import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { replayedOutcome, apiWriteOptions as writeOptions } from "../../platform/http/idempotent-api.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { IdempotencyHeaders } from "../stocktaking/entries.schema.ts";
import { parseForumYear } from "./ocp-edition.ts";
import { presentRequest } from "./requests.presenter.ts";
import {
  CreateRequestBody,
  ForumYearParams,
  RequestList,
  RequestParams,
  RequestResponse,
  UpdateRequestBody,
} from "./requests.schema.ts";
import {
  createRequest,
  getOwnRequest,
  inputOfRequest,
  listOwnRequests,
  parseRequestId,
  type RequestOutcome,
  submitRequest,
  updateRequest,
} from "./requests.service.ts";

const TAGS = ["forum"];
const REFUSALS =
  "Refusals (problem+json `code`): `forum_ocp_closed` (after the deadline; the title names it in the edition's time zone), `forum_ocp_not_yet_open`, `forum_edition_not_found`, `forum_request_not_found`, `forum_request_locked` (the secretariat has decided on it), `idempotency_conflict`, and `validation_failed` with field codes (`required`, `too_long`, `unknown_code` for Action Lines/SDGs not in the reference data, `invalid_value`, `invalid_email`, `duplicate` for a speaker's address given twice in any case, …).";

/** OCP binding requests through the API: the requester's side (`forum:write` for tokens). */
export async function requestsApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "forum.participate");

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    result: Idempotent<RequestOutcome>,
    status = 200,
  ) {
    const { request: row, edition } = await getOwnRequest(
      db,
      actor,
      replayedOutcome(reply, result).requestId,
    );
    return reply.code(status).send(presentRequest(row, edition, request.t, request.lang));
  }

  app.post(
    "/api/v1/forum/editions/:year/requests",
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "createSessionProposal",
        tags: TAGS,
        summary: "Propose a workshop (or ask for exhibition space or a high-level slot) for an edition",
        description: `A binding request of the Open Consultation Process, kept as a draft or submitted, while the OCP's submissions window is open (the server's clock decides). ${REFUSALS}`,
        params: ForumYearParams,
        headers: IdempotencyHeaders,
        body: CreateRequestBody,
        response: { 201: RequestResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { kind, ...input } = request.body;
      const result = await createRequest(
        db,
        actor,
        parseForumYear(request.params.year),
        kind ?? "workshop",
        input,
        writeOptions(request),
      );
      reply.header("location", `/api/v1/forum/requests/${result.outcome.requestId}`);
      return answer(request, reply, actor, result, 201);
    },
  );

  app.get(
    "/api/v1/forum/requests",
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "listMyForumRequests",
        tags: TAGS,
        summary: "Your OCP binding requests in every edition, with their status",
        response: { 200: RequestList },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listOwnRequests(db, actor);
      return { items: rows.map((row) => presentRequest(row.request, row.edition, request.t, request.lang)) };
    },
  );

  app.get(
    "/api/v1/forum/requests/:id",
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "getForumRequest",
        tags: TAGS,
        summary: "One of your OCP binding requests",
        params: RequestParams,
        response: { 200: RequestResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { request: row, edition } = await getOwnRequest(db, actor, parseRequestId(request.params.id));
      return presentRequest(row, edition, request.t, request.lang);
    },
  );

  app.patch(
    "/api/v1/forum/requests/:id",
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "updateForumRequest",
        tags: TAGS,
        summary:
          "Change your draft or submitted request until the deadline; fields left out keep their value",
        description: `A submitted request must stay complete; \`submit: true\` submits a draft. ${REFUSALS}`,
        params: RequestParams,
        headers: IdempotencyHeaders,
        body: UpdateRequestBody,
        response: { 200: RequestResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = parseRequestId(request.params.id);
      const { request: current } = await getOwnRequest(db, actor, id);
      const input = { ...inputOfRequest(current), ...request.body };
      return answer(request, reply, actor, await updateRequest(db, actor, id, input, writeOptions(request)));
    },
  );

  app.post(
    "/api/v1/forum/requests/:id/submit",
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "submitForumRequest",
        tags: TAGS,
        summary: "Submit your draft request to the secretariat; it must be complete",
        description: REFUSALS,
        params: RequestParams,
        headers: IdempotencyHeaders,
        response: { 200: RequestResponse },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = parseRequestId(request.params.id);
      return answer(request, reply, actor, await submitRequest(db, actor, id, writeOptions(request)));
    },
  );
}
