import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { getMergeHistory } from "./duplicates-view.service.ts";
import { entriesApiRoutes } from "./entries.api.ts";
import { EntryPage, HistoryPage, MyEntriesPage } from "./entries.pages.tsx";
import { isModerator, isOwner } from "./entries.policy.ts";
import { makeLabels, presentContent, presentImages } from "./entries.presenter.ts";
import {
  createEntry,
  type EditableEntry,
  type EntryForReader,
  type EntryOutcome,
  getEditableEntry,
  getEntryForReader,
  getEntryHistory,
  listMyEntries,
  MY_ENTRIES_PAGE_SIZE,
  newEntryForm,
  parseEntryId,
  submitEntry,
  updateEntry,
} from "./entries.service.ts";
import { ENTRY_LANGUAGES } from "./entry-fields.ts";
import { EntryFormPage } from "./entry-form.pages.tsx";
import {
  type FormState,
  formField,
  idParam,
  newIdempotencyKey,
  pageOf,
  pageParam,
  submitForm,
} from "./entry-http.ts";
import {
  type EntryFormValues,
  emptyFormValues,
  formValuesFromBody,
  formValuesFromDraft,
} from "./entry-input.ts";
import { mergedSurvivor } from "./entry-merges.ts";
import { chooseReadingText } from "./entry-translations.presenter.ts";
import { MergedFromSections, MergedIntoNotice } from "./merge-history.pages.tsx";

/** Where a successful save leads: the queue confirmation after a submission, else the entry. */
function afterSave(reply: FastifyReply, outcome: EntryOutcome): FastifyReply {
  return outcome.state === "submitted"
    ? redirectWithFlash(reply, "/my/entries", "flash.entries.submitted")
    : redirectWithFlash(reply, `/entries/${outcome.entryId}`, "flash.entries.saved");
}

/** The upload form's state when it is shown again after a failed upload. */
export interface ImageFormState {
  alt: string;
  errors: FormErrors;
  key: string;
}

/** What the edit page shows again after a failed post; by default the latest revision, freshly keyed. */
export interface EditFormState extends Partial<FormState<EntryFormValues>> {
  imageForm?: ImageFormState;
}

/** The edit page: the entry form with the latest revision (or what was typed), and the images section. */
export function renderEditForm(
  request: FastifyRequest,
  reply: FastifyReply,
  editable: EditableEntry,
  state: EditFormState = {},
): FastifyReply {
  const ctx = pageContext(request, reply);
  const imageForm = state.imageForm ?? { alt: "", errors: {}, key: newIdempotencyKey() };
  return sendPage(
    reply,
    <EntryFormPage
      ctx={ctx}
      ref={editable.ref}
      labels={makeLabels(editable.ref, ctx.t, ctx.lang)}
      values={state.values ?? formValuesFromDraft(editable.latest.data)}
      errors={state.errors ?? {}}
      idempotencyKey={state.key ?? newIdempotencyKey()}
      target={{
        kind: "edit",
        entry: editable.entry,
        revisionNumber: editable.latest.number,
        lastDecision: editable.lastDecision,
      }}
      images={{
        images: presentImages(editable.latest.data.images, editable.images),
        alt: imageForm.alt,
        errors: imageForm.errors,
        idempotencyKey: imageForm.key,
        removeKeyFor: () => newIdempotencyKey(),
      }}
      translations={editable.latest.data.translations}
    />,
    state.status ?? 200,
  );
}

