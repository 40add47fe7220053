import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import { localName } from "../../platform/i18n.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { newEntryForm } from "../stocktaking/entries.service.ts";
import { ENTRY_LANGUAGES } from "../stocktaking/entry-fields.ts";
import { formWriteOptions, newIdempotencyKey } from "../stocktaking/entry-http.ts";
import { type EntryFormValues, emptyFormValues, formValuesFromBody } from "../stocktaking/entry-input.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  assertSubmissionOpen,
  loadSubmissionEdition,
  parseYear,
  type SubmissionEdition,
  submissionWindowText,
} from "./submission-eligibility.ts";
import {
  SubmissionFormPage,
  type SubmissionFormTarget,
  type SubmissionFormValues,
} from "./submission-form.pages.tsx";
import { createSubmissionWithNewEntry } from "./submission-new-entry.service.ts";
import { submissionsApiRoutes } from "./submissions.api.ts";
import { MySubmissionsPage, SubmissionClosedPage, SubmissionViewPage } from "./submissions.pages.tsx";
import { isEditable } from "./submissions.presenter.ts";
import { listEnterableEntries } from "./submissions.repo.ts";
import {
  createSubmission,
  getOwnSubmission,
  listOwnSubmissions,
  OPEN_STATUSES,
  parseSubmissionId,
  type SubmissionOutcome,
  updateSubmission,
  withdrawSubmission,
} from "./submissions.service.ts";

/** The prize fields of a urlencoded body, as typed. */
function submissionValues(body: unknown): SubmissionFormValues {
  return {
    entryId: formText(body, "entryId"),
    category: formText(body, "category"),
    title: formText(body, "title"),
    shortDescription: formText(body, "shortDescription"),
    actionLineSdgLinks: formText(body, "actionLineSdgLinks"),
    gdcObjectives: formList(body, "gdcObjectives"),
    impact: formText(body, "impact"),
    partnerships: formText(body, "partnerships"),
    challenges: formText(body, "challenges"),
    projectStage: formText(body, "projectStage"),
  };
}

const EMPTY: SubmissionFormValues = submissionValues({});

/** Refusals shown on the form again (the rest, like 404, get the error page). */
const isRefusal = (error: unknown): error is AppError =>
  error instanceof AppError &&
  !(error instanceof ValidationError) &&
  (error.status === 403 || error.status === 409);

/** Refusals after which the form cannot be used any more: the submission is shown as it stands. */
const CLOSING_REFUSALS = new Set([
  "prize_submission_closed",
  "prize_submission_not_yet_open",
  "prize_submission_not_open",
  "prize_submission_locked",
]);

