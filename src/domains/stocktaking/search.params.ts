import { FieldErrors } from "../../platform/validation.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { COVERAGES, PROJECT_STATUSES } from "./entry-fields.ts";
import { queryTerms } from "./search-text.ts";

/**
 * The search request as the URL carries it (`/entries?q=…&sdg=4&sdg=5`), shared by the page and
 * `GET /api/v1/entries`: parsing and validation here, URL building for links back to a search.
 */

/** The facets, named as their query parameters. Values OR within a facet and AND across facets. */
export const FACETS = [
  "actionLine",
  "sdg",
  "region",
  "country",
  "stakeholderType",
  "targetGroup",
  "status",
  "coverage",
  "year",
] as const;
export type FacetName = (typeof FACETS)[number];

export const SORTS = ["relevance", "newest", "title"] as const;
export type SearchSort = (typeof SORTS)[number];

export const SEARCH_LIMITS = {
  queryMax: 200,
  /** Every word is a prefix to expand and intersect; more than this is not a search but a paste. */
  termsMax: 10,
  pageSizeDefault: 20,
  pageSizeMax: 100,
  /** Offset paging reads and throws away every earlier row, so deep pages are refused. */
  resultWindow: 10_000,
  /** More values than any facet has; bounds the SQL a request can cause. */
  valuesPerFacetMax: 300,
  yearMin: 1900,
  yearMax: 2100,
} as const;

export type SearchFilters = {
  [F in FacetName]: F extends "sdg" | "year" ? number[] : string[];
};

/** A validated search: every code exists, numbers are numbers, the page is within the result window. */
export interface SearchCriteria {
  q: string | null;
  /** The query's distinct folded words (see `search-text.ts`); all must match as word prefixes. */
  terms: string[];
  filters: SearchFilters;
  /**
   * An inclusive start-year range, part of the year facet: an entry matches the facet when its year
   * is one of `filters.year` OR within the range.
   */
  yearFrom: number | null;
  yearTo: number | null;
  /** What was asked for; `relevance` without `q` is served as `newest` (see `effectiveSort`). */
  sort: SearchSort;
  page: number;
  pageSize: number;
  /**
   * Where a cursor left off (`cursor` parameter, see `search-cursor.ts`): the next page starts
   * after this position instead of at `page`.
   */
  after?: SearchPosition | null;
}

/**
 * A place in one search's order. `key` is the sort key of the last result returned, in the terms
 * of the backend that produced it (the index and the SQL reference rank relevance and fold titles
 * differently); `offset` counts the results before the next page, for its page number and to
 * resume by position when the other backend answers.
 */
export interface SearchPosition {
  backend: "index" | "sql";
  key: ReadonlyArray<string | number | null>;
  offset: number;
}

export function emptyFilters(): SearchFilters {
  return {
    actionLine: [],
    sdg: [],
    region: [],
    country: [],
    stakeholderType: [],
    targetGroup: [],
    status: [],
    coverage: [],
    year: [],
  };
}

/** Relevance needs words to rank by; without them the newest entries come first. */
export function effectiveSort(criteria: Pick<SearchCriteria, "terms" | "sort">): SearchSort {
  return criteria.sort === "relevance" && criteria.terms.length === 0 ? "newest" : criteria.sort;
}

export function defaultSort(q: string | null): SearchSort {
  return q ? "relevance" : "newest";
}

export function maxPage(pageSize: number): number {
  return Math.max(1, Math.floor(SEARCH_LIMITS.resultWindow / pageSize));
}

/** Raw query values: strings from the page's parser, possibly numbers after the API's schema coercion. */
export type RawQuery = Record<string, unknown>;

function values(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((value) => String(value));
}

// Control characters (NUL above all) cannot go into PostgreSQL text and carry no meaning in a query.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;

function single(raw: RawQuery, name: string, errors: FieldErrors): string | undefined {
  const list = values(raw[name]);
  if (list.length > 1) {
    errors.add(name, "invalid_value");
    return undefined;
  }
  return list[0];
}

function integer(text: string): number | null {
  return /^\s*-?\d{1,9}\s*$/.test(text) ? Number(text) : null;
}

