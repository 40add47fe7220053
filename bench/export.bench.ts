import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { progressBar } from "../src/cli/progress.ts";
import { loadConfig } from "../src/config.ts";
import { openPreparedDatabase } from "../src/db/prepare.ts";
import { seedDemoEntries } from "../src/domains/stocktaking/demo-seed.ts";
import { cpuSeconds, installExitHook, processMemoryMb, startService } from "./service-process.ts";
import { round } from "./stats.ts";

export interface ExportBenchOptions {
  /**
   * Published entries to have before measuring (missing ones are seeded). Null: export what the
   * configured database holds (a fresh embedded scratch database gets `EMBEDDED_DEFAULT`).
   */
  entries: number | null;
  /** Also time an XLSX download (not a target; slower by nature: XML and deflate). */
  xlsx: boolean;
}

const EMBEDDED_DEFAULT = 20_000;
const SEED = 42;
const RSS_SAMPLE_MS = 25;

/** Counts CSV records in a stream: line feeds outside quoted fields (which may hold their own). */
class CsvRecordCounter {
  records = 0;
  private quoted = false;

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      const quote = chunk.indexOf(0x22, at);
      const end = quote < 0 ? chunk.length : quote;
      if (!this.quoted) {
        for (let lf = chunk.indexOf(0x0a, at); lf >= 0 && lf < end; lf = chunk.indexOf(0x0a, lf + 1))
          this.records += 1;
      }
      if (quote < 0) break;
      // An escaped quote ("") toggles twice, which is right.
      this.quoted = !this.quoted;
      at = quote + 1;
    }
  }
}

function countLines(chunk: Buffer): number {
  let count = 0;
  for (let lf = chunk.indexOf(0x0a); lf >= 0; lf = chunk.indexOf(0x0a, lf + 1)) count += 1;
  return count;
}

interface Download {
  format: string;
  rows: number;
  totalHeader: number;
  seconds: number;
  firstByteMs: number;
  megabytes: number;
  rssBeforeMb: number | null;
  rssMaxMb: number | null;
}

/**
 * Downloads one export over loopback HTTP without compression (what a script pulling the data
 * does), counting its rows as they arrive and sampling the service's RSS meanwhile.
 */
