import type { Kysely, Transaction } from "kysely";
import type { Database, ForumCheckinResult } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export function findScan(db: Db, editionId: string, scanId: string) {
  return db
    .selectFrom("forum_checkins")
    .select(["scan_id", "token_hash", "registration_id", "result", "scanned_at"])
    .where("edition_id", "=", editionId)
    .where("scan_id", "=", scanId)
    .executeTakeFirst();
}

/** The scan that admitted a registration, if any (at most one: a unique index holds it). */
export function findAdmission(db: Db, registrationId: string) {
  return db
    .selectFrom("forum_checkins")
    .select(["scan_id", "scanned_at"])
    .where("registration_id", "=", registrationId)
    .where("result", "=", "admitted")
    .executeTakeFirst();
}

/** A registration as the door sees it, locked so two scans of one badge are decided one after the other. */
export function lockRegistrationForCheckin(trx: Transaction<Database>, id: string) {
  return trx
    .selectFrom("forum_registrations as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .leftJoin("organisations as o", "o.id", "r.organisation_id")
    .select([
      "r.id",
      "r.edition_id",
      "r.status",
      "r.attendance",
      "r.badge_version",
      "u.name",
      "o.name as organisation_name",
    ])
    .where("r.id", "=", id)
    .forUpdate("r")
    .executeTakeFirst();
}

/** Stores a scan; false when a scan with this id was stored meanwhile (a concurrent duplicate sync). */
export async function insertScan(
  trx: Transaction<Database>,
  row: {
    editionId: string;
    scanId: string;
    tokenHash: string;
    registrationId: string | null;
    result: ForumCheckinResult;
    scannedAt: Date;
    scannedBy: string;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto("forum_checkins")
    .values({
      edition_id: row.editionId,
      scan_id: row.scanId,
      token_hash: row.tokenHash,
      registration_id: row.registrationId,
      result: row.result,
      scanned_at: row.scannedAt,
      scanned_by: row.scannedBy,
    })
    .onConflict((oc) => oc.columns(["edition_id", "scan_id"]).doNothing())
    .returning("scan_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** How many people have been admitted to the edition so far. */
export async function countAdmitted(db: Db, editionId: string): Promise<number> {
  const row = await db
    .selectFrom("forum_checkins")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("edition_id", "=", editionId)
    .where("result", "=", "admitted")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Name and organisation of a registration, for showing a stored scan again. */
export function findRegistrant(db: Db, registrationId: string) {
  return db
    .selectFrom("forum_registrations as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .leftJoin("organisations as o", "o.id", "r.organisation_id")
    .select(["u.name", "o.name as organisation_name"])
    .where("r.id", "=", registrationId)
    .executeTakeFirst();
}
