import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { FieldError } from "../../platform/errors.ts";
import { notFound, ValidationError } from "../../platform/errors.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { ForumEditionRow } from "./editions.repo.ts";
import { requireForumEdition } from "./editions.service.ts";
import { findTracks } from "./forum-editions.repo.ts";
import { findLatestVersionNumber, findSessionDetails, searchSessionIds } from "./programme.repo.ts";
import {
  editionDays,
  type FilterChoices,
  filterSessions,
  type ProgrammeFilters,
  readProgrammeFilters,
  readVisitorZone,
} from "./programme-filters.ts";
import type { ProgrammeSession, PublishedProgramme } from "./programme-snapshot.ts";
import { parsedVersions } from "./programme-version-cache.ts";

/** The public programme: what the latest PUBLISHED version says, never the live draft rows. */

export interface ProgrammeEdition {
  id: string;
  year: number;
  /** The venue's IANA zone (valid even when the stored value is not). */
  timeZone: string;
  venue: string;
  city: string;
  startsOn: string;
  endsOn: string;
}

export interface ProgrammeTrack {
  code: string;
  names: Record<string, string>;
}

/** The edition's latest published programme (F3's contract), or null before the first one. */
export async function latestPublished(
  db: Kysely<Database>,
  editionId: string,
): Promise<PublishedProgramme | null> {
  // Only the number is read per request (one row of the unique index); the parse is cached.
  const version = await findLatestVersionNumber(db, editionId);
  if (version === null) return null;
  const [programme] = await parsedVersions(db, [{ editionId, version }]);
  return programme ?? null;
}

/** A session number in a URL; anything else is no session. */
export function parseSessionNumber(raw: unknown): number {
  if (typeof raw !== "string" || !/^[1-9][0-9]{0,4}$/.test(raw)) throw notFound("forum_session_not_found");
  return Number(raw);
}

function toEdition(row: ForumEditionRow): ProgrammeEdition {
  return {
    id: row.id,
    year: row.year,
    timeZone: effectiveTimeZone(row.time_zone),
    venue: row.venue,
    city: row.city,
    startsOn: String(row.starts_on).slice(0, 10),
    endsOn: String(row.ends_on).slice(0, 10),
  };
}

/** The edition of `year`, or 404 `forum_edition_not_found`. */
export async function loadProgrammeEdition(db: Kysely<Database>, year: number): Promise<ProgrammeEdition> {
  return toEdition(await requireForumEdition(db, year));
}

export interface ProgrammeView {
  edition: ProgrammeEdition;
  /** Null before the first publication. */
  programme: PublishedProgramme | null;
  /** The sessions the filters keep, by start. */
  sessions: ProgrammeSession[];
  filters: ProgrammeFilters;
  /** Bad filter values (each ignored; the page shows them next to their field). */
  errors: FieldError[];
  visitorZone: string | null;
  days: string[];
  tracks: ProgrammeTrack[];
  /** Action Lines and SDGs (names for the filters). */
  reference: ReferenceData;
}

/**
 * The edition's published programme through the filters. Search runs on the live rows' GIN-indexed
 * `search_vector` (title, organisers, description: the last two are not in the snapshot) and is
 * intersected with the published sessions, so an unpublished session is never found; the other
 * filters run over the snapshot in memory (a few hundred sessions: microseconds, no extra query).
 */
export async function getProgramme(
  db: Kysely<Database>,
  year: number,
  query: Record<string, unknown>,
  { strict = false }: { strict?: boolean } = {},
): Promise<ProgrammeView> {
  const edition = await loadProgrammeEdition(db, year);
  const [programme, trackRows, reference] = await Promise.all([
    latestPublished(db, edition.id),
    findTracks(db, edition.id),
    loadReferenceData(db),
  ]);
  const days = editionDays(edition.startsOn, edition.endsOn);
  const tracks = trackRows.map((track) => ({ code: track.code, names: track.names }));
  const choices: FilterChoices = {
    days,
    tracks: tracks.map((track) => track.code),
    actionLines: reference.actionLines.map((line) => line.code),
    sdgs: reference.sdgs.map((sdg) => sdg.number),
  };
  const { filters, errors } = readProgrammeFilters(query, choices);
  const visitor = readVisitorZone(query);
  if (visitor.error) errors.push(visitor.error);
  if (strict && errors.length > 0) throw new ValidationError(errors);
  const matches = programme && filters.q !== "" ? await searchSessionIds(db, edition.id, filters.q) : null;
  const sessions = programme ? filterSessions(programme.sessions, filters, edition.timeZone, matches) : [];
  return {
    edition,
    programme,
    sessions,
    filters,
    errors,
    visitorZone: visitor.zone,
    days,
    tracks,
    reference,
  };
}

export interface SessionView {
  edition: ProgrammeEdition;
  programme: PublishedProgramme;
  /** As published: title, slot, room, type, speakers, Action Lines, SDGs. */
  session: ProgrammeSession;
  /** From the live row: what the snapshot does not carry. */
  description: string;
  organisers: string;
  documents: Array<{ title: string; url: string }>;
  tracks: ProgrammeTrack[];
  visitorZone: string | null;
}

/**
 * A session page: only a session of the latest published programme exists publicly (404
 * `forum_session_not_found` for a draft, a cancelled or an unknown number).
 */
export async function getPublishedSession(
  db: Kysely<Database>,
  year: number,
  number: number,
  query: Record<string, unknown> = {},
): Promise<SessionView> {
  const edition = await loadProgrammeEdition(db, year);
  const programme = await latestPublished(db, edition.id);
  const session = programme?.sessions.find((item) => item.number === number);
  if (!programme || !session) throw notFound("forum_session_not_found");
  const [details, trackRows] = await Promise.all([
    findSessionDetails(db, session.id),
    findTracks(db, edition.id),
  ]);
  return {
    edition,
    programme,
    session,
    description: details?.description ?? "",
    organisers: details?.organisers_text ?? "",
    documents: (details?.documents ?? []).filter(
      (document) => typeof document?.url === "string" && /^https?:\/\//i.test(document.url),
    ),
    tracks: trackRows.map((track) => ({ code: track.code, names: track.names })),
    visitorZone: readVisitorZone(query).zone,
  };
}
