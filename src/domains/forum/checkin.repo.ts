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
