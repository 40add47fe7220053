import { type Kysely, sql } from "kysely";

/**
 * Voting receipts and vote screening (issue 6, points 4 and 5).
 *
 * - `prize_votes.receipt_nonce`: the per-vote random value the receipt hash covers, so the receipt
 *   cannot be guessed from the (few) possible nominees. It is published beside the receipt after
 *   the results, so anyone can recompute every receipt of the published list (see `vote-receipts.ts`).
 * - `prize_votes.ip_range`: the /24 (IPv4) or /48 (IPv6) network the vote came from, computed when
 *   the vote is cast, so screening groups bursts with a plain index instead of parsing addresses.
 * - `prize_vote_flags`: a suspicious group of votes found by screening (a burst from one network, a
 *   cluster of freshly created single-category voters behind one nominee, voters whose e-mail
 *   addresses are aliases of one another). Flags are for review: nothing is dropped. The secretariat
 *   clears a flag or invalidates its votes with a reason (kept on each vote). One flag per
 *   (edition, kind, group) is a unique key, so screening again extends a flag instead of repeating it.
 * - `prize_vote_flag_votes`: which votes a flag covers.
 * - `prize_votes_tally`: the aggregate the count reads (edition, submission) over valid votes only,
 *   an index-only scan for `tallyVotes`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table prize_votes
      add column receipt_nonce text check (length(receipt_nonce) <= 64),
      add column ip_range text check (length(ip_range) <= 64);
    create index prize_votes_ip_range on prize_votes (edition_id, ip_range, cast_at) where ip_range is not null;
    create index prize_votes_tally on prize_votes (edition_id, submission_id)
      where invalidated_at is null;

    create table prize_vote_flags (
      id bigint generated always as identity primary key,
      edition_id bigint not null references prize_editions (id) on delete cascade,
      kind text not null check (kind in ('ip_burst', 'fresh_accounts', 'email_alias')),
      group_key text not null check (length(group_key) between 1 and 300),
      vote_count int not null default 0,
      status text not null default 'open' check (status in ('open', 'cleared', 'invalidated')),
      detected_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      reviewed_by bigint references users (id),
      reviewed_at timestamptz,
      review_note text check (length(review_note) <= 1000),
      unique (edition_id, kind, group_key)
    );
    create index prize_vote_flags_open on prize_vote_flags (edition_id, status, detected_at desc);

    create table prize_vote_flag_votes (
      flag_id bigint not null references prize_vote_flags (id) on delete cascade,
      vote_id bigint not null references prize_votes (id) on delete cascade,
      primary key (flag_id, vote_id)
    );
    create index prize_vote_flag_votes_vote on prize_vote_flag_votes (vote_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table prize_vote_flag_votes, prize_vote_flags;
    drop index prize_votes_tally;
    drop index prize_votes_ip_range;
    alter table prize_votes drop column ip_range, drop column receipt_nonce;
  `.execute(db);
}
