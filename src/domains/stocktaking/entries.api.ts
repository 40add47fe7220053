import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { apiWriteOptions, replayedOutcome } from "../../platform/http/idempotent-api.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
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
import { apiEntryMerged, mergedSurvivor } from "./entry-merges.ts";

const SECURITY = [{ bearer: [] }];

/** The entry as this caller may see it, in the API shape. */
async function entryAnswer(app: FastifyInstance, request: FastifyRequest, entryId: string) {
  const reader = await getEntryForReader(app.deps.db, request.actor, entryId);
  return presentEntry(reader, makeLabels(reader.ref, request.t, request.lang));
}

/**
 * Writes share one answer: the entry as the caller now sees it, with a replayed answer marked so
 * a client can tell it did not act twice.
 */
export async function answerWrite(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  result: Idempotent<{ entryId: string }>,
  status = 200,
) {
  const { entryId } = replayedOutcome(reply, result);
  return reply.code(status).send(await entryAnswer(app, request, entryId));
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
        ...apiWriteOptions(request),
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
        ...apiWriteOptions(request),
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
      const result = await submitEntry(
        db,
        actorOf(request),
        parseEntryId(request.params.id),
        apiWriteOptions(request),
      );
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
        description:
          "An entry a moderator merged into another (a duplicate) answers 308 `entry_merged`: a problem document with `Location: /api/v1/entries/{survivor}`, which clients that follow redirects read transparently.",
        params: EntryParams,
        response: { 200: EntryResponse },
      },
    },
    async (request) => {
      const entryId = parseEntryId(request.params.id);
      try {
        return await entryAnswer(base, request, entryId);
      } catch (error) {
        const survivor = mergedSurvivor(error);
        throw survivor ? apiEntryMerged(survivor) : error;
      }
    },
  );
}
