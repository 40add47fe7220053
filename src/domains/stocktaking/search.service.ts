import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { parseSearchQuery, type RawQuery, type SearchCriteria } from "./search.params.ts";
import { type FacetCounts, type SearchBackend, type SearchRow, sqlSearchBackend } from "./search.repo.ts";

/** A finished search: what was asked, the page of rows, the counts, and the reference data to label them. */
export interface SearchOutcome {
  criteria: SearchCriteria;
  total: number;
  rows: SearchRow[];
  facetCounts: FacetCounts;
  reference: ReferenceData;
}

/**
 * Runs a visitor's search from its raw query parameters (page and API alike). Throws
 * `ValidationError` for bad input before any search runs. `backend` is the swappable query layer.
 */
export async function searchEntries(
  db: Kysely<Database>,
  raw: RawQuery,
  backend: SearchBackend = sqlSearchBackend(db),
): Promise<SearchOutcome> {
  const reference = await loadReferenceData(db);
  const criteria = parseSearchQuery(raw, reference);
  const hits = await backend.search(criteria);
  return { criteria, total: hits.total, rows: hits.rows, facetCounts: hits.facetCounts, reference };
}

/** Reference data for pages that show the search form without results (e.g. after bad input). */
export function loadSearchReference(db: Kysely<Database>): Promise<ReferenceData> {
  return loadReferenceData(db);
}
