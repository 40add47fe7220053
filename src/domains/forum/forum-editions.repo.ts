import type { Kysely, Transaction } from "kysely";
import type { Database, ForumOcpPhase } from "../../db/schema.ts";
import type { PhaseWindow } from "../../platform/phase-windows.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An edition by its year (how URLs address it), or undefined. */
export function findForumEditionByYear(db: Db, year: number) {
  return db.selectFrom("forum_editions").selectAll().where("year", "=", year).executeTakeFirst();
}

export function findForumEditionById(db: Db, id: string) {
  return db.selectFrom("forum_editions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The edition's OCP windows, in the order they run. */
export async function findOcpWindows(db: Db, editionId: string): Promise<PhaseWindow<ForumOcpPhase>[]> {
  const rows = await db
    .selectFrom("forum_ocp_phases")
    .select(["phase", "starts_at", "ends_at"])
    .where("edition_id", "=", editionId)
    .orderBy("starts_at")
    .execute();
  return rows.map(toOcpWindow);
}

/** A stored OCP window row as the phase checks read it (both repos select the same columns). */
export function toOcpWindow(row: {
  phase: ForumOcpPhase;
  starts_at: Date | string;
  ends_at: Date | string;
}): PhaseWindow<ForumOcpPhase> {
  return { phase: row.phase, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) };
}

/** The venue's rooms, by name. */
export function findRooms(db: Db, editionId: string) {
  return db
    .selectFrom("forum_rooms")
    .select(["id", "name", "capacity", "opens_at", "closes_at"])
    .where("edition_id", "=", editionId)
    .orderBy("name")
    .execute();
}

/** The edition's special tracks, by code. */
export function findTracks(db: Db, editionId: string) {
  return db
    .selectFrom("forum_tracks")
    .select(["id", "code", "names"])
    .where("edition_id", "=", editionId)
    .orderBy("code")
    .execute();
}
