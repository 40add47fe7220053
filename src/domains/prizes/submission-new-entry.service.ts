import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { conflict, type FieldError, ValidationError } from "../../platform/errors.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { createEntry } from "../stocktaking/entries.service.ts";
import { entryCodes, validateEntry } from "../stocktaking/entry-validation.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  assertSubmissionOpen,
  loadSubmissionEdition,
  requireOrganisation,
} from "./submission-eligibility.ts";
import { type SubmissionInput, validateSubmission } from "./submission-rules.ts";
import { findLiveSubmission, hasIdempotencyKey } from "./submissions.repo.ts";
import {
  createSubmission,
  type SubmissionOutcome,
  type SubmissionWriteOptions,
} from "./submissions.service.ts";

function fieldErrorsOf(run: () => unknown): FieldError[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
}

/**
 * Enters a project that is not in the stocktaking database yet: the entry is created and sent to
 * moderation through the stocktaking service (its own rules and audit), then entered like any
 * other entry. The entry's title is the submission's. Both forms are checked before anything is
 * written, and the entity's place in the category too, so a refused request creates no entry.
 * A form key makes a re-sent form act once: the entry and the submission each replay.
 */
export async function createSubmissionWithNewEntry(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  entryInput: Record<string, unknown>,
  prizeInput: SubmissionInput & { submit?: boolean },
  options: SubmissionWriteOptions,
): Promise<Idempotent<SubmissionOutcome> & { entryId: string }> {
  const edition = await loadSubmissionEdition(db, year);
  assertSubmissionOpen(edition, options.lang);
  const organisation = await requireOrganisation(db, actor);
  const codes = entryCodes(await loadReferenceData(db));
  const mode = prizeInput.submit === true ? "submit" : "draft";
  const prizeErrors = fieldErrorsOf(() =>
    validateSubmission({ ...prizeInput, title: entryInput.title }, new Set(edition.categories), mode),
  );
  const entryErrors = fieldErrorsOf(() => validateEntry(entryInput, codes, "submit")).filter(
    (error) => !prizeErrors.some((other) => other.field === error.field),
  );
  if (prizeErrors.length || entryErrors.length) throw new ValidationError([...prizeErrors, ...entryErrors]);
  const category = String(prizeInput.category);
  // A re-sent form finds its own submission here: it must replay, not be refused.
  const replaying =
    options.idempotencyKey != null && (await hasIdempotencyKey(db, actor.id, options.idempotencyKey));
  if (!replaying && (await findLiveSubmission(db, edition.id, { category, organisationId: organisation.id })))
    throw conflict("submission_exists");
  const entry = await createEntry(db, actor, entryInput, {
    submit: true,
    idempotencyKey: options.idempotencyKey ?? null,
    ip: options.ip ?? null,
  });
  const entryId = entry.outcome.entryId;
  const result = await createSubmission(
    db,
    actor,
    year,
    { ...prizeInput, title: entryInput.title, entryId },
    { ...options, idempotencyKey: options.idempotencyKey ? `${options.idempotencyKey}:prize` : null },
  );
  return { ...result, entryId };
}