/** WSIS Prizes, the submitter's side: enter a project, keep drafts, submit, withdraw, follow the status. */
export async function submissionsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  await app.register(submissionsApiRoutes);
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "prizes.submit");

  async function categoryOptions(lang: Parameters<typeof localName>[1], codes: readonly string[]) {
    const ref = await loadReferenceData(db);
    const names = new Map(ref.actionLines.map((line) => [line.code, localName(line.names, lang)]));
    return { ref, options: codes.map((code) => ({ value: code, label: names.get(code) ?? code })), names };
  }

  interface FormState {
    values?: SubmissionFormValues;
    entryValues?: EntryFormValues;
    errors?: FormErrors;
    refusal?: AppError | null;
    key?: string | null;
    status?: number;
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    edition: SubmissionEdition,
    kind: "existing" | "new" | { edit: string },
    state: FormState = {},
  ) {
    const ctx = pageContext(request, reply);
    const { ref, options } = await categoryOptions(ctx.lang, edition.categories);
    let target: SubmissionFormTarget;
    let values = state.values ?? EMPTY;
    if (kind === "existing") {
      target = { kind, year: edition.year, entries: await listEnterableEntries(db, actor.id) };
      const preselected = (request.query as Record<string, unknown>).entry;
      if (!state.values && typeof preselected === "string") values = { ...EMPTY, entryId: preselected };
    } else if (kind === "new") {
      const form = await newEntryForm(db, actor);
      const language = (ENTRY_LANGUAGES as readonly string[]).includes(ctx.lang) ? ctx.lang : "en";
      const entryValues = state.entryValues ?? {
        ...emptyFormValues(language, form.organisationName),
        stakeholderType: form.stakeholderType,
      };
      target = { kind, year: edition.year, ref, entryValues };
    } else {
      const { submission } = await getOwnSubmission(db, actor, kind.edit);
      target = { kind: "edit", submission };
      values = state.values ?? {
        entryId: submission.entry_id,
        category: submission.category_code,
        title: submission.title,
        shortDescription: submission.short_description,
        actionLineSdgLinks: submission.action_line_sdg_links,
        gdcObjectives: submission.gdc_objectives.map(String),
        impact: submission.impact,
        partnerships: submission.partnerships,
        challenges: submission.challenges,
        projectStage: submission.project_stage ?? "",
      };
    }
    return sendPage(
      reply,
      <SubmissionFormPage
        ctx={ctx}
        target={target}
        values={values}
        errors={state.errors ?? {}}
        refusal={state.refusal ?? null}
        idempotencyKey={state.key ?? newIdempotencyKey()}
        categories={options}
        window={submissionWindowText(edition, ctx.lang)}
      />,
      state.status ?? 200,
    );
  }

  /** Runs a form write; field errors and refusals show the form again with what was typed. */
  async function handleWrite(
    reply: FastifyReply,
    write: () => Promise<{ outcome: SubmissionOutcome }>,
    rerender: (state: FormState) => Promise<FastifyReply>,
    key: string | null,
  ) {
    try {
      const { outcome } = await write();
      const flash =
        outcome.status === "submitted"
          ? "flash.prizes.submissions.submitted"
          : "flash.prizes.submissions.saved";
      return redirectWithFlash(reply, `/prizes/submissions/${outcome.submissionId}`, flash);
    } catch (error) {
      if (error instanceof ValidationError)
        return rerender({ errors: toFormErrors(error.fieldErrors), key, status: 400 });
      if (isRefusal(error)) return rerender({ refusal: error, key, status: error.status });
      throw error;
    }
  }

  /** The form page, or a page saying when submissions open or that they closed. */
  async function openForm(request: FastifyRequest, reply: FastifyReply, kind: "existing" | "new") {
    const actor = actorOf(request);
    const edition = await loadSubmissionEdition(db, parseYear((request.params as { year: string }).year));
    try {
      assertSubmissionOpen(edition, request.lang);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      const ctx = pageContext(request, reply);
      return sendPage(reply, <SubmissionClosedPage ctx={ctx} year={edition.year} refusal={error} />);
    }
    return renderForm(request, reply, actor, edition, kind);
  }

  app.get("/prizes/:year/submit", { config: { permission: "prizes.submit" } }, (request, reply) =>
    openForm(request, reply, "existing"),
  );
  app.get("/prizes/:year/submit/new", { config: { permission: "prizes.submit" } }, (request, reply) =>
    openForm(request, reply, "new"),
  );

  app.post("/prizes/:year/submit", { config: { permission: "prizes.submit" } }, async (request, reply) => {
    const actor = actorOf(request);
    const edition = await loadSubmissionEdition(db, parseYear((request.params as { year: string }).year));
    const write = { ...formWriteOptions(request), lang: request.lang };
    const values = submissionValues(request.body);
    const submit = formText(request.body, "intent") === "submit";
    return handleWrite(
      reply,
      () => createSubmission(db, actor, edition.year, { ...values, submit }, write),
      (state) => renderForm(request, reply, actor, edition, "existing", { ...state, values }),
      write.idempotencyKey,
    );
  });

  app.post(
    "/prizes/:year/submit/new",
    { config: { permission: "prizes.submit" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const edition = await loadSubmissionEdition(db, parseYear((request.params as { year: string }).year));
      const write = { ...formWriteOptions(request), lang: request.lang };
      const values = submissionValues(request.body);
      const entryValues = formValuesFromBody(request.body);
      const submit = formText(request.body, "intent") === "submit";
      const { entryId: _ignored, ...prize } = values;
      return handleWrite(
        reply,
        () =>
          createSubmissionWithNewEntry(
            db,
            actor,
            edition.year,
            { ...entryValues },
            { ...prize, submit },
            write,
          ),
        (state) => renderForm(request, reply, actor, edition, "new", { ...state, values, entryValues }),
        write.idempotencyKey,
      );
    },
  );

  app.get("/prizes/submissions", { config: { permission: "prizes.submit" } }, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = pageContext(request, reply);
    const rows = await listOwnSubmissions(db, actor);
    const { names } = await categoryOptions(ctx.lang, []);
    const items = rows.map(({ submission, edition }) => ({
      submission,
      categoryName: names.get(submission.category_code) ?? submission.category_code,
      editable: isEditable(submission, edition.windows),
    }));
    return sendPage(reply, <MySubmissionsPage ctx={ctx} items={items} />);
  });

  /** The edit form while the submitter may still change it, else the submission as it stands. */
  async function showSubmission(
    request: FastifyRequest,
    reply: FastifyReply,
    refusal: AppError | null = null,
  ) {
    const actor = actorOf(request);
    const id = parseSubmissionId((request.params as { id: string }).id);
    const { submission, edition } = await getOwnSubmission(db, actor, id);
    if (isEditable(submission, edition.windows) && !refusal)
      return renderForm(request, reply, actor, edition, { edit: id });
    const ctx = pageContext(request, reply);
    const { names } = await categoryOptions(ctx.lang, []);
    return sendPage(
      reply,
      <SubmissionViewPage
        ctx={ctx}
        submission={submission}
        categoryName={names.get(submission.category_code) ?? submission.category_code}
        window={submissionWindowText(edition, ctx.lang)}
        canWithdraw={OPEN_STATUSES.includes(submission.status)}
        refusal={refusal}
      />,
      refusal?.status ?? 200,
    );
  }

  app.get("/prizes/submissions/:id", { config: { permission: "prizes.submit" } }, (request, reply) =>
    showSubmission(request, reply),
  );

  app.post("/prizes/submissions/:id", { config: { permission: "prizes.submit" } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = parseSubmissionId((request.params as { id: string }).id);
    const { edition } = await getOwnSubmission(db, actor, id);
    const write = { ...formWriteOptions(request), lang: request.lang };
    const values = submissionValues(request.body);
    const { entryId: _ignored, ...input } = values;
    const submit = formText(request.body, "intent") === "submit";
    return handleWrite(
      reply,
      () => updateSubmission(db, actor, id, input, { ...write, submit }),
      async (state) =>
        state.refusal && CLOSING_REFUSALS.has(state.refusal.code)
          ? showSubmission(request, reply, state.refusal)
          : renderForm(request, reply, actor, edition, { edit: id }, { ...state, values }),
      write.idempotencyKey,
    );
  });

  app.post(
    "/prizes/submissions/:id/withdraw",
    { config: { permission: "prizes.submit" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = parseSubmissionId((request.params as { id: string }).id);
      try {
        await withdrawSubmission(db, actor, id, { ...formWriteOptions(request), lang: request.lang });
      } catch (error) {
        if (isRefusal(error)) return showSubmission(request, reply, error);
        throw error;
      }
      return redirectWithFlash(reply, `/prizes/submissions/${id}`, "flash.prizes.submissions.withdrawn");
    },
  );
}
