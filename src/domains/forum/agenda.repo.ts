import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The account's starred sessions with their edition (year, zone, venue), oldest star first. */
export function findStars(db: Db, userId: string) {
  return db
    .selectFrom("forum_agenda_stars as star")
    .innerJoin("forum_sessions as session", "session.id", "star.session_id")
    .innerJoin("forum_editions as edition", "edition.id", "session.edition_id")
    .select([
      "star.session_id as sessionId",
      "session.number",
      "session.title",
      "edition.id as editionId",
      "edition.year",
      "edition.time_zone as timeZone",
      "edition.venue",
      "edition.city",
    ])
    .where("star.user_id", "=", userId)
    .orderBy("star.created_at")
    .orderBy("star.session_id")
    .execute();
}

/** Whether the account starred the session. */
export async function isStarred(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const row = await db
    .selectFrom("forum_agenda_stars")
    .select("session_id")
    .where("user_id", "=", userId)
    .where("session_id", "=", sessionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Stars a session; false when it was already starred (nothing changes). */
export async function insertStar(trx: Db, userId: string, sessionId: string): Promise<boolean> {
  const rows = await trx
    .insertInto("forum_agenda_stars")
    .values({ user_id: userId, session_id: sessionId })
    .onConflict((oc) => oc.columns(["user_id", "session_id"]).doNothing())
    .returning("session_id")
    .execute();
  return rows.length > 0;
}

/** Removes a star; false when there was none. */
export async function deleteStar(trx: Db, userId: string, sessionId: string): Promise<boolean> {
  const rows = await trx
    .deleteFrom("forum_agenda_stars")
    .where("user_id", "=", userId)
    .where("session_id", "=", sessionId)
    .returning("session_id")
    .execute();
  return rows.length > 0;
}

/** The live session row numbered `number` in the edition. */
export function findSessionIdByNumber(db: Db, editionId: string, number: number) {
  return db
    .selectFrom("forum_sessions")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("number", "=", number)
    .executeTakeFirst();
}
