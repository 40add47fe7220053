import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { Database, PrizeVoteFlagKind } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The mailbox an account's address delivers to, in SQL: the same rule as `normaliseEmail` in
 * `vote-receipts.ts` (lower case, `+tag` dropped, Gmail's dots dropped, googlemail.com = gmail.com).
 */
export function normalisedEmailSql(column: RawBuilder<unknown>): RawBuilder<string> {
  const lower = sql`lower(${column})`;
  const local = sql`split_part(split_part(${lower}, '@', 1), '+', 1)`;
  const domain = sql`split_part(${lower}, '@', 2)`;
  return sql<string>`case when ${domain} in ('gmail.com', 'googlemail.com')
    then replace(${local}, '.', '') || '@gmail.com'
    else ${local} || '@' || ${domain} end`;
}

/**
 * Writes the groups a screen found (each `group_key` with its vote ids) as flags with their votes:
 * a flag seen before is extended, never repeated.
 */
async function storeGroups(
  db: Db,
  editionId: string,
  kind: PrizeVoteFlagKind,
  groups: RawBuilder<unknown>,
): Promise<void> {
  await sql`
    with groups as (${groups}),
    flags as (
      insert into prize_vote_flags (edition_id, kind, group_key)
      select ${editionId}::bigint, ${kind}::text, group_key from groups
      on conflict (edition_id, kind, group_key) do update set updated_at = now()
      returning id, group_key
    )
    insert into prize_vote_flag_votes (flag_id, vote_id)
    select f.id, unnest(g.ids) from flags f join groups g on g.group_key = f.group_key
    on conflict do nothing
  `.execute(db);
}

export interface ScreenThresholds {
  ipBurst: number;
  ipBurstWindowMinutes: number;
  freshHours: number;
  freshMin: number;
}

/**
 * Screens the valid votes of an edition for the three suspicious patterns (each off when its
 * threshold is 0) and brings the flags' vote counts up to date. A flag the secretariat cleared or
 * acted on opens again when new votes join its group. Votes are never changed here.
 *
 * - `ip_burst`: at least `ipBurst` votes from one /24 or /48 network within one window of
 *   `ipBurstWindowMinutes` (fixed windows from the epoch; the key names network and window);
 * - `fresh_accounts`: at least `freshMin` voters behind one nominee whose account was created less
 *   than `freshHours` before their vote and who voted in that category only;
 * - `email_alias`: voters whose addresses deliver to one mailbox (`normalisedEmailSql`).
 */
export async function screenEdition(db: Db, editionId: string, thresholds: ScreenThresholds): Promise<void> {
  if (thresholds.ipBurst > 0 && thresholds.ipBurstWindowMinutes > 0) {
    const seconds = thresholds.ipBurstWindowMinutes * 60;
    await storeGroups(
      db,
      editionId,
      "ip_burst",
      sql`
        select ip_range || ' ' || to_char(to_timestamp(bucket * ${seconds}::int) at time zone 'UTC',
            'YYYY-MM-DD"T"HH24:MI"Z"') as group_key,
          array_agg(id) as ids
        from (
          select id, ip_range, floor(extract(epoch from cast_at) / ${seconds}::int)::bigint as bucket
          from prize_votes
          where edition_id = ${editionId}::bigint and ip_range is not null and invalidated_at is null
        ) as votes
        group by ip_range, bucket
        having count(*) >= ${thresholds.ipBurst}::int
      `,
    );
  }
  if (thresholds.freshMin > 0 && thresholds.freshHours > 0) {
    await storeGroups(
      db,
      editionId,
      "fresh_accounts",
      sql`
        select min(v.category_code) || ' ' || v.submission_id as group_key, array_agg(v.id) as ids
        from prize_votes v
        join users u on u.id = v.voter_id
        where v.edition_id = ${editionId}::bigint and v.invalidated_at is null
          and v.cast_at - u.created_at < make_interval(hours => ${thresholds.freshHours}::int)
          and not exists (
            select 1 from prize_votes other
            where other.edition_id = v.edition_id and other.voter_id = v.voter_id and other.id <> v.id
          )
        group by v.submission_id
        having count(*) >= ${thresholds.freshMin}::int
      `,
    );
  }
  await storeGroups(
    db,
    editionId,
    "email_alias",
    sql`
      with voters as (
        select u.id, ${normalisedEmailSql(sql`u.email`)} as mailbox
        from users u
        where u.id in (select voter_id from prize_votes where edition_id = ${editionId}::bigint)
      ),
      aliased as (select mailbox from voters group by mailbox having count(*) > 1)
      select a.mailbox as group_key, array_agg(v.id) as ids
      from aliased a
      join voters on voters.mailbox = a.mailbox
      join prize_votes v on v.voter_id = voters.id and v.edition_id = ${editionId}::bigint
      where v.invalidated_at is null
      group by a.mailbox
    `,
  );
  await sql`
    update prize_vote_flags f
    set vote_count = c.n,
      status = case when c.n > f.vote_count and f.status <> 'open' then 'open' else f.status end,
      updated_at = now()
    from (
      select fv.flag_id, count(*)::int as n
      from prize_vote_flag_votes fv
      join prize_vote_flags f2 on f2.id = fv.flag_id
      where f2.edition_id = ${editionId}::bigint
      group by fv.flag_id
    ) as c
    where f.id = c.flag_id and c.n <> f.vote_count
  `.execute(db);
}

/** Editions to screen now: voting open, or closed less than a day ago and results not yet published. */
export async function editionsToScreen(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom("prize_phases as p")
    .innerJoin("prize_editions as e", "e.id", "p.edition_id")
    .select("e.id")
    .where("p.phase", "=", "voting")
    .where("p.starts_at", "<=", now)
    .where("p.ends_at", ">", new Date(now.getTime() - 24 * 3600 * 1000))
    .where("e.results_published_at", "is", null)
    .execute();
  return rows.map((row) => row.id);
}

export interface FlagRow {
  id: string;
  kind: PrizeVoteFlagKind;
  group_key: string;
  vote_count: number;
  status: "open" | "cleared" | "invalidated";
  detected_at: Date;
  review_note: string | null;
  /** Votes of the flag still valid. */
  valid: number;
}

/** The edition's flags, open ones first, newest first, with how many of their votes are still valid. */
export async function listFlags(
  db: Db,
  editionId: string,
  options: { limit?: number; flagId?: string } = {},
): Promise<FlagRow[]> {
  let query = db
    .selectFrom("prize_vote_flags as f")
    .select([
      "f.id",
      "f.kind",
      "f.group_key",
      "f.vote_count",
      "f.status",
      "f.detected_at",
      "f.review_note",
      (eb) =>
        eb
          .selectFrom("prize_vote_flag_votes as fv")
          .innerJoin("prize_votes as v", "v.id", "fv.vote_id")
          .select((inner) => inner.fn.countAll<string>().as("n"))
          .whereRef("fv.flag_id", "=", "f.id")
          .where("v.invalidated_at", "is", null)
          .as("valid"),
    ])
    .where("f.edition_id", "=", editionId);
  if (options.flagId !== undefined) query = query.where("f.id", "=", options.flagId);
  const rows = await query
    .orderBy(sql`f.status = 'open'`, "desc")
    .orderBy("f.detected_at", "desc")
    .orderBy("f.id", "desc")
    .limit(options.limit ?? 200)
    .execute();
  return rows.map((row) => ({ ...row, valid: Number(row.valid ?? 0) })) as FlagRow[];
}

export async function findFlag(db: Db, editionId: string, flagId: string) {
  return db
    .selectFrom("prize_vote_flags")
    .select(["id", "kind", "group_key", "status", "vote_count"])
    .where("id", "=", flagId)
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
}

export async function setFlagStatus(
  db: Db,
  flagId: string,
  change: { status: "cleared" | "invalidated"; actorId: string; note: string; now: Date },
): Promise<void> {
  await db
    .updateTable("prize_vote_flags")
    .set({
      status: change.status,
      reviewed_by: change.actorId,
      reviewed_at: change.now,
      review_note: change.note,
      updated_at: change.now,
    })
    .where("id", "=", flagId)
    .execute();
}

/** A vote of the edition by its id or its receipt. */
export async function findVoteByIdOrReceipt(db: Db, editionId: string, idOrReceipt: string) {
  let query = db
    .selectFrom("prize_votes")
    .select(["id", "invalidated_at"])
    .where("edition_id", "=", editionId);
  query = /^\d{1,18}$/.test(idOrReceipt)
    ? query.where("id", "=", idOrReceipt)
    : query.where("receipt", "=", idOrReceipt.toLowerCase());
  return query.executeTakeFirst();
}

/**
 * Invalidates the still-valid votes among `voteIds` (or all of a flag's), keeping the reason on each
 * and one audit record per vote, in the caller's transaction. Returns how many changed.
 */
export async function invalidateVotes(
  trx: Transaction<Database>,
  target: { editionId: string; voteIds?: string[]; flagId?: string },
  change: { reason: string; actorId: string; now: Date; ip: string | null },
): Promise<number> {
  const chosen = target.flagId
    ? sql`select vote_id from prize_vote_flag_votes where flag_id = ${target.flagId}::bigint`
    : sql`select unnest(${target.voteIds ?? []}::bigint[])`;
  const result = await sql<{ n: string }>`
    with changed as (
      update prize_votes
      set invalidated_at = ${change.now}::timestamptz, invalidated_by = ${change.actorId}::bigint,
        invalidation_reason = ${change.reason}::text
      where edition_id = ${target.editionId}::bigint and invalidated_at is null and id in (${chosen})
      returning id, category_code, submission_id
    ),
    audited as (
      insert into audit_log (actor_id, action, subject_type, subject_id, before, after, ip)
      select ${change.actorId}::bigint, 'prize.vote_invalidate', 'prize_vote', id::text,
        jsonb_build_object('valid', true),
        jsonb_build_object('reason', ${change.reason}::text, 'flagId', ${target.flagId ?? null}::bigint,
          'editionId', ${target.editionId}::bigint, 'category', category_code, 'nomineeId', submission_id::text),
        ${change.ip}::text
      from changed
    )
    select count(*)::text as n from changed
  `.execute(trx);
  return Number(result.rows[0]?.n ?? 0);
}

export interface FlagVoteRow {
  id: string;
  category_code: string;
  submission_id: string;
  ip_range: string | null;
  cast_at: Date;
  invalidation_reason: string | null;
}

/** The first votes of a flag, for the secretariat to look at before deciding. */
export async function flagVotes(db: Db, flagId: string, limit = 20): Promise<FlagVoteRow[]> {
  return (await db
    .selectFrom("prize_vote_flag_votes as fv")
    .innerJoin("prize_votes as v", "v.id", "fv.vote_id")
    .select([
      "v.id",
      "v.category_code",
      "v.submission_id",
      "v.ip_range",
      "v.cast_at",
      "v.invalidation_reason",
    ])
    .where("fv.flag_id", "=", flagId)
    .orderBy("v.id")
    .limit(limit)
    .execute()) as FlagVoteRow[];
}
