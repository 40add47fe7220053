import { type Kysely, sql } from "kysely";
import type { Database } from "../src/db/schema.ts";
import { randomToken, sha256 } from "../src/platform/crypto.ts";

export interface BenchEdition {
  id: string;
  year: number;
  categories: string[];
  /** Nominee ids by category. */
  nominees: Map<string, string[]>;
}

/**
 * An edition whose voting phase is open (from an hour ago for `hours`), with its 18 categories,
 * `perCategory` published nominees in each (one organisation, entry and submitter per nominee),
 * all in a few set-based statements.
 */
export async function makeBenchEdition(
  db: Kysely<Database>,
  year: number,
  perCategory: number,
  hours = 6,
): Promise<BenchEdition> {
  const now = Date.now();
  const edition = await db
    .insertInto("prize_editions")
    .values({
      year,
      theme: JSON.stringify({ en: `Votes benchmark ${year}` }),
      time_zone: "Europe/Zurich",
      nominees_published_at: new Date(now - 2 * 3600_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const hour = 3600_000;
  const phases = ["submission", "review", "nomination", "voting", "evaluation", "results"] as const;
  await db
    .insertInto("prize_phases")
    .values(
      phases.map((phase, index) => {
        const offset = index - 3; // voting (index 3) is the open one
        const startsAt =
          offset < 0 ? now - hour * (4 - index) : offset === 0 ? now - hour : now + hours * hour * offset;
        const endsAt =
          offset < 0 ? startsAt + hour - 1 : offset === 0 ? now + hours * hour : startsAt + hours * hour;
        return { edition_id: edition.id, phase, starts_at: new Date(startsAt), ends_at: new Date(endsAt) };
      }),
    )
    .execute();
  const lines = await db.selectFrom("action_lines").select("code").orderBy("sort_order").execute();
  const categories = lines.map((line) => line.code);
  await db
    .insertInto("prize_categories")
    .values(categories.map((code, index) => ({ edition_id: edition.id, code, sort_order: index + 1 })))
    .execute();
  const description = Array.from({ length: 160 }, (_, index) => `word${index}`).join(" ");
  const rows = await sql<{ id: string; category_code: string }>`
    with slots as (
      select c.code, n, row_number() over () as k
      from prize_categories c cross join generate_series(1, ${perCategory}::int) as n
      where c.edition_id = ${edition.id}::bigint
    ),
    orgs as (
      insert into organisations (name, name_key, stakeholder_type, country_code)
      select 'Bench org ' || ${year}::int || '-' || k, 'bench org ' || ${year}::int || '-' || k, 'civil_society', 'KE'
      from slots
      returning id, name
    ),
    people as (
      insert into users (email, name, password_hash, role, email_verified_at, organisation_id)
      select 'nominee-' || ${year}::int || '-' || o.id || '@bench.example.org', o.name, 'x', 'user', now(), o.id
      from orgs o
      returning id, organisation_id
    ),
    -- Drafts: a nominee only needs its entry to exist, and drafts stay out of the search index.
    entries as (
      insert into entries (owner_id, state)
      select p.id, 'draft' from people p
      returning id, owner_id
    )
    insert into prize_submissions
      (edition_id, category_code, entry_id, organisation_id, submitter_id, status, project_stage, title, short_description, submitted_at)
    select ${edition.id}::bigint, s.code, e.id, p.organisation_id, e.owner_id, 'nominated', 'completed',
      'Nominee ' || s.code || ' #' || s.n, ${description}, now()
    from entries e
    join people p on p.id = e.owner_id
    join orgs o on o.id = p.organisation_id
    join slots s on 'Bench org ' || ${year}::int || '-' || s.k = o.name
    returning id, category_code
  `.execute(db);
  const nominees = new Map<string, string[]>();
  for (const row of rows.rows)
    nominees.set(row.category_code, [...(nominees.get(row.category_code) ?? []), row.id]);
  return { id: edition.id, year, categories, nominees };
}

/** `count` verified voters with a browser session each; returns their ids and session tokens. */
export async function makeVoters(
  db: Kysely<Database>,
  count: number,
  tag: string,
): Promise<Array<{ id: string; token: string }>> {
  const users = await sql<{ id: string }>`
    insert into users (email, name, password_hash, role, email_verified_at, created_at)
    select 'voter-' || ${tag}::text || '-' || n || '@bench.example.org', 'Voter ' || n, 'x', 'user', now(),
      now() - interval '400 days'
    from generate_series(1, ${count}::int) as n
    returning id
  `.execute(db);
  const voters = users.rows.map((row) => ({ id: row.id, token: randomToken() }));
  for (let at = 0; at < voters.length; at += 2000) {
    await db
      .insertInto("sessions")
      .values(
        voters.slice(at, at + 2000).map((voter) => ({
          id: sha256(voter.token),
          user_id: voter.id,
          expires_at: new Date(Date.now() + 86_400_000),
          ip: "127.0.0.1",
          user_agent: "votes bench",
        })),
      )
      .execute();
  }
  return voters;
}

/**
 * `voters` × 18 votes in one edition, straight in SQL (the tally benchmark's 2,000,000): each voter
 * votes in every category for a nominee picked by a hash, with a unique receipt.
 */
export async function seedVotes(
  db: Kysely<Database>,
  edition: BenchEdition,
  voters: number,
): Promise<number> {
  await sql`
    insert into users (email, name, password_hash, role, email_verified_at)
    select 'tally-' || ${edition.year}::int || '-' || n || '@bench.example.org', 'Tally voter ' || n, 'x', 'user', now()
    from generate_series(1, ${voters}::int) as n
  `.execute(db);
  const result = await sql`
    with voters as (
      select id from users where email like ${`tally-${edition.year}-%`}
    ),
    nominees as (
      select category_code, array_agg(id order by id) as ids from prize_submissions
      where edition_id = ${edition.id}::bigint and status = 'nominated' group by category_code
    )
    insert into prize_votes (edition_id, category_code, submission_id, voter_id, receipt, receipt_nonce, ip, ip_range, cast_at)
    select ${edition.id}::bigint, n.category_code,
      n.ids[1 + abs(hashint8(v.id) # hashtext(n.category_code)) % array_length(n.ids, 1)],
      v.id, md5(v.id::text || '|' || n.category_code), null, '127.0.0.1', '127.0.0.0/24', now()
    from voters v cross join nominees n
  `.execute(db);
  await sql`analyze prize_votes`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}
