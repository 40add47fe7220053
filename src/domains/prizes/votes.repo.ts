import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

export interface NewVote {
  editionId: string;
  category: string;
  nomineeId: string;
  voterId: string;
  receipt: string;
  nonce: string;
  ip: string | null;
  ipRange: string | null;
  now: Date;
}

/**
 * Casts one vote in ONE statement, its own transaction: the row is written only if the nominee is
 * a nominated submission of that edition and category, the edition's nominees are published and
 * its voting window holds `now`; the unique index (edition, category, voter) decides between
 * racing requests (`on conflict do nothing`, never "check then insert"). Undefined when nothing
 * was written; `whyRefused` then says why.
 *
 * There is deliberately no audit row per vote: the vote row itself, with its voter, address, time
 * and receipt, is the ledger, and it is never updated except to invalidate it (which is audited).
 */
export async function insertVote(db: Db, vote: NewVote): Promise<{ id: string; castAt: Date } | undefined> {
  return (await insertVotes(db, [vote])).get(vote.receipt);
}

/**
 * `insertVote` for many votes in ONE statement (`VoteWriter`'s group commit): each row is written
 * under the same checks, and the unique index refuses a second vote of a voter in a category even
 * when both are in this statement. The written votes, by receipt (each vote's own, random).
 */
export async function insertVotes(
  db: Db,
  votes: readonly NewVote[],
): Promise<Map<string, { id: string; castAt: Date }>> {
  const column = <T>(pick: (vote: NewVote) => T) => votes.map(pick);
  const result = await sql<{ id: string; cast_at: Date; receipt: string }>`
    insert into prize_votes
      (edition_id, category_code, submission_id, voter_id, receipt, receipt_nonce, ip, ip_range, cast_at)
    select s.edition_id, s.category_code, s.id, v.voter_id, v.receipt, v.nonce, v.ip, v.ip_range, v.now
    from unnest(
      ${column((vote) => vote.editionId)}::bigint[], ${column((vote) => vote.category)}::text[],
      ${column((vote) => vote.nomineeId)}::bigint[], ${column((vote) => vote.voterId)}::bigint[],
      ${column((vote) => vote.receipt)}::text[], ${column((vote) => vote.nonce)}::text[],
      ${column((vote) => vote.ip)}::text[], ${column((vote) => vote.ipRange)}::text[],
      ${column((vote) => vote.now.toISOString())}::timestamptz[]
    ) as v (edition_id, category_code, nominee_id, voter_id, receipt, nonce, ip, ip_range, now)
    join prize_submissions s on s.id = v.nominee_id and s.edition_id = v.edition_id
      and s.category_code = v.category_code and s.status = 'nominated'
    join prize_editions e on e.id = s.edition_id and e.nominees_published_at is not null
    join prize_phases p on p.edition_id = s.edition_id and p.phase = 'voting'
      and p.starts_at <= v.now and v.now < p.ends_at
    on conflict (edition_id, category_code, voter_id) do nothing
    returning id, cast_at, receipt
  `.execute(db);
  return new Map(result.rows.map((row) => [row.receipt, { id: row.id, castAt: new Date(row.cast_at) }]));
}

/** Why `insertVote` wrote nothing: read only on that (rare) path. */
export async function whyRefused(
  db: Db,
  vote: Pick<NewVote, "editionId" | "category" | "nomineeId" | "voterId" | "now">,
): Promise<"already_cast" | "nominee_not_found" | "closed"> {
  const existing = await db
    .selectFrom("prize_votes")
    .select("id")
    .where("edition_id", "=", vote.editionId)
    .where("category_code", "=", vote.category)
    .where("voter_id", "=", vote.voterId)
    .executeTakeFirst();
  if (existing) return "already_cast";
  const nominee = await db
    .selectFrom("prize_submissions as s")
    .innerJoin("prize_editions as e", "e.id", "s.edition_id")
    .select("s.id")
    .where("s.id", "=", vote.nomineeId)
    .where("s.edition_id", "=", vote.editionId)
    .where("s.category_code", "=", vote.category)
    .where("s.status", "=", "nominated")
    .where("e.nominees_published_at", "is not", null)
    .executeTakeFirst();
  return nominee ? "closed" : "nominee_not_found";
}

