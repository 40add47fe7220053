import { Readable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { tooManyRequests, ValidationError } from "../../platform/errors.ts";
import { direction, type Language, type Translate } from "../../platform/i18n.ts";
import { consumeRateLimit } from "../../platform/rate-limit.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { parseSearchQuery, type RawQuery, type SearchCriteria } from "../stocktaking/search.params.ts";
import type { SearchIndexService } from "../stocktaking/search-index/search-index.service.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { type ExportReader, kyselyExportReader, matchingIdsSql } from "./export.repo.ts";
import { EXPORT_FORMATS, type ExportFormat, PAGING_PARAMETERS } from "./export.schema.ts";
import { BATCH_SIZE, READ_AHEAD } from "./export-batches.ts";
import { exportBytes, FORMAT_SPECS } from "./export-formats.ts";
import { exportLabels } from "./export-rows.ts";

export const EXPORT_LIMITS = {
  /** Exports one client address may start per window. */
  perAddress: 30,
  windowMs: 10 * 60_000,
  /** Exports one instance streams at once; each holds a database connection now and then. */
  concurrent: 4,
  /** Rows per read: large enough that round trips do not dominate, small enough to stay flat. */
  batchSize: BATCH_SIZE,
  /** Reads in flight beside the batch being written. */
  readAhead: READ_AHEAD,
} as const;

export interface ExportDeps {
  db: Kysely<Database>;
  /** How batches of rows are read (`pgExportReader` on PostgreSQL); default: through `db`. */
  read?: ExportReader;
  search: Pick<SearchIndexService, "matchingIds">;
  baseUrl: string;
}

/** Exports this instance is streaming; a full gate answers 429 so one client cannot take them all. */
export class ExportGate {
  private active = 0;
  constructor(readonly max: number = EXPORT_LIMITS.concurrent) {}

  get running(): number {
    return this.active;
  }

  /** A release function, or null when the gate is full. */
  enter(): (() => void) | null {
    if (this.active >= this.max) return null;
    this.active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
    };
  }
}

/**
 * Validates a search as the search does, without its paging parameters (an export is the whole
 * result; `extra` names parameters the caller handles, such as `format`). Errors of both kinds
 * come back together.
 */
export function parseWholeSearch(
  raw: RawQuery,
  reference: ReferenceData,
  errors: FieldErrors,
  extra: readonly string[] = [],
): SearchCriteria {
  const search: RawQuery = {};
  for (const [name, value] of Object.entries(raw))
    if (!PAGING_PARAMETERS.has(name) && !extra.includes(name)) search[name] = value;
  let criteria: SearchCriteria | null = null;
  try {
    criteria = parseSearchQuery(search, reference);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const field of error.fieldErrors) errors.add(field.field, field.code, field.params);
  }
  errors.throwIfAny();
  return criteria as SearchCriteria;
}

function parseFormat(raw: unknown, errors: FieldErrors): ExportFormat {
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return "csv";
  const value = String(list[0]).trim().toLowerCase();
  if (list.length > 1 || !(EXPORT_FORMATS as readonly string[]).includes(value)) {
    errors.add("format", "invalid_value");
    return "csv";
  }
  return value as ExportFormat;
}

/**
 * The ids of every result in the search's order: from this instance's search index when it is
 * built (the order the search pages show), else from SQL (the order the SQL search shows).
 */
export async function resultIds(
  deps: ExportDeps,
  criteria: SearchCriteria,
  limit?: number,
): Promise<Float64Array> {
  return (await deps.search.matchingIds(criteria, limit)) ?? (await matchingIdsSql(deps.db, criteria, limit));
}

export interface ExportOptions {
  ip: string | null;
  lang: Language;
  t: Translate;
  gate: ExportGate;
  /** Today's date for the file name (tests fix it). */
  now?: Date;
  /** Rows per read (tests make it small). */
  batchSize?: number;
}

export interface StartedExport {
  format: ExportFormat;
  total: number;
  contentType: string;
  filename: string;
  /** The file, read from the database as the client takes it; closing it ends the export. */
  body: Readable;
}

/**
 * Starts `exportEntries`: validates the search and the format (400 with the search's field codes),
 * counts the export against the client address's limit and this instance's gate (429), then takes
 * the ids of every result (one query or one index walk) and returns a stream that reads and writes
 * the rows batch by batch as the client receives them.
 */
export async function startExport(
  deps: ExportDeps,
  raw: RawQuery,
  options: ExportOptions,
): Promise<StartedExport> {
  const reference = await loadReferenceData(deps.db);
  const errors = new FieldErrors();
  const format = parseFormat(raw.format, errors);
  const criteria = parseWholeSearch(raw, reference, errors, ["format"]);

  await consumeRateLimit(
    deps.db,
    `export:${options.ip ?? "unknown"}`,
    EXPORT_LIMITS.perAddress,
    EXPORT_LIMITS.windowMs,
  );
  const release = options.gate.enter();
  if (!release) throw tooManyRequests(10);
  try {
    const ids = await resultIds(deps, criteria);
    const chunks = exportBytes(
      format,
      deps.read ?? kyselyExportReader(deps.db),
      ids,
      { baseUrl: deps.baseUrl, labels: exportLabels(reference, options.lang, options.t) },
      {
        total: ids.length,
        rightToLeft: direction(options.lang) === "rtl",
        sheetName: options.t("openData.export.sheetName"),
        batchSize: options.batchSize ?? EXPORT_LIMITS.batchSize,
        readAhead: EXPORT_LIMITS.readAhead,
      },
    );
    const body = Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 });
    // 'close' comes however the stream ends: finished, failed, or dropped by the client.
    body.once("close", release);
    const date = (options.now ?? new Date()).toISOString().slice(0, 10);
    const spec = FORMAT_SPECS[format];
    return {
      format,
      total: ids.length,
      contentType: spec.contentType,
      filename: `wsis-stocktaking-${date}.${spec.extension}`,
      body,
    };
  } catch (error) {
    release();
    throw error;
  }
}
