import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { progressBar } from "../src/cli/progress.ts";
import { loadConfig } from "../src/config.ts";
import { openPreparedDatabase } from "../src/db/prepare.ts";
import { addVerifiedUser } from "../src/domains/accounts/accounts.cli.ts";
import { findUserByEmail } from "../src/domains/accounts/accounts.repo.ts";
import { runDryRun, startImport } from "../src/domains/open-data/import.service.ts";
import { BASIC_HEADER, csvOf } from "../src/domains/open-data/import.testing.ts";
import { commitImport } from "../src/domains/open-data/import-commit.ts";
import { runFollowUps } from "../src/domains/open-data/import-followups.ts";
import { generateDemoEntries, makeDemoOrganisations } from "../src/domains/stocktaking/demo-entries.ts";
import { demoOrganisationCount } from "../src/domains/stocktaking/demo-seed.ts";
import type { Actor } from "../src/platform/permissions.ts";
import { round } from "./stats.ts";

export interface ImportBenchOptions {
  rows: number;
  /** How many written entries' follow-ups (duplicate detection) to time; 0 for none. */
  followUps: number;
}

/** The tests' columns and the optional ones a regional database would also have. */
const COLUMNS = [...BASIC_HEADER, "endDate", "website", "contactName", "contactEmail"];

/** A realistic file: the demo generator's entries, as a regional database would export them. */
export function benchCsv(rows: number, seed = 7): Buffer {
  const organisations = makeDemoOrganisations(seed, demoOrganisationCount(rows));
  const names = new Map(organisations.map((org) => [org.key, org.name]));
  const lines: string[][] = [COLUMNS];
  let n = 0;
  for (const entry of generateDemoEntries(seed, rows, organisations)) {
    n++;
    lines.push([
      `bench-${seed}-${n}`,
      entry.title,
      entry.description,
      entry.language,
      names.get(entry.organisationKey) ?? "",
      entry.stakeholderType,
      entry.coverage,
      entry.countries.join(";"),
      entry.actionLines.join(";"),
      entry.sdgs.join(";"),
      entry.targetGroups.join(";"),
      entry.projectStatus,
      entry.startDate,
      entry.endDate ?? "",
      entry.website ?? "",
      entry.contactName,
      entry.contactEmail,
    ]);
  }
  return Buffer.from(csvOf(lines, { bom: true }), "utf8");
}

/**
 * Issue 5's import benchmark: a generated CSV of `rows` new entries through the service's own
 * functions (the ones the page, the API and the CLI call): upload and dry run, then the commit.
 * The entries stay in the database (removing 100,000 entries row by row through their foreign
 * keys takes far longer than importing them): on PostgreSQL run it on a scratch database
 * (`createdb wsis_bench_import`, `DATABASE_URL=…`, `dropdb` after); without `DATABASE_URL` and
 * `DATA_DIR` it runs on a throwaway embedded database. The follow-ups after the commit (duplicate
 * detection, which the worker runs in the background) are timed over the first `followUps`
 * entries only.
 */
export async function benchImport(options: ImportBenchOptions): Promise<Record<string, unknown>> {
  const config = loadConfig(process.env, {
    logLevel: "silent",
    demoData: false,
    sessionSecret: "import-bench-in-process-secret-never-used",
  });
  const dataDir = config.databaseUrl ? null : process.env.DATA_DIR ? config.dataDir : null;
  const scratch = config.databaseUrl || dataDir ? null : mkdtempSync(join(tmpdir(), "wsis-bench-import-"));
  const removeScratch = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  process.once("exit", removeScratch);
  const database = await openPreparedDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: scratch ?? dataDir ?? config.dataDir,
  });
  const { db } = database;
  try {
    const email = "import-bench@example.org";
    await addVerifiedUser(db, {
      email,
      password: `Bench-${randomBytes(12).toString("hex")}!`,
      role: "moderator",
      name: "Import bench",
    });
    const user = await findUserByEmail(db, email);
    if (!user) throw new Error("the bench account is missing");
    const actor: Actor = {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      emailVerified: true,
      scopes: null,
    };

    process.stderr.write(`Generating a CSV of ${options.rows} entries…\n`);
    const file = benchCsv(options.rows);
    const source = `bench-${randomBytes(6).toString("hex")}`;
    process.stderr.write(`${(file.length / 1024 / 1024).toFixed(1)} MiB; source ${source}\n`);

    const dryStarted = performance.now();
    const job = await startImport(
      db,
      actor,
      { bytes: file, filename: "bench.csv", source },
      { lang: "en", leaseMs: 30 * 60_000 },
    );
    const checking = progressBar("Dry run", job.rows_total);
    const checked = await runDryRun(db, job.id, {
      leaseMs: 30 * 60_000,
      onProgress: (done) => checking.tick(done),
    });
    checking.finish();
    const drySeconds = (performance.now() - dryStarted) / 1000;
    if (checked.status !== "ready" || checked.creates !== options.rows)
      throw new Error(
        `dry run ended ${checked.status}: ${checked.creates} to create, ${checked.error_rows} with errors`,
      );

    const commitStarted = performance.now();
    const writing = progressBar("Commit", checked.creates + checked.updates);
    await commitImport(db, actor.id, job.id, { onProgress: (done) => writing.tick(done) });
    writing.finish();
    const commitSeconds = (performance.now() - commitStarted) / 1000;

    // Duplicate detection over the first few written entries, as the worker would run it.
    let followUpFigures = {};
    if (options.followUps > 0) {
      const sample = Math.min(options.followUps, options.rows);
      const followStarted = performance.now();
      const comparing = progressBar("Duplicates (sample)", sample);
      await runFollowUps(db, job.id, {
        shouldStop: () => false,
        onProgress: (done) => comparing.tick(Math.min(done, sample)),
        limit: sample,
      });
      comparing.finish();
      const ms = performance.now() - followStarted;
      followUpFigures = { duplicates_sample: sample, duplicates_ms_per_entry: round(ms / sample, 1) };
    }

    const stored = await sql<{ n: number }>`
      select count(*)::int as n from import_external_ids where source = ${source}
    `.execute(db);
    if (stored.rows[0]?.n !== options.rows) throw new Error(`expected ${options.rows} imported entries`);

    process.stderr.write(
      `Dry run ${drySeconds.toFixed(2)} s, commit ${commitSeconds.toFixed(2)} s (${database.engine}, ${options.rows} rows)\n`,
    );
    return {
      name: "import",
      engine: database.engine,
      rows: options.rows,
      dry_run_s: round(drySeconds, 2),
      commit_s: round(commitSeconds, 2),
      file_mb: round(file.length / 1024 / 1024, 1),
      ...followUpFigures,
    };
  } finally {
    await database.close();
    removeScratch();
  }
}