/** Stocktaking entry pages: create, edit, submit, read, history and "my entries". */
export async function entriesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  await app.register(entriesApiRoutes);

  async function renderNewForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    state: Partial<FormState<EntryFormValues>> = {},
  ) {
    const ctx = pageContext(request, reply);
    const form = await newEntryForm(db, actor);
    const language = (ENTRY_LANGUAGES as readonly string[]).includes(ctx.lang) ? ctx.lang : "en";
    const values = state.values ?? {
      ...emptyFormValues(language, form.organisationName),
      stakeholderType: form.stakeholderType,
    };
    return sendPage(
      reply,
      <EntryFormPage
        ctx={ctx}
        ref={form.ref}
        labels={makeLabels(form.ref, ctx.t, ctx.lang)}
        values={values}
        errors={state.errors ?? {}}
        idempotencyKey={state.key ?? newIdempotencyKey()}
        target={{ kind: "new" }}
      />,
      state.status ?? 200,
    );
  }

  app.get("/entries/new", { config: { permission: "entries.create" } }, async (request, reply) =>
    renderNewForm(request, reply, requirePermission(request.actor, "entries.create")),
  );

  app.post("/entries", { config: { permission: "entries.create" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "entries.create");
    const values = formValuesFromBody(request.body);
    const submit = formField(request.body, "intent") === "submit";
    return submitForm(
      request,
      values,
      async (write) =>
        afterSave(reply, (await createEntry(db, actor, { ...values }, { submit, ...write })).outcome),
      (form) => renderNewForm(request, reply, actor, form),
    );
  });

  app.get("/entries/:id/edit", { config: { permission: "entries.create" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "entries.create");
    return renderEditForm(request, reply, await getEditableEntry(db, actor, parseEntryId(idParam(request))));
  });

  app.post("/entries/:id", { config: { permission: "entries.create" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "entries.create");
    const entryId = parseEntryId(idParam(request));
    const values = formValuesFromBody(request.body);
    const submit = formField(request.body, "intent") === "submit";
    return submitForm(
      request,
      values,
      async (write) =>
        afterSave(
          reply,
          (await updateEntry(db, actor, entryId, { ...values }, { submit, ...write })).outcome,
        ),
      async (form) => renderEditForm(request, reply, await getEditableEntry(db, actor, entryId), form),
    );
  });

  app.post("/entries/:id/submit", { config: { permission: "entries.create" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "entries.create");
    const entryId = parseEntryId(idParam(request));
    return submitForm(
      request,
      null,
      async (write) => afterSave(reply, (await submitEntry(db, actor, entryId, write)).outcome),
      // An incomplete entry: the form with what is missing (the latest revision, freshly keyed),
      // ready to complete and submit.
      async ({ errors, status }) =>
        renderEditForm(request, reply, await getEditableEntry(db, actor, entryId), { errors, status }),
    );
  });

  app.get("/entries/:id", { config: { permission: "public" } }, async (request, reply) => {
    const entryId = parseEntryId(idParam(request));
    let reader: EntryForReader;
    try {
      reader = await getEntryForReader(db, request.actor, entryId);
    } catch (error) {
      // A merged entry's address moves for good to the entry it was merged into.
      const survivor = mergedSurvivor(error);
      if (!survivor) throw error;
      const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
      return reply.redirect(`/entries/${survivor}${query}`, 301);
    }
    const ctx = pageContext(request, reply);
    const labels = makeLabels(reader.ref, ctx.t, ctx.lang);
    const requested = (request.query as Record<string, unknown> | undefined)?.text;
    return sendPage(
      reply,
      <EntryPage
        ctx={ctx}
        entry={reader.entry}
        content={presentContent(reader.shown, labels, reader.images)}
        reading={chooseReadingText(reader.shown.data, ctx.lang, requested)}
        pending={reader.pending ? { revisionNumber: reader.pending.number } : null}
        isOwner={isOwner(request.actor, reader.entry)}
        isModerator={isModerator(request.actor)}
        idempotencyKey={newIdempotencyKey()}
      />,
    );
  });

  app.get("/entries/:id/history", { config: { permission: "account.self" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "account.self");
    const history = await getEntryHistory(db, actor, parseEntryId(idParam(request)));
    const merges = await getMergeHistory(db, actor, history.entry);
    const ctx = pageContext(request, reply);
    const labels = makeLabels(history.ref, ctx.t, ctx.lang);
    return sendPage(
      reply,
      <HistoryPage
        ctx={ctx}
        entry={history.entry}
        revisions={history.revisions}
        decisions={history.decisions}
        labels={labels}
        merges={{
          notice: <MergedIntoNotice ctx={ctx} mergedInto={merges.mergedInto} />,
          sections: <MergedFromSections ctx={ctx} mergedFrom={merges.mergedFrom} labels={labels} />,
        }}
      />,
    );
  });

  app.get("/my/entries", { config: { permission: "entries.create" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "entries.create");
    const page = pageParam(request.query);
    const mine = await listMyEntries(db, actor, page);
    return sendPage(
      reply,
      <MyEntriesPage
        ctx={pageContext(request, reply)}
        {...pageOf({ ...mine, pageSize: MY_ENTRIES_PAGE_SIZE }, page)}
        keyFor={() => newIdempotencyKey()}
      />,
    );
  });
}
