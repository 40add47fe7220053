import { type Kysely, sql } from "kysely";
import type { Database } from "../../../db/schema.ts";
import { foldText } from "../search-text.ts";
import type { IndexedEntry } from "./bitmap-index.ts";

/** What the index reads: the published columns, and the words with their weights from the tsvector. */
interface IndexRow {
  id: string;
  published_at: Date;
  title: string | null;
  organisation_name: string | null;
  stakeholder_type: string | null;
  coverage: string | null;
  project_status: string | null;
  start_year: number | null;
  // Arrays come as space-joined text: codes never contain spaces, and text parses much faster.
  countries: string;
  regions: string;
  action_lines: string;
  sdgs: string;
  target_groups: string;
  words: string;
  title_words: string;
  organisation_words: string;
}

const INDEX_COLUMNS = sql`
  id, published_at, title, organisation_name, stakeholder_type, coverage, project_status, start_year,
  array_to_string(countries, ' ') as countries, array_to_string(regions, ' ') as regions,
  array_to_string(action_lines, ' ') as action_lines, array_to_string(sdgs, ' ') as sdgs,
  array_to_string(target_groups, ' ') as target_groups,
  array_to_string(tsvector_to_array(search_vector), ' ') as words,
  array_to_string(tsvector_to_array(ts_filter(search_vector, '{a}')), ' ') as title_words,
  array_to_string(tsvector_to_array(ts_filter(search_vector, '{b}')), ' ') as organisation_words`;

const split = (text: string): string[] => (text ? text.split(" ") : []);
const one = (value: string | number | null): string[] => (value === null ? [] : [String(value)]);

function toIndexedEntry(row: IndexRow): IndexedEntry {
  return {
    id: String(row.id),
    publishedAt: new Date(row.published_at).getTime(),
    titleKey: foldText(row.title ?? ""),
    // Trimmed and folded, as the SQL figure counts `lower(organisation_name)`, but accent-blind.
    organisationKey: foldText((row.organisation_name ?? "").trim()),
    facets: {
      actionLine: split(row.action_lines),
      sdg: split(row.sdgs),
      region: split(row.regions),
      country: split(row.countries),
      stakeholderType: one(row.stakeholder_type),
      targetGroup: split(row.target_groups),
      status: one(row.project_status),
      coverage: one(row.coverage),
      year: one(row.start_year),
    },
    words: {
      all: split(row.words),
      title: split(row.title_words),
      organisation: split(row.organisation_words),
    },
  };
}

/** Published entries after `afterId` in id order, a batch at a time (keyset paging: no long transaction). */
export async function readPublishedBatch(
  db: Kysely<Database>,
  afterId: string,
  limit: number,
): Promise<IndexedEntry[]> {
  const result = await sql<IndexRow>`
    select ${INDEX_COLUMNS} from entries
    where published_revision_id is not null and id > ${afterId}::bigint
    order by id limit ${limit}
  `.execute(db);
  return result.rows.map(toIndexedEntry);
}

/** The current published state of these entries; ids missing from the answer are not published. */
export async function readPublishedEntries(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<IndexedEntry[]> {
  if (ids.length === 0) return [];
  const result = await sql<IndexRow>`
    select ${INDEX_COLUMNS} from entries
    where published_revision_id is not null and id = any(${ids}::bigint[])
  `.execute(db);
  return result.rows.map(toIndexedEntry);
}

/** The oldest transaction still running: every change of an older one is committed and visible. */
export async function snapshotXmin(db: Kysely<Database>): Promise<bigint> {
  const result = await sql<{
    xmin: string;
  }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(db);
  return BigInt(result.rows[0]?.xmin ?? "0");
}

export interface FeedPage {
  xmin: bigint;
  changes: Array<{ seq: string; xid: bigint; entryId: string }>;
}

/**
 * Changes written by transactions from `fromXid` on, after (`afterXid`, `afterSeq`), with the
 * snapshot's xmin taken in the same statement, so "below xmin" means "already visible here".
 */
export async function readChanges(
  db: Kysely<Database>,
  fromXid: bigint,
  after: { xid: bigint; seq: string } | null,
  limit: number,
): Promise<FeedPage> {
  const afterXid = after ? after.xid.toString() : fromXid.toString();
  const afterSeq = after ? after.seq : "0";
  const result = await sql<{ xmin: string; seq: string | null; xid: string | null; entry_id: string | null }>`
    select pg_snapshot_xmin(pg_current_snapshot())::text as xmin, c.seq, c.xid::text as xid, c.entry_id
    from (select 1) as one
    left join lateral (
      select seq, xid, entry_id from search_changes
      where xid >= ${fromXid.toString()}::xid8 and (xid, seq) > (${afterXid}::xid8, ${afterSeq}::bigint)
      order by xid, seq limit ${limit}
    ) c on true
  `.execute(db);
  const first = result.rows[0];
  return {
    xmin: BigInt(first?.xmin ?? "0"),
    changes: result.rows
      .filter((row) => row.seq !== null)
      .map((row) => ({
        seq: String(row.seq),
        xid: BigInt(row.xid as string),
        entryId: String(row.entry_id),
      })),
  };
}

/** Housekeeping: instances rebuild when they have been away longer than this. */
export async function purgeOldChanges(db: Kysely<Database>, olderThan: Date): Promise<number> {
  const result = await sql`delete from search_changes where at < ${olderThan}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
