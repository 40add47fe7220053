import { createHash } from "node:crypto";
import { invalidCursor, openCursor, signCursor } from "../../platform/signed-cursor.ts";
import {
  effectiveSort,
  SEARCH_LIMITS,
  type SearchCriteria,
  type SearchPosition,
  type SearchSort,
  searchQueryString,
} from "./search.params.ts";

/**
 * `searchEntries` cursors. A cursor names the search it belongs to (a fingerprint of the query,
 * filters and sort: `pageSize` may change between pages) and the sort key of the last result it
 * returned, so the next page is read by keyset ("after this key"), not by counting rows: entries
 * published or withdrawn meanwhile shift nothing, and walking a whole result set costs the same
 * per page at any depth (no result window, unlike `page`). Relevance is keyset too: the index
 * ranks in whole score tiers, so the key is (tier score, publication time, id). Keys are in the
 * terms of the backend that answered (`SearchPosition.backend`); when the other one answers (the
 * SQL reference serves while the index builds at start), the page resumes at the cursor's offset.
 */

interface CursorPayload {
  v: 1;
  /** Fingerprint of the search. */
  f: string;
  b: "i" | "s";
  k: Array<string | number | null>;
  o: number;
}

/** What a search's results are: equal queries, filters and sort give equal fingerprints. */
function fingerprint(criteria: SearchCriteria): string {
  const canonical = searchQueryString({ ...criteria, pageSize: SEARCH_LIMITS.pageSizeDefault });
  return createHash("sha256")
    .update(`${effectiveSort(criteria)}\n${canonical}`)
    .digest("base64url")
    .slice(0, 16);
}

export function encodeSearchCursor(key: Buffer, criteria: SearchCriteria, position: SearchPosition): string {
  const payload: CursorPayload = {
    v: 1,
    f: fingerprint(criteria),
    b: position.backend === "index" ? "i" : "s",
    k: [...position.key],
    o: position.offset,
  };
  return signCursor(key, payload);
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === "string" && value.length <= 1000;
const isId = (value: unknown) => typeof value === "string" && /^\d{1,19}$/.test(value);
const isTimestamp = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/.test(value);

/** The key shapes each backend writes, checked again on the way in so no key reaches SQL malformed. */
function validKey(backend: SearchPosition["backend"], sort: SearchSort, key: unknown[]): boolean {
  if (backend === "index") {
    if (sort === "relevance") return key.length === 3 && key.every(isNumber);
    if (sort === "title") return key.length === 2 && isText(key[0]) && isNumber(key[1]);
    return key.length === 2 && key.every(isNumber);
  }
  if (sort === "relevance")
    return key.length === 3 && isNumber(key[0]) && isTimestamp(key[1]) && isId(key[2]);
  if (sort === "title") return key.length === 2 && (key[0] === null || isText(key[0])) && isId(key[1]);
  return key.length === 2 && isTimestamp(key[0]) && isId(key[1]);
}

/**
 * The position a cursor names, for this search only. A cursor that is malformed, altered, signed
 * with another key or made for another search fails with `invalid_cursor`.
 */
export function decodeSearchCursor(key: Buffer, criteria: SearchCriteria, cursor: string): SearchPosition {
  const payload = openCursor(key, cursor) as Partial<CursorPayload> | null;
  if (
    typeof payload !== "object" ||
    payload === null ||
    payload.v !== 1 ||
    payload.f !== fingerprint(criteria) ||
    (payload.b !== "i" && payload.b !== "s") ||
    !Array.isArray(payload.k) ||
    !Number.isSafeInteger(payload.o) ||
    (payload.o as number) < 0
  )
    throw invalidCursor();
  const backend = payload.b === "i" ? "index" : "sql";
  if (!validKey(backend, effectiveSort(criteria), payload.k)) throw invalidCursor();
  return { backend, key: payload.k, offset: payload.o as number };
}
