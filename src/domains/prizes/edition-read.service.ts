import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Language } from "../../platform/i18n.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import {
  type EditionDetail,
  type EditionSummary,
  presentEditionDetail,
  presentEditionSummary,
} from "./editions.presenter.ts";
import {
  findCategoryCodes,
  findCategoryCodesOf,
  findCriteria,
  findPhaseWindows,
  findPhaseWindowsOf,
  listEditions,
} from "./editions.repo.ts";
import { requireEdition } from "./editions.service.ts";
import { findSpecialPrizes } from "./special-prizes.repo.ts";

/** What the public pages and the API read: which phase is open is decided here, by `now`. */

type Db = Kysely<Database>;

/** Every edition, newest first, with its phases and the phase open at `now`. */
export async function readEditionSummaries(
  db: Db,
  lang: Language,
  now = new Date(),
): Promise<EditionSummary[]> {
  const [editions, reference] = await Promise.all([listEditions(db), readReferenceData(db)]);
  const ids = editions.map((edition) => edition.id);
  const [windows, categories] = await Promise.all([
    findPhaseWindowsOf(db, ids),
    findCategoryCodesOf(db, ids),
  ]);
  return editions.map((edition) =>
    presentEditionSummary(
      edition,
      windows.get(edition.id) ?? [],
      categories.get(edition.id) ?? [],
      reference,
      lang,
      now,
    ),
  );
}

/** One edition in full, or 404 `prize_edition_not_found`. */
export async function readEditionDetail(
  db: Db,
  year: number,
  lang: Language,
  now = new Date(),
): Promise<EditionDetail> {
  const edition = await requireEdition(db, year);
  const [reference, windows, categories, criteria, specialPrizes] = await Promise.all([
    readReferenceData(db),
    findPhaseWindows(db, edition.id),
    findCategoryCodes(db, edition.id),
    findCriteria(db, edition.id),
    findSpecialPrizes(db, edition.id),
  ]);
  const summary = presentEditionSummary(edition, windows, categories, reference, lang, now);
  return presentEditionDetail(summary, edition, criteria, specialPrizes, reference, lang);
}

/** A year from a URL: four digits, else the edition is simply not found. */
export function parseYear(raw: string): number | null {
  return /^\d{4}$/.test(raw) ? Number(raw) : null;
}
