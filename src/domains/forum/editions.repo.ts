import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, ForumOcpPhase } from "../../db/schema.ts";
import type { PhaseWindow } from "../../platform/phase-windows.ts";
import { toOcpWindow } from "./forum-editions.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Reads and writes of Forum editions, their OCP windows, rooms and tracks (admin set-up). */

export type ForumEditionRow = Awaited<ReturnType<typeof listForumEditionRows>>[number];

/** Every edition, oldest first. */
export function listForumEditionRows(db: Db) {
  return db.selectFrom("forum_editions").selectAll().orderBy("year").execute();
}

/** Every edition's OCP windows, keyed by edition id. */
export async function ocpWindowsByEdition(db: Db): Promise<Map<string, PhaseWindow<ForumOcpPhase>[]>> {
  const rows = await db
    .selectFrom("forum_ocp_phases")
    .select(["edition_id", "phase", "starts_at", "ends_at"])
    .orderBy("starts_at")
    .execute();
  const out = new Map<string, PhaseWindow<ForumOcpPhase>[]>();
  for (const row of rows) {
    const list = out.get(row.edition_id) ?? [];
    list.push(toOcpWindow(row));
    out.set(row.edition_id, list);
  }
  return out;
}

/** What the edition form stores (the year is fixed once created: URLs name it). */
export interface ForumEditionValues {
  theme: Record<string, string>;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  venue: string;
  city: string;
  chair: string;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  accreditationDeadline: Date | null;
}

function columns(values: ForumEditionValues) {
  return {
    theme: JSON.stringify(values.theme),
    starts_on: values.startsOn,
    ends_on: values.endsOn,
    time_zone: values.timeZone,
    venue: values.venue,
    city: values.city,
    chair: values.chair,
    registration_opens_at: values.registrationOpensAt,
    registration_closes_at: values.registrationClosesAt,
    accreditation_deadline: values.accreditationDeadline,
  };
}

/** Inserts an edition; undefined when the year is taken (the unique key decides, race-free). */
export async function insertForumEdition(trx: Db, year: number, values: ForumEditionValues) {
  return trx
    .insertInto("forum_editions")
    .values({ year, ...columns(values) })
    .onConflict((oc) => oc.column("year").doNothing())
    .returning("id")
    .executeTakeFirst();
}

export async function updateForumEdition(trx: Db, id: string, values: ForumEditionValues): Promise<void> {
  await trx
    .updateTable("forum_editions")
    .set({ ...columns(values), updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
}

/** Replaces the OCP windows with `windows` (an empty list clears them). */
export async function replaceOcpWindows(
  trx: Db,
  editionId: string,
  windows: readonly PhaseWindow<ForumOcpPhase>[],
): Promise<void> {
  await trx.deleteFrom("forum_ocp_phases").where("edition_id", "=", editionId).execute();
  if (windows.length)
    await trx
      .insertInto("forum_ocp_phases")
      .values(
        windows.map((window) => ({
          edition_id: editionId,
          phase: window.phase,
          starts_at: window.startsAt,
          ends_at: window.endsAt,
        })),
      )
      .execute();
}

export interface RoomValues {
  name: string;
  capacity: number;
  opensAt: string;
  closesAt: string;
}

/** A room of the edition, or undefined. */
export function findRoom(db: Db, editionId: string, id: string) {
  return db
    .selectFrom("forum_rooms")
    .selectAll()
    .where("edition_id", "=", editionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Another room of the edition with this name (names are unique per edition, case-insensitively here). */
export async function roomNameTaken(db: Db, editionId: string, name: string, exceptId: string | null) {
  let query = db
    .selectFrom("forum_rooms")
    .select("id")
    .where("edition_id", "=", editionId)
    .where(sql<string>`lower(name)`, "=", name.toLowerCase());
  if (exceptId) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export function insertRoom(trx: Db, editionId: string, values: RoomValues) {
  return trx
    .insertInto("forum_rooms")
    .values({
      edition_id: editionId,
      name: values.name,
      capacity: values.capacity,
      opens_at: values.opensAt,
      closes_at: values.closesAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateRoom(trx: Db, id: string, values: RoomValues): Promise<void> {
  await trx
    .updateTable("forum_rooms")
    .set({
      name: values.name,
      capacity: values.capacity,
      opens_at: values.opensAt,
      closes_at: values.closesAt,
    })
    .where("id", "=", id)
    .execute();
}

/**
 * How many sessions use the room or track (any status: a draft's choice is kept too). The row is
 * locked first, so a session being given it at the same moment is counted or waits for the removal.
 */
export async function sessionsUsing(db: Db, column: "room_id" | "track_id", id: string): Promise<number> {
  await db
    .selectFrom(column === "room_id" ? "forum_rooms" : "forum_tracks")
    .select("id")
    .where("id", "=", id)
    .forUpdate()
    .execute();
  const row = await db
    .selectFrom("forum_sessions")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where(column, "=", id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteRoom(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom("forum_rooms").where("id", "=", id).execute();
}

export interface TrackValues {
  code: string;
  names: Record<string, string>;
}

export function findTrack(db: Db, editionId: string, id: string) {
  return db
    .selectFrom("forum_tracks")
    .selectAll()
    .where("edition_id", "=", editionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function trackCodeTaken(db: Db, editionId: string, code: string, exceptId: string | null) {
  let query = db
    .selectFrom("forum_tracks")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("code", "=", code);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export function insertTrack(trx: Db, editionId: string, values: TrackValues) {
  return trx
    .insertInto("forum_tracks")
    .values({ edition_id: editionId, code: values.code, names: JSON.stringify(values.names) })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateTrack(trx: Db, id: string, values: TrackValues): Promise<void> {
  await trx
    .updateTable("forum_tracks")
    .set({ code: values.code, names: JSON.stringify(values.names) })
    .where("id", "=", id)
    .execute();
}

export async function deleteTrack(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom("forum_tracks").where("id", "=", id).execute();
}

/** A past edition whose dates an admin has now set: its dates are real and are shown from then on. */
export async function markPastDatesRecorded(trx: Db, id: string): Promise<void> {
  await trx
    .updateTable("forum_editions")
    .set({ past_figures: sql`past_figures || '{"datesRecorded": true}'::jsonb` })
    .where("id", "=", id)
    .where("past_figures", "is not", null)
    .execute();
}
