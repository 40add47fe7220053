import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requirePermission } from "../../platform/permissions.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { type EditableEntry, getEditableEntry, parseEntryId } from "./entries.service.ts";
import {
  type FormState,
  formField,
  formWriteOptions,
  idParam,
  newIdempotencyKey,
  submitForm,
} from "./entry-http.ts";
import { entryTranslationsApiRoutes } from "./entry-translations.api.ts";
import { type TranslationFormValues, TranslationsPage } from "./entry-translations.pages.tsx";
import {
  parseTranslationLanguage,
  removeEntryTranslation,
  saveEntryTranslation,
} from "./entry-translations.service.ts";

/** The form starts empty, or with the translation named by `?language=` when there is one. */
function startingValues(editable: EditableEntry, query: unknown): TranslationFormValues {
  const wanted = (query as Record<string, unknown> | undefined)?.language;
  const found = editable.latest.data.translations.find((item) => item.language === wanted);
  return found ?? { language: "", title: "", description: "" };
}

function renderTranslationsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  editable: EditableEntry,
  state: Partial<FormState<TranslationFormValues>> = {},
): FastifyReply {
  const ctx = pageContext(request, reply);
  const { data } = editable.latest;
  return sendPage(
    reply,
    <TranslationsPage
      ctx={ctx}
      entryId={editable.entry.id}
      title={data.title}
      originalLanguage={data.language}
      translations={data.translations}
      values={state.values ?? startingValues(editable, request.query)}
      errors={state.errors ?? {}}
      idempotencyKey={state.key ?? newIdempotencyKey()}
      removeKeyFor={() => newIdempotencyKey()}
    />,
    state.status ?? 200,
  );
}

/** The owner's translations of an entry's title and description: a page, its form posts, and the API. */
export async function entryTranslationsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  await app.register(entryTranslationsApiRoutes);

  app.get(
    "/entries/:id/translations",
    { config: { permission: "entries.create" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const editable = await getEditableEntry(db, actor, parseEntryId(idParam(request)));
      return renderTranslationsPage(request, reply, editable);
    },
  );

  app.post(
    "/entries/:id/translations",
    { config: { permission: "entries.create" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(idParam(request));
      const values: TranslationFormValues = {
        language: formField(request.body, "language"),
        title: formField(request.body, "title"),
        description: formField(request.body, "description"),
      };
      return submitForm(
        request,
        values,
        async (write) => {
          await saveEntryTranslation(db, actor, entryId, values, write);
          return redirectWithFlash(
            reply,
            `/entries/${entryId}/translations`,
            "flash.entries.translationSaved",
          );
        },
        async (form) =>
          renderTranslationsPage(request, reply, await getEditableEntry(db, actor, entryId), form),
      );
    },
  );

  app.post(
    "/entries/:id/translations/:language/remove",
    { config: { permission: "entries.create" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(idParam(request));
      const language = parseTranslationLanguage((request.params as Record<string, unknown>).language);
      await removeEntryTranslation(db, actor, entryId, language, formWriteOptions(request));
      return redirectWithFlash(reply, `/entries/${entryId}/translations`, "flash.entries.translationRemoved");
    },
  );
}
