import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { notFound, ValidationError } from "../../platform/errors.ts";
import { UN_LANGUAGES } from "../../platform/i18n.ts";
import { effectiveTimeZone, instantToLocal } from "../../platform/zoned-time.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import { type ForumEditionForm, type RegistrationField, validateForumEditionForm } from "./edition-input.ts";
import {
  type ForumEditionRow,
  insertForumEdition,
  markPastDatesRecorded,
  replaceOcpWindows,
  updateForumEdition as updateEditionRow,
} from "./editions.repo.ts";
import { findForumEditionByYear, findOcpWindows } from "./forum-editions.repo.ts";
import { OCP_PHASES } from "./forum-vocabulary.ts";

/** Creating and editing Forum editions (admins): one transaction each, audited. */

/**
 * The edition of `year`, or 404 `forum_edition_not_found`: every page, API and loader finds an
 * edition this way (inside a transaction too), so an unknown year reads the same everywhere.
 */
export async function requireForumEdition(
  db: Kysely<Database> | Transaction<Database>,
  year: number,
): Promise<ForumEditionRow> {
  const edition = await findForumEditionByYear(db, year);
  if (!edition) throw notFound("forum_edition_not_found");
  return edition as ForumEditionRow;
}

/** Run before this platform: it has real figures and no OCP or registration of its own. */
export const isPastForum = (edition: Pick<ForumEditionRow, "past_figures">) => edition.past_figures !== null;

/** The stored edition as its form shows it: local date-times in its zone. */
export async function forumEditionForm(
  db: Kysely<Database>,
  edition: ForumEditionRow,
): Promise<ForumEditionForm> {
  const zone = effectiveTimeZone(edition.time_zone);
  const local = (at: Date | null) => (at ? instantToLocal(new Date(at), zone) : "");
  const windows = await findOcpWindows(db, edition.id);
  const registration: Record<RegistrationField, string> = {
    registrationOpens: local(edition.registration_opens_at),
    registrationCloses: local(edition.registration_closes_at),
    accreditationDeadline: local(edition.accreditation_deadline),
  };
  return {
    year: String(edition.year),
    theme: Object.fromEntries(
      UN_LANGUAGES.map((lang) => [lang, edition.theme[lang] ?? ""]),
    ) as ForumEditionForm["theme"],
    startsOn: edition.starts_on,
    endsOn: edition.ends_on,
    timeZone: edition.time_zone,
    venue: edition.venue,
    city: edition.city,
    chair: edition.chair,
    registration,
    ocp: Object.fromEntries(
      OCP_PHASES.map((phase) => {
        const window = windows.find((item) => item.phase === phase);
        return [
          phase,
          { start: window ? local(window.startsAt) : "", end: window ? local(window.endsAt) : "" },
        ];
      }),
    ) as ForumEditionForm["ocp"],
  };
}

/** Creates an edition with its OCP windows; a taken year is a field error. */
export async function createForumEdition(
  db: Kysely<Database>,
  editor: Editor,
  form: ForumEditionForm,
): Promise<{ year: number }> {
  const record = validateForumEditionForm(form);
  return db.transaction().execute(async (trx) => {
    const row = await insertForumEdition(trx, record.year, record);
    if (!row) throw new ValidationError([{ field: "year", code: "duplicate" }]);
    await replaceOcpWindows(trx, row.id, record.ocp);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "forum_edition.create",
      subjectType: "forum_edition",
      subjectId: row.id,
      after: record,
      ip: editor.ip,
    });
    return { year: record.year };
  });
}

/** Saves an edition's settings; a past edition keeps no OCP windows. */
export async function updateForumEdition(
  db: Kysely<Database>,
  editor: Editor,
  year: number,
  form: ForumEditionForm,
): Promise<void> {
  const edition = await requireForumEdition(db, year);
  const past = isPastForum(edition);
  const record = validateForumEditionForm(form, { year, past });
  await db.transaction().execute(async (trx) => {
    await updateEditionRow(trx, edition.id, record);
    if (!past) await replaceOcpWindows(trx, edition.id, record.ocp);
    else if (record.startsOn !== edition.starts_on || record.endsOn !== edition.ends_on)
      await markPastDatesRecorded(trx, edition.id);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "forum_edition.update",
      subjectType: "forum_edition",
      subjectId: edition.id,
      before: {
        theme: edition.theme,
        startsOn: edition.starts_on,
        endsOn: edition.ends_on,
        timeZone: edition.time_zone,
        venue: edition.venue,
        city: edition.city,
        chair: edition.chair,
      },
      after: record,
      ip: editor.ip,
    });
  });
}
