import type { Kysely } from "kysely";
import type { Database, ForumOutcomeStatus } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { type AppError, conflict, forbidden, notFound } from "../../platform/errors.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import { FieldErrors } from "../../platform/validation.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { requireForumEdition } from "./editions.service.ts";
import {
  findOutcome,
  findSessionByNumber,
  isSessionOrganiser,
  listOrganisedEndedSessions,
  listOutcomeProgress,
  outcomeStateForSave,
  setOutcomesCompiled,
  setOutcomesPublished,
  upsertOutcome,
} from "./outcomes.repo.ts";

/**
 * Session outcomes: a session's organisers report its key messages and the Action Lines and SDGs
 * it spoke to once it has ended (draft → submitted, editable until the secretariat compiles the
 * Outcome Document); the secretariat compiles, may reopen before publishing, and publishes.
 * Every change runs in one transaction with its audit record.
 */

export const KEY_MESSAGES_MAX = 10_000;

export interface OutcomeForm {
  keyMessages: string;
  actionLines: string[];
  sdgs: string[];
}

export const readOutcomeForm = (body: unknown): OutcomeForm => ({
  keyMessages: formText(body, "keyMessages"),
  actionLines: formList(body, "actionLines"),
  sdgs: formList(body, "sdgs"),
});

/** The signed-in organiser's ended sessions of an edition, for links to their outcome forms. */
export async function readMyOutcomeSessions(
  db: Kysely<Database>,
  editionId: string,
  userId: string,
  now = new Date(),
) {
  const rows = await listOrganisedEndedSessions(db, editionId, userId, now);
  return rows.map((row) => ({
    number: row.number,
    title: row.title,
    status: row.status ?? ("none" as const),
  }));
}

/**
 * The session and its outcome for the organiser's form. 404 when the edition or session does not
 * exist, 403 `forum_outcome_not_organiser` for anyone not organising it.
 */
export async function requireOutcomeSession(
  db: Kysely<Database>,
  year: number,
  number: number,
  userId: string,
) {
  const edition = await requireForumEdition(db, year);
  const session = await findSessionByNumber(db, edition.id, number);
  if (!session) throw notFound("forum_session_not_found");
  if (!(await isSessionOrganiser(db, session.id, userId))) throw forbidden("forum_outcome_not_organiser");
  const outcome = await findOutcome(db, session.id);
  return { edition, session, outcome };
}

/** What stops an organiser from writing now, or null: the session has not ended, or outcomes are frozen. */
export function outcomeLock(
  session: { status: string; ends_at: Date | null },
  edition: { outcomes_compiled_at: Date | null },
  now: Date,
): AppError | null {
  if (session.status === "cancelled" || !session.ends_at || new Date(session.ends_at) > now)
    return conflict("forum_session_not_ended");
  if (edition.outcomes_compiled_at) return conflict("forum_outcomes_compiled");
  return null;
}

/** The stored outcome as its form shows it; a first one starts from the session's own links. */
export function outcomeForm(
  session: { action_lines: string[]; sdgs: number[] },
  outcome: { key_messages: string; action_lines: string[]; sdgs: number[] } | undefined,
): OutcomeForm {
  return {
    keyMessages: outcome?.key_messages ?? "",
    actionLines: outcome?.action_lines ?? session.action_lines,
    sdgs: (outcome?.sdgs ?? session.sdgs).map(String),
  };
}

async function validateOutcome(db: Kysely<Database>, form: OutcomeForm, submit: boolean) {
  const reference = await readReferenceData(db);
  const errors = new FieldErrors();
  const keyMessages = errors.text("keyMessages", form.keyMessages, KEY_MESSAGES_MAX, submit);
  const codes = reference.actionLines.map((line) => line.code);
  const actionLines = [...new Set(form.actionLines)];
  if (actionLines.some((code) => !codes.includes(code))) errors.add("actionLines", "unknown_code");
  else if (submit && actionLines.length === 0) errors.add("actionLines", "required");
  const numbers = new Set(reference.sdgs.map((sdg) => String(sdg.number)));
  const sdgs = [...new Set(form.sdgs)];
  if (sdgs.some((value) => !numbers.has(value))) errors.add("sdgs", "unknown_code");
  errors.throwIfAny();
  // Stored in the reference order, whatever order the boxes were sent in.
  return {
    keyMessages,
    actionLines: codes.filter((code) => actionLines.includes(code)),
    sdgs: sdgs.map(Number).sort((a, b) => a - b),
  };
}

/** Saves the organiser's outcome as a draft, or submits it (key messages and an Action Line required). */
export async function saveOutcome(
  db: Kysely<Database>,
  editor: Editor,
  year: number,
  number: number,
  form: OutcomeForm,
  submit: boolean,
  now = new Date(),
): Promise<ForumOutcomeStatus> {
  const { edition, session, outcome } = await requireOutcomeSession(db, year, number, editor.actorId);
  const early = outcomeLock(session, edition, now);
  if (early) throw early;
  const values = await validateOutcome(db, form, submit);
  const status: ForumOutcomeStatus = submit ? "submitted" : "draft";
  await db.transaction().execute(async (trx) => {
    const state = await outcomeStateForSave(trx, edition.id);
    if (state.outcomes_compiled_at) throw conflict("forum_outcomes_compiled");
    await upsertOutcome(trx, session.id, editor.actorId, { ...values, status });
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: submit ? "forum_outcome.submit" : "forum_outcome.save",
      subjectType: "forum_session",
      subjectId: session.id,
      before: outcome ?? undefined,
      after: { ...values, status },
      ip: editor.ip,
    });
  });
  return status;
}

/** The secretariat's overview: every ended session and where its outcome stands. */
export async function readOutcomeProgress(db: Kysely<Database>, year: number, now = new Date()) {
  const edition = await requireForumEdition(db, year);
  const rows = await listOutcomeProgress(db, edition.id, now);
  return {
    edition,
    sessions: rows.map((row) => ({
      number: row.number,
      title: row.title,
      status: row.status ?? ("none" as const),
    })),
  };
}

async function documentStep(
  db: Kysely<Database>,
  editor: Editor,
  year: number,
  action: "compile" | "reopen" | "publish",
): Promise<void> {
  const edition = await requireForumEdition(db, year);
  await db.transaction().execute(async (trx) => {
    const changed =
      action === "publish"
        ? await setOutcomesPublished(trx, edition.id)
        : await setOutcomesCompiled(trx, edition.id, action === "compile");
    if (!changed) {
      if (edition.outcomes_published_at) throw conflict("forum_outcomes_published");
      throw conflict(action === "compile" ? "forum_outcomes_compiled" : "forum_outcomes_not_compiled");
    }
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: `forum_outcomes.${action}`,
      subjectType: "forum_edition",
      subjectId: edition.id,
      after: { year },
      ip: editor.ip,
    });
  });
}

/** Freezes the outcomes: organisers can no longer edit them (409 `forum_outcomes_compiled` if already). */
export const compileOutcomes = (db: Kysely<Database>, editor: Editor, year: number) =>
  documentStep(db, editor, year, "compile");

/** Lets organisers edit again, before publication (409 `forum_outcomes_not_compiled` if not compiled). */
export const reopenOutcomes = (db: Kysely<Database>, editor: Editor, year: number) =>
  documentStep(db, editor, year, "reopen");

/** Makes the compiled Outcome Document public (409 when not compiled or already published). */
export const publishOutcomes = (db: Kysely<Database>, editor: Editor, year: number) =>
  documentStep(db, editor, year, "publish");
