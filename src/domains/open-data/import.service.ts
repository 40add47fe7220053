import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Kysely } from "kysely";
import type { Database, ImportOutcome } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { toLanguage } from "../../platform/i18n.ts";
import type { Actor } from "../../platform/permissions.ts";
import { cleanLine, FieldErrors, hasControlCharacters, isRowId } from "../../platform/validation.ts";
import { entryCodes } from "../stocktaking/entry-validation.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { readHeader } from "./import-columns.ts";
import { assertImportSize, detectFormat, type ImportFormat, readImportTable } from "./import-file.ts";
import {
  currentReferenceVersion,
  findJob,
  type ImportJob,
  insertJob,
  listJobs,
  moveJob,
  readJobFile,
  setReferenceVersion,
} from "./import-jobs.repo.ts";
import { findMappedIds, findTargetEntries, findUsersByEmail } from "./import-lookups.repo.ts";
import {
  finishValidation,
  type ImportRowRecord,
  listRows,
  restartValidation,
  saveValidatedBatch,
} from "./import-rows.repo.ts";
import { type FileContext, fileContext, planRow, readRow } from "./import-rows.ts";

/**
 * Bulk import, step by step: `startImport` reads and stores the upload (file-level problems are
 * refused here, before anything is stored); `runDryRun` decides every row in batches, each batch
 * its own short transaction, so progress is visible and survives a restart; `commitImport`
 * (import-commit.ts) writes it all in one transaction. Pages, the API, the CLI, the worker and the
 * benchmark all go through these functions.
 */

/** Rows per dry-run batch and per commit statement. */
export const IMPORT_BATCH_ROWS = 2_000;
/** How long a worker or request may hold a job before another may take it over. */
export const IMPORT_LEASE_MS = 120_000;
export const SOURCE_MAX = 100;
export const DEFAULT_SOURCE = "default";
const FILENAME_MAX = 255;

export interface ImportUpload {
  bytes: Buffer | null;
  /** The multipart reader stopped at its limit: the file is larger than it. */
  truncated?: boolean;
  filename?: string;
  source?: unknown;
  /** Commit as soon as a dry run finds no error (the API's `dryRun=false`). */
  autoCommit?: boolean;
}

/** The name that scopes external ids: one per database of origin ("ESCWA regional survey"). */
export function parseSource(raw: unknown): string {
  const errors = new FieldErrors();
  const text = typeof raw === "string" ? raw : "";
  const source = errors.line("source", text, SOURCE_MAX, false) || DEFAULT_SOURCE;
  errors.throwIfAny();
  return source;
}

/** An import id from a URL; anything else cannot name one (404, not 400). */
export function parseImportId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("import_not_found");
  return raw;
}

// The parsed file of the jobs being processed, so batches do not parse it again. Small: one
// job is processed at a time per process; a restart re-reads the stored file.
const parsedFiles = new Map<string, FileContext>();
const PARSED_FILES_KEPT = 2;

function remember(jobId: string, context: FileContext): void {
  parsedFiles.delete(jobId);
  parsedFiles.set(jobId, context);
  while (parsedFiles.size > PARSED_FILES_KEPT) {
    const oldest = parsedFiles.keys().next().value;
    if (oldest === undefined) break;
    parsedFiles.delete(oldest);
  }
}

async function parseUpload(bytes: Buffer, format: ImportFormat): Promise<FileContext> {
  const table = await readImportTable(bytes, format);
  const header = readHeader(table.rows[0] ?? []);
  return fileContext(table, header, format === "xlsx");
}

/** Test helper: forget parsed files, so the next use reads the stored one again. */
export function forgetParsedFiles(): void {
  parsedFiles.clear();
}

/** The job's file, parsed (remembered while the job is being processed). */
export async function importFileOf(db: Kysely<Database>, job: ImportJob): Promise<FileContext> {
  const known = parsedFiles.get(job.id);
  if (known) return known;
  const context = await parseUpload(gunzipSync(await readJobFile(db, job.id)), job.format);
  remember(job.id, context);
  return context;
}

