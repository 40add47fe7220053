import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  effectiveSort,
  FACETS,
  type FacetName,
  type SearchCriteria,
  type SearchPosition,
} from "./search.params.ts";
import { prefixQueryLiteral } from "./search-text.ts";

/**
 * The search query layer. `SearchBackend` is the seam: this first version asks PostgreSQL
 * directly (a GIN-indexed tsvector and array columns, facet counts by GROUP BY); a faster backend
 * (precomputed counts, an in-process bitmap index) can replace it without touching the service,
 * the API or the pages, as long as it returns the same numbers.
 */

/** The published fields a result shows; rows never leave the domain as they are (see the presenter). */
export interface SearchRow {
  id: string;
  title: string | null;
  description: string | null;
  organisation_name: string | null;
  stakeholder_type: string | null;
  countries: string[];
  action_lines: string[];
  sdgs: number[];
  target_groups: string[];
  project_status: string | null;
  start_year: number | null;
  published_at: Date | null;
  language: string | null;
  /** The published translations, as stored (`toTranslations` reads them). */
  translations: unknown;
}

/** Per facet, value (as its query-parameter text) → number of results picking it would give. */
export type FacetCounts = Record<FacetName, Map<string, number>>;

export interface SearchHits {
  total: number;
  rows: SearchRow[];
  facetCounts: FacetCounts;
  /** Where the next page starts; null on the last page. */
  next?: SearchPosition | null;
}

export interface SearchBackend {
  search(criteria: SearchCriteria): Promise<SearchHits>;
}

interface FacetColumn {
  column: string;
  /** Array columns match when they overlap the chosen values and count per element. */
  kind: "array" | "scalar";
  type: "text" | "int";
}

const FACET_COLUMNS: Record<FacetName, FacetColumn> = {
  actionLine: { column: "action_lines", kind: "array", type: "text" },
  sdg: { column: "sdgs", kind: "array", type: "int" },
  region: { column: "regions", kind: "array", type: "text" },
  country: { column: "countries", kind: "array", type: "text" },
  stakeholderType: { column: "stakeholder_type", kind: "scalar", type: "text" },
  targetGroup: { column: "target_groups", kind: "array", type: "text" },
  status: { column: "project_status", kind: "scalar", type: "text" },
  coverage: { column: "coverage", kind: "scalar", type: "text" },
  year: { column: "start_year", kind: "scalar", type: "int" },
};

/** The query's words as prefixes, built as a tsquery literal so no parser reinterprets them. */
const textQuery = (terms: readonly string[]) => sql`${prefixQueryLiteral(terms)}::tsquery`;

function facetCondition(facet: FacetName, values: ReadonlyArray<string | number>): RawBuilder<boolean> {
  const { column, kind, type } = FACET_COLUMNS[facet];
  const list = sql.join(values.map((value) => sql`${value}`));
  // Array overlap (&&) is one GIN index probe for "any of these values".
  if (kind === "array") return sql<boolean>`${sql.ref(column)} && array[${list}]::${sql.raw(type)}[]`;
  return sql<boolean>`${sql.ref(column)} in (${list})`;
}

/** The year facet: any listed year OR within the range. */
function yearCondition(criteria: SearchCriteria): RawBuilder<boolean> | null {
  const alternatives: RawBuilder<boolean>[] = [];
  if (criteria.filters.year.length > 0) alternatives.push(facetCondition("year", criteria.filters.year));
  if (criteria.yearFrom !== null || criteria.yearTo !== null) {
    alternatives.push(
      sql<boolean>`start_year between ${criteria.yearFrom ?? -1}::int and ${criteria.yearTo ?? 100_000}::int`,
    );
  }
  return alternatives.length > 0 ? sql<boolean>`(${sql.join(alternatives, sql` or `)})` : null;
}

