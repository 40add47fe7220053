import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The statuses of a submission that count as "submitted" in the statistics: entered before the
 * deadline, whatever the review then decided. Drafts and withdrawn submissions were never entered.
 */
export const ENTERED_STATUSES = ["submitted", "ineligible", "nominated", "not_nominated"] as const;

/** Submissions of an edition grouped by what the statistics split them by. */
export interface SubmissionGroup {
  categoryCode: string;
  stakeholderType: string;
  countryCode: string | null;
  regionCode: string | null;
  nominated: boolean;
  count: number;
}

/**
 * One aggregate over an edition's entered submissions, by category, the entering organisation's
 * stakeholder type, country and the country's region (a few hundred groups at most; the page sums
 * them per split).
 */
export async function countSubmissionGroups(db: Db, editionId: string): Promise<SubmissionGroup[]> {
  const rows = await db
    .selectFrom("prize_submissions as s")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .leftJoin("countries as c", "c.code", "o.country_code")
    .select((eb) => [
      "s.category_code",
      "o.stakeholder_type",
      "o.country_code",
      "c.region_code",
      eb("s.status", "=", "nominated").as("nominated"),
      eb.fn.countAll<string>().as("n"),
    ])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "in", [...ENTERED_STATUSES])
    .groupBy(["s.category_code", "o.stakeholder_type", "o.country_code", "c.region_code", "nominated"])
    .execute();
  return rows.map((row) => ({
    categoryCode: row.category_code,
    stakeholderType: row.stakeholder_type,
    countryCode: row.country_code,
    regionCode: row.region_code,
    nominated: row.nominated === true || (row.nominated as unknown) === "t",
    count: Number(row.n),
  }));
}

/** Every edition's year and stored past figures, with its entered submissions on this platform. */
export async function findEditionHistory(
  db: Db,
): Promise<Array<{ year: number; pastFigures: unknown; submissions: number }>> {
  const rows = await db
    .selectFrom("prize_editions as e")
    .leftJoin("prize_submissions as s", (join) =>
      join.onRef("s.edition_id", "=", "e.id").on("s.status", "in", [...ENTERED_STATUSES]),
    )
    .select((eb) => ["e.year", "e.past_figures", eb.fn.count<string>("s.id").as("n")])
    .groupBy(["e.id", "e.year", "e.past_figures"])
    .orderBy("e.year")
    .execute();
  return rows.map((row) => ({
    year: Number(row.year),
    pastFigures: row.past_figures,
    submissions: Number(row.n),
  }));
}
