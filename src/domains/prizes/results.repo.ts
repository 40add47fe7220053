import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What the results pages and certificates show of a nominee. */
export interface NomineeDetails {
  submissionId: string;
  categoryCode: string;
  title: string;
  organisation: string;
  countryCode: string | null;
}

/** Titles and organisations of the given submissions of an edition. */
export async function findNomineeDetails(
  db: Db,
  editionId: string,
  submissionIds: readonly string[],
): Promise<Map<string, NomineeDetails>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("prize_submissions as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .select(["s.id", "s.category_code", "s.title", "o.name", "o.country_code"])
    .where("s.edition_id", "=", editionId)
    .where("s.id", "in", [...submissionIds])
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        submissionId: row.id,
        categoryCode: row.category_code,
        title: row.title,
        organisation: row.name,
        countryCode: row.country_code,
      },
    ]),
  );
}

/** The winners recorded so far, by category code. */
export async function findWinnerPicks(
  db: Db,
  editionId: string,
): Promise<Map<string, { submissionId: string; decidedAt: Date }>> {
  const rows = await db
    .selectFrom("prize_winner_picks")
    .select(["category_code", "submission_id", "decided_at"])
    .where("edition_id", "=", editionId)
    .execute();
  return new Map(
    rows.map((row) => [
      row.category_code,
      { submissionId: row.submission_id, decidedAt: new Date(row.decided_at) },
    ]),
  );
}

/** Records (or replaces) the winner of a category; returns the one it replaced, if any. */
export async function upsertWinnerPick(
  trx: Transaction<Database>,
  pick: { editionId: string; categoryCode: string; submissionId: string; decidedBy: string },
): Promise<string | null> {
  const previous = await trx
    .selectFrom("prize_winner_picks")
    .select("submission_id")
    .where("edition_id", "=", pick.editionId)
    .where("category_code", "=", pick.categoryCode)
    .forUpdate()
    .executeTakeFirst();
  await trx
    .insertInto("prize_winner_picks")
    .values({
      edition_id: pick.editionId,
      category_code: pick.categoryCode,
      submission_id: pick.submissionId,
      decided_by: pick.decidedBy,
    })
    .onConflict((oc) =>
      oc.columns(["edition_id", "category_code"]).doUpdateSet({
        submission_id: pick.submissionId,
        decided_by: pick.decidedBy,
        decided_at: new Date(),
      }),
    )
    .execute();
  return previous?.submission_id ?? null;
}

/**
 * Locks the edition's row until the transaction ends, so a winner recorded and the results
 * published at the same moment are decided one after the other; returns when it was published.
 */
export async function lockEditionForResults(
  trx: Transaction<Database>,
  editionId: string,
): Promise<{ resultsPublishedAt: Date | null }> {
  const row = await trx
    .selectFrom("prize_editions")
    .select("results_published_at")
    .where("id", "=", editionId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { resultsPublishedAt: row.results_published_at ? new Date(row.results_published_at) : null };
}

export interface AwardRow {
  categoryCode: string;
  submissionId: string;
  award: "champion" | "winner";
  rank: number | null;
  votes: number | null;
}

/** Writes the awards, the frozen count and the publication instant of an edition. */
export async function insertPublishedResults(
  trx: Transaction<Database>,
  editionId: string,
  publishedBy: string,
  publishedAt: Date,
  awards: readonly AwardRow[],
  totals: { counted: number; notCounted: number; invalidated: Array<{ reason: string; count: number }> },
): Promise<void> {
  if (awards.length > 0)
    await trx
      .insertInto("prize_awards")
      .values(
        awards.map((award) => ({
          edition_id: editionId,
          category_code: award.categoryCode,
          submission_id: award.submissionId,
          award: award.award,
          rank: award.rank,
          votes: award.votes,
          decided_by: publishedBy,
          decided_at: publishedAt,
        })),
      )
      .execute();
  await trx
    .insertInto("prize_results")
    .values({
      edition_id: editionId,
      counted: totals.counted,
      not_counted: totals.notCounted,
      invalidated: JSON.stringify(totals.invalidated),
      published_by: publishedBy,
      published_at: publishedAt,
    })
    .execute();
  await trx
    .updateTable("prize_editions")
    .set({ results_published_at: publishedAt, updated_at: publishedAt })
    .where("id", "=", editionId)
    .execute();
}

/** The count as published, or undefined before publication. */
export async function findPublishedTotals(db: Db, editionId: string) {
  const row = await db
    .selectFrom("prize_results")
    .select(["counted", "not_counted", "invalidated", "published_at"])
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const invalidated = typeof row.invalidated === "string" ? JSON.parse(row.invalidated) : row.invalidated;
  return {
    counted: Number(row.counted),
    notCounted: Number(row.not_counted),
    invalidated: invalidated as Array<{ reason: string; count: number }>,
    publishedAt: new Date(row.published_at),
  };
}

/** The published awards of an edition (a winner has a champion row too). */
export async function findAwards(db: Db, editionId: string): Promise<AwardRow[]> {
  const rows = await db
    .selectFrom("prize_awards")
    .select(["category_code", "submission_id", "award", "rank", "votes"])
    .where("edition_id", "=", editionId)
    .orderBy("category_code")
    .orderBy("rank")
    .orderBy("submission_id")
    .execute();
  return rows.map((row) => ({
    categoryCode: row.category_code,
    submissionId: row.submission_id,
    award: row.award,
    rank: row.rank === null ? null : Number(row.rank),
    votes: row.votes === null ? null : Number(row.votes),
  }));
}

/** The awards of one submission of an edition (none unless the results are published). */
export async function findSubmissionAwards(
  db: Db,
  editionId: string,
  submissionId: string,
): Promise<AwardRow[]> {
  const all = await db
    .selectFrom("prize_awards")
    .select(["category_code", "submission_id", "award", "rank", "votes"])
    .where("edition_id", "=", editionId)
    .where("submission_id", "=", submissionId)
    .execute();
  return all.map((row) => ({
    categoryCode: row.category_code,
    submissionId: row.submission_id,
    award: row.award,
    rank: row.rank === null ? null : Number(row.rank),
    votes: row.votes === null ? null : Number(row.votes),
  }));
}