/**
 * Reads the upload and stores it as a new job, validating. Everything wrong with the file as a
 * whole (size, format, encoding, columns…) is thrown here, so nothing is stored for it. With
 * `leaseMs` the caller holds the job (it processes it itself) and the worker leaves it alone.
 */
export async function startImport(
  db: Kysely<Database>,
  actor: Actor,
  upload: ImportUpload,
  options: { lang: string; ip?: string | null; leaseMs?: number },
): Promise<ImportJob> {
  const source = parseSource(upload.source);
  if (!upload.bytes || (upload.bytes.length === 0 && !upload.truncated))
    throw new ValidationError([{ field: "file", code: "required" }]);
  assertImportSize(upload.bytes.length, upload.truncated === true);
  const filename = hasControlCharacters(upload.filename ?? "")
    ? ""
    : cleanLine(upload.filename ?? "").slice(0, FILENAME_MAX);
  const format = detectFormat(upload.bytes, filename);
  const context = await parseUpload(upload.bytes, format);
  const bytes = upload.bytes;
  const job = await db.transaction().execute(async (trx) => {
    const created = await insertJob(
      trx,
      {
        user_id: actor.id,
        source,
        filename,
        format,
        byte_size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        language: toLanguage(options.lang),
        auto_commit: upload.autoCommit === true,
        rows_total: context.table.rows.length - 1,
      },
      gzipSync(bytes, { level: 1 }),
      options.leaseMs ?? 0,
    );
    await recordAudit(trx, {
      actorId: actor.id,
      action: "import.upload",
      subjectType: "import",
      subjectId: created.id,
      after: { source, filename, format, rows: created.rows_total, sha256: created.sha256 },
      ip: options.ip ?? null,
    });
    return created;
  });
  remember(job.id, context);
  return job;
}

export interface DryRunOptions {
  /** Stop after this long (a request doing what it can before answering); the worker goes on. */
  budgetMs?: number;
  leaseMs?: number;
  onProgress?: (done: number, total: number) => void;
  shouldStop?: () => boolean;
}

/**
 * Decides the job's remaining rows, a batch at a time, until all are done (then the job is
 * `ready`, `invalid`, or `committing` when it commits by itself) or the budget runs out. The
 * reference data is read once per run; if it changed since earlier batches, they are redone.
 */
export async function runDryRun(
  db: Kysely<Database>,
  jobId: string,
  options: DryRunOptions = {},
): Promise<ImportJob> {
  const started = Date.now();
  const leaseMs = options.leaseMs ?? IMPORT_LEASE_MS;
  const found = await findJob(db, jobId);
  if (!found) throw notFound("import_not_found");
  if (found.status !== "validating") return found;
  let job = found;
  const version = await currentReferenceVersion(db);
  if (job.rows_done > 0 && job.reference_version !== version) {
    await restartValidation(db, jobId, null);
    job = (await findJob(db, jobId)) as ImportJob;
  }
  const [context, reference] = await Promise.all([importFileOf(db, job), loadReferenceData(db)]);
  const codes = entryCodes(reference);
  const total = job.rows_total;
  let done = job.rows_done;
  if (done === 0) await setReferenceVersion(db, jobId, version);
  options.onProgress?.(done, total);

  while (done < total) {
    if (options.shouldStop?.()) return (await findJob(db, jobId)) as ImportJob;
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs)
      return (await findJob(db, jobId)) as ImportJob;
    const to = Math.min(done + IMPORT_BATCH_ROWS, total);
    const inputs = [];
    for (let index = done + 1; index <= to; index++) inputs.push(readRow(context, index));
    const externalIds = inputs.flatMap((input) => (input.externalId === null ? [] : [input.externalId]));
    const mapped = await findMappedIds(db, job.source, externalIds);
    const targetIds = new Set<string>();
    for (const input of inputs) {
      const target = (input.externalId !== null ? mapped.get(input.externalId) : undefined) ?? input.entryId;
      if (target) targetIds.add(target);
    }
    const emails = [...new Set(inputs.flatMap((input) => (input.ownerEmail ? [input.ownerEmail] : [])))];
    const [entries, owners] = await Promise.all([
      findTargetEntries(db, [...targetIds]),
      findUsersByEmail(db, emails),
    ]);
    const lookups = { codes, mapped, entries, owners, importerId: job.user_id };
    const staged = inputs.map((input) => planRow(input, lookups));
    const from = done;
    const saved = await db
      .transaction()
      .execute((trx) => saveValidatedBatch(trx, jobId, staged, { from, to }, leaseMs));
    // Someone else moved the job on (a restart, another worker): leave it to them.
    if (!saved) return (await findJob(db, jobId)) as ImportJob;
    done = to;
    options.onProgress?.(done, total);
  }
  await db.transaction().execute((trx) => finishValidation(trx, jobId, version));
  const finished = (await findJob(db, jobId)) as ImportJob;
  // Kept for the commit that usually follows; an invalid job will not need it.
  if (finished.status === "invalid") parsedFiles.delete(jobId);
  return finished;
}

