import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { findCategoryCodes, findEditionByYear, findPhaseWindows } from "./editions.repo.ts";
import type { PhaseWindow } from "./prize-phases.ts";
import { type PrizeRules, prizeRules } from "./prize-rules.ts";

/** What voting needs to know about an edition. */
export interface VotingEdition {
  id: string;
  year: number;
  timeZone: string;
  categories: string[];
  /** The voting phase's window; null when the edition has none. */
  window: { startsAt: Date; endsAt: Date } | null;
  nomineesPublished: boolean;
  resultsPublished: boolean;
  rules: PrizeRules;
}

/** Whether voting is open at `now` (the server's clock; the window is `[startsAt, endsAt)`). */
export function votingOpen(edition: VotingEdition, now: Date): boolean {
  return (
    edition.nomineesPublished &&
    edition.window !== null &&
    edition.window.startsAt <= now &&
    now < edition.window.endsAt
  );
}

/** Whether the voting phase is over (totals may be shown once the results are published too). */
export function votingEnded(edition: VotingEdition, now: Date): boolean {
  return edition.window !== null && now >= edition.window.endsAt;
}

const TTL_MS = 2000;
const cache = new Map<string, { at: number; edition: VotingEdition }>();

/**
 * The edition of `year`, read at most once per two seconds per instance and database: the vote
 * path asks on every request. Staleness is harmless: the vote's INSERT checks the window, the
 * nominee and the published list itself, so a phase change or extension is obeyed at once by the
 * write and within two seconds by the messages.
 */
export async function votingEdition(
  db: Kysely<Database>,
  year: number,
  fresh = false,
): Promise<VotingEdition> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw notFound();
  // Test apps each have their own database: the handle is part of the key.
  const key = `${databaseKey(db)}:${year}`;
  const cached = cache.get(key);
  if (!fresh && cached && performance.now() - cached.at < TTL_MS) return cached.edition;
  const row = await findEditionByYear(db, year);
  if (!row) throw notFound();
  const [windows, categories] = await Promise.all([
    findPhaseWindows(db, row.id),
    findCategoryCodes(db, row.id),
  ]);
  const voting = windows.find((window: PhaseWindow) => window.phase === "voting");
  const edition: VotingEdition = {
    id: row.id,
    year: row.year,
    timeZone: row.time_zone,
    categories,
    window: voting ? { startsAt: voting.startsAt, endsAt: voting.endsAt } : null,
    nomineesPublished: row.nominees_published_at !== null,
    resultsPublished: row.results_published_at !== null,
    rules: prizeRules(row.rules),
  };
  cache.set(key, { at: performance.now(), edition });
  return edition;
}

const keys = new WeakMap<object, number>();
let nextKey = 0;
function databaseKey(db: object): number {
  let key = keys.get(db);
  if (key === undefined) {
    nextKey += 1;
    key = nextKey;
    keys.set(db, key);
  }
  return key;
}

/**
 * Dates and times in an edition's own zone, naming the zone (`dateStyle` cannot be combined with
 * `timeZoneName`, hence the fields).
 */
export function editionFormat(timeZone: string, lang: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  });
}

/** The voting window as the edition shows it: in its own time zone, saying which. */
export function formatWindow(
  edition: VotingEdition,
  lang: string,
): { start: string; end: string; zone: string } | null {
  if (!edition.window) return null;
  const format = editionFormat(edition.timeZone, lang);
  return {
    start: format.format(edition.window.startsAt),
    end: format.format(edition.window.endsAt),
    zone: edition.timeZone,
  };
}
