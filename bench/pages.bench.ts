import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openPreparedDatabase } from "../src/db/prepare.ts";
import { seedDemoEntries } from "../src/domains/stocktaking/demo-seed.ts";
import { fetchCompressed } from "./http-client.ts";
import { percentile, round } from "./stats.ts";

export interface PagesOptions {
  entries: number;
  requests: number;
}

/**
 * p50/p95 server time and compressed transfer size of the home, search and entry pages with N
 * published entries, over real HTTP on loopback, on the configured engine.
 */
export async function benchPages({ entries, requests }: PagesOptions): Promise<Record<string, unknown>> {
  const config = loadConfig(process.env, { logLevel: "silent", demoData: false });
  const scratch = config.databaseUrl ? null : mkdtempSync(join(tmpdir(), "wsis-bench-"));
  const database = await openPreparedDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: scratch ?? config.dataDir,
  });
  try {
    const existing = await database.db
      .selectFrom("entries")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("published_revision_id", "is not", null)
      .executeTakeFirstOrThrow();
    const missing = entries - Number(existing.n);
    if (missing > 0) {
      process.stderr.write(`seeding ${missing} entries…\n`);
      await seedDemoEntries(database.db, { count: missing, seed: 42, onProgress: () => {} });
    }
    const ids = (
      await database.db
        .selectFrom("entries")
        .select("id")
        .where("published_revision_id", "is not", null)
        .orderBy("id")
        .limit(5000)
        .execute()
    ).map((row) => row.id);
    const app = await buildApp({ config, database, logger: false });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const searches = [
      "/entries",
      "/entries?q=digital",
      "/entries?actionLine=C4&sdg=4",
      "/entries?region=AFR&status=ongoing",
      "/entries?q=health&sort=newest&page=3",
    ];
    const pages: Record<string, (i: number) => string> = {
      home: () => "/",
      search: (i) => searches[i % searches.length] as string,
      entry: (i) => `/entries/${ids[(i * 7919) % ids.length]}`,
    };
    const results: Record<string, unknown> = {};
    for (const [name, urlFor] of Object.entries(pages)) {
      for (let i = 0; i < 10; i++) await fetchCompressed(base + urlFor(i));
      const times: number[] = [];
      const sizes: number[] = [];
      for (let i = 0; i < requests; i++) {
        const response = await fetchCompressed(base + urlFor(i));
        if (response.status !== 200) throw new Error(`${urlFor(i)} answered ${response.status}`);
        times.push(response.ms);
        sizes.push(response.transferBytes);
      }
      results[name] = {
        p50_ms: round(percentile(times, 50)),
        p95_ms: round(percentile(times, 95)),
        kb_compressed_p50: round(percentile(sizes, 50) / 1024),
      };
    }
    await app.close();
    return {
      name: "pages",
      engine: database.engine,
      entries: Math.max(entries, Number(existing.n)),
      requests,
      ...results,
    };
  } finally {
    await database.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