/** One voter's vote in one category, if any (the answer to a replay or a second vote). */
export async function findVote(db: Db, editionId: string, category: string, voterId: string) {
  return db
    .selectFrom("prize_votes")
    .select(["id", "submission_id", "receipt", "cast_at"])
    .where("edition_id", "=", editionId)
    .where("category_code", "=", category)
    .where("voter_id", "=", voterId)
    .executeTakeFirst();
}

export interface NomineeRow {
  id: string;
  category_code: string;
  title: string;
  short_description: string;
  organisation_name: string;
  country_code: string | null;
}

/** The nominees of an edition (all categories, or one), once the nominated list is published. */
export async function listNominees(db: Db, editionId: string, category?: string): Promise<NomineeRow[]> {
  let query = db
    .selectFrom("prize_submissions as s")
    .innerJoin("prize_editions as e", "e.id", "s.edition_id")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .innerJoin("prize_categories as c", (join) =>
      join.onRef("c.edition_id", "=", "s.edition_id").onRef("c.code", "=", "s.category_code"),
    )
    .select([
      "s.id",
      "s.category_code",
      "s.title",
      "s.short_description",
      "o.name as organisation_name",
      "o.country_code",
    ])
    .where("s.edition_id", "=", editionId)
    .where("s.status", "=", "nominated")
    .where("e.nominees_published_at", "is not", null);
  if (category !== undefined) query = query.where("s.category_code", "=", category);
  return query.orderBy("c.sort_order").orderBy("s.title").orderBy("s.id").execute();
}

export interface MyVoteRow {
  id: string;
  category_code: string;
  submission_id: string;
  title: string;
  organisation_name: string;
  receipt: string;
  receipt_nonce: string | null;
  cast_at: Date;
  invalidated_at: Date | null;
  invalidation_reason: string | null;
}

/** A voter's votes in an edition, with what they voted for. */
export async function listVotesOf(db: Db, editionId: string, voterId: string): Promise<MyVoteRow[]> {
  return (await db
    .selectFrom("prize_votes as v")
    .innerJoin("prize_submissions as s", "s.id", "v.submission_id")
    .innerJoin("organisations as o", "o.id", "s.organisation_id")
    .select([
      "v.id",
      "v.category_code",
      "v.submission_id",
      "s.title",
      "o.name as organisation_name",
      "v.receipt",
      "v.receipt_nonce",
      "v.cast_at",
      "v.invalidated_at",
      "v.invalidation_reason",
    ])
    .where("v.edition_id", "=", editionId)
    .where("v.voter_id", "=", voterId)
    .execute()) as MyVoteRow[];
}

/**
 * The editions a voter voted in, newest first (for "My votes"' edition switch). Asked edition by
 * edition: votes are indexed by (edition, voter, category) only, one probe each for a handful of
 * editions, because a voter-first index would cost every vote one more index write.
 */
export async function editionYearsVotedIn(db: Db, voterId: string): Promise<number[]> {
  const rows = await db
    .selectFrom("prize_editions as e")
    .select("e.year")
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("prize_votes as v")
          .select("v.id")
          .whereRef("v.edition_id", "=", "e.id")
          .where("v.voter_id", "=", voterId),
      ),
    )
    .orderBy("e.year", "desc")
    .execute();
  return rows.map((row) => row.year);
}

/** Editions whose nominees are published (voting may be ahead, open or over), newest first. */
export async function votingEditionYears(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom("prize_editions")
    .select("year")
    .where("nominees_published_at", "is not", null)
    .orderBy("year", "desc")
    .execute();
  return rows.map((row) => row.year);
}

export interface PublishedReceiptRow {
  id: string;
  receipt: string;
  receipt_nonce: string | null;
  category_code: string;
  submission_id: string;
  invalidation_reason: string | null;
}

/**
 * Every vote of an edition as the public list shows it (never the voter), in id order, a batch
 * at a time so a list of millions streams in constant memory.
 */
export async function* publishedReceipts(
  db: Db,
  editionId: string,
  batchSize = 5000,
): AsyncGenerator<PublishedReceiptRow[]> {
  let after = "0";
  for (;;) {
    const rows = await db
      .selectFrom("prize_votes")
      .select(["id", "receipt", "receipt_nonce", "category_code", "submission_id", "invalidation_reason"])
      .where("edition_id", "=", editionId)
      .where("id", ">", after)
      .orderBy("id")
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    yield rows;
    after = (rows[rows.length - 1] as PublishedReceiptRow).id;
    if (rows.length < batchSize) return;
  }
}
