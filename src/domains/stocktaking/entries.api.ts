import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { clientIp } from "../../platform/http/request-context.ts";
import { type Idempotent, parseIdempotencyKey } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { makeLabels, presentEntry } from "./entries.presenter.ts";
import {
  CreateEntryBody,
  EntryParams,
  EntryResponse,
  IdempotencyHeaders,
  UpdateEntryBody,
} from "./entries.schema.ts";
import { createEntry, getEntryForReader, parseEntryId, submitEntry, updateEntry } from "./entries.service.ts";

const SECURITY = [{ bearer: [] }];

/** The entry as this caller may see it, in the API shape (shared with the moderation API). */
export async function entryAnswer(app: FastifyInstance, request: FastifyRequest, entryId: string) {
  const reader = await getEntryForReader(app.deps.db, request.actor, entryId);
  return presentEntry(reader, makeLabels(reader.ref, request.t, request.lang));
}

/** The key from the `Idempotency-Key` header, validated. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  return parseIdempotencyKey(request.headers["idempotency-key"], "Idempotency-Key");
}

/** Marks a replayed answer, so a client can tell it did not act twice. */
export function markReplay(reply: FastifyReply, result: Idempotent<unknown>): void {
  if (result.replayed) reply.header("idempotent-replayed", "true");
}

/** Writes share one shape: the service call, then the entry as the caller now sees it. */
async function answerWrite(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  result: Idempotent<{ entryId: string }>,
  status = 200,
) {
  markReplay(reply, result);
  return reply.code(status).send(await entryAnswer(app, request, result.outcome.entryId));
}

export async function entriesApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "entries.create");

  app.post(
    "/api/v1/entries",
    {
      config: { permission: "entries.create" },
      schema: {
        operationId: "createEntry",
        tags: ["entries"],
        summary: "Create an entry (a draft, or submitted for review with `submit: true`)",
        security: SECURITY,
        headers: IdempotencyHeaders,
        body: CreateEntryBody,
        response: { 201: EntryResponse },
      },
    },
    async (request, reply) => {
      const { submit, ...input } = request.body;
      const result = await createEntry(db, actorOf(request), input, {
        submit: submit === true,
        idempotencyKey: idempotencyKeyOf(request),
        ip: clientIp(request),
      });
      reply.header("location", `/api/v1/entries/${result.outcome.entryId}`);
      return answerWrite(base, request, reply, result, 201);
    },
  );

  app.patch(
    "/api/v1/entries/:id",
    {
      config: { permission: "entries.create" },
      schema: {
        operationId: "updateEntry",
        tags: ["entries"],
        summary: "Save a new revision of your entry; fields left out keep their value",
        description:
          "A published entry stays public unchanged until a moderator publishes the new revision. Submitted entries are locked (409).",
        security: SECURITY,
        params: EntryParams,
        headers: IdempotencyHeaders,
        body: UpdateEntryBody,
        response: { 200: EntryResponse },
      },
    },
    async (request, reply) => {
      const { submit, ...input } = request.body;
      const result = await updateEntry(db, actorOf(request), parseEntryId(request.params.id), input, {
        submit: submit === true,
        merge: true,
        idempotencyKey: idempotencyKeyOf(request),
        ip: clientIp(request),
      });
      return answerWrite(base, request, reply, result);
    },
  );

  app.post(
    "/api/v1/entries/:id/submit",
    {
      config: { permission: "entries.create" },
      schema: {
        operationId: "submitEntry",
        tags: ["entries"],
        summary: "Submit your entry's latest revision for review (it must be complete)",
        security: SECURITY,
        params: EntryParams,
        headers: IdempotencyHeaders,
        response: { 200: EntryResponse },
      },
    },
    async (request, reply) => {
      const result = await submitEntry(db, actorOf(request), parseEntryId(request.params.id), {
        idempotencyKey: idempotencyKeyOf(request),
        ip: clientIp(request),
      });
      return answerWrite(base, request, reply, result);
    },
  );

  app.get(
    "/api/v1/entries/:id",
    {
      config: { permission: "public" },
      schema: {
        operationId: "getEntry",
        tags: ["entries"],
        summary: "Read an entry: its published revision, or the latest one for its owner and moderators",
        params: EntryParams,
        response: { 200: EntryResponse },
      },
    },
    async (request) => entryAnswer(base, request, parseEntryId(request.params.id)),
  );
}
