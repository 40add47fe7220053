import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  FIGURE_QUALIFIERS,
  type QualifiedFigure as Figure,
  type FigureQualifier,
  parseQualifiedFigure,
} from "../../platform/figures.ts";
import { insertPastEdition } from "./edition-write.repo.ts";

/**
 * The editions run before this platform (2012–2025) and their real figures. The data sits in
 * `data/past-editions.json`, a reviewed file; a figure keeps its source's precision ("1,000+" is
 * `{ value: 1000, qualifier: "at_least" }`), never a made-up exact number.
 */

// The Prizes' pages and forms take these from here, with the data they describe.
export { FIGURE_QUALIFIERS, type Figure, type FigureQualifier };

/** A share of a split, in percent; `code` is a region or stakeholder type, or `international`/`others`. */
export interface Share {
  code: string;
  percent: number;
}

export interface PastFigures {
  submissions?: Figure;
  nominated?: Figure;
  voters?: Figure;
  votes?: Figure;
  submissionsByRegion?: Share[];
  nominatedByStakeholder?: Share[];
  /** Totals over all editions as of this one (DOMAIN.md's "to date"). */
  toDate?: { submissions?: Figure; winners?: Figure; champions?: Figure };
}

export const FIGURE_KEYS = ["submissions", "nominated", "voters", "votes"] as const;
export const TO_DATE_KEYS = ["submissions", "winners", "champions"] as const;
export const SHARE_KEYS = ["submissionsByRegion", "nominatedByStakeholder"] as const;

function shares(value: unknown): Share[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const list = value.flatMap((item) => {
    const { code, percent } = (item ?? {}) as Record<string, unknown>;
    return typeof code === "string" && typeof percent === "number" && percent >= 0 && percent <= 100
      ? [{ code, percent }]
      : [];
  });
  return list.length ? list : undefined;
}

/**
 * The figures of a stored `past_figures` value, keeping only well-formed parts: an admin's edit in
 * the database can never make a page fail. Null when the edition has none (run on this platform).
 */
export function parsePastFigures(stored: unknown): PastFigures | null {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return null;
  const raw = stored as Record<string, unknown>;
  const out: PastFigures = {};
  for (const key of FIGURE_KEYS) {
    const value = parseQualifiedFigure(raw[key]);
    if (value) out[key] = value;
  }
  for (const key of SHARE_KEYS) {
    const value = shares(raw[key]);
    if (value) out[key] = value;
  }
  if (typeof raw.toDate === "object" && raw.toDate !== null) {
    const toDate: NonNullable<PastFigures["toDate"]> = {};
    for (const key of TO_DATE_KEYS) {
      const value = parseQualifiedFigure((raw.toDate as Record<string, unknown>)[key]);
      if (value) toDate[key] = value;
    }
    if (Object.keys(toDate).length) out.toDate = toDate;
  }
  return out;
}

export interface PastEditionSeed {
  year: number;
  theme: Record<string, string>;
  figures: PastFigures;
}

const FILE = join(dirname(fileURLToPath(import.meta.url)), "data", "past-editions.json");

/** The reviewed file, checked: a malformed figure stops the start rather than showing wrong data. */
export function loadPastEditions(): { timeZone: string; editions: PastEditionSeed[] } {
  const data = JSON.parse(readFileSync(FILE, "utf8")) as {
    timeZone: string;
    editions: Array<{ year: number; theme: Record<string, string>; figures: unknown }>;
  };
  const editions = data.editions.map((item) => {
    const figures = parsePastFigures(item.figures);
    if (!figures || !isDeepStrictEqual(figures, item.figures))
      throw new Error(`past-editions.json: malformed figures for ${item.year}`);
    return { year: item.year, theme: item.theme, figures };
  });
  return { timeZone: data.timeZone, editions };
}

/**
 * Seeds the past editions where missing: a year without an edition gets one, and a year whose
 * edition has no phases and no figures gets the figures. Existing figures and themes are left as
 * they are, so admins' corrections survive restarts; running it twice changes nothing.
 */
export async function seedPastEditions(db: Kysely<Database>): Promise<number> {
  const { timeZone, editions } = loadPastEditions();
  let changed = 0;
  await db.transaction().execute(async (trx) => {
    for (const edition of editions) if (await insertPastEdition(trx, { ...edition, timeZone })) changed += 1;
  });
  return changed;
}
