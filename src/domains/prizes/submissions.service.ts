import type { Kysely, Transaction } from "kysely";
import type { Database, PrizeSubmissionStatus } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { type Idempotent, idempotentWrite } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { isRowId } from "../../platform/validation.ts";
import {
  assertSubmissionOpen,
  checkEntry,
  loadSubmissionEdition,
  requireOrganisation,
  type SubmissionEdition,
  withUniqueChecks,
} from "./submission-eligibility.ts";
import { type SubmissionContent, type SubmissionInput, validateSubmission } from "./submission-rules.ts";
import {
  findLiveSubmission,
  findSubmission,
  insertSubmission,
  listSubmissionsBySubmitter,
  lockSubmission,
  type SubmissionRecord,
  updateSubmissionRow,
} from "./submissions.repo.ts";

/** How a write is made: its replay key, the client's address, and the language of refusals. */
export interface SubmissionWriteOptions {
  idempotencyKey?: string | null;
  ip?: string | null;
  lang: string;
}

/** What a write did, as stored for idempotent replays. */
export interface SubmissionOutcome {
  submissionId: string;
  status: PrizeSubmissionStatus;
}

/** The statuses the submitter still works on; the others belong to the secretariat's review. */
export const OPEN_STATUSES: readonly PrizeSubmissionStatus[] = ["draft", "submitted"];

/** Submission ids are positive bigints; anything else names no submission (404). */
export function parseSubmissionId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("prize_submission_not_found");
  return raw;
}

/** One write in one transaction, at most once per form key, a lost unique-index race as its 409. */
export function idempotentSubmissionWrite<T>(
  db: Kysely<Database>,
  actor: Actor,
  options: SubmissionWriteOptions,
  scope: string,
  content: unknown,
  act: (trx: Transaction<Database>) => Promise<T>,
): Promise<Idempotent<T>> {
  return withUniqueChecks(() => idempotentWrite(db, actor, options, scope, content, act));
}

/** The content columns of a submission. */
function columns(content: SubmissionContent) {
  return {
    category_code: content.category,
    title: content.title,
    short_description: content.shortDescription,
    action_line_sdg_links: content.actionLineSdgLinks,
    gdc_objectives: content.gdcObjectives,
    impact: content.impact,
    partnerships: content.partnerships,
    challenges: content.challenges,
    project_stage: content.projectStage,
  };
}

/** A stored submission as input again (the API's PATCH keeps the fields it leaves out). */
export function inputOf(record: SubmissionRecord): Required<SubmissionInput> {
  return {
    category: record.category_code,
    title: record.title,
    shortDescription: record.short_description,
    actionLineSdgLinks: record.action_line_sdg_links,
    gdcObjectives: record.gdc_objectives,
    impact: record.impact,
    partnerships: record.partnerships,
    challenges: record.challenges,
    projectStage: record.project_stage ?? "",
  };
}

/** Field errors of the form and of the entry choice, reported together. */
function validateWithEntry(
  input: SubmissionInput,
  entryId: unknown,
  edition: SubmissionEdition,
  mode: "draft" | "submit",
): { content: SubmissionContent; entryId: string } {
  const entryError = isRowId(entryId)
    ? []
    : [{ field: "entryId", code: entryId === undefined || entryId === "" ? "required" : "unknown_entry" }];
  try {
    const content = validateSubmission(input, new Set(edition.categories), mode);
    if (entryError.length) throw new ValidationError(entryError);
    return { content, entryId: entryId as string };
  } catch (error) {
    if (error instanceof ValidationError && entryError.length)
      throw new ValidationError([...entryError, ...error.fieldErrors.filter((e) => e.field !== "entryId")]);
    throw error;
  }
}

/** Before the unique indexes, the same rules as a clear answer (the indexes settle races). */
async function assertNoLiveDuplicate(
  trx: Transaction<Database>,
  editionId: string,
  content: SubmissionContent,
  organisationId: string,
  entryId: string,
  exceptId?: string,
): Promise<void> {
  if (await findLiveSubmission(trx, editionId, { category: content.category, organisationId }, exceptId))
    throw conflict("submission_exists");
  if (await findLiveSubmission(trx, editionId, { entryId }, exceptId))
    throw conflict("prize_entry_already_entered");
}

