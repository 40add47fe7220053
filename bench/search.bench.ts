import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { progressBar } from "../src/cli/progress.ts";
import { loadConfig } from "../src/config.ts";
import type { DatabaseHandle } from "../src/db/connection.ts";
import { openPreparedDatabase } from "../src/db/prepare.ts";
import { addVerifiedUser, issueApiToken } from "../src/domains/accounts/accounts.cli.ts";
import { seedDemoEntries } from "../src/domains/stocktaking/demo-seed.ts";
import { parseSearchQuery } from "../src/domains/stocktaking/search.params.ts";
import { sqlSearchBackend } from "../src/domains/stocktaking/search.repo.ts";
import { loadReferenceData, type ReferenceData } from "../src/domains/taxonomy/taxonomy.repo.ts";
import { measureFreshness } from "./search-freshness.ts";
import { type MixQuery, median, pickSearchMix, rawQueryOf, speedup } from "./search-mix.ts";
import { installExitHook, processMemoryMb, startService } from "./service-process.ts";
import { percentile, round } from "./stats.ts";

export interface SearchBenchOptions {
  entries: number;
  /** Timed requests per query of our search. */
  runs: number;
  /** Timed calls per query of the naive SQL reference (slow at 1M, hence fewer). */
  baselineRuns: number;
}

/** Fixed so every run, on every machine, measures the same mix. */
const MIX_SEED = 3;
const SEED_DATA_SEED = 42;
const WARMUP_ROUNDS = 3;
const FRESHNESS_PROBES = 3;

interface Prepared {
  engine: "embedded" | "postgres";
  entries: number;
  mix: MixQuery[];
  baseline: Map<string, { samples: number[]; total: number }>;
  reference: ReferenceData;
  submitterToken: string;
  moderatorToken: string;
}