/** Who may see and commit a job: whoever uploaded it, and admins. */
export function canSeeImport(actor: Actor, job: ImportJob): boolean {
  return job.user_id === actor.id || actor.role === "admin";
}

export async function getImport(db: Kysely<Database>, actor: Actor, jobId: string): Promise<ImportJob> {
  const job = await findJob(db, jobId);
  if (!job || !canSeeImport(actor, job)) throw notFound("import_not_found");
  return job;
}

export const IMPORTS_PAGE_SIZE = 20;

/** The actor's imports (an admin sees everyone's), newest first. */
export async function listImports(db: Kysely<Database>, actor: Actor, page: number) {
  const result = await listJobs(
    db,
    actor.role === "admin" ? null : actor.id,
    IMPORTS_PAGE_SIZE,
    (page - 1) * IMPORTS_PAGE_SIZE,
  );
  return { ...result, pageSize: IMPORTS_PAGE_SIZE };
}

export const ROW_OUTCOMES: readonly ImportOutcome[] = ["create", "update", "unchanged", "error"];

/** One page of a job's per-row results. */
export async function importRows(
  db: Kysely<Database>,
  actor: Actor,
  jobId: string,
  query: { outcome?: string | null; page: number; pageSize: number },
): Promise<{ job: ImportJob; total: number; rows: ImportRowRecord[] }> {
  const job = await getImport(db, actor, jobId);
  const outcome = (ROW_OUTCOMES as readonly string[]).includes(query.outcome ?? "")
    ? (query.outcome as ImportOutcome)
    : null;
  const result = await listRows(db, jobId, outcome, query.pageSize, (query.page - 1) * query.pageSize);
  return { job, ...result };
}

/** Whether the job may be committed now; the 409 says why not. */
export function assertCommittable(job: ImportJob, alsoWhen: ImportJob["status"][] = []): void {
  if (job.status === "invalid") throw conflict("import_has_errors", { count: job.error_rows });
  if (job.status !== "ready" && !alsoWhen.includes(job.status))
    throw conflict("import_not_ready", { status: job.status });
}

/**
 * Hands a large commit to the worker: the job moves to `committing` (only from `ready`, so a
 * second click finds it moving and gets a 409) and whoever processes it commits as `actor`.
 */
export async function queueCommit(db: Kysely<Database>, actor: Actor, job: ImportJob): Promise<ImportJob> {
  const moved = await moveJob(db, job.id, "ready", {
    status: "committing",
    committed_by: actor.id,
    error: null,
  });
  const now = (await findJob(db, job.id)) as ImportJob;
  if (!moved) assertCommittable(now);
  return now;
}
