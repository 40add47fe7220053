import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n.ts";
import type { Actor } from "../../platform/permissions.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  abandonStaleRuns,
  claimAdminRun,
  claimDailyRun,
  type Dump,
  type DumpFormat,
  type DumpRun,
  deleteUnfinishedDumps,
  findReadyDump,
  finishRun,
  latestRunStart,
  listReadyDumps,
  pruneDumps,
  publishedIds,
  publishRunDumps,
  readChunk,
  runningRun,
} from "./dumps.repo.ts";
import { buildDumps } from "./dumps-build.ts";
import type { ExportReader } from "./export.repo.ts";
import { exportLabels } from "./export-rows.ts";

/** The formats of a dump run, each gzip-compressed. XLSX is left out: see docs/architecture.md. */
export const DUMP_FORMATS: readonly DumpFormat[] = ["csv", "ndjson"];
/** Ready dumps kept per format; older ones are deleted when a run ends. */
export const DUMPS_KEPT = 3;
/** A builder renews its run's lease well within this; past it the run is taken as abandoned. */
export const DUMP_LEASE_MS = 2 * 60_000;
/** The daily run is due from this hour (UTC) on; housekeeping's hourly tick starts it. */
export const DAILY_DUMP_HOUR_UTC = 2;

export interface DumpDeps {
  db: Kysely<Database>;
  baseUrl: string;
  /**
   * How the entries are read (`engineExportReader`: streaming on PostgreSQL); default: through `db`.
   */
  read?: ExportReader;
  log?: { error(obj: object, msg: string): void };
  /** Stops a build (the service is stopping); set by `trackBuild`. */
  signal?: AbortSignal;
  /** Tests shorten or lengthen these. */
  leaseMs?: number;
  batchSize?: number;
  chunkBytes?: number;
}

export interface RunOutcome {
  runId: string;
  dumps: Array<{ id: string; format: DumpFormat; rows: number; bytes: number; sha256: string }>;
  pruned: number;
}

/** The newest daily slot at or before `now`: today's `DAILY_DUMP_HOUR_UTC`, or yesterday's. */
export function dailySlot(now: Date): Date {
  const slot = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DAILY_DUMP_HOUR_UTC),
  );
  if (slot.getTime() > now.getTime()) slot.setUTCDate(slot.getUTCDate() - 1);
  return slot;
}

/**
 * When the next daily run is due: the current slot when no run has started since it (then it is
 * due now, and runs at the next hourly housekeeping), else the next day's.
 */
export function nextDailyRun(now: Date, latestStart: Date | null): Date {
  const slot = dailySlot(now);
  if (!latestStart || latestStart.getTime() < slot.getTime()) return slot;
  const next = new Date(slot);
  next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/**
 * Builds every format of a claimed run from one read of the entries, then, in one transaction, ends the
 * run and lists its dumps together (both formats hold the same entries) and deletes the dumps
 * past the newest `DUMPS_KEPT`. A failure deletes what the run wrote and marks it failed.
 */
export async function buildRun(deps: DumpDeps, run: DumpRun): Promise<RunOutcome> {
  const { db } = deps;
  const leaseMs = deps.leaseMs ?? DUMP_LEASE_MS;
  try {
    // Names in the CSV are English: a dump is one file for everyone; codes sit beside them.
    const reference = await loadReferenceData(db);
    const context = { baseUrl: deps.baseUrl, labels: exportLabels(reference, "en", translator("en")) };
    const ids = await publishedIds(db);
    const dumps = await buildDumps(db, {
      runId: run.id,
      formats: DUMP_FORMATS,
      ids,
      context,
      read: deps.read,
      generatedAt: new Date(run.started_at),
      leaseMs,
      batchSize: deps.batchSize,
      chunkBytes: deps.chunkBytes,
      signal: deps.signal,
    });
    const pruned = await db.transaction().execute(async (trx) => {
      if (!(await finishRun(trx, run.id, { status: "done" })))
        throw new Error("the run was taken as abandoned before it ended");
      await publishRunDumps(trx, run.id);
      let count = 0;
      for (const format of DUMP_FORMATS) count += await pruneDumps(trx, format, DUMPS_KEPT);
      return count;
    });
    return { runId: run.id, dumps, pruned };
  } catch (error) {
    await finishRun(db, run.id, { status: "failed", error: (error as Error).message ?? String(error) });
    await deleteUnfinishedDumps(db, run.id);
    throw error;
  }
}

const inFlight = new Map<Promise<void>, AbortController>();

/** Runs a build, remembered so the service can stop it on shutdown and tests can wait for it. */
function trackBuild<T>(deps: DumpDeps, build: (deps: DumpDeps) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const promise = build({ ...deps, signal: controller.signal });
  const settled = promise.then(
    () => {},
    () => {},
  );
  inFlight.set(settled, controller);
  void settled.finally(() => inFlight.delete(settled));
  return promise;
}

/** Resolves when the builds this process is running have ended (tests wait for background ones). */
export async function dumpBuildsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight.keys()]);
}