async function publishedCount(database: DatabaseHandle): Promise<number> {
  const row = await database.db
    .selectFrom("entries")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("published_revision_id", "is not", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The two real users of the freshness probe; re-running resets their passwords and adds tokens. */
async function benchAccounts(database: DatabaseHandle) {
  const password = `Bench-${randomBytes(12).toString("hex")}!`;
  const accounts = [
    { email: "search-bench-submitter@example.org", role: "user", scopes: ["entries:read", "entries:write"] },
    {
      email: "search-bench-moderator@example.org",
      role: "moderator",
      scopes: ["entries:read", "moderation"],
    },
  ];
  const tokens: string[] = [];
  for (const account of accounts) {
    await addVerifiedUser(database.db, {
      email: account.email,
      password,
      role: account.role,
      name: `Search bench ${account.role}`,
    });
    tokens.push(
      await issueApiToken(database.db, {
        email: account.email,
        scopes: account.scopes,
        name: "search bench",
      }),
    );
  }
  return { submitterToken: tokens[0] as string, moderatorToken: tokens[1] as string };
}

/**
 * Seeds what is missing, creates the probe accounts, picks the mix and times the naive reference
 * in-process, all before the service starts: the embedded engine admits one process per data dir.
 */
async function prepare(
  database: DatabaseHandle,
  { entries, baselineRuns }: SearchBenchOptions,
): Promise<Prepared> {
  const existing = await publishedCount(database);
  const missing = entries - existing;
  if (missing > 0) {
    const bar = progressBar(`Seeding ${missing} entries`, missing);
    await seedDemoEntries(database.db, {
      count: missing,
      seed: SEED_DATA_SEED,
      onProgress: (n) => bar.tick(n),
    });
    bar.finish();
  } else process.stderr.write(`${existing} published entries already there; no seeding.\n`);
  const count = Math.max(existing, await publishedCount(database));

  const tokens = await benchAccounts(database);
  const reference = await loadReferenceData(database.db);
  const backend = sqlSearchBackend(database.db);
  const runReference = async (query: string) => {
    const started = performance.now();
    const hits = await backend.search(parseSearchQuery(rawQueryOf(query), reference));
    return { ms: performance.now() - started, total: hits.total };
  };

  process.stderr.write("Picking the query mix from the unfiltered facet counts…\n");
  const unfiltered = await backend.search(parseSearchQuery({}, reference));
  const mix = pickSearchMix(unfiltered.facetCounts, MIX_SEED);

  process.stderr.write(`Timing the naive SQL reference (${baselineRuns} runs per query, 1 warm-up)…\n`);
  const baseline = new Map(mix.map((q) => [q.name, { samples: [] as number[], total: 0 }]));
  for (const query of mix)
    (baseline.get(query.name) as { total: number }).total = (await runReference(query.query)).total;
  const bar = progressBar("Reference", baselineRuns * mix.length);
  let done = 0;
  for (let round = 0; round < baselineRuns; round++) {
    for (const query of mix) {
      const { ms } = await runReference(query.query);
      baseline.get(query.name)?.samples.push(ms);
      bar.tick(++done);
    }
  }
  bar.finish();
  return { engine: database.engine, entries: count, mix, baseline, reference, ...tokens };
}

/** One GET of the search API, timed until the whole body is in. */
async function timedSearch(base: string, query: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(`${base}/api/v1/entries${query ? `?${query}` : ""}`, {
    headers: { accept: "application/json" },
  });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`/api/v1/entries?${query} answered ${response.status}: ${body}`);
  return { ms, body };
}

const fmt = (value: number | null, digits = 1) =>
  value === null || !Number.isFinite(value) ? "–" : value.toFixed(digits);

function printTable(figures: Record<string, unknown>, queries: Array<Record<string, unknown>>): void {
  const columns = ["query", "total", "p50", "p95", "p99", "ref p50", "ref p95", "speedup"];
  const rows = queries.map((q) => [
    String(q.name),
    String(q.total),
    fmt(q.p50_ms as number),
    fmt(q.p95_ms as number),
    fmt(q.p99_ms as number),
    fmt(q.baseline_p50_ms as number),
    fmt(q.baseline_p95_ms as number),
    `${fmt(q.speedup as number)}×`,
  ]);
  rows.push([
    "all",
    "",
    fmt(figures.p50_ms as number),
    fmt(figures.p95_ms as number),
    fmt(figures.p99_ms as number),
    fmt(figures.baseline_p50_ms as number),
    fmt(figures.baseline_p95_ms as number),
    `${fmt(figures.speedup_median as number)}× (median)`,
  ]);
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  const out = [
    "",
    `search on ${figures.engine}, ${figures.entries} published entries (times in ms, client-side over loopback HTTP)`,
    line(columns),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `startup ${fmt(figures.startup_ms as number, 0)} ms · RSS ${fmt(figures.rss_mb as number)} MiB (peak ${fmt(figures.rss_peak_mb as number)} MiB) · freshness max ${fmt(figures.freshness_ms as number)} ms (${(figures.freshness_samples_ms as Array<number | null>).map((v) => fmt(v)).join(", ")})`,
    "",
  ];
  process.stderr.write(out.join("\n"));
}

/**
 * Issue 3's search benchmark: our search through the real service's API against the naive
 * GROUP-BY-per-facet SQL, over a fixed query mix, plus freshness, startup and memory.
 */
export async function benchSearch(options: SearchBenchOptions): Promise<Record<string, unknown>> {
  const config = loadConfig(process.env, {
    logLevel: "silent",
    demoData: false,
    // Not needed in-process; set so loading the config writes no secret file anywhere.
    sessionSecret: "search-bench-in-process-secret-never-used",
  });
  const dataDir = config.databaseUrl ? null : process.env.DATA_DIR ? config.dataDir : null;
  const scratch = config.databaseUrl || dataDir ? null : mkdtempSync(join(tmpdir(), "wsis-bench-search-"));
  // An interrupted run exits without reaching `finally`; the scratch copy must go all the same.
  const removeScratch = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  process.once("exit", removeScratch);
  installExitHook();
  try {
    const database = await openPreparedDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: scratch ?? dataDir ?? config.dataDir,
    });
    let prepared: Prepared;
    try {
      prepared = await prepare(database, options);
    } finally {
      await database.close();
    }

    process.stderr.write("Starting the service…\n");
    const service = await startService({
      ...(config.databaseUrl
        ? { DATABASE_URL: config.databaseUrl }
        : { DATABASE_URL: "", DATA_DIR: scratch ?? (dataDir as string) }),
      LOG_LEVEL: "warn",
      SESSION_SECRET: randomBytes(32).toString("hex"),
      // Thousands of timed requests from one address: the limiter still counts each (its cost is
      // part of the figure) but never refuses one. `API_RATE_LIMIT=0` measures without it.
      API_RATE_LIMIT: process.env.API_RATE_LIMIT ?? "100000000",
      API_RATE_LIMIT_AUTHENTICATED: process.env.API_RATE_LIMIT_AUTHENTICATED ?? "100000000",
    });
    try {
      const { mix } = prepared;
      const searchStatus = service.health.search ?? null;
      process.stderr.write(
        `Ready in ${Math.round(service.startupMs)} ms (search: ${JSON.stringify(searchStatus)}); warming up…\n`,
      );
      const totals = new Map<string, number>();
      for (let round = 0; round < WARMUP_ROUNDS; round++)
        for (const query of mix) {
          const { body } = await timedSearch(service.base, query.query);
          if (round === 0) totals.set(query.name, Number((JSON.parse(body) as { total: unknown }).total));
        }

      const samples = new Map(mix.map((q) => [q.name, [] as number[]]));
      const bar = progressBar("Our search", options.runs * mix.length);
      let done = 0;
      // Round-robin so no query gets a cache the others do not.
      for (let round = 0; round < options.runs; round++)
        for (const query of mix) {
          samples.get(query.name)?.push((await timedSearch(service.base, query.query)).ms);
          bar.tick(++done);
        }
      bar.finish();
      const memory = processMemoryMb(service.child.pid);

      process.stderr.write("Measuring freshness (create → submit → publish → visible)…\n");
      const freshness: Array<number | null> = [];
      for (let i = 0; i < FRESHNESS_PROBES; i++)
        freshness.push(
          await measureFreshness({
            base: service.base,
            submitterToken: prepared.submitterToken,
            moderatorToken: prepared.moderatorToken,
            reference: prepared.reference,
          }),
        );

      const ratios: number[] = [];
      const queries = mix.map((query) => {
        const ours = samples.get(query.name) ?? [];
        const reference = prepared.baseline.get(query.name);
        const base = reference?.samples ?? [];
        const total = totals.get(query.name) ?? null;
        if (reference && total !== reference.total)
          process.stderr.write(
            `WARNING: ${query.name}: the service found ${total} results, the reference ${reference.total}\n`,
          );
        const p50 = percentile(ours, 50);
        const baseP50 = percentile(base, 50);
        const ratio = speedup(baseP50, p50);
        ratios.push(ratio);
        return {
          name: query.name,
          url: `/api/v1/entries${query.query ? `?${query.query}` : ""}`,
          p50_ms: round(p50, 2),
          p95_ms: round(percentile(ours, 95), 2),
          p99_ms: round(percentile(ours, 99), 2),
          baseline_p50_ms: round(baseP50, 2),
          baseline_p95_ms: round(percentile(base, 95), 2),
          speedup: round(ratio, 1),
          total,
          ...(reference && total !== reference.total ? { baseline_total: reference.total } : {}),
        };
      });
      const all = [...samples.values()].flat();
      const allBaseline = [...prepared.baseline.values()].flatMap((b) => b.samples);
      const measured = freshness.filter((v): v is number => v !== null);
      const figures: Record<string, unknown> = {
        name: "search",
        engine: prepared.engine,
        entries: prepared.entries,
        p50_ms: round(percentile(all, 50), 2),
        p95_ms: round(percentile(all, 95), 2),
        p99_ms: round(percentile(all, 99), 2),
        baseline_p50_ms: round(percentile(allBaseline, 50), 2),
        baseline_p95_ms: round(percentile(allBaseline, 95), 2),
        speedup_median: round(median(ratios), 1),
        // A probe that never showed up within the timeout makes the figure null, not a small number.
        freshness_ms: measured.length === freshness.length ? round(Math.max(...measured), 1) : null,
        freshness_samples_ms: freshness.map((v) => (v === null ? null : round(v, 1))),
        rss_mb: memory.rss === null ? null : round(memory.rss, 1),
        rss_peak_mb: memory.peak === null ? null : round(memory.peak, 1),
        startup_ms: round(service.startupMs, 0),
        runs: options.runs,
        baseline_runs: options.baselineRuns,
        search_status: searchStatus,
        queries,
      };
      printTable(figures, queries);
      return figures;
    } finally {
      await service.stop();
    }
  } finally {
    process.off("exit", removeScratch);
    removeScratch();
  }
}
