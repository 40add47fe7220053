import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An assignment as the secretariat's page lists it. */
export interface ExpertRow {
  category_code: string;
  user_id: string;
  name: string;
  email: string;
  assigned_at: Date;
  /** Submissions this expert scored (at least one criterion) in the category. */
  scored: number;
  conflicts: number;
}

export async function listExperts(db: Db, editionId: string): Promise<ExpertRow[]> {
  const rows = await db
    .selectFrom("prize_experts as e")
    .innerJoin("users as u", "u.id", "e.user_id")
    .innerJoin("prize_categories as c", (join) =>
      join.onRef("c.edition_id", "=", "e.edition_id").onRef("c.code", "=", "e.category_code"),
    )
    .select((eb) => [
      "e.category_code",
      "e.user_id",
      "u.name",
      "u.email",
      "e.assigned_at",
      eb
        .selectFrom("prize_scores as p")
        .select(sql<string>`count(distinct p.submission_id)`.as("n"))
        .whereRef("p.edition_id", "=", "e.edition_id")
        .whereRef("p.category_code", "=", "e.category_code")
        .whereRef("p.expert_id", "=", "e.user_id")
        .as("scored"),
      eb
        .selectFrom("prize_conflicts as k")
        .select(eb.fn.countAll<string>().as("n"))
        .whereRef("k.edition_id", "=", "e.edition_id")
        .whereRef("k.category_code", "=", "e.category_code")
        .whereRef("k.expert_id", "=", "e.user_id")
        .as("conflicts"),
    ])
    .where("e.edition_id", "=", editionId)
    .orderBy("c.sort_order")
    .orderBy("u.name")
    .execute();
  return rows.map((row) => ({
    ...row,
    assigned_at: new Date(row.assigned_at),
    scored: Number(row.scored ?? 0),
    conflicts: Number(row.conflicts ?? 0),
  }));
}

/** Adds an assignment; false when it already existed (nothing written). */
export async function insertExpert(
  trx: Transaction<Database>,
  row: { editionId: string; categoryCode: string; userId: string; assignedBy: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto("prize_experts")
    .values({
      edition_id: row.editionId,
      category_code: row.categoryCode,
      user_id: row.userId,
      assigned_by: row.assignedBy,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("user_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Ends an assignment, with the expert's scores and conflicts in that category (the foreign keys
 * cascade): a removed expert's opinion no longer counts. Returns what went, or null when there was
 * no such assignment.
 */
export async function deleteExpert(
  trx: Transaction<Database>,
  key: { editionId: string; categoryCode: string; userId: string },
): Promise<{ scores: number; conflicts: number } | null> {
  const assignment = await trx
    .selectFrom("prize_experts")
    .select("user_id")
    .where("edition_id", "=", key.editionId)
    .where("category_code", "=", key.categoryCode)
    .where("user_id", "=", key.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!assignment) return null;
  const count = async (table: "prize_scores" | "prize_conflicts") =>
    Number(
      (
        await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("edition_id", "=", key.editionId)
          .where("category_code", "=", key.categoryCode)
          .where("expert_id", "=", key.userId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const removed = { scores: await count("prize_scores"), conflicts: await count("prize_conflicts") };
  await trx
    .deleteFrom("prize_experts")
    .where("edition_id", "=", key.editionId)
    .where("category_code", "=", key.categoryCode)
    .where("user_id", "=", key.userId)
    .execute();
  return removed;
}

/** The edition row locked, so a change and the list's publication never interleave. */
export async function lockEditionPublication(
  trx: Transaction<Database>,
  editionId: string,
): Promise<{ nominees_published_at: Date | null } | undefined> {
  const row = await trx
    .selectFrom("prize_editions")
    .select("nominees_published_at")
    .where("id", "=", editionId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  return { nominees_published_at: row.nominees_published_at ? new Date(row.nominees_published_at) : null };
}