/** Set membership over the reference codes, keeping the visitor's order and dropping repeats. */
function codes(raw: RawQuery, name: FacetName, known: ReadonlySet<string>, errors: FieldErrors): string[] {
  const list = [...new Set(values(raw[name]).map((value) => value.trim()))];
  if (list.length > SEARCH_LIMITS.valuesPerFacetMax) {
    errors.add(name, "too_many", { max: SEARCH_LIMITS.valuesPerFacetMax });
    return [];
  }
  if (list.some((value) => !known.has(value))) errors.add(name, "unknown_code");
  return list;
}

function numbers(
  raw: RawQuery,
  name: "sdg" | "year",
  accept: (value: number) => boolean,
  unknownCode: "unknown_code" | "out_of_range",
  errors: FieldErrors,
): number[] {
  const list = [...new Set(values(raw[name]).map((value) => value.trim()))];
  if (list.length > SEARCH_LIMITS.valuesPerFacetMax) {
    errors.add(name, "too_many", { max: SEARCH_LIMITS.valuesPerFacetMax });
    return [];
  }
  const parsed = list.map(integer);
  if (parsed.some((value) => value === null)) {
    errors.add(name, "invalid_value");
    return [];
  }
  const out = parsed as number[];
  if (out.some((value) => !accept(value))) {
    if (unknownCode === "out_of_range")
      errors.add(name, unknownCode, { min: SEARCH_LIMITS.yearMin, max: SEARCH_LIMITS.yearMax });
    else errors.add(name, unknownCode);
  }
  return out;
}

function yearBound(raw: RawQuery, name: "yearFrom" | "yearTo", errors: FieldErrors): number | null {
  const text = single(raw, name, errors)?.trim();
  if (!text) return null;
  const parsed = integer(text);
  if (parsed === null) {
    errors.add(name, "invalid_value");
    return null;
  }
  if (parsed < SEARCH_LIMITS.yearMin || parsed > SEARCH_LIMITS.yearMax) {
    errors.add(name, "out_of_range", { min: SEARCH_LIMITS.yearMin, max: SEARCH_LIMITS.yearMax });
    return null;
  }
  return parsed;
}

/** Whether the year facet has any filter (listed years or a range). */
export function hasYearFilter(criteria: Pick<SearchCriteria, "filters" | "yearFrom" | "yearTo">): boolean {
  return criteria.filters.year.length > 0 || criteria.yearFrom !== null || criteria.yearTo !== null;
}

/**
 * Validates a search request against the reference data. Unknown codes, malformed numbers, a
 * query over 200 characters, repeated single-valued parameters (`q`, `sort`, `page`, `pageSize`)
 * and pages beyond the result window all fail with field errors; other parameters (e.g. `lang`)
 * are ignored.
 */
