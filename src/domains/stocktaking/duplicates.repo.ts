import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";
import type { Database, DuplicateStatus, EntryState } from "../../db/schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The revision an entry is compared by: the one in review while it is submitted, else the public
 * one. Null for entries that are neither (drafts, withdrawn, rejected, merged), so joining on it
 * keeps only the entries duplicates are looked for among.
 */
const comparedRevision = (entry: string): RawBuilder<string | null> =>
  sql<string | null>`case when ${sql.ref(`${entry}.state`)} = 'submitted'
    then ${sql.ref(`${entry}.latest_revision_id`)} else ${sql.ref(`${entry}.published_revision_id`)} end`;

/** One entry of a batch and another entry whose title is similar, in the same place. */
export interface TitleMatch {
  entry_id: string;
  data: unknown;
  other_id: string;
  other_data: unknown;
}

/**
 * Entries with a similar title (pg_trgm `%` on folded titles, at the session's
 * `pg_trgm.similarity_threshold`) and a shared place, for each entry of the batch: its original
 * title and each translated title probe the trigram index. Only the other entries' compared
 * revisions count; at most `perTitle` matches per probing title, the most similar first.
 */
export async function findTitleMatches(
  trx: Transaction<Database>,
  entryIds: readonly string[],
  perTitle: number,
): Promise<TitleMatch[]> {
  return (await titleMatchesQuery(entryIds, perTitle).execute(trx)).rows;
}

/** The statement of `findTitleMatches`, for the benchmark's EXPLAIN ANALYZE. */
export function titleMatchesQuery(entryIds: readonly string[], perTitle: number): RawBuilder<TitleMatch> {
  return sql<TitleMatch>`
    with probe as (
      select e.id as entry_id, r.data, wsis_revision_places(r.data) as places
      from entries e
      join entry_revisions r on r.id = ${comparedRevision("e")}
      where e.id = any(${[...entryIds]}::bigint[])
    ),
    probe_title as (
      select distinct p.entry_id, p.places, wsis_match_text(t.title) as title
      from probe p
      cross join lateral (
        select p.data ->> 'title'
        union
        select x ->> 'title'
        from jsonb_array_elements(
          case when jsonb_typeof(p.data -> 'translations') = 'array' then p.data -> 'translations' else '[]'::jsonb end
        ) as x
      ) as t (title)
      where t.title <> ''
    ),
    hit as (
      select distinct pt.entry_id, m.revision_id
      from probe_title pt
      cross join lateral (
        select cr.id as revision_id
        from entry_revisions cr
        where wsis_revision_places(cr.data) && pt.places
          and wsis_match_text(cr.data ->> 'title') % pt.title
          and cr.entry_id <> pt.entry_id
        order by similarity(wsis_match_text(cr.data ->> 'title'), pt.title) desc, cr.id
        limit ${perTitle}
      ) as m
    )
    select h.entry_id, p.data, ce.id as other_id, cr.data as other_data
    from hit h
    join probe p on p.entry_id = h.entry_id
    join entry_revisions cr on cr.id = h.revision_id
    join entries ce on ce.id = cr.entry_id
    where cr.id = ${comparedRevision("ce")}
  `;
}

/** Sets the similarity `%` requires, for the rest of this transaction only. */
export async function setTitleThreshold(trx: Transaction<Database>, threshold: number): Promise<void> {
  await sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(trx);
}