/** Published entries matching the text and every facet's filter, except `exclude`'s own. */
export function matching(criteria: SearchCriteria, exclude?: FacetName): RawBuilder<boolean> {
  const conditions: RawBuilder<boolean>[] = [sql<boolean>`published_revision_id is not null`];
  if (criteria.terms.length > 0) conditions.push(sql<boolean>`search_vector @@ ${textQuery(criteria.terms)}`);
  for (const facet of FACETS) {
    if (facet === exclude) continue;
    const condition =
      facet === "year"
        ? yearCondition(criteria)
        : criteria.filters[facet].length > 0
          ? facetCondition(facet, criteria.filters[facet])
          : null;
    if (condition) conditions.push(condition);
  }
  return sql<boolean>`${sql.join(conditions, sql` and `)}`;
}

/** The order of a search's results in SQL (the index orders relevance by tiers; see `relevance.ts`). */
export function ordering(criteria: SearchCriteria): RawBuilder<unknown> {
  switch (effectiveSort(criteria)) {
    case "relevance":
      return sql`ts_rank(search_vector, ${textQuery(criteria.terms)}) desc, published_at desc, id desc`;
    case "title":
      return sql`lower(title) asc, id asc`;
    default:
      return sql`published_at desc, id desc`;
  }
}

const SEARCH_ROW_COLUMNS = sql`id, title, description, organisation_name, stakeholder_type, countries,
  action_lines, sdgs, target_groups, project_status, start_year, published_at, language, translations`;

