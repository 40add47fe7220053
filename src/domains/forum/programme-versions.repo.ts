import type { Kysely, Transaction } from "kysely";
import type { Database, ForumSnapshotSession } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A published version as read back (the snapshot parsed). */
export interface ProgrammeVersion {
  version: number;
  publishedAt: Date;
  publishedBy: string | null;
  sessions: ForumSnapshotSession[];
}

const COLUMNS = ["version", "published_at", "published_by", "sessions"] as const;

function toVersion(row: {
  version: number;
  published_at: Date | string;
  published_by: string | null;
  sessions: ForumSnapshotSession[] | string;
}): ProgrammeVersion {
  return {
    version: row.version,
    publishedAt: new Date(row.published_at),
    publishedBy: row.published_by,
    sessions:
      typeof row.sessions === "string" ? (JSON.parse(row.sessions) as ForumSnapshotSession[]) : row.sessions,
  };
}

/** The edition's latest version, or undefined before the first publication. */
export async function findLatestVersion(db: Db, editionId: string): Promise<ProgrammeVersion | undefined> {
  const row = await db
    .selectFrom("forum_programme_versions")
    .select(COLUMNS)
    .where("edition_id", "=", editionId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** The edition's version `version`, or undefined. */
export async function findVersion(
  db: Db,
  editionId: string,
  version: number,
): Promise<ProgrammeVersion | undefined> {
  const row = await db
    .selectFrom("forum_programme_versions")
    .select(COLUMNS)
    .where("edition_id", "=", editionId)
    .where("version", "=", version)
    .executeTakeFirst();
  return row ? toVersion(row) : undefined;
}

/** The edition's version numbers, newest first. */
export async function listVersionNumbers(db: Db, editionId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("forum_programme_versions")
    .select("version")
    .where("edition_id", "=", editionId)
    .orderBy("version", "desc")
    .execute();
  return rows.map((row) => row.version);
}

/** The versions' headings for the secretariat, newest first: number, when, by whom, how many sessions. */
export function listVersionSummaries(db: Db, editionId: string) {
  return db
    .selectFrom("forum_programme_versions as v")
    .leftJoin("users as u", "u.id", "v.published_by")
    .select((eb) => [
      "v.version",
      "v.published_at",
      "u.name as published_by_name",
      eb.fn<number>("jsonb_array_length", ["v.sessions"]).as("session_count"),
    ])
    .where("v.edition_id", "=", editionId)
    .orderBy("v.version", "desc")
    .execute();
}

/** Locks the edition row: publications of one edition are numbered one after the other. */
export function lockEdition(trx: Transaction<Database>, editionId: string) {
  return trx
    .selectFrom("forum_editions")
    .select("id")
    .where("id", "=", editionId)
    .forUpdate()
    .executeTakeFirst();
}

/** The scheduled sessions as a snapshot, by start then number. */
export async function readSnapshot(db: Db, editionId: string): Promise<ForumSnapshotSession[]> {
  const rows = await db
    .selectFrom("forum_sessions as s")
    .leftJoin("forum_rooms as r", "r.id", "s.room_id")
    .leftJoin("forum_tracks as t", "t.id", "s.track_id")
    .select([
      "s.id",
      "s.number",
      "s.title",
      "s.session_type",
      "t.code as track",
      "s.mode",
      "r.name as room",
      "s.starts_at",
      "s.ends_at",
      "s.action_lines",
      "s.sdgs",
    ])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "scheduled")
    .where("s.starts_at", "is not", null)
    .orderBy("s.starts_at")
    .orderBy("s.number")
    .execute();
  const speakers = await db
    .selectFrom("forum_session_speakers as sp")
    .innerJoin("forum_sessions as s", "s.id", "sp.session_id")
    .select(["sp.session_id", "sp.name", "sp.organisation", "sp.role"])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "scheduled")
    .orderBy("sp.session_id")
    .orderBy("sp.sort_order")
    .orderBy("sp.id")
    .execute();
  const bySession = new Map<string, ForumSnapshotSession["speakers"]>();
  for (const { session_id, ...speaker } of speakers) {
    const list = bySession.get(session_id) ?? [];
    list.push(speaker);
    bySession.set(session_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    type: row.session_type,
    track: row.track,
    mode: row.mode,
    room: row.room,
    startsAt: new Date(row.starts_at as Date).toISOString(),
    endsAt: new Date(row.ends_at as Date).toISOString(),
    speakers: bySession.get(row.id) ?? [],
    actionLines: [...row.action_lines],
    sdgs: [...row.sdgs],
  }));
}

/** Stores a new version. The row can never change afterwards (the database refuses it). */
export async function insertVersion(
  trx: Transaction<Database>,
  editionId: string,
  version: number,
  publishedBy: string,
  sessions: readonly ForumSnapshotSession[],
): Promise<Date> {
  const row = await trx
    .insertInto("forum_programme_versions")
    .values({ edition_id: editionId, version, published_by: publishedBy, sessions: JSON.stringify(sessions) })
    .returning("published_at")
    .executeTakeFirstOrThrow();
  return new Date(row.published_at);
}
