import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type FieldError, ValidationError } from "../../platform/errors.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { insertNewEntry, newEntryData } from "../stocktaking/entries.service.ts";
import { entryCodes } from "../stocktaking/entry-validation.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  assertSubmissionOpen,
  loadSubmissionEdition,
  requireOrganisation,
} from "./submission-eligibility.ts";
import { type SubmissionInput, validateSubmission } from "./submission-rules.ts";
import {
  idempotentSubmissionWrite,
  insertNewSubmission,
  type SubmissionOutcome,
  type SubmissionWriteOptions,
} from "./submissions.service.ts";

/** The value of `run`, or the field errors it refused with (to report both forms' together). */
function attempt<T>(run: () => T): { value: T | null; errors: FieldError[] } {
  try {
    return { value: run(), errors: [] };
  } catch (error) {
    if (error instanceof ValidationError) return { value: null, errors: error.fieldErrors };
    throw error;
  }
}

/** What entering a new project did: the submission, and the entry made for it. */
export interface NewEntrySubmissionOutcome extends SubmissionOutcome {
  entryId: string;
}

/**
 * Enters a project that is not in the stocktaking database yet: the entry is created and sent to
 * moderation with the stocktaking service's own writes (revision, audit, duplicate flags), and
 * entered like any other entry, in ONE transaction. A refusal at any point, including a race
 * lost on the one-project-per-entity-per-category index, rolls both back: no entry is left
 * awaiting moderation for a submission that was never made. The entry's title is the
 * submission's; both forms are checked first and their errors reported together. Nothing
 * happens outside the transaction: the search index follows committed published entries only,
 * and no mail is written. A form key makes a re-sent form replay the whole outcome.
 */
export async function createSubmissionWithNewEntry(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  entryInput: Record<string, unknown>,
  prizeInput: SubmissionInput & { submit?: boolean },
  options: SubmissionWriteOptions,
): Promise<Idempotent<NewEntrySubmissionOutcome>> {
  const edition = await loadSubmissionEdition(db, year);
  assertSubmissionOpen(edition, options.lang);
  const organisation = await requireOrganisation(db, actor);
  const codes = entryCodes(await loadReferenceData(db));
  const submit = prizeInput.submit === true;
  const prize = attempt(() =>
    validateSubmission(
      { ...prizeInput, title: entryInput.title },
      new Set(edition.categories),
      submit ? "submit" : "draft",
    ),
  );
  const entry = attempt(() => newEntryData(entryInput, codes, true));
  const entryErrors = entry.errors.filter(
    (error) => !prize.errors.some((other) => other.field === error.field),
  );
  if (!prize.value || !entry.value) throw new ValidationError([...prize.errors, ...entryErrors]);
  const [content, data] = [prize.value, entry.value];
  const ip = options.ip ?? null;
  const scope = `prizes.submissions.create-new:${edition.year}`;
  return idempotentSubmissionWrite(db, actor, options, scope, { data, content, submit }, async (trx) => {
    const { entryId } = await insertNewEntry(trx, actor, data, { submit: true, ip });
    const submission = { edition, organisationId: organisation.id, content, entryId, submit, ip };
    return { ...(await insertNewSubmission(trx, actor, submission)), entryId };
  });
}
