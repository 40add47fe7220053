import { type Kysely, sql } from "kysely";
import pg from "pg";
import type { Engine } from "../../db/connection.ts";
import type { Database } from "../../db/schema.ts";
import type { SearchCriteria } from "../stocktaking/search.params.ts";
import { matching, ordering } from "../stocktaking/search.repo.ts";

/**
 * One published entry as exports read it. Lists come joined with `;` (codes never hold one) and
 * the publication time as ISO text, so the driver parses nothing per row but plain text: at a
 * million rows, array and date parsing in the driver cost more than PostgreSQL's work.
 */
export interface ExportRecord {
  id: string;
  title: string | null;
  description: string | null;
  language: string | null;
  organisation_name: string | null;
  stakeholder_type: string | null;
  coverage: string | null;
  countries: string;
  regions: string;
  action_lines: string;
  sdgs: string;
  target_groups: string;
  project_status: string | null;
  start_year: number | null;
  published_at: string | null;
  /** The published translations as JSON text (`EntryTranslation[]`); `[]` when none. */
  translations: string;
}

/**
 * The ids of a search's results (or the first `limit`) in its SQL order, for when the search
 * index is not built yet. One aggregate sends them as one text (about 8 bytes an entry), not a
 * row per id.
 */
export async function matchingIdsSql(
  db: Kysely<Database>,
  criteria: SearchCriteria,
  limit?: number,
): Promise<Float64Array> {
  const result =
    limit === undefined
      ? await sql<{ ids: string | null }>`
          select string_agg(id::text, ',' order by ${ordering(criteria)}) as ids
          from entries where ${matching(criteria)}`.execute(db)
      : await sql<{ ids: string | null }>`
          select string_agg(id::text, ',' order by ${ordering(criteria)}) as ids
          from (select * from entries where ${matching(criteria)} order by ${ordering(criteria)} limit ${limit}) as first`.execute(
          db,
        );
  return parseIdList(result.rows[0]?.ids ?? "");
}

/** `"3,1,2"` → [3, 1, 2], without a string per id. */
export function parseIdList(text: string): Float64Array {
  if (text === "") return new Float64Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const ids = new Float64Array(count);
  let at = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      ids[at++] = value;
      value = 0;
    } else value = value * 10 + (code - 48);
  }
  ids[at] = value;
  return ids;
}

// Lists come joined and the time as ISO text, so the driver makes plain strings only (see above).
const EXPORT_COLUMNS = `e.id, e.title, e.description, e.language, e.organisation_name, e.stakeholder_type,
  e.coverage, array_to_string(e.countries, ';') as countries, array_to_string(e.regions, ';') as regions,
  array_to_string(e.action_lines, ';') as action_lines, array_to_string(e.sdgs, ';') as sdgs,
  array_to_string(e.target_groups, ';') as target_groups, e.project_status, e.start_year,
  to_char(e.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as published_at,
  e.translations::text as translations`;

/**
 * Visits the published entries among some ids, in the ids' order (one withdrawn meanwhile is left
 * out); resolves with how many it visited. Each record is handed over as it is read, so a reader
 * that streams lets the caller encode it and drop it at once.
 */
export type ExportReader = (ids: ArrayLike<number>, visit: (record: ExportRecord) => void) => Promise<number>;

/** PostgreSQL returns the rows in its own order; this restores the order asked for. */
function inOrder(ids: ArrayLike<number>, rows: readonly ExportRecord[]): ExportRecord[] {
  const byId = new Map<number, ExportRecord>();
  for (const row of rows) byId.set(Number(row.id), row);
  const ordered: ExportRecord[] = [];
  for (let i = 0; i < ids.length; i++) {
    const row = byId.get(ids[i] as number);
    if (row) ordered.push(row);
  }
  return ordered;
}

const idList = (ids: ArrayLike<number>): string => Array.prototype.join.call(ids, ",");

/** The rows in the order of the ids (`$1`, comma-separated): the ids with their position drive the join. */
const ORDERED_BATCH_SQL = `select ${EXPORT_COLUMNS}
  from unnest(string_to_array($1, ',')::bigint[]) with ordinality as wanted(id, position)
  join entries e on e.id = wanted.id
  where e.published_revision_id is not null
  order by wanted.position`;

/** The published entries among `ids`, in that order, through the application's Kysely handle. */
export async function readExportRecords(
  db: Kysely<Database>,
  ids: ArrayLike<number>,
): Promise<ExportRecord[]> {
  if (ids.length === 0) return [];
  const result = await sql<ExportRecord>`select ${sql.raw(EXPORT_COLUMNS)} from entries e
    where e.id = any(string_to_array(${idList(ids)}, ',')::bigint[]) and e.published_revision_id is not null`.execute(
    db,
  );
  return inOrder(ids, result.rows);
}

/** An export reader over the application's Kysely handle (PGlite, and tests): reads a batch, then visits it. */
export const kyselyExportReader =
  (db: Kysely<Database>): ExportReader =>
  async (ids, visit) => {
    const rows = await readExportRecords(db, ids);
    for (const row of rows) visit(row);
    return rows.length;
  };

/**
 * A streaming export reader on its own small `pg` pool (PostgreSQL): rows come in the ids' order
 * and each is handed to `visit` as the driver parses it, never gathered into a result. At a
 * million rows that is what keeps the service's memory flat: rows held until their batch is
 * complete outlive young-generation collections and are promoted (measured: half of everything
 * read, hundreds of megabytes of heap per export). The pool of its own also keeps exports off the
 * connections requests need, and can read from `DATABASE_READ_URL`.
 */
export function pgExportReader(pool: pg.Pool): ExportReader {
  return (ids, visit) =>
    ids.length === 0
      ? Promise.resolve(0)
      : new Promise((resolve, reject) => {
          pool.connect((connectError, client, release) => {
            if (connectError || !client) {
              reject(connectError ?? new Error("no connection"));
              return;
            }
            // Without a callback, the driver hands out rows and keeps none.
            const query = new pg.Query<ExportRecord>(ORDERED_BATCH_SQL, [idList(ids)]);
            let count = 0;
            let failure: unknown = null;
            query.on("row", (row: ExportRecord) => {
              if (failure !== null) return;
              try {
                visit(row);
                count += 1;
              } catch (error) {
                failure = error;
              }
            });
            query.on("error", (error: Error) => {
              release(error);
              reject(error);
            });
            query.on("end", () => {
              release();
              if (failure === null) resolve(count);
              else reject(failure);
            });
            client.query(query);
          });
        });
}

/** The pool `pgExportReader` reads through; `max` bounds the connections all exports use together. */
export function createExportPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle connection the server drops must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  return pool;
}

/** An export reader and what ends it. */
export interface EngineExportReader {
  read: ExportReader;
  /** Ends the reader's pool, if it opened one. */
  close: () => Promise<void>;
}

/**
 * The reader exports and dumps use: on PostgreSQL, `pgExportReader` on a pool of its own of at
 * most `max` connections to `url`, opened at the first read; on PGlite (or without a URL), reads
 * through `db`.
 */
export function engineExportReader(
  db: Kysely<Database>,
  options: { engine: Engine; url: string | undefined; max: number },
): EngineExportReader {
  const { url } = options;
  if (options.engine !== "postgres" || !url) return { read: kyselyExportReader(db), close: async () => {} };
  let pool: pg.Pool | null = null;
  return {
    read: (ids, visit) => {
      pool ??= createExportPool(url, options.max);
      return pgExportReader(pool)(ids, visit);
    },
    close: async () => {
      const open = pool;
      pool = null;
      await open?.end();
    },
  };
}
