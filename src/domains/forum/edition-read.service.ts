import type { Kysely } from "kysely";
import type { Database, ForumOcpPhase } from "../../db/schema.ts";
import { type Language, localName } from "../../platform/i18n.ts";
import { openPhaseOf, type PhaseWindow } from "../../platform/phase-windows.ts";
import { effectiveTimeZone, instantToLocal } from "../../platform/zoned-time.ts";
import { type ForumEditionRow, listForumEditionRows, ocpWindowsByEdition } from "./editions.repo.ts";
import { requireForumEdition } from "./editions.service.ts";
import { findOcpWindows, findRooms, findTracks } from "./forum-editions.repo.ts";
import { OCP_PHASES } from "./forum-vocabulary.ts";
import { type PastForumFigures, parsePastForumFigures } from "./past-forums.ts";

/** What the public pages and the API show of Forum editions; the clock decides what is open. */

export type EditionTiming = "upcoming" | "current" | "past";

export interface ForumEditionSummary {
  id: string;
  year: number;
  /** In the reader's language, else English; "" when not recorded. */
  theme: string;
  startsOn: string;
  endsOn: string;
  /** False for past editions whose dates the sources do not give (the stored ones are placeholders). */
  datesRecorded: boolean;
  timeZone: string;
  venue: string;
  city: string;
  chair: string;
  timing: EditionTiming;
  ocp: PhaseWindow<ForumOcpPhase>[];
  openOcpPhase: ForumOcpPhase | null;
  registration: { opensAt: Date | null; closesAt: Date | null; accreditationDeadline: Date | null };
  pastFigures: PastForumFigures | null;
  outcomesPublished: boolean;
}

export interface ForumEditionDetail extends ForumEditionSummary {
  rooms: Array<{ id: string; name: string; capacity: number; opensAt: string; closesAt: string }>;
  tracks: Array<{ id: string; code: string; name: string }>;
}

/** Upcoming, running or over, by the venue's calendar day today. */
export function editionTiming(
  edition: { starts_on: string; ends_on: string; time_zone: string },
  now: Date,
): EditionTiming {
  const today = instantToLocal(now, effectiveTimeZone(edition.time_zone)).slice(0, 10);
  if (today < edition.starts_on) return "upcoming";
  return today > edition.ends_on ? "past" : "current";
}

function summary(
  row: ForumEditionRow,
  windows: PhaseWindow<ForumOcpPhase>[],
  lang: Language,
  now: Date,
): ForumEditionSummary {
  const pastFigures = parsePastForumFigures(row.past_figures);
  const at = (value: Date | null) => (value ? new Date(value) : null);
  return {
    id: row.id,
    year: row.year,
    theme: localName(row.theme, lang),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    datesRecorded: pastFigures ? pastFigures.datesRecorded : true,
    timeZone: effectiveTimeZone(row.time_zone),
    venue: row.venue,
    city: row.city,
    chair: row.chair,
    timing: pastFigures ? "past" : editionTiming(row, now),
    ocp: OCP_PHASES.flatMap((phase) => windows.filter((window) => window.phase === phase)),
    openOcpPhase: openPhaseOf(OCP_PHASES, windows, now),
    registration: {
      opensAt: at(row.registration_opens_at),
      closesAt: at(row.registration_closes_at),
      accreditationDeadline: at(row.accreditation_deadline),
    },
    pastFigures,
    outcomesPublished: row.outcomes_published_at !== null,
  };
}

/** Running and upcoming editions first (soonest first), then past ones (newest first). */
export function orderForIndex<T extends { year: number; timing: EditionTiming }>(
  editions: readonly T[],
): T[] {
  const ahead = editions.filter((edition) => edition.timing !== "past").sort((a, b) => a.year - b.year);
  const past = editions.filter((edition) => edition.timing === "past").sort((a, b) => b.year - a.year);
  return [...ahead, ...past];
}

/** Every edition, in index order. */
export async function readForumEditions(db: Kysely<Database>, lang: Language, now = new Date()) {
  const [rows, windows] = await Promise.all([listForumEditionRows(db), ocpWindowsByEdition(db)]);
  return orderForIndex(rows.map((row) => summary(row, windows.get(row.id) ?? [], lang, now)));
}

/** One edition with its rooms and tracks, or 404 `forum_edition_not_found`. */
export async function readForumEdition(
  db: Kysely<Database>,
  year: number,
  lang: Language,
  now = new Date(),
): Promise<ForumEditionDetail> {
  const row = await requireForumEdition(db, year);
  const [windows, rooms, tracks] = await Promise.all([
    findOcpWindows(db, row.id),
    findRooms(db, row.id),
    findTracks(db, row.id),
  ]);
  return {
    ...summary(row, windows, lang, now),
    rooms: rooms.map((room) => ({
      id: room.id,
      name: room.name,
      capacity: room.capacity,
      opensAt: room.opens_at.slice(0, 5),
      closesAt: room.closes_at.slice(0, 5),
    })),
    tracks: tracks.map((track) => ({ id: track.id, code: track.code, name: localName(track.names, lang) })),
  };
}
