import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** The organisations `userId` is a focal point of in the edition. */
export async function focalOrganisations(db: Db, editionId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("forum_focal_points")
    .select("organisation_id")
    .where("edition_id", "=", editionId)
    .where("user_id", "=", userId)
    .execute();
  return rows.map((row) => row.organisation_id);
}

/** Whether `userId` is a focal point of `organisationId` in the edition. */
export async function isFocalPoint(db: Db, editionId: string, organisationId: string, userId: string) {
  const row = await db
    .selectFrom("forum_focal_points")
    .select("user_id")
    .where("edition_id", "=", editionId)
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** An edition's focal points with their accounts and organisations. */
export function listFocalPoints(db: Db, editionId: string) {
  return db
    .selectFrom("forum_focal_points as f")
    .innerJoin("users as u", "u.id", "f.user_id")
    .innerJoin("organisations as o", "o.id", "f.organisation_id")
    .select([
      "f.user_id",
      "f.organisation_id",
      "f.named_at",
      "u.name",
      "u.email",
      "o.name as organisation_name",
    ])
    .where("f.edition_id", "=", editionId)
    .orderBy("o.name")
    .orderBy("u.name")
    .execute();
}

/** Names a focal point; false when they already are one for that organisation. */
export async function insertFocalPoint(
  trx: Transaction<Database>,
  row: { editionId: string; organisationId: string; userId: string; namedBy: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto("forum_focal_points")
    .values({
      edition_id: row.editionId,
      organisation_id: row.organisationId,
      user_id: row.userId,
      named_by: row.namedBy,
    })
    .onConflict((oc) => oc.columns(["edition_id", "organisation_id", "user_id"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a focal point; false when there was none. */
export async function deleteFocalPoint(
  trx: Transaction<Database>,
  editionId: string,
  organisationId: string,
  userId: string,
): Promise<boolean> {
  const deleted = await trx
    .deleteFrom("forum_focal_points")
    .where("edition_id", "=", editionId)
    .where("organisation_id", "=", organisationId)
    .where("user_id", "=", userId)
    .returning("user_id")
    .executeTakeFirst();
  return deleted !== undefined;
}

/** An account by its email in any case, with its organisation, for naming a focal point. */
export function findAccountWithOrganisation(db: Db, email: string) {
  return db
    .selectFrom("users as u")
    .leftJoin("organisations as o", "o.id", "u.organisation_id")
    .select(["u.id", "u.name", "u.email", "u.organisation_id", "o.name as organisation_name"])
    .where((eb) => eb(eb.fn("lower", ["u.email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}