/**
 * Enters one of the submitter's stocktaking entries into a category of the edition, as a draft
 * or (with `submit`) submitted for review with the whole form complete. An empty title takes the
 * entry's. Only while the submission phase is open, for an account with an organisation.
 */
export async function createSubmission(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: SubmissionInput & { entryId?: unknown; submit?: boolean },
  options: SubmissionWriteOptions,
): Promise<Idempotent<SubmissionOutcome>> {
  const edition = await loadSubmissionEdition(db, year);
  assertSubmissionOpen(edition, options.lang);
  const organisation = await requireOrganisation(db, actor);
  const submit = input.submit === true;
  const mode = submit ? "submit" : "draft";
  let title = input.title;
  if ((title === undefined || title === "") && isRowId(input.entryId)) {
    title = (await checkEntry(db, actor, edition, input.entryId)).title;
  }
  const { content, entryId } = validateWithEntry({ ...input, title }, input.entryId, edition, mode);
  await checkEntry(db, actor, edition, entryId);
  const ip = options.ip ?? null;
  const scope = `prizes.submissions.create:${edition.year}`;
  return idempotentSubmissionWrite(db, actor, options, scope, { entryId, content, submit }, (trx) =>
    insertNewSubmission(trx, actor, {
      edition,
      organisationId: organisation.id,
      content,
      entryId,
      submit,
      ip,
    }),
  );
}

/** A submission about to be stored: its form and entry checked, for the submitter's entity. */
export interface NewSubmission {
  edition: SubmissionEdition;
  organisationId: string;
  content: SubmissionContent;
  entryId: string;
  submit: boolean;
  ip: string | null;
}

/**
 * `createSubmission`'s writes in the caller's transaction: the entity's place in the category and
 * the entry's in the edition (the unique indexes settle races), the row and its audit.
 */
export async function insertNewSubmission(
  trx: Transaction<Database>,
  actor: Actor,
  { edition, organisationId, content, entryId, submit, ip }: NewSubmission,
): Promise<SubmissionOutcome> {
  await assertNoLiveDuplicate(trx, edition.id, content, organisationId, entryId);
  const status: PrizeSubmissionStatus = submit ? "submitted" : "draft";
  const submissionId = await insertSubmission(trx, {
    edition_id: edition.id,
    entry_id: entryId,
    organisation_id: organisationId,
    submitter_id: actor.id,
    ...columns(content),
    status,
    submitted_at: submit ? new Date() : null,
  });
  const audit = { actorId: actor.id, subjectType: "prize_submission", subjectId: submissionId, ip };
  await recordAudit(trx, {
    ...audit,
    action: "prize.submission_create",
    before: null,
    after: { status: "draft", edition: edition.year, category: content.category, entryId },
  });
  if (submit) {
    await recordAudit(trx, {
      ...audit,
      action: "prize.submission_submit",
      before: { status: "draft" },
      after: { status },
    });
  }
  return { submissionId, status };
}

/** The submitter's own submission; anyone else's is not found (ids are not confirmed to others). */
async function ownSubmission(db: Kysely<Database>, actor: Actor, id: string): Promise<SubmissionRecord> {
  const submission = await findSubmission(db, id);
  if (!submission || submission.submitter_id !== actor.id) throw notFound("prize_submission_not_found");
  return submission;
}

function assertOpenStatus(submission: SubmissionRecord): void {
  if (!OPEN_STATUSES.includes(submission.status))
    throw conflict("prize_submission_locked", { status: submission.status });
}

/**
 * Saves the form: a draft stays a draft unless `submit`; a submitted submission may be edited
 * until the deadline and must stay complete. `merge` keeps the fields the input leaves out (API
 * PATCH); forms send every field. The entry stays the one first entered.
 */
