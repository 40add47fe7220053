import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { PrizeRules } from "./prize-rules.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** One nominee's count: valid votes that count under the edition's rules. */
export interface NomineeCount {
  categoryCode: string;
  submissionId: string;
  votes: number;
}

export interface VoteTally {
  /** Every nominee of the edition, with zero when nobody voted for it. */
  nominees: NomineeCount[];
  /** Valid votes that count (the sum of `nominees`). */
  counted: number;
  /** Valid votes left out by a rule switch (e.g. voters who did not vote in every category). */
  notCounted: number;
  /** Invalidated votes by their reason, most frequent first. */
  invalidated: Array<{ reason: string; count: number }>;
}

/**
 * The count of an edition, in SQL: one aggregate over the votes, never a row per vote to the
 * application. With `votesOnlyFromCompleteVoters`, only voters with a valid vote in each of the
 * edition's categories count.
 */
export async function tallyVotes(db: Db, editionId: string, rules: PrizeRules): Promise<VoteTally> {
  const complete = rules.votesOnlyFromCompleteVoters;
  const counts = await sql<{
    category_code: string;
    submission_id: string;
    votes: string;
    not_counted: string;
  }>`
    with categories as (select count(*) as n from prize_categories where edition_id = ${editionId}),
    complete_voters as (
      select voter_id from prize_votes
      where edition_id = ${editionId} and invalidated_at is null
      group by voter_id
      having count(*) = (select n from categories)
    ),
    counted as (
      select v.submission_id,
        count(*) filter (where ${complete ? sql`v.voter_id in (select voter_id from complete_voters)` : sql`true`}) as votes,
        count(*) filter (where ${complete ? sql`v.voter_id not in (select voter_id from complete_voters)` : sql`false`}) as not_counted
      from prize_votes v
      where v.edition_id = ${editionId} and v.invalidated_at is null
      group by v.submission_id
    )
    select s.category_code, s.id as submission_id,
      coalesce(c.votes, 0)::text as votes, coalesce(c.not_counted, 0)::text as not_counted
    from prize_submissions s
    left join counted c on c.submission_id = s.id
    where s.edition_id = ${editionId} and (s.status = 'nominated' or c.submission_id is not null)
    order by s.category_code, coalesce(c.votes, 0) desc, s.id
  `.execute(db);
  const invalidated = await db
    .selectFrom("prize_votes")
    .select(["invalidation_reason", (eb) => eb.fn.countAll<string>().as("n")])
    .where("edition_id", "=", editionId)
    .where("invalidated_at", "is not", null)
    .groupBy("invalidation_reason")
    .orderBy("n", "desc")
    .execute();
  const nominees = counts.rows.map((row) => ({
    categoryCode: row.category_code,
    submissionId: row.submission_id,
    votes: Number(row.votes),
  }));
  return {
    nominees,
    counted: nominees.reduce((sum, nominee) => sum + nominee.votes, 0),
    notCounted: counts.rows.reduce((sum, row) => sum + Number(row.not_counted), 0),
    invalidated: invalidated.map((row) => ({ reason: row.invalidation_reason ?? "", count: Number(row.n) })),
  };
}
