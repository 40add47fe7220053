import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { notFound } from "../../platform/errors.ts";
import { type Language, localName } from "../../platform/i18n.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { lockEditionByYear, setPastFigures } from "./edition-write.repo.ts";
import { requireEdition } from "./editions.service.ts";
import { type PastFigures, parsePastFigures } from "./past-editions.ts";
import {
  type PastFiguresForm,
  type ShareCodes,
  shareCodes,
  validatePastFiguresForm,
} from "./past-editions-form.ts";

/**
 * Admins correct the figures of editions run before this platform (`/admin/prizes/:year/figures`).
 * The stored figures are authoritative once there: `seedPastEditions` only fills editions that
 * have none, so a correction survives every restart.
 */

type Db = Kysely<Database>;

export interface PastFiguresContext {
  year: number;
  figures: PastFigures;
  codes: ShareCodes;
  /** Region and stakeholder type names in the reader's language, by code. */
  names: Record<string, string>;
}

/** What the figures page needs; 404 `prize_edition_not_found` for a year without a past edition. */
export async function readPastFigures(db: Db, year: number, lang: Language): Promise<PastFiguresContext> {
  const edition = await requireEdition(db, year);
  const figures = parsePastFigures(edition.past_figures);
  // An edition run on this platform has its counts from its own rows, nothing to correct here.
  if (!figures) throw notFound("prize_edition_not_found");
  const reference = await readReferenceData(db);
  const codes = shareCodes(
    {
      submissionsByRegion: reference.regions.map((region) => region.code),
      nominatedByStakeholder: reference.stakeholderTypes.map((type) => type.code),
    },
    figures,
  );
  const names = Object.fromEntries(
    [...reference.regions, ...reference.stakeholderTypes].map((item) => [
      item.code,
      localName(item.names, lang),
    ]),
  );
  return { year, figures, codes, names };
}

/**
 * Stores the corrected figures of a past edition; audited `prize.figures_update` with before and
 * after. Bad input stores nothing (`ValidationError`, see `validatePastFiguresForm`). A save that
 * changes nothing writes nothing. All figures blank is kept as `{}`, still a past edition, so the
 * seed never fills it again.
 */
export async function updatePastFigures(
  db: Db,
  editor: Editor,
  year: number,
  form: PastFiguresForm,
  codes: ShareCodes,
): Promise<void> {
  const figures = validatePastFiguresForm(form, codes);
  await db.transaction().execute(async (trx) => {
    const edition = await lockEditionByYear(trx, year);
    const before = edition ? parsePastFigures(edition.past_figures) : null;
    if (!edition || !before) throw notFound("prize_edition_not_found");
    if (isDeepStrictEqual(before, figures)) return;
    await setPastFigures(trx, edition.id, figures);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "prize.figures_update",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before: { year, figures: before },
      after: { year, figures },
      ip: editor.ip,
    });
  });
}
