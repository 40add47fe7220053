import { type Kysely, sql } from "kysely";

/**
 * Fewer indexes to write per vote (the hottest insert there is): seven became five.
 * - `prize_votes_submission` (submission, valid votes) is dropped: every query that counts a
 *   nominee's votes names the edition too, which `prize_votes_tally` (edition, submission) serves.
 * - The one-vote-per-category unique index now reads (edition, voter, category) instead of
 *   (edition, category, voter): it still refuses a second vote, and now also serves a voter's
 *   votes in an edition ("My votes", complete voters), so `prize_votes_voter` is dropped. Accounts
 *   are never deleted, so the voter foreign key needs no index of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unique index prize_votes_one_per_voter_category
      on prize_votes (edition_id, voter_id, category_code);
    drop index prize_votes_one_per_category;
    drop index prize_votes_submission;
    drop index prize_votes_voter;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unique index prize_votes_one_per_category on prize_votes (edition_id, category_code, voter_id);
    create index prize_votes_submission on prize_votes (submission_id) where invalidated_at is null;
    create index prize_votes_voter on prize_votes (voter_id);
    drop index prize_votes_one_per_voter_category;
  `.execute(db);
}
