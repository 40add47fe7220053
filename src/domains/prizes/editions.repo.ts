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

/** Every edition, newest first (a few dozen rows at most: one a year). */
export async function listEditions(db: Db): Promise<PrizeEditionRow[]> {
  return (await db
    .selectFrom("prize_editions")
    .selectAll()
    .orderBy("year", "desc")
    .execute()) as PrizeEditionRow[];
}

/** The phase windows of several editions at once, by edition id. */
export async function findPhaseWindowsOf(
  db: Db,
  editionIds: readonly string[],
): Promise<Map<string, PhaseWindow[]>> {
  const byEdition = new Map<string, PhaseWindow[]>(editionIds.map((id) => [id, []]));
  if (editionIds.length === 0) return byEdition;
  const rows = await db
    .selectFrom("prize_phases")
    .select(["edition_id", "phase", "starts_at", "ends_at"])
    .where("edition_id", "in", editionIds)
    .execute();
  for (const row of rows)
    byEdition.get(row.edition_id)?.push({
      phase: row.phase,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
    });
  return byEdition;
}

/** The category codes of several editions at once, each in its order. */
export async function findCategoryCodesOf(
  db: Db,
  editionIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byEdition = new Map<string, string[]>(editionIds.map((id) => [id, []]));
  if (editionIds.length === 0) return byEdition;
  const rows = await db
    .selectFrom("prize_categories")
    .select(["edition_id", "code"])
    .where("edition_id", "in", editionIds)
    .orderBy("edition_id")
    .orderBy("sort_order")
    .execute();
  for (const row of rows) byEdition.get(row.edition_id)?.push(row.code);
  return byEdition;
}

export interface CriterionRow {
  code: string;
  names: Record<string, string>;
  /** numeric(5,2) as a number. */
  weight: number;
}

/** The edition's nomination criteria in their order. */
export async function findCriteria(db: Db, editionId: string): Promise<CriterionRow[]> {
  const rows = await db
    .selectFrom("prize_criteria")
    .select(["code", "names", "weight"])
    .where("edition_id", "=", editionId)
    .orderBy("sort_order")
    .execute();
  return rows.map((row) => ({ code: row.code, names: row.names, weight: Number(row.weight) }));
}