/** pg_trgm similarity of each pair of texts (folded as the index folds them), in order. */
export async function trigramSimilarities(
  db: Db,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<number[]> {
  if (pairs.length === 0) return [];
  const left = pairs.map((pair) => pair[0]);
  const right = pairs.map((pair) => pair[1]);
  const result = await sql<{ score: number }>`
    select similarity(wsis_match_text(t.a), wsis_match_text(t.b)) as score
    from unnest(${left}::text[], ${right}::text[]) with ordinality as t (a, b, n)
    order by t.n
  `.execute(db);
  return result.rows.map((row) => Number(row.score));
}

export interface FlaggedPair {
  entryA: string;
  entryB: string;
  title: number;
  organisation: number;
  description: number;
}

/**
 * Stores flagged pairs. A pair already known keeps its decision: an open one gets the new scores,
 * one marked "not a duplicate" (or merged) stays as it was, so it is never flagged again.
 */
export async function upsertPairs(trx: Transaction<Database>, pairs: readonly FlaggedPair[]): Promise<void> {
  if (pairs.length === 0) return;
  await trx
    .insertInto("duplicate_candidates")
    .values(
      pairs.map((pair) => ({
        entry_a: pair.entryA,
        entry_b: pair.entryB,
        title_score: pair.title,
        organisation_score: pair.organisation,
        description_score: pair.description,
      })),
    )
    .onConflict((conflict) =>
      conflict
        .columns(["entry_a", "entry_b"])
        .doUpdateSet((eb) => ({
          title_score: eb.ref("excluded.title_score"),
          organisation_score: eb.ref("excluded.organisation_score"),
          description_score: eb.ref("excluded.description_score"),
        }))
        .where("duplicate_candidates.status", "=", "open"),
    )
    .execute();
}

export interface PairRecord {
  id: string;
  entry_a: string;
  entry_b: string;
  title_score: number;
  organisation_score: number;
  description_score: number;
  status: DuplicateStatus;
  survivor_id: string | null;
  flagged_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
}

function pairQuery(db: Db) {
  return db
    .selectFrom("duplicate_candidates as d")
    .leftJoin("users as decider", "decider.id", "d.decided_by")
    .select([
      "d.id",
      "d.entry_a",
      "d.entry_b",
      "d.title_score",
      "d.organisation_score",
      "d.description_score",
      "d.status",
      "d.survivor_id",
      "d.flagged_at",
      "d.decided_by",
      "decider.name as decided_by_name",
      "d.decided_at",
    ]);
}

export async function findPair(db: Db, id: string): Promise<PairRecord | undefined> {
  return pairQuery(db).where("d.id", "=", id).executeTakeFirst();
}

/** The pair's row lock: of two moderators deciding it at once, the second sees the first's decision. */
export async function lockPair(trx: Transaction<Database>, id: string): Promise<PairRecord | undefined> {
  const row = await trx
    .selectFrom("duplicate_candidates")
    .select("id")
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  return row ? findPair(trx, id) : undefined;
}

export async function decidePair(
  trx: Transaction<Database>,
  id: string,
  values: { status: Exclude<DuplicateStatus, "open">; survivorId: string | null; decidedBy: string },
): Promise<void> {
  await trx
    .updateTable("duplicate_candidates")
    .set({
      status: values.status,
      survivor_id: values.survivorId,
      decided_by: values.decidedBy,
      decided_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

/** One side of a pair in a list: what tells the two entries apart at a glance. */
export interface PairSide {
  id: string;
  state: EntryState;
  title: string;
  organisation: string;
}

export interface OpenPairRow {
  id: string;
  title_score: number;
  organisation_score: number;
  description_score: number;
  flagged_at: Date;
  a: PairSide;
  b: PairSide;
}

interface OpenPairFlatRow {
  id: string;
  title_score: number;
  organisation_score: number;
  description_score: number;
  flagged_at: Date;
  a_id: string;
  a_state: EntryState;
  a_title: string | null;
  a_organisation: string | null;
  b_id: string;
  b_state: EntryState;
  b_title: string | null;
  b_organisation: string | null;
}

/**
 * Open pairs whose two entries are both still compared (published or in review): a pair one of
 * whose entries was withdrawn or merged meanwhile waits, and shows again if it comes back.
 */
function openPairsQuery(db: Db) {
  return db
    .selectFrom("duplicate_candidates as d")
    .innerJoin("entries as ea", "ea.id", "d.entry_a")
    .innerJoin("entry_revisions as ra", (join) => join.on("ra.id", "=", comparedRevision("ea")))
    .innerJoin("entries as eb", "eb.id", "d.entry_b")
    .innerJoin("entry_revisions as rb", (join) => join.on("rb.id", "=", comparedRevision("eb")))
    .where("d.status", "=", "open");
}

const toOpenPair = (row: OpenPairFlatRow): OpenPairRow => ({
  id: row.id,
  title_score: Number(row.title_score),
  organisation_score: Number(row.organisation_score),
  description_score: Number(row.description_score),
  flagged_at: row.flagged_at,
  a: { id: row.a_id, state: row.a_state, title: row.a_title ?? "", organisation: row.a_organisation ?? "" },
  b: { id: row.b_id, state: row.b_state, title: row.b_title ?? "", organisation: row.b_organisation ?? "" },
});

/** Open pairs, oldest flag first, after a pair id (keyset) or from an offset. */
export async function listOpenPairs(
  db: Db,
  options: { limit: number; offset?: number; afterId?: string | null; entryId?: string },
): Promise<OpenPairRow[]> {
  let query = openPairsQuery(db)
    .select([
      "d.id",
      "d.title_score",
      "d.organisation_score",
      "d.description_score",
      "d.flagged_at",
      "ea.id as a_id",
      "ea.state as a_state",
      sql<string | null>`ra.data ->> 'title'`.as("a_title"),
      sql<string | null>`ra.data ->> 'organisationName'`.as("a_organisation"),
      "eb.id as b_id",
      "eb.state as b_state",
      sql<string | null>`rb.data ->> 'title'`.as("b_title"),
      sql<string | null>`rb.data ->> 'organisationName'`.as("b_organisation"),
    ])
    .orderBy("d.id")
    .limit(options.limit);
  if (options.afterId) query = query.where("d.id", ">", options.afterId);
  if (options.offset) query = query.offset(options.offset);
  const entryId = options.entryId;
  if (entryId)
    query = query.where((eb) => eb.or([eb("d.entry_a", "=", entryId), eb("d.entry_b", "=", entryId)]));
  const rows = (await query.execute()) as OpenPairFlatRow[];
  return rows.map(toOpenPair);
}

export async function countOpenPairs(db: Db): Promise<number> {
  const row = await openPairsQuery(db)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The entry an entry was merged into, or null. */
export async function findMergedInto(db: Db, entryId: string): Promise<string | null> {
  const row = await db
    .selectFrom("entries")
    .select("merged_into_id")
    .where("id", "=", entryId)
    .executeTakeFirst();
  return row?.merged_into_id ?? null;
}

export async function setMergedInto(
  trx: Transaction<Database>,
  entryId: string,
  survivorId: string,
): Promise<void> {
  await trx.updateTable("entries").set({ merged_into_id: survivorId }).where("id", "=", entryId).execute();
}

/** An entry merged into another, with the decision that retired it. */
export interface MergedEntryRow {
  id: string;
  owner_id: string;
  title: string | null;
  merged_at: Date | null;
  merged_by_name: string | null;
}

/** The entries merged into `survivorId`, in the order they were merged. */
export async function listMergedInto(db: Db, survivorId: string): Promise<MergedEntryRow[]> {
  const rows = await db
    .selectFrom("entries as e")
    .leftJoin("entry_revisions as latest", "latest.id", "e.latest_revision_id")
    .leftJoin("duplicate_candidates as d", (join) =>
      join
        .on("d.status", "=", "merged")
        .onRef("d.survivor_id", "=", "e.merged_into_id")
        .on((eb) => eb.or([eb("d.entry_a", "=", eb.ref("e.id")), eb("d.entry_b", "=", eb.ref("e.id"))])),
    )
    .leftJoin("users as merger", "merger.id", "d.decided_by")
    .select([
      "e.id",
      "e.owner_id",
      sql<string | null>`latest.data ->> 'title'`.as("title"),
      "d.decided_at as merged_at",
      "merger.name as merged_by_name",
    ])
    .where("e.merged_into_id", "=", survivorId)
    .orderBy("d.decided_at")
    .orderBy("e.id")
    .execute();
  return rows as MergedEntryRow[];
}

/** The compared revision's content of each entry that is published or in review, by entry id. */
export async function findComparedData(db: Db, entryIds: readonly string[]): Promise<Map<string, unknown>> {
  const result = await sql<{ id: string; data: unknown }>`
    select e.id, r.data
    from entries e
    join entry_revisions r on r.id = ${comparedRevision("e")}
    where e.id = any(${[...entryIds]}::bigint[])
  `.execute(db);
  return new Map(result.rows.map((row) => [row.id, row.data]));
}

/** The pair of two entries (`entryA < entryB`), created open with the given scores if new; its id. */
export async function ensurePair(trx: Transaction<Database>, pair: FlaggedPair): Promise<string> {
  await upsertPairs(trx, [pair]);
  const row = await trx
    .selectFrom("duplicate_candidates")
    .select("id")
    .where("entry_a", "=", pair.entryA)
    .where("entry_b", "=", pair.entryB)
    .executeTakeFirstOrThrow();
  return row.id;
}
