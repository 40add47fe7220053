import { FieldErrors } from "../../platform/validation.ts";
import type { RawQuery, SearchCriteria } from "../stocktaking/search.params.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { type ExportRecord, readExportRecords } from "./export.repo.ts";
import { type ExportDeps, parseWholeSearch, resultIds } from "./export.service.ts";

/** Entries in a feed: what a reader polls for, not an archive (the export is the archive). */
export const FEED_ITEMS = 50;

export interface FeedOutcome {
  criteria: SearchCriteria;
  entries: ExportRecord[];
  reference: ReferenceData;
}

/**
 * The newest published entries of a search, for its Atom feed: the search's filters and words
 * with its order forced to newest first (`sort` and paging are ignored). Bad input throws the
 * search's field errors.
 */
export async function newestOfSearch(deps: ExportDeps, raw: RawQuery): Promise<FeedOutcome> {
  const reference = await loadReferenceData(deps.db);
  const criteria = parseWholeSearch(raw, reference, new FieldErrors(), ["sort"]);
  criteria.sort = "newest";
  const ids = await resultIds(deps, criteria, FEED_ITEMS);
  return { criteria, entries: await readExportRecords(deps.db, ids), reference };
}
