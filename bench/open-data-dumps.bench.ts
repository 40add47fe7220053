import { createHash } from "node:crypto";
import { loadConfig } from "../src/config.ts";
import { openPreparedDatabase } from "../src/db/prepare.ts";
import { claimAdminRun, findDumpAnyState, publishedIds } from "../src/domains/open-data/dumps.repo.ts";
import { DUMP_FORMATS, DUMP_LEASE_MS, dumpBytes } from "../src/domains/open-data/dumps.service.ts";
import { buildDumps } from "../src/domains/open-data/dumps-build.ts";
import { engineExportReader } from "../src/domains/open-data/export.repo.ts";
import { READ_AHEAD } from "../src/domains/open-data/export-batches.ts";
import { exportLabels } from "../src/domains/open-data/export-rows.ts";
import { loadReferenceData } from "../src/domains/taxonomy/taxonomy.repo.ts";
import { translator } from "../src/platform/i18n.ts";
import { processMemoryMb } from "./service-process.ts";
import { round } from "./stats.ts";

export interface DumpsBenchOptions {
  /** Keep the dumps (unlisted) instead of deleting them afterwards. */
  keep: boolean;
}

const RSS_SAMPLE_MS = 25;

/**
 * The open-data dumps on the configured database, in this process, as the daily run builds them:
 * every published entry as CSV and NDJSON from one read, gzip, stored in pieces. Times the build,
 * then reads each dump back piece by piece (as a download does) and checks its sha256. RSS is this process's,
 * sampled meanwhile. The dumps are built under their own run and never published, so the
 * database's listed dumps are untouched; the run and its dumps are deleted at the end.
 */
export async function benchDumps(options: DumpsBenchOptions): Promise<Record<string, unknown>> {
  const config = loadConfig(process.env, {
    logLevel: "silent",
    demoData: false,
    sessionSecret: "x".repeat(32),
  });
  const database = await openPreparedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const { db } = database;
  // The reader the service's dumps use: on PostgreSQL, streamed through a pool of its own.
  const reader = engineExportReader(db, {
    engine: database.engine,
    url: config.databaseReadUrl ?? config.databaseUrl,
    max: READ_AHEAD,
  });
  let peakMb = 0;
  const sample = () => {
    const { rss } = processMemoryMb(process.pid);
    if (rss !== null && rss > peakMb) peakMb = rss;
  };
  const sampler = setInterval(sample, RSS_SAMPLE_MS);
  try {
    const run = await claimAdminRun(db, null, DUMP_LEASE_MS);
    if (!run) throw new Error("A dump run is in progress on this database; try again when it ends.");
    try {
      const reference = await loadReferenceData(db);
      const context = { baseUrl: config.baseUrl, labels: exportLabels(reference, "en", translator("en")) };
      global.gc?.();
      const rssBeforeMb = processMemoryMb(process.pid).rss ?? 0;
      peakMb = rssBeforeMb;
      const started = performance.now();
      const ids = await publishedIds(db);
      const idsS = (performance.now() - started) / 1000;
      process.stderr.write(`${ids.length} published entries (ids read in ${idsS.toFixed(2)} s)\n`);
      const figures: Record<string, unknown> = {};
      const buildFrom = performance.now();
      const built = await buildDumps(db, {
        runId: run.id,
        formats: DUMP_FORMATS,
        ids,
        context,
        read: reader.read,
        generatedAt: new Date(run.started_at),
        leaseMs: DUMP_LEASE_MS,
      });
      const buildS = (performance.now() - buildFrom) / 1000;
      sample();
      const buildPeakMb = peakMb;
      const rows = built[0]?.rows ?? 0;
      process.stderr.write(
        `  ${DUMP_FORMATS.join(" + ")}: ${rows} rows in ${buildS.toFixed(1)} s (${Math.round(rows / buildS)} rows/s);` +
          ` RSS peak so far ${peakMb.toFixed(0)} MiB\n`,
      );
      figures.build_s = round(buildS, 1);
      figures.rows_per_s = Math.round(rows / buildS);
      for (const dump of built) {
        figures[`${dump.format}_gzip_mb`] = round(dump.bytes / 1024 / 1024, 1);
        // Read back as a download does, and check the bytes against the recorded checksum.
        const stored = await findDumpAnyState(db, dump.id);
        if (!stored) throw new Error(`dump ${dump.id} vanished`);
        const readFrom = performance.now();
        const hash = createHash("sha256");
        for await (const piece of dumpBytes(db, stored)) hash.update(piece);
        const ok = hash.digest("hex") === dump.sha256;
        figures[`${dump.format}_read_back_s`] = round((performance.now() - readFrom) / 1000, 1);
        figures[`${dump.format}_sha256_ok`] = ok;
        if (!ok) process.stderr.write(`WARNING: ${dump.format} read back with another sha256\n`);
      }
      const totalS = (performance.now() - started) / 1000;
      sample();
      const peak = Math.max(peakMb, processMemoryMb(process.pid).rss ?? 0);
      return {
        name: "dumps",
        engine: database.engine,
        rows,
        total_s: round(totalS, 1),
        ...figures,
        rss_before_mb: round(rssBeforeMb, 1),
        // While building (reads, encoders, gzip, inserts); reading back is a download's cost.
        rss_increase_mb: round(buildPeakMb - rssBeforeMb, 1),
        read_back_rss_peak_mb: round(peak, 1),
      };
    } finally {
      if (options.keep)
        await db
          .updateTable("open_data_runs")
          .set({ status: "failed", error: "benchmark" })
          .where("id", "=", run.id)
          .execute();
      else await db.deleteFrom("open_data_runs").where("id", "=", run.id).execute();
    }
  } finally {
    clearInterval(sampler);
    await reader.close();
    await database.close();
  }
}
