import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, ForumSnapshotSession } from "../../db/schema.ts";
import { type PublishedProgramme, toPublishedProgramme } from "./programme-snapshot.ts";

type Db = Kysely<Database> | Transaction<Database>;

const toProgramme = (row: {
  version: number;
  published_at: Date | string;
  sessions: ForumSnapshotSession[];
}) => toPublishedProgramme({ version: row.version, publishedAt: row.published_at, sessions: row.sessions });

/** Every published version of the editions given, oldest first (the iCal feed's history). */
export async function findProgrammeHistory(
  db: Db,
  editionIds: readonly string[],
): Promise<Map<string, PublishedProgramme[]>> {
  const history = new Map<string, PublishedProgramme[]>();
  if (editionIds.length === 0) return history;
  const rows = await db
    .selectFrom("forum_programme_versions")
    .select(["edition_id", "version", "published_at", "sessions"])
    .where("edition_id", "in", editionIds)
    .orderBy("edition_id")
    .orderBy("version")
    .execute();
  for (const row of rows) {
    const list = history.get(row.edition_id) ?? [];
    list.push(toProgramme(row));
    history.set(row.edition_id, list);
  }
  return history;
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

/** The latest published programme of each edition given (one query), keyed by edition id. */
export async function findLatestProgrammes(
  db: Db,
  editionIds: readonly string[],
): Promise<Map<string, PublishedProgramme>> {
  const latest = new Map<string, PublishedProgramme>();
  if (editionIds.length === 0) return latest;
  const rows = await db
    .selectFrom("forum_programme_versions as version")
    .select(["version.edition_id", "version.version", "version.published_at", "version.sessions"])
    .where("version.edition_id", "in", editionIds)
    .where(({ eb, selectFrom }) =>
      eb(
        "version.version",
        "=",
        selectFrom("forum_programme_versions as other")
          .select((inner) => inner.fn.max("other.version").as("max"))
          .whereRef("other.edition_id", "=", "version.edition_id"),
      ),
    )
    .execute();
  for (const row of rows) latest.set(row.edition_id, toProgramme(row));
  return latest;
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
