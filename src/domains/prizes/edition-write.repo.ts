import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, PrizePhase } from "../../db/schema.ts";
import type { PrizeEditionRow } from "./editions.repo.ts";
import type { PastFigures } from "./past-editions.ts";
import type { PhaseWindow } from "./prize-phases.ts";
import type { PrizeRules } from "./prize-rules.ts";

/** Writes of editions, their phases, categories and criteria: always inside the caller's transaction. */

type Trx = Transaction<Database>;

export interface CriterionValues {
  code: string;
  names: Record<string, string>;
  weight: number;
}

export interface EditionRecord {
  year: number;
  theme: Record<string, string>;
  timeZone: string;
  rules: PrizeRules;
  phases: PhaseWindow[];
  categories: string[];
  criteria: CriterionValues[];
}

/** Inserts an edition with all its parts; null when the year is taken (the unique index decides). */
export async function insertEdition(trx: Trx, edition: EditionRecord): Promise<string | null> {
  const row = await trx
    .insertInto("prize_editions")
    .values({
      year: edition.year,
      theme: JSON.stringify(edition.theme),
      time_zone: edition.timeZone,
      rules: JSON.stringify(edition.rules),
    })
    .onConflict((oc) => oc.column("year").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!row) return null;
  await writePhases(trx, row.id, edition.phases);
  await syncCategories(trx, row.id, edition.categories);
  await syncCriteria(trx, row.id, edition.criteria);
  return row.id;
}

/** The edition of `year`, locked until the transaction ends, so concurrent changes queue. */
export async function lockEditionByYear(trx: Trx, year: number): Promise<PrizeEditionRow | undefined> {
  return (await trx
    .selectFrom("prize_editions")
    .selectAll()
    .where("year", "=", year)
    .forUpdate()
    .executeTakeFirst()) as PrizeEditionRow | undefined;
}

export async function updateEditionRow(
  trx: Trx,
  id: string,
  values: { theme: Record<string, string>; timeZone?: string; rules?: PrizeRules },
): Promise<void> {
  await trx
    .updateTable("prize_editions")
    .set({
      theme: JSON.stringify(values.theme),
      ...(values.timeZone === undefined ? {} : { time_zone: values.timeZone }),
      ...(values.rules === undefined ? {} : { rules: JSON.stringify(values.rules) }),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

/** Sets the windows of the given phases (insert or replace), leaving the others alone. */
export async function writePhases(
  trx: Trx,
  editionId: string,
  windows: readonly PhaseWindow[],
): Promise<void> {
  if (windows.length === 0) return;
  await trx
    .insertInto("prize_phases")
    .values(
      windows.map((window) => ({
        edition_id: editionId,
        phase: window.phase,
        starts_at: window.startsAt,
        ends_at: window.endsAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["edition_id", "phase"]).doUpdateSet({
        starts_at: (eb) => eb.ref("excluded.starts_at"),
        ends_at: (eb) => eb.ref("excluded.ends_at"),
      }),
    )
    .execute();
}

export async function touchEdition(trx: Trx, editionId: string): Promise<void> {
  await trx
    .updateTable("prize_editions")
    .set({ updated_at: new Date() })
    .where("id", "=", editionId)
    .execute();
}

/** Makes the edition's categories exactly `codes`, in that order. */
export async function syncCategories(trx: Trx, editionId: string, codes: readonly string[]): Promise<void> {
  let query = trx.deleteFrom("prize_categories").where("edition_id", "=", editionId);
  if (codes.length) query = query.where("code", "not in", codes);
  await query.execute();
  if (codes.length === 0) return;
  await trx
    .insertInto("prize_categories")
    .values(codes.map((code, index) => ({ edition_id: editionId, code, sort_order: index + 1 })))
    .onConflict((oc) =>
      oc.columns(["edition_id", "code"]).doUpdateSet({ sort_order: (eb) => eb.ref("excluded.sort_order") }),
    )
    .execute();
}

/**
 * Makes the edition's criteria exactly `criteria`: rows are updated in place (never deleted and
 * re-inserted), because experts' scores refer to a criterion and go with it.
 */
export async function syncCriteria(
  trx: Trx,
  editionId: string,
  criteria: readonly CriterionValues[],
): Promise<void> {
  const codes = criteria.map((criterion) => criterion.code);
  let query = trx.deleteFrom("prize_criteria").where("edition_id", "=", editionId);
  if (codes.length) query = query.where("code", "not in", codes);
  await query.execute();
  if (criteria.length === 0) return;
  await trx
    .insertInto("prize_criteria")
    .values(
      criteria.map((criterion, index) => ({
        edition_id: editionId,
        code: criterion.code,
        names: JSON.stringify(criterion.names),
        weight: criterion.weight,
        sort_order: index + 1,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["edition_id", "code"]).doUpdateSet({
        names: (eb) => eb.ref("excluded.names"),
        weight: (eb) => eb.ref("excluded.weight"),
        sort_order: (eb) => eb.ref("excluded.sort_order"),
      }),
    )
    .execute();
}

/** Moves one phase's window (an extension, or a later phase shifted with it). */
export async function setPhaseWindow(
  trx: Trx,
  editionId: string,
  phase: PrizePhase,
  startsAt: Date,
  endsAt: Date,
): Promise<void> {
  await trx
    .updateTable("prize_phases")
    .set({ starts_at: startsAt, ends_at: endsAt })
    .where("edition_id", "=", editionId)
    .where("phase", "=", phase)
    .execute();
}

/** Replaces a past edition's figures (an admin's correction). */
export async function setPastFigures(trx: Trx, editionId: string, figures: PastFigures): Promise<void> {
  await trx
    .updateTable("prize_editions")
    .set({ past_figures: JSON.stringify(figures), updated_at: new Date() })
    .where("id", "=", editionId)
    .execute();
}

/**
 * A past edition where missing: a new row for a year without an edition, or the figures on an
 * edition of that year that has neither figures nor phases (a placeholder). True when it wrote.
 */
export async function insertPastEdition(
  trx: Kysely<Database> | Trx,
  seed: { year: number; theme: Record<string, string>; figures: PastFigures; timeZone: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto("prize_editions")
    .values({
      year: seed.year,
      theme: JSON.stringify(seed.theme),
      time_zone: seed.timeZone,
      past_figures: JSON.stringify(seed.figures),
    })
    .onConflict((oc) => oc.column("year").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return true;
  const updated = await trx
    .updateTable("prize_editions")
    .set({ past_figures: JSON.stringify(seed.figures) })
    .where("year", "=", seed.year)
    .where("past_figures", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("prize_phases")
            .select(sql<number>`1`.as("one"))
            .whereRef("prize_phases.edition_id", "=", "prize_editions.id"),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
