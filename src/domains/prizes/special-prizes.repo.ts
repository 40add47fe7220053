import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface Juror {
  id: string;
  name: string;
  email: string;
}

export interface SpecialPrizeRow {
  id: string;
  code: string;
  names: Record<string, string>;
  rules: string;
  startsAt: Date;
  endsAt: Date;
  finalists: string[];
  winner: string | null;
  jurors: Juror[];
}

export interface SpecialPrizeValues {
  code: string;
  names: Record<string, string>;
  rules: string;
  startsAt: Date;
  endsAt: Date;
  finalists: string[];
  winner: string | null;
}

/** The edition's special prizes in their order, each with its jury (by name). */
export async function findSpecialPrizes(db: Db, editionId: string, id?: string): Promise<SpecialPrizeRow[]> {
  let query = db
    .selectFrom("prize_special_prizes")
    .select(["id", "code", "names", "rules", "starts_at", "ends_at", "finalists", "winner"])
    .where("edition_id", "=", editionId);
  if (id !== undefined) query = query.where("id", "=", id);
  const rows = await query.orderBy("sort_order").orderBy("id").execute();
  if (rows.length === 0) return [];
  const jurors = await db
    .selectFrom("prize_special_prize_jurors as j")
    .innerJoin("users as u", "u.id", "j.user_id")
    .select(["j.special_prize_id", "u.id", "u.name", "u.email"])
    .where(
      "j.special_prize_id",
      "in",
      rows.map((row) => row.id),
    )
    .orderBy("u.name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    names: row.names,
    rules: row.rules,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    finalists: row.finalists,
    winner: row.winner,
    jurors: jurors
      .filter((juror) => juror.special_prize_id === row.id)
      .map((juror) => ({ id: juror.id, name: juror.name, email: juror.email })),
  }));
}

/** Whether another special prize of the edition has `code`. */
export async function specialPrizeCodeTaken(
  db: Db,
  editionId: string,
  code: string,
  exceptId: string | null,
): Promise<boolean> {
  let query = db
    .selectFrom("prize_special_prizes")
    .select("id")
    .where("edition_id", "=", editionId)
    .where("code", "=", code);
  if (exceptId) query = query.where("id", "<>", exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Accounts by email address (case-insensitive, as the unique index compares them). */
export async function findUsersByEmails(db: Db, emails: readonly string[]): Promise<Juror[]> {
  if (emails.length === 0) return [];
  return db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where(
      sql<string>`lower(email)`,
      "in",
      emails.map((email) => email.toLowerCase()),
    )
    .execute();
}

const columns = (values: SpecialPrizeValues) => ({
  code: values.code,
  names: JSON.stringify(values.names),
  rules: values.rules,
  starts_at: values.startsAt,
  ends_at: values.endsAt,
  finalists: values.finalists,
  winner: values.winner,
});

/** A new special prize at the end of the edition's list; null when its code is taken. */
export async function insertSpecialPrize(
  trx: Transaction<Database>,
  editionId: string,
  values: SpecialPrizeValues,
): Promise<string | null> {
  const row = await trx
    .insertInto("prize_special_prizes")
    .values((eb) => ({
      edition_id: editionId,
      ...columns(values),
      sort_order: eb
        .selectFrom("prize_special_prizes")
        .select(sql<number>`coalesce(max(sort_order), 0) + 1`.as("next"))
        .where("edition_id", "=", editionId),
    }))
    .onConflict((oc) => oc.columns(["edition_id", "code"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updateSpecialPrize(
  trx: Transaction<Database>,
  id: string,
  values: SpecialPrizeValues,
): Promise<void> {
  await trx
    .updateTable("prize_special_prizes")
    .set({ ...columns(values), updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** Makes the jury exactly `userIds`. */
export async function replaceJurors(
  trx: Transaction<Database>,
  specialPrizeId: string,
  userIds: readonly string[],
): Promise<void> {
  await trx.deleteFrom("prize_special_prize_jurors").where("special_prize_id", "=", specialPrizeId).execute();
  if (userIds.length === 0) return;
  await trx
    .insertInto("prize_special_prize_jurors")
    .values(userIds.map((userId) => ({ special_prize_id: specialPrizeId, user_id: userId })))
    .execute();
}

/** Deletes a special prize; its jury goes with it (cascade). */
export async function deleteSpecialPrizeRow(trx: Transaction<Database>, id: string): Promise<void> {
  await trx.deleteFrom("prize_special_prizes").where("id", "=", id).execute();
}