export function parseSearchQuery(raw: RawQuery, reference: ReferenceData): SearchCriteria {
  const errors = new FieldErrors();

  let q: string | null = null;
  const rawQ = single(raw, "q", errors);
  if (rawQ !== undefined) {
    const cleaned = rawQ.replace(CONTROL, " ").trim();
    if (cleaned.length > SEARCH_LIMITS.queryMax) errors.add("q", "too_long", { max: SEARCH_LIMITS.queryMax });
    else if (cleaned !== "") q = cleaned;
  }
  const terms = queryTerms(q);
  if (terms.length > SEARCH_LIMITS.termsMax)
    errors.add("q", "too_many_words", { max: SEARCH_LIMITS.termsMax });

  const filters: SearchFilters = {
    actionLine: codes(raw, "actionLine", new Set(reference.actionLines.map((row) => row.code)), errors),
    sdg: numbers(
      raw,
      "sdg",
      (value) => reference.sdgs.some((row) => row.number === value),
      "unknown_code",
      errors,
    ),
    region: codes(raw, "region", new Set(reference.regions.map((row) => row.code)), errors),
    country: codes(raw, "country", new Set(reference.countries.map((row) => row.code)), errors),
    stakeholderType: codes(
      raw,
      "stakeholderType",
      new Set(reference.stakeholderTypes.map((row) => row.code)),
      errors,
    ),
    targetGroup: codes(raw, "targetGroup", new Set(reference.targetGroups.map((row) => row.code)), errors),
    status: codes(raw, "status", new Set(PROJECT_STATUSES), errors),
    coverage: codes(raw, "coverage", new Set(COVERAGES), errors),
    year: numbers(
      raw,
      "year",
      (value) => value >= SEARCH_LIMITS.yearMin && value <= SEARCH_LIMITS.yearMax,
      "out_of_range",
      errors,
    ),
  };

  const yearFrom = yearBound(raw, "yearFrom", errors);
  const yearTo = yearBound(raw, "yearTo", errors);
  if (yearFrom !== null && yearTo !== null && yearTo < yearFrom) errors.add("yearTo", "end_before_start");

  let sort = defaultSort(q);
  const rawSort = single(raw, "sort", errors)?.trim();
  if (rawSort) {
    if ((SORTS as readonly string[]).includes(rawSort)) sort = rawSort as SearchSort;
    else errors.add("sort", "invalid_value");
  }

  let pageSize: number = SEARCH_LIMITS.pageSizeDefault;
  const rawPageSize = single(raw, "pageSize", errors);
  if (rawPageSize !== undefined && rawPageSize.trim() !== "") {
    const parsed = integer(rawPageSize);
    if (parsed === null) errors.add("pageSize", "invalid_value");
    else if (parsed < 1 || parsed > SEARCH_LIMITS.pageSizeMax)
      errors.add("pageSize", "out_of_range", { min: 1, max: SEARCH_LIMITS.pageSizeMax });
    else pageSize = parsed;
  }

  let page = 1;
  const rawPage = single(raw, "page", errors);
  if (rawPage !== undefined && rawPage.trim() !== "") {
    const parsed = integer(rawPage);
    if (parsed === null) errors.add("page", "invalid_value");
    else if (parsed < 1 || parsed > maxPage(pageSize))
      errors.add("page", "out_of_range", { min: 1, max: maxPage(pageSize) });
    else page = parsed;
  }

  errors.throwIfAny();
  return { q, terms, filters, yearFrom, yearTo, sort, page, pageSize };
}

/** What a search URL carries; the year range is optional so links from other pages can omit it. */
export type UrlCriteria = Pick<SearchCriteria, "q" | "filters" | "sort" | "pageSize"> &
  Partial<Pick<SearchCriteria, "yearFrom" | "yearTo">>;

/**
 * The query string of a search, in a stable order, without defaults, so equal searches have equal
 * URLs. `page` is left out unless given: changing a filter starts again from the first page.
 */
export function searchQueryString(criteria: UrlCriteria, page?: number): string {
  const params = new URLSearchParams();
  if (criteria.q) params.append("q", criteria.q);
  for (const facet of FACETS)
    for (const value of criteria.filters[facet]) params.append(facet, String(value));
  if (criteria.yearFrom != null) params.append("yearFrom", String(criteria.yearFrom));
  if (criteria.yearTo != null) params.append("yearTo", String(criteria.yearTo));
  if (criteria.sort !== defaultSort(criteria.q)) params.append("sort", criteria.sort);
  if (criteria.pageSize !== SEARCH_LIMITS.pageSizeDefault)
    params.append("pageSize", String(criteria.pageSize));
  if (page !== undefined && page > 1) params.append("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The URL of the search page for these criteria. */
export function searchUrl(criteria: UrlCriteria, page?: number): string {
  return `/entries${searchQueryString(criteria, page)}`;
}

/** The same search with one facet value taken out (for "remove" links). */
export function withoutValue(
  criteria: SearchCriteria,
  facet: FacetName,
  value: string | number,
): SearchCriteria {
  const filters = {
    ...criteria.filters,
    [facet]: criteria.filters[facet].filter((v) => String(v) !== String(value)),
  };
  return { ...criteria, filters: filters as SearchFilters, page: 1 };
}

export function hasFilters(criteria: Pick<SearchCriteria, "filters"> & Partial<SearchCriteria>): boolean {
  return (
    FACETS.some((facet) => criteria.filters[facet].length > 0) ||
    criteria.yearFrom != null ||
    criteria.yearTo != null
  );
}
