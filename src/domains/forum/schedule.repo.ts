import type { Kysely, Transaction } from "kysely";
import type { Database, ForumSessionStatus, ForumSpeakerRole } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A session as the scheduling pages and checks read it. */
export interface ScheduleSessionRow {
  id: string;
  number: number;
  title: string;
  session_type: Database["forum_sessions"]["session_type"];
  track_id: string | null;
  mode: "onsite" | "remote" | "hybrid";
  room_id: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  /** Planned attendance; with `places_limited`, the number of places (null: the room's seats). */
  capacity: number | null;
  places_limited: boolean;
  status: ForumSessionStatus;
  action_lines: string[];
  sdgs: number[];
}

const SESSION_COLUMNS = [
  "id",
  "number",
  "title",
  "session_type",
  "track_id",
  "mode",
  "room_id",
  "starts_at",
  "ends_at",
  "capacity",
  "places_limited",
  "status",
  "action_lines",
  "sdgs",
] as const;

/** Every session of the edition (cancelled ones too: the pages say so), by number. */
export async function listScheduleSessions(db: Db, editionId: string): Promise<ScheduleSessionRow[]> {
  const rows = await db
    .selectFrom("forum_sessions")
    .select(SESSION_COLUMNS)
    .where("edition_id", "=", editionId)
    .orderBy("number")
    .execute();
  return rows.map(normalise);
}

function normalise<T extends { starts_at: Date | string | null; ends_at: Date | string | null }>(row: T) {
  return {
    ...row,
    starts_at: row.starts_at === null ? null : new Date(row.starts_at),
    ends_at: row.ends_at === null ? null : new Date(row.ends_at),
  };
}

/** One session by its public number, locked for update when read in a transaction that writes it. */
export async function findSessionByNumber(
  db: Db,
  editionId: string,
  number: number,
  lock = false,
): Promise<ScheduleSessionRow | undefined> {
  let query = db
    .selectFrom("forum_sessions")
    .select(SESSION_COLUMNS)
    .where("edition_id", "=", editionId)
    .where("number", "=", number);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? normalise(row) : undefined;
}

export interface SpeakerRow {
  id: string;
  session_id: string;
  name: string;
  email: string | null;
  organisation: string;
  role: ForumSpeakerRole;
}

/** The speakers of the edition's sessions, in each session's order. */
export function listSpeakers(db: Db, editionId: string): Promise<SpeakerRow[]> {
  return db
    .selectFrom("forum_session_speakers as sp")
    .innerJoin("forum_sessions as s", "s.id", "sp.session_id")
    .select(["sp.id", "sp.session_id", "sp.name", "sp.email", "sp.organisation", "sp.role"])
    .where("s.edition_id", "=", editionId)
    .orderBy("sp.session_id")
    .orderBy("sp.sort_order")
    .orderBy("sp.id")
    .execute();
}

/**
 * Locks a room of the edition: scheduling into a room runs one at a time, so two secretaries
 * cannot both place a session in the same free slot. Undefined when the room is not the edition's.
 */
export function lockRoom(trx: Transaction<Database>, editionId: string, roomId: string) {
  return trx
    .selectFrom("forum_rooms")
    .select(["id", "name", "capacity", "opens_at", "closes_at"])
    .where("id", "=", roomId)
    .where("edition_id", "=", editionId)
    .forUpdate()
    .executeTakeFirst();
}

/** Places a session: room (null when remote) and instants; it becomes `scheduled`. */
export async function writeSlot(
  trx: Transaction<Database>,
  sessionId: string,
  slot: { roomId: string | null; startsAt: Date; endsAt: Date },
): Promise<void> {
  await trx
    .updateTable("forum_sessions")
    .set({
      room_id: slot.roomId,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      status: "scheduled",
      updated_at: new Date(),
    })
    .where("id", "=", sessionId)
    .execute();
}

/** Takes a session off the grid: back to an unplaced draft. */
export async function clearSlot(trx: Transaction<Database>, sessionId: string): Promise<void> {
  await trx
    .updateTable("forum_sessions")
    .set({ room_id: null, starts_at: null, ends_at: null, status: "draft", updated_at: new Date() })
    .where("id", "=", sessionId)
    .execute();
}

/** Sets whether a session takes registrations with limited places, and its number of places. */
export async function writePlaces(
  trx: Transaction<Database>,
  sessionId: string,
  places: { limited: boolean; capacity: number | null },
): Promise<void> {
  await trx
    .updateTable("forum_sessions")
    .set({ places_limited: places.limited, capacity: places.capacity, updated_at: new Date() })
    .where("id", "=", sessionId)
    .execute();
}

/** Renames a session and replaces its speakers, in the order given. */
export async function writeDetails(
  trx: Transaction<Database>,
  sessionId: string,
  title: string,
  speakers: ReadonlyArray<{
    name: string;
    email: string | null;
    organisation: string;
    role: ForumSpeakerRole;
  }>,
): Promise<void> {
  await trx
    .updateTable("forum_sessions")
    .set({ title, updated_at: new Date() })
    .where("id", "=", sessionId)
    .execute();
  await trx.deleteFrom("forum_session_speakers").where("session_id", "=", sessionId).execute();
  if (speakers.length > 0)
    await trx
      .insertInto("forum_session_speakers")
      .values(speakers.map((speaker, index) => ({ session_id: sessionId, ...speaker, sort_order: index })))
      .execute();
}