/**
 * Stops this process's builds and waits for them (on shutdown): each run is marked failed and its
 * half-written files deleted, instead of holding the shutdown for a whole build.
 */
export async function stopDumpBuilds(): Promise<void> {
  for (const controller of inFlight.values()) controller.abort();
  await dumpBuildsSettled();
}

/**
 * Housekeeping's daily task: builds the dumps when the day's slot has passed and no run has
 * started since. Safe from any number of instances at once: one claims the run, the others skip.
 */
export async function runDailyDumps(deps: DumpDeps, now = new Date()): Promise<RunOutcome | null> {
  await abandonStaleRuns(deps.db);
  const run = await claimDailyRun(deps.db, dailySlot(now), deps.leaseMs ?? DUMP_LEASE_MS);
  return run ? trackBuild(deps, (tracked) => buildRun(tracked, run)) : null;
}

/**
 * An admin's "regenerate now": claims the run and audits it in one transaction (409
 * `dump_in_progress` while a run is going), then builds in the background on this instance.
 */
export async function requestDumpRegeneration(
  deps: DumpDeps,
  actor: Actor,
  ip: string | null,
): Promise<DumpRun> {
  await abandonStaleRuns(deps.db);
  const run = await deps.db.transaction().execute(async (trx) => {
    const claimed = await claimAdminRun(trx, actor.id, deps.leaseMs ?? DUMP_LEASE_MS);
    if (!claimed) throw conflict("dump_in_progress");
    await recordAudit(trx, {
      actorId: actor.id,
      action: "open_data.regenerate",
      subjectType: "open_data_run",
      subjectId: claimed.id,
      ip,
    });
    return claimed;
  });
  void trackBuild(deps, (tracked) => buildRun(tracked, run)).catch((error: unknown) =>
    deps.log?.error({ err: error, runId: run.id }, "open-data dump build failed"),
  );
  return run;
}

export interface DumpsOverview {
  /** Ready dumps, newest first. */
  dumps: Dump[];
  running: DumpRun | null;
  nextDailyRunAt: Date;
}

/** What the page and `listOpenDataDumps` show. */
export async function dumpsOverview(db: Kysely<Database>, now = new Date()): Promise<DumpsOverview> {
  const [dumps, running, latest] = await Promise.all([
    listReadyDumps(db),
    runningRun(db),
    latestRunStart(db),
  ]);
  return { dumps, running: running ?? null, nextDailyRunAt: nextDailyRun(now, latest) };
}

/** `wsis-stocktaking-YYYY-MM-DD-<id>.csv.gz`: the day the data were read, and unique per dump. */
export function dumpFileName(dump: Pick<Dump, "id" | "format" | "generated_at">): string {
  const date = new Date(dump.generated_at).toISOString().slice(0, 10);
  return `wsis-stocktaking-${date}-${dump.id}.${dump.format}.gz`;
}

/** The dump a download link names; 404 `dump_not_found` for anything else, pruned ones included. */
export async function dumpForDownload(db: Kysely<Database>, id: string, file: string): Promise<Dump> {
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw notFound("dump_not_found");
  const dump = await findReadyDump(db, id);
  if (!dump || dumpFileName(dump) !== file) throw notFound("dump_not_found");
  return dump;
}

/**
 * A dump's bytes piece by piece, the next piece read while the current one is sent. A dump pruned
 * mid-download fails the stream, so the client sees a cut (short) response, never a wrong file.
 */
export async function* dumpBytes(db: Kysely<Database>, dump: Dump): AsyncGenerator<Buffer> {
  let next: Promise<Uint8Array | undefined> | null = dump.chunk_count > 0 ? readChunk(db, dump.id, 0) : null;
  for (let seq = 0; seq < dump.chunk_count; seq++) {
    const data = await (next as Promise<Uint8Array | undefined>);
    next = seq + 1 < dump.chunk_count ? readChunk(db, dump.id, seq + 1) : null;
    // Handled where it is awaited; this keeps an abandoned read-ahead from failing the process.
    next?.catch(() => {});
    if (!data) throw new Error(`dump ${dump.id} was deleted while being sent`);
    yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
}
