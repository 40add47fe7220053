import type { Kysely, Transaction } from "kysely";
import type { Database, PrizeEditionsTable } from "../../db/schema.ts";
import type { PhaseWindow } from "./prize-phases.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An edition row as the prizes domain reads it. */
export type PrizeEditionRow = {
  [K in keyof PrizeEditionsTable]: PrizeEditionsTable[K] extends { __select__: infer S }
    ? S
    : PrizeEditionsTable[K];
};

export async function findEditionByYear(db: Db, year: number): Promise<PrizeEditionRow | undefined> {
  return (await db.selectFrom("prize_editions").selectAll().where("year", "=", year).executeTakeFirst()) as
    | PrizeEditionRow
    | undefined;
}

export async function findEditionById(db: Db, id: string): Promise<PrizeEditionRow | undefined> {
  return (await db.selectFrom("prize_editions").selectAll().where("id", "=", id).executeTakeFirst()) as
    | PrizeEditionRow
    | undefined;
}

/** The edition's phase windows, in no particular order (see `openPhase`). */
export async function findPhaseWindows(db: Db, editionId: string): Promise<PhaseWindow[]> {
  const rows = await db
    .selectFrom("prize_phases")
    .select(["phase", "starts_at", "ends_at"])
    .where("edition_id", "=", editionId)
    .execute();
  return rows.map((row) => ({
    phase: row.phase,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
  }));
}

/** The edition's category codes in their order. */
export async function findCategoryCodes(db: Db, editionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("prize_categories")
    .select("code")
    .where("edition_id", "=", editionId)
    .orderBy("sort_order")
    .execute();
  return rows.map((row) => row.code);
}
