import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A juror of an edition's Photo Contest, as the secretariat's list shows them. */
export interface PhotoJurorRow {
  user_id: string;
  name: string;
  email: string;
  assigned_at: Date;
  /** Photos on the shortlist in this juror's name. */
  shortlisted: number;
  /** Winners' ranks standing in this juror's name. */
  ranked: number;
  /** Photos this juror entered in the edition: they do not judge them. */
  own_photos: number;
}

export async function listPhotoJurors(db: Db, editionId: string): Promise<PhotoJurorRow[]> {
  // The edition's photos whose `column` names the juror.
  const count = (column: "p.shortlisted_by" | "p.ranked_by" | "p.entrant_id") =>
    sql<string>`(select count(*) from prize_photos p where p.edition_id = j.edition_id and ${sql.ref(column)} = j.user_id)`;
  const rows = await db
    .selectFrom("prize_photo_jurors as j")
    .innerJoin("users as u", "u.id", "j.user_id")
    .select([
      "j.user_id",
      "u.name",
      "u.email",
      "j.assigned_at",
      count("p.shortlisted_by").as("shortlisted"),
      count("p.ranked_by").as("ranked"),
      count("p.entrant_id").as("own_photos"),
    ])
    .where("j.edition_id", "=", editionId)
    .orderBy("u.name")
    .orderBy("j.user_id")
    .execute();
  return rows.map((row) => ({
    ...row,
    assigned_at: new Date(row.assigned_at),
    shortlisted: Number(row.shortlisted),
    ranked: Number(row.ranked),
    own_photos: Number(row.own_photos),
  }));
}

export async function isPhotoJuror(db: Db, editionId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("prize_photo_jurors")
    .select("user_id")
    .where("edition_id", "=", editionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function countPhotoJurors(db: Db, editionId: string): Promise<number> {
  const row = await db
    .selectFrom("prize_photo_jurors")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Adds a juror; false when they already were one (nothing written). */
export async function insertPhotoJuror(
  trx: Transaction<Database>,
  row: { editionId: string; userId: string; assignedBy: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto("prize_photo_jurors")
    .values({ edition_id: row.editionId, user_id: row.userId, assigned_by: row.assignedBy })
    .onConflict((oc) => oc.doNothing())
    .returning("user_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a juror (their decisions stay, in their name); the account's name and email, or undefined. */
export async function deletePhotoJuror(
  trx: Transaction<Database>,
  editionId: string,
  userId: string,
): Promise<{ name: string; email: string } | undefined> {
  const removed = await trx
    .deleteFrom("prize_photo_jurors")
    .where("edition_id", "=", editionId)
    .where("user_id", "=", userId)
    .returning("user_id")
    .executeTakeFirst();
  if (!removed) return undefined;
  return trx.selectFrom("users").select(["name", "email"]).where("id", "=", userId).executeTakeFirst();
}
