import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { TestEdition } from "./prizes.testing.ts";

/** Names an account to an edition's Photo Contest jury directly (no HTTP, no audit). */
export async function makePhotoJuror(
  db: Kysely<Database>,
  edition: TestEdition,
  userId: string,
): Promise<void> {
  await db.insertInto("prize_photo_jurors").values({ edition_id: edition.id, user_id: userId }).execute();
}

/** The edition's jurors' account ids, in id order. */
export async function photoJurorIds(db: Kysely<Database>, edition: TestEdition): Promise<string[]> {
  const rows = await db
    .selectFrom("prize_photo_jurors")
    .select("user_id")
    .where("edition_id", "=", edition.id)
    .orderBy("user_id")
    .execute();
  return rows.map((row) => row.user_id);
}

/** The audit records of one action about an edition or a photo, oldest first. */
export async function auditRecords(db: Kysely<Database>, action: string, subjectId: string) {
  return db
    .selectFrom("audit_log")
    .select(["actor_id", "before", "after"])
    .where("action", "=", action)
    .where("subject_id", "=", subjectId)
    .orderBy("id")
    .execute();
}
