import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Database } from "../../db/schema.ts";
import { effectiveSort, FACETS, type FacetName, type SearchCriteria } from "./search.params.ts";
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
function matching(criteria: SearchCriteria, exclude?: FacetName): RawBuilder<boolean> {
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

function ordering(criteria: SearchCriteria): RawBuilder<unknown> {
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

/** One page of results in the requested order. */
export async function findMatchingEntries(
  db: Kysely<Database>,
  criteria: SearchCriteria,
): Promise<SearchRow[]> {
  const offset = (criteria.page - 1) * criteria.pageSize;
  const result = await sql<SearchRow>`
    select ${SEARCH_ROW_COLUMNS}
    from entries
    where ${matching(criteria)}
    order by ${ordering(criteria)}
    limit ${criteria.pageSize} offset ${offset}
  `.execute(db);
  return result.rows;
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
      // A page past the last result needs no second scan.
      const rows =
        counts.total > (criteria.page - 1) * criteria.pageSize ? await findMatchingEntries(db, criteria) : [];
      return { total: counts.total, rows, facetCounts: counts.facetCounts };
    },
  };
}