function download(base: string, pid: number | undefined, format: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    const rssBeforeMb = processMemoryMb(pid).rss;
    let rssMaxMb = rssBeforeMb;
    const sampler = setInterval(() => {
      const { rss } = processMemoryMb(pid);
      if (rss !== null && (rssMaxMb === null || rss > rssMaxMb)) rssMaxMb = rss;
    }, RSS_SAMPLE_MS);
    const started = performance.now();
    let firstByteMs = 0;
    let bytes = 0;
    const csv = new CsvRecordCounter();
    let lines = 0;
    const req = request(
      `${base}/api/v1/entries/export?format=${format}`,
      // No Accept-Encoding: the raw stream is what is measured, not gzip.
      { headers: { accept: "*/*" } },
      (res) => {
        if (res.statusCode !== 200) {
          clearInterval(sampler);
          reject(new Error(`export ${format} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        res.on("data", (chunk: Buffer) => {
          if (bytes === 0) firstByteMs = performance.now() - started;
          bytes += chunk.length;
          if (format === "csv") csv.push(chunk);
          else if (format === "ndjson") lines += countLines(chunk);
        });
        res.on("end", () => {
          const seconds = (performance.now() - started) / 1000;
          clearInterval(sampler);
          const { rss } = processMemoryMb(pid);
          if (rss !== null && (rssMaxMb === null || rss > rssMaxMb)) rssMaxMb = rss;
          resolve({
            format,
            // The CSV's first record is its header.
            rows: format === "csv" ? csv.records - 1 : lines,
            totalHeader: Number(res.headers["x-total-count"]),
            seconds,
            firstByteMs,
            megabytes: bytes / 1024 / 1024,
            rssBeforeMb,
            rssMaxMb,
          });
        });
        res.on("error", (error) => {
          clearInterval(sampler);
          reject(error);
        });
      },
    );
    req.on("error", (error) => {
      clearInterval(sampler);
      reject(error);
    });
    req.end();
  });
}

/**
 * Waits until the service has finished its own start-up work (anything housekeeping runs at start,
 * such as building the daily dumps) so that it does not run during the measurement: idle means
 * under 5% of a core over 3 seconds. Gives up after `maxMs` and measures anyway.
 */
async function waitUntilIdle(pid: number | undefined, maxMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const after = cpuSeconds(pid);
    if (before === null || after === null || (after - before) / 3 < 0.05) break;
    if (performance.now() - started > maxMs) {
      process.stderr.write("WARNING: the service is still busy; measuring anyway\n");
      break;
    }
  }
  return performance.now() - started;
}

async function publishedCount(databaseUrl: string | undefined, dataDir: string): Promise<number> {
  const database = await openPreparedDatabase({ databaseUrl, dataDir });
  try {
    const row = await database.db
      .selectFrom("entries")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("published_revision_id", "is not", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

async function seedUpTo(databaseUrl: string | undefined, dataDir: string, entries: number): Promise<void> {
  const existing = await publishedCount(databaseUrl, dataDir);
  const missing = entries - existing;
  if (missing <= 0) {
    process.stderr.write(`${existing} published entries there; no seeding.\n`);
    return;
  }
  const database = await openPreparedDatabase({ databaseUrl, dataDir });
  try {
    const bar = progressBar(`Seeding ${missing} entries`, missing);
    await seedDemoEntries(database.db, { count: missing, seed: SEED, onProgress: (n) => bar.tick(n) });
    bar.finish();
  } finally {
    await database.close();
  }
}

/**
 * Issue 5's export benchmark: the whole database (no filters) downloaded from a real service
 * process as CSV and as NDJSON, rows per second end to end, and how far the service's resident
 * memory rises above what it was just before each download.
 */
export async function benchExport(options: ExportBenchOptions): Promise<Record<string, unknown>> {
  const config = loadConfig(process.env, {
    logLevel: "silent",
    demoData: false,
    sessionSecret: "export-bench-in-process-secret-never-used",
  });
  const dataDir = config.databaseUrl ? null : process.env.DATA_DIR ? config.dataDir : null;
  const scratch = config.databaseUrl || dataDir ? null : mkdtempSync(join(tmpdir(), "wsis-bench-export-"));
  const removeScratch = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  process.once("exit", removeScratch);
  installExitHook();
  try {
    const dir = scratch ?? dataDir ?? config.dataDir;
    const wanted = options.entries ?? (scratch ? EMBEDDED_DEFAULT : null);
    if (wanted !== null) await seedUpTo(config.databaseUrl, dir, wanted);

    process.stderr.write("Starting the service and waiting for its search index…\n");
    const service = await startService({
      ...(config.databaseUrl ? { DATABASE_URL: config.databaseUrl } : { DATABASE_URL: "", DATA_DIR: dir }),
      LOG_LEVEL: "warn",
      SESSION_SECRET: randomBytes(32).toString("hex"),
    });
    try {
      const pid = service.child.pid;
      process.stderr.write(`Ready in ${Math.round(service.startupMs)} ms; waiting for its start-up work…\n`);
      const settleMs = await waitUntilIdle(pid, 15 * 60_000);
      process.stderr.write(`Idle after ${Math.round(settleMs / 1000)} s; a warm-up export of each format…\n`);
      // Each format once on a slice of the data, so that the timed runs measure warm code.
      for (const format of ["csv", "ndjson", ...(options.xlsx ? ["xlsx"] : [])])
        await new Promise<void>((resolve, reject) => {
          request(`${service.base}/api/v1/entries/export?format=${format}&year=2020`, (res) => {
            res.resume();
            res.on("end", resolve);
            res.on("error", reject);
          })
            .on("error", reject)
            .end();
        });

      const formats = ["csv", "ndjson", ...(options.xlsx ? ["xlsx"] : [])];
      const results = new Map<string, Download>();
      for (const format of formats) {
        process.stderr.write(`Downloading the full export as ${format}…\n`);
        const result = await download(service.base, pid, format);
        // An XLSX is not counted as it arrives (it is deflated): it holds the CSV's rows.
        if (format === "xlsx") result.rows = results.get("csv")?.rows ?? 0;
        results.set(format, result);
        const rate = result.rows ? Math.round(result.rows / result.seconds) : null;
        process.stderr.write(
          `  ${result.rows} rows, ${result.megabytes.toFixed(1)} MiB in ${result.seconds.toFixed(2)} s` +
            ` (${rate ?? "–"} rows/s, first byte ${result.firstByteMs.toFixed(0)} ms);` +
            ` service RSS ${result.rssBeforeMb?.toFixed(1)} → max ${result.rssMaxMb?.toFixed(1)} MiB\n`,
        );
        if (format !== "xlsx" && result.rows !== result.totalHeader)
          process.stderr.write(
            `WARNING: ${format} carried ${result.rows} rows, X-Total-Count said ${result.totalHeader}\n`,
          );
      }
      const csv = results.get("csv") as Download;
      const ndjson = results.get("ndjson") as Download;
      if (csv.rows !== ndjson.rows)
        process.stderr.write(`WARNING: CSV had ${csv.rows} rows, NDJSON ${ndjson.rows}\n`);
      const increase = (result: Download) =>
        result.rssBeforeMb === null || result.rssMaxMb === null ? null : result.rssMaxMb - result.rssBeforeMb;
      const increases = [...results.values()]
        .filter((result) => result.format !== "xlsx")
        .map(increase)
        .filter((value): value is number => value !== null);
      const xlsx = results.get("xlsx");
      return {
        name: "export",
        engine: config.databaseUrl ? "postgres" : "embedded",
        rows: csv.rows,
        csv_rows_per_s: Math.round(csv.rows / csv.seconds),
        ndjson_rows_per_s: Math.round(ndjson.rows / ndjson.seconds),
        rss_increase_mb: increases.length > 0 ? round(Math.max(...increases), 1) : null,
        csv_s: round(csv.seconds, 2),
        ndjson_s: round(ndjson.seconds, 2),
        csv_mb: round(csv.megabytes, 1),
        ndjson_mb: round(ndjson.megabytes, 1),
        csv_first_byte_ms: round(csv.firstByteMs, 0),
        rss_before_mb: csv.rssBeforeMb === null ? null : round(csv.rssBeforeMb, 1),
        ...(xlsx
          ? {
              xlsx_rows_per_s: Math.round(csv.rows / xlsx.seconds),
              xlsx_s: round(xlsx.seconds, 2),
              xlsx_mb: round(xlsx.megabytes, 1),
              xlsx_rss_increase_mb: (() => {
                const value = increase(xlsx);
                return value === null ? null : round(value, 1);
              })(),
            }
          : {}),
      };
    } finally {
      await service.stop();
    }
  } finally {
    process.off("exit", removeScratch);
    removeScratch();
  }
}
