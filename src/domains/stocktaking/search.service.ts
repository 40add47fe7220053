import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { invalidCursor } from "../../platform/signed-cursor.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { parseSearchQuery, type RawQuery, type SearchCriteria } from "./search.params.ts";
import { type FacetCounts, type SearchBackend, type SearchRow, sqlSearchBackend } from "./search.repo.ts";
import { decodeSearchCursor, encodeSearchCursor } from "./search-cursor.ts";

/** A finished search: what was asked, the page of rows, the counts, and the reference data to label them. */
export interface SearchOutcome {
  criteria: SearchCriteria;
  total: number;
  rows: SearchRow[];
  facetCounts: FacetCounts;
  reference: ReferenceData;
  /** The cursor of the next page (only when cursors were asked for, and more results follow). */
  nextCursor?: string | null;
}

export interface SearchOptions {
  /**
   * The key cursors are signed with (`cursorKey(config.sessionSecret)`): with it, a `cursor`
   * parameter is honoured (it replaces `page`) and the outcome names the next page's cursor.
   */
  cursorKey?: Buffer;
}

/**
 * Runs a visitor's search from its raw query parameters (page and API alike). Throws
 * `ValidationError` for bad input before any search runs. `backend` is the swappable query layer.
 */
export async function searchEntries(
  db: Kysely<Database>,
  raw: RawQuery,
  backend: SearchBackend = sqlSearchBackend(db),
  options: SearchOptions = {},
): Promise<SearchOutcome> {
  const reference = await loadReferenceData(db);
  const criteria = parseSearchQuery(raw, reference);
  const { cursorKey } = options;
  if (cursorKey && raw.cursor !== undefined) {
    if (typeof raw.cursor !== "string") throw invalidCursor();
    const after = decodeSearchCursor(cursorKey, criteria, raw.cursor);
    criteria.after = after;
    criteria.page = Math.floor(after.offset / criteria.pageSize) + 1;
  }
  const hits = await backend.search(criteria);
  const nextCursor = cursorKey && hits.next ? encodeSearchCursor(cursorKey, criteria, hits.next) : null;
  return {
    criteria,
    total: hits.total,
    rows: hits.rows,
    facetCounts: hits.facetCounts,
    reference,
    nextCursor,
  };
}

/** Reference data for pages that show the search form without results (e.g. after bad input). */
export function loadSearchReference(db: Kysely<Database>): Promise<ReferenceData> {
  return loadReferenceData(db);
}
