import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { apiWriteOptions } from "../../platform/http/idempotent-api.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { answerWrite } from "./entries.api.ts";
import { EntryResponse, IdempotencyHeaders, TranslationBody, TranslationParams } from "./entries.schema.ts";
import { parseEntryId } from "./entries.service.ts";
import {
  parseTranslationLanguage,
  removeEntryTranslation,
  saveEntryTranslation,
} from "./entry-translations.service.ts";

const SECURITY = [{ bearer: [] }];

/** The owner's translations of an entry's title and description, through the API. */
export async function entryTranslationsApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;

  app.put(
    "/api/v1/entries/:id/translations/:language",
    {
      config: { permission: "entries.create" },
      schema: {
        operationId: "putEntryTranslation",
        tags: ["entries"],
        summary: "Add or replace your translation of the entry's title and description",
        description:
          "Saved to your working draft as a new revision; it becomes public when a moderator publishes that revision. The entry's own language answers 400 `same_as_original` on `language`.",
        security: SECURITY,
        params: TranslationParams,
        headers: IdempotencyHeaders,
        body: TranslationBody,
        response: { 200: EntryResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(request.params.id);
      const language = parseTranslationLanguage(request.params.language);
      const result = await saveEntryTranslation(
        db,
        actor,
        entryId,
        { ...request.body, language },
        apiWriteOptions(request),
      );
      return answerWrite(base, request, reply, result);
    },
  );

  app.delete(
    "/api/v1/entries/:id/translations/:language",
    {
      config: { permission: "entries.create" },
      schema: {
        operationId: "deleteEntryTranslation",
        tags: ["entries"],
        summary: "Remove your translation in one language from the entry's working draft",
        security: SECURITY,
        params: TranslationParams,
        headers: IdempotencyHeaders,
        response: { 200: EntryResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(request.params.id);
      const language = parseTranslationLanguage(request.params.language);
      const result = await removeEntryTranslation(db, actor, entryId, language, apiWriteOptions(request));
      return answerWrite(base, request, reply, result);
    },
  );
}