export async function updateSubmission(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  input: SubmissionInput,
  options: SubmissionWriteOptions & { submit?: boolean; merge?: boolean },
): Promise<Idempotent<SubmissionOutcome>> {
  const current = await ownSubmission(db, actor, id);
  assertOpenStatus(current);
  const edition = await loadSubmissionEdition(db, current.year);
  assertSubmissionOpen(edition, options.lang);
  const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  const merged: SubmissionInput = options.merge ? { ...inputOf(current), ...defined } : input;
  const submit = options.submit === true;
  const complete = submit || current.status === "submitted";
  const content = validateSubmission(merged, new Set(edition.categories), complete ? "submit" : "draft");
  if (complete) await checkEntry(db, actor, edition, current.entry_id);
  const ip = options.ip ?? null;
  const scope = `prizes.submissions.update:${id}`;
  return idempotentSubmissionWrite(db, actor, options, scope, { content, submit }, async (trx) => {
    const locked = await lockSubmission(trx, id);
    if (!locked) throw notFound("prize_submission_not_found");
    assertOpenStatus(locked);
    await assertNoLiveDuplicate(trx, edition.id, content, locked.organisation_id, locked.entry_id, id);
    const status: PrizeSubmissionStatus = submit ? "submitted" : locked.status;
    await updateSubmissionRow(trx, id, {
      ...columns(content),
      status,
      ...(submit && locked.status === "draft" ? { submitted_at: new Date() } : {}),
    });
    const audit = { actorId: actor.id, subjectType: "prize_submission", subjectId: id, ip };
    // A submit that changes nothing is one event, not an empty update and a submission.
    if (JSON.stringify(inputOf(locked)) !== JSON.stringify(inputOf({ ...locked, ...columns(content) }))) {
      await recordAudit(trx, {
        ...audit,
        action: "prize.submission_update",
        before: { status: locked.status, category: locked.category_code, title: locked.title },
        after: { status: locked.status, category: content.category, title: content.title },
      });
    }
    if (status !== locked.status) {
      await recordAudit(trx, {
        ...audit,
        action: "prize.submission_submit",
        before: { status: locked.status },
        after: { status },
      });
    }
    return { submissionId: id, status };
  });
}

/** Submits a draft as it is stored: the form must be complete and the entry still eligible. */
export async function submitSubmission(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  options: SubmissionWriteOptions,
): Promise<Idempotent<SubmissionOutcome>> {
  const current = await ownSubmission(db, actor, id);
  if (current.status !== "draft") throw conflict("prize_submission_locked", { status: current.status });
  return updateSubmission(db, actor, id, {}, { ...options, submit: true, merge: true });
}

/** Takes a draft or submitted project out of the edition; the entity may then enter another. */
export async function withdrawSubmission(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  options: SubmissionWriteOptions,
): Promise<Idempotent<SubmissionOutcome>> {
  await ownSubmission(db, actor, id);
  const ip = options.ip ?? null;
  return idempotentSubmissionWrite(
    db,
    actor,
    options,
    `prizes.submissions.withdraw:${id}`,
    {},
    async (trx) => {
      const locked = await lockSubmission(trx, id);
      if (!locked) throw notFound("prize_submission_not_found");
      assertOpenStatus(locked);
      await updateSubmissionRow(trx, id, { status: "withdrawn" });
      await recordAudit(trx, {
        actorId: actor.id,
        action: "prize.submission_withdraw",
        subjectType: "prize_submission",
        subjectId: id,
        before: { status: locked.status },
        after: { status: "withdrawn" },
        ip,
      });
      return { submissionId: id, status: "withdrawn" as const };
    },
  );
}

export async function getOwnSubmission(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<{ submission: SubmissionRecord; edition: SubmissionEdition }> {
  const submission = await ownSubmission(db, actor, id);
  return { submission, edition: await loadSubmissionEdition(db, submission.year) };
}

/** The submitter's submissions, each with its edition (for the deadline and whether it is open). */
export async function listOwnSubmissions(
  db: Kysely<Database>,
  actor: Actor,
): Promise<Array<{ submission: SubmissionRecord; edition: SubmissionEdition }>> {
  const submissions = await listSubmissionsBySubmitter(db, actor.id);
  const years = [...new Set(submissions.map((submission) => submission.year))];
  const editions = new Map(
    await Promise.all(years.map(async (year) => [year, await loadSubmissionEdition(db, year)] as const)),
  );
  return submissions.map((submission) => ({
    submission,
    edition: editions.get(submission.year) as SubmissionEdition,
  }));
}
