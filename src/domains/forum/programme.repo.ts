import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, ForumSnapshotSession } from "../../db/schema.ts";
import { type PublishedProgramme, toPublishedProgramme } from "./programme-snapshot.ts";

type Db = Kysely<Database> | Transaction<Database>;

const toProgramme = (row: {
  version: number;
  published_at: Date | string;
  sessions: ForumSnapshotSession[];
}) => toPublishedProgramme({ version: row.version, publishedAt: row.published_at, sessions: row.sessions });

/** An edition's published version number: the key of an immutable snapshot. */
export interface VersionKey {
  editionId: string;
  version: number;
}

/** The numbers of every published version of the editions given, oldest first (the index only). */
export async function findVersionNumbers(db: Db, editionIds: readonly string[]): Promise<VersionKey[]> {
  if (editionIds.length === 0) return [];
  const rows = await db
    .selectFrom("forum_programme_versions")
    .select(["edition_id", "version"])
    .where("edition_id", "in", editionIds)
    .orderBy("edition_id")
    .orderBy("version")
    .execute();
  return rows.map((row) => ({ editionId: row.edition_id, version: row.version }));
}

/** The latest published version number of each edition given that has one (the index only). */
export async function findLatestVersionNumbers(db: Db, editionIds: readonly string[]): Promise<VersionKey[]> {
  if (editionIds.length === 0) return [];
  const rows = await db
    .selectFrom("forum_programme_versions")
    .select((eb) => ["edition_id", eb.fn.max("version").as("version")])
    .where("edition_id", "in", editionIds)
    .groupBy("edition_id")
    .execute();
  return rows.map((row) => ({ editionId: row.edition_id, version: Number(row.version) }));
}

/** The published versions named, parsed, in no particular order (one query). */
export async function findProgrammeVersions(
  db: Db,
  keys: readonly VersionKey[],
): Promise<Array<{ editionId: string; programme: PublishedProgramme }>> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom("forum_programme_versions")
    .select(["edition_id", "version", "published_at", "sessions"])
    .where((eb) =>
      eb.or(
        keys.map((key) => eb.and([eb("edition_id", "=", key.editionId), eb("version", "=", key.version)])),
      ),
    )
    .execute();
  return rows.map((row) => ({ editionId: row.edition_id, programme: toProgramme(row) }));
}

/**
 * The ids of the edition's sessions matching a web-search query (`websearch_to_tsquery` with the
 * 'simple' configuration, as `search_vector` is built: no stemming, so it works in every language)
 * over title, organisers and description, through the GIN index.
 */
export async function searchSessionIds(db: Db, editionId: string, query: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("forum_sessions")
    .select("id")
    .where("edition_id", "=", editionId)
    .where(sql<boolean>`search_vector @@ websearch_to_tsquery('simple', ${query})`)
    .execute();
  return new Set(rows.map((row) => String(row.id)));
}

/**
 * The live fields a session page adds to the published ones: description, documents and the
 * organisers' names, which the snapshot does not carry.
 */
export function findSessionDetails(db: Db, sessionId: string) {
  return db
    .selectFrom("forum_sessions")
    .select(["id", "description", "documents", "organisers_text"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
}

/** The number of the edition's latest published version, or null (one row of the unique index). */
export async function findLatestVersionNumber(db: Db, editionId: string): Promise<number | null> {
  const row = await db
    .selectFrom("forum_programme_versions")
    .select("version")
    .where("edition_id", "=", editionId)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? row.version : null;
}