/** Published rows by id, in the order asked (an id unpublished meanwhile is left out). */
export async function findEntriesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<SearchRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<SearchRow>`
    select ${SEARCH_ROW_COLUMNS} from entries
    where id = any(${ids}::bigint[]) and published_revision_id is not null
  `.execute(db);
  const byId = new Map(result.rows.map((row) => [String(row.id), row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// Publication times travel in cursors as UTC text with microseconds, so they compare exactly
// (a JS Date keeps milliseconds only).
const PUBLISHED_KEY = sql`to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
const publishedFromKey = (key: unknown) => sql`(${String(key)}::timestamp at time zone 'UTC')`;

/** The sort key of each row, as this backend orders them (see `ordering`). */
function sortKeyColumns(criteria: SearchCriteria): RawBuilder<unknown> {
  switch (effectiveSort(criteria)) {
    case "relevance":
      return sql`ts_rank(search_vector, ${textQuery(criteria.terms)}) as k1, ${PUBLISHED_KEY} as k2, id::text as k3`;
    case "title":
      return sql`lower(title) as k1, id::text as k2, null as k3`;
    default:
      return sql`${PUBLISHED_KEY} as k1, id::text as k2, null as k3`;
  }
}

/** Rows strictly after `key` in `ordering(criteria)` (keyset paging: no rows are read and skipped). */
function afterKey(criteria: SearchCriteria, key: SearchPosition["key"]): RawBuilder<boolean> {
  const [k1, k2, k3] = key;
  switch (effectiveSort(criteria)) {
    case "relevance":
      return sql<boolean>`(ts_rank(search_vector, ${textQuery(criteria.terms)}), published_at, id) < (${Number(k1)}::real, ${publishedFromKey(k2)}, ${String(k3)}::bigint)`;
    case "title":
      // `lower(title) asc` puts untitled rows last.
      return k1 === null
        ? sql<boolean>`(title is null and id > ${String(k2)}::bigint)`
        : sql<boolean>`((lower(title), id) > (${String(k1)}, ${String(k2)}::bigint) or title is null)`;
    default:
      return sql<boolean>`(published_at, id) < (${publishedFromKey(k1)}, ${String(k2)}::bigint)`;
  }
}

/** The place a cursor of this backend names; another backend's position resumes by its offset. */
function startOf(criteria: SearchCriteria): { offset: number; key: SearchPosition["key"] | null } {
  const after = criteria.after;
  if (after)
    return after.backend === "sql" ? { offset: 0, key: after.key } : { offset: after.offset, key: null };
  return { offset: (criteria.page - 1) * criteria.pageSize, key: null };
}

type KeyedRow = SearchRow & { k1: string | number | null; k2: string | null; k3: string | null };

/**
 * One page of results in the requested order, and the position after it when more follow: read
 * one row past the page to know.
 */
export async function findResultPage(
  db: Kysely<Database>,
  criteria: SearchCriteria,
): Promise<{ rows: SearchRow[]; next: SearchPosition | null }> {
  const start = startOf(criteria);
  const conditions = start.key
    ? sql`${matching(criteria)} and ${afterKey(criteria, start.key)}`
    : matching(criteria);
  const result = await sql<KeyedRow>`
    select ${SEARCH_ROW_COLUMNS}, ${sortKeyColumns(criteria)}
    from entries
    where ${conditions}
    order by ${ordering(criteria)}
    limit ${criteria.pageSize + 1} offset ${start.offset}
  `.execute(db);
  const keyed = result.rows.slice(0, criteria.pageSize);
  const rows = keyed.map(({ k1: _k1, k2: _k2, k3: _k3, ...row }) => row);
  const last = keyed[keyed.length - 1];
  const before = criteria.after ? criteria.after.offset : (criteria.page - 1) * criteria.pageSize;
  const next =
    last && result.rows.length > criteria.pageSize
      ? {
          backend: "sql" as const,
          key:
            effectiveSort(criteria) === "relevance"
              ? [Number(last.k1), last.k2, last.k3]
              : [last.k1, last.k2],
          offset: before + keyed.length,
        }
      : null;
  return { rows, next };
}

/** One page of results in the requested order. */
export async function findMatchingEntries(
  db: Kysely<Database>,
  criteria: SearchCriteria,
): Promise<SearchRow[]> {
  return (await findResultPage(db, criteria)).rows;
}

/**
 * The total and every facet's counts in one statement. Disjunctive faceting: a facet's counts
 * apply all OTHER facets' filters, so each number is what ticking that value would give (for a
 * value already ticked, what it contributes).
 */
export async function countMatchingEntries(
  db: Kysely<Database>,
  criteria: SearchCriteria,
): Promise<{ total: number; facetCounts: FacetCounts }> {
  const parts = FACETS.map((facet) => {
    const { column, kind } = FACET_COLUMNS[facet];
    const col = sql.ref(column);
    if (kind === "array") {
      return sql`
        select ${sql.lit(facet)} as facet, value::text as value, count(*)::int as count
        from entries, unnest(${col}) as value
        where ${matching(criteria, facet)}
        group by value`;
    }
    return sql`
      select ${sql.lit(facet)} as facet, ${col}::text as value, count(*)::int as count
      from entries
      where ${matching(criteria, facet)} and ${col} is not null
      group by ${col}`;
  });
  parts.push(sql`
    select '_total' as facet, null as value, count(*)::int as count
    from entries
    where ${matching(criteria)}`);
  const result = await sql<{ facet: string; value: string | null; count: number }>`${sql.join(
    parts,
    sql` union all `,
  )}`.execute(db);

  const facetCounts = Object.fromEntries(
    FACETS.map((facet) => [facet, new Map<string, number>()]),
  ) as FacetCounts;
  let total = 0;
  for (const row of result.rows) {
    if (row.facet === "_total") total = Number(row.count);
    else if (row.value !== null) facetCounts[row.facet as FacetName]?.set(row.value, Number(row.count));
  }
  return { total, facetCounts };
}

/** The reference implementation: plain SQL over `entries`, correct at any size, fast at small ones. */
export function sqlSearchBackend(db: Kysely<Database>): SearchBackend {
  return {
    async search(criteria) {
      const counts = await countMatchingEntries(db, criteria);
      // A page past the last result needs no second scan (a cursor's position is not a count).
      const page =
        criteria.after || counts.total > (criteria.page - 1) * criteria.pageSize
          ? await findResultPage(db, criteria)
          : { rows: [], next: null };
      return { total: counts.total, rows: page.rows, facetCounts: counts.facetCounts, next: page.next };
    },
  };
}
