import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A session with its effective capacity: its own, else its room's (null: no limit is known). */
function selectSessionForPlaces(db: Db) {
  return db
    .selectFrom("forum_sessions as s")
    .leftJoin("forum_rooms as r", "r.id", "s.room_id")
    .select([
      "s.id",
      "s.edition_id",
      "s.number",
      "s.title",
      "s.status",
      "s.places_limited",
      "s.starts_at",
      "s.ends_at",
      "s.room_id",
      "r.name as room_name",
      (eb) => eb.fn.coalesce("s.capacity", "r.capacity").as("capacity"),
    ]);
}

export function findSessionForPlaces(db: Db, editionId: string, number: number) {
  return selectSessionForPlaces(db)
    .where("s.edition_id", "=", editionId)
    .where("s.number", "=", number)
    .executeTakeFirst();
}

/**
 * Locks the session row (`for update`) and reads it with its effective capacity. Every join and
 * leave of a session takes this lock first, so they run one after the other per session and the
 * count of confirmed seats read next is the true one: capacity cannot be exceeded, and a freed
 * seat is handed over once. Sessions are independent: other sessions' places are not blocked.
 */
export function lockSessionForPlaces(trx: Transaction<Database>, sessionId: string) {
  // Only the session row is locked (`of s`): the room is read for its seats, not held.
  return selectSessionForPlaces(trx).where("s.id", "=", sessionId).forUpdate("s").executeTakeFirst();
}

export function findPlace(db: Db, sessionId: string, userId: string) {
  return db
    .selectFrom("forum_session_places")
    .select(["id", "status", "promoted_at", "created_at"])
    .where("session_id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** Confirmed seats and waiting-list length of a session. */
export async function countPlaces(db: Db, sessionId: string): Promise<PlaceCounts> {
  const rows = await db
    .selectFrom("forum_session_places")
    .select(["status", (eb) => eb.fn.countAll<string>().as("count")])
    .where("session_id", "=", sessionId)
    .groupBy("status")
    .execute();
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
  return { confirmed: count("confirmed"), waitlisted: count("waitlisted") };
}

export interface PlaceCounts {
  confirmed: number;
  waitlisted: number;
}

/**
 * Confirmed seats and waiting-list length of every session of the edition that has places, in
 * one grouped query (the programme pages and conflict checks read them for all sessions at once).
 */
export async function countPlacesByEdition(db: Db, editionId: string): Promise<Map<string, PlaceCounts>> {
  const rows = await db
    .selectFrom("forum_session_places as p")
    .innerJoin("forum_sessions as s", "s.id", "p.session_id")
    .select(["p.session_id", "p.status", (eb) => eb.fn.countAll<string>().as("count")])
    .where("s.edition_id", "=", editionId)
    .groupBy(["p.session_id", "p.status"])
    .execute();
  const counts = new Map<string, PlaceCounts>();
  for (const row of rows) {
    const entry = counts.get(row.session_id) ?? { confirmed: 0, waitlisted: 0 };
    entry[row.status] = Number(row.count);
    counts.set(row.session_id, entry);
  }
  return counts;
}

/** The 1-based position of a waitlisted place in its session's queue. */
export async function waitlistPosition(db: Db, sessionId: string, placeId: string): Promise<number> {
  const row = await db
    .selectFrom("forum_session_places")
    .select((eb) => eb.fn.countAll<string>().as("ahead"))
    .where("session_id", "=", sessionId)
    .where("status", "=", "waitlisted")
    .where((eb) => eb(eb.cast("id", "bigint"), "<=", eb.cast(eb.val(placeId), "bigint")))
    .executeTakeFirstOrThrow();
  return Number(row.ahead);
}

export async function insertPlace(
  trx: Transaction<Database>,
  sessionId: string,
  userId: string,
  status: "confirmed" | "waitlisted",
): Promise<string> {
  const row = await trx
    .insertInto("forum_session_places")
    .values({ session_id: sessionId, user_id: userId, status })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deletePlace(trx: Transaction<Database>, placeId: string): Promise<void> {
  await trx.deleteFrom("forum_session_places").where("id", "=", placeId).execute();
}

/**
 * Gives the first waitlisted person (lowest id) a seat: `confirmed`, `promoted_at` set. The
 * caller holds the session lock, so no one else promotes meanwhile; the `status = 'waitlisted'`
 * condition makes a second promotion of the same row impossible anyway.
 */
export async function promoteFirstWaitlisted(trx: Transaction<Database>, sessionId: string) {
  const first = await trx
    .selectFrom("forum_session_places")
    .select(["id", "user_id"])
    .where("session_id", "=", sessionId)
    .where("status", "=", "waitlisted")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!first) return null;
  const promoted = await trx
    .updateTable("forum_session_places")
    .set({ status: "confirmed", promoted_at: new Date() })
    .where("id", "=", first.id)
    .where("status", "=", "waitlisted")
    .returning(["id", "user_id"])
    .executeTakeFirst();
  return promoted ?? null;
}

/** The sessions of an edition where the account holds a place, for releasing them on cancellation. */
export function placesOfUser(db: Db, editionId: string, userId: string) {
  return db
    .selectFrom("forum_session_places as p")
    .innerJoin("forum_sessions as s", "s.id", "p.session_id")
    .select(["p.id", "p.session_id", "p.status", "s.number", "s.title"])
    .where("s.edition_id", "=", editionId)
    .where("p.user_id", "=", userId)
    .orderBy("s.number")
    .execute();
}

/**
 * Whether the account has a confirmed onsite registration for the edition (seats are in the
 * room). The row is share-locked, before the session lock, in the same order cancellation takes
 * them: a registration cannot be cancelled while one of its joins is being decided.
 */
export async function hasConfirmedOnsite(trx: Transaction<Database>, editionId: string, userId: string) {
  const row = await trx
    .selectFrom("forum_registrations")
    .select(["id", "status", "attendance"])
    .where("edition_id", "=", editionId)
    .where("user_id", "=", userId)
    .forShare()
    .executeTakeFirst();
  return row !== undefined && row.status === "confirmed" && row.attendance === "onsite";
}

/** The session's id and edition, read without a lock (to know which registration to check first). */
export function findSessionEdition(db: Db, sessionId: string) {
  return db
    .selectFrom("forum_sessions")
    .select(["id", "edition_id"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
}

export function findAccountForMail(db: Db, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "language"])
    .where("id", "=", userId)
    .executeTakeFirst();
}
