import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { parseQualifiedFigure, type QualifiedFigure } from "../../platform/figures.ts";

/**
 * The WSIS Forums run before this platform (2009–2024) and their real participant figures, from
 * the reviewed file `data/past-forums.json`. A figure keeps its source's precision ("1,500+" is
 * `{ value: 1500, qualifier: "at_least" }`); nothing the sources do not state is made up.
 */

/** How people took part: a single total, or onsite / remote (hybrid) / virtual (online-only). */
export const PARTICIPATION_KINDS = ["total", "onsite", "remote", "virtual"] as const;
export type ParticipationKind = (typeof PARTICIPATION_KINDS)[number];

export interface PastForumFigures {
  participants: Partial<Record<ParticipationKind, QualifiedFigure>>;
  countries?: QualifiedFigure;
  sessions?: QualifiedFigure;
  /** False when the sources give no dates: the row's dates are placeholders and never shown. */
  datesRecorded: boolean;
}

/**
 * The figures of a stored `past_figures` value, keeping only well-formed parts, so a hand edit in
 * the database can never break a page. Null for editions run on this platform.
 */
export function parsePastForumFigures(stored: unknown): PastForumFigures | null {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return null;
  const raw = stored as Record<string, unknown>;
  const participants: PastForumFigures["participants"] = {};
  const rawParticipants = (raw.participants ?? {}) as Record<string, unknown>;
  for (const kind of PARTICIPATION_KINDS) {
    const value = parseQualifiedFigure(rawParticipants[kind]);
    if (value) participants[kind] = value;
  }
  const out: PastForumFigures = { participants, datesRecorded: raw.datesRecorded === true };
  const countries = parseQualifiedFigure(raw.countries);
  if (countries) out.countries = countries;
  const sessions = parseQualifiedFigure(raw.sessions);
  if (sessions) out.sessions = sessions;
  return out;
}

/**
 * The participants to chart: the total when the source gives one, else the sum of its parts,
 * "at least" as soon as one part is (an honest lower bound, never a made-up exact number).
 */
export function participationTotal(figures: PastForumFigures): QualifiedFigure | null {
  if (figures.participants.total) return figures.participants.total;
  const parts = PARTICIPATION_KINDS.flatMap((kind) => {
    const part = figures.participants[kind];
    return part ? [part] : [];
  });
  if (parts.length === 0) return null;
  return {
    value: parts.reduce((sum, part) => sum + part.value, 0),
    qualifier: parts.every((part) => part.qualifier === "exact") ? "exact" : "at_least",
  };
}

export interface PastForumSeed {
  year: number;
  theme?: string;
  chair?: string;
  venue?: string;
  city?: string;
  startsOn?: string;
  endsOn?: string;
  figures: Omit<PastForumFigures, "datesRecorded">;
}

const FILE = join(dirname(fileURLToPath(import.meta.url)), "data", "past-forums.json");

/** The reviewed file, checked: a malformed figure stops the start rather than showing wrong data. */
export function loadPastForums(): { timeZone: string; editions: PastForumSeed[] } {
  const data = JSON.parse(readFileSync(FILE, "utf8")) as { timeZone: string; editions: PastForumSeed[] };
  for (const item of data.editions) {
    const parsed = parsePastForumFigures({ ...item.figures, datesRecorded: false });
    const { datesRecorded: _, ...figures } = parsed ?? { datesRecorded: false };
    if (!isDeepStrictEqual(figures, item.figures))
      throw new Error(`past-forums.json: malformed figures for ${item.year}`);
    if ((item.startsOn === undefined) !== (item.endsOn === undefined))
      throw new Error(`past-forums.json: ${item.year} needs both dates or none`);
  }
  return data;
}

/**
 * Inserts the past editions whose year has no edition yet. Existing rows are never touched, so
 * admins' corrections survive restarts; running it twice changes nothing. Returns how many it added.
 */
export async function seedPastForums(db: Kysely<Database>): Promise<number> {
  const { timeZone, editions } = loadPastForums();
  let added = 0;
  await db.transaction().execute(async (trx) => {
    for (const item of editions) {
      const recorded = item.startsOn !== undefined;
      const inserted = await trx
        .insertInto("forum_editions")
        .values({
          year: item.year,
          theme: JSON.stringify(item.theme ? { en: item.theme } : {}),
          starts_on: item.startsOn ?? `${item.year}-01-01`,
          ends_on: item.endsOn ?? `${item.year}-12-31`,
          time_zone: timeZone,
          venue: item.venue ?? "",
          city: item.city ?? "",
          chair: item.chair ?? "",
          past_figures: JSON.stringify({ ...item.figures, datesRecorded: recorded }),
        })
        .onConflict((oc) => oc.column("year").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) added += 1;
    }
  });
  return added;
}
