import { sql } from "kysely";
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/connection.ts";
import {
  CANDIDATES_PER_TITLE,
  flagLikelyDuplicates,
  TITLE_SIMILARITY_MIN,
} from "../src/domains/stocktaking/duplicate-detection.ts";
import { setTitleThreshold, titleMatchesQuery } from "../src/domains/stocktaking/duplicates.repo.ts";
import { percentile, round } from "./stats.ts";

export interface DuplicatesBenchOptions {
  /** Published entries probed, picked at random (repeatably) from the configured database. */
  probes: number;
}

/** Rolls a transaction back after measuring inside it: the benchmark stores nothing. */
class Rollback extends Error {}

const INDEX_NAME = "entry_revisions_duplicate_match";

/**
 * Flagging likely duplicates at the size of the configured database (`DATABASE_URL`): for each
 * probe, EXPLAIN ANALYZE of the candidate query (that it uses the trigram index, and its time)
 * and the whole `flagLikelyDuplicates` call (candidates, scoring, upsert), each in a transaction
 * that is rolled back. The database must already be migrated: the benchmark never builds the
 * index itself (for the 1M database, migrate a copy: `createdb -T wsis_bench1m wsis_bench_dups`).
 */
export async function benchDuplicates(options: DuplicatesBenchOptions): Promise<Record<string, unknown>> {
  const config = loadConfig(process.env, {});
  if (!config.databaseUrl) throw new Error("Set DATABASE_URL to a migrated PostgreSQL database");
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: "unused",
    maxConnections: 2,
  });
  const { db } = handle;
  try {
    const migrated = await sql<{ n: string }>`
      select count(*) as n from pg_indexes where indexname = ${INDEX_NAME}
    `.execute(db);
    if (Number(migrated.rows[0]?.n) === 0)
      throw new Error(`${INDEX_NAME} is missing: migrate this database first`);
    const total = await sql<{ n: string }>`
      select count(*) as n from entries where published_revision_id is not null
    `.execute(db);
    // Repeatable picks: the same probes on every run of one database.
    const picks = await sql<{ id: string }>`
      select id from entries where published_revision_id is not null
      order by md5(id::text) limit ${options.probes}
    `.execute(db);

    const queryMs: number[] = [];
    const flagMs: number[] = [];
    const candidates: number[] = [];
    const flagged: number[] = [];
    let usedIndex = 0;
    for (const { id } of picks.rows) {
      await db
        .transaction()
        .execute(async (trx) => {
          await setTitleThreshold(trx, TITLE_SIMILARITY_MIN);
          const compiled = titleMatchesQuery([id], CANDIDATES_PER_TITLE).compile(trx);
          const explained = await trx.executeQuery<{ "QUERY PLAN": unknown }>({
            ...compiled,
            sql: `explain (analyze, format json) ${compiled.sql}`,
          });
          const plan = explained.rows[0]?.["QUERY PLAN"] as Array<{
            "Execution Time": number;
            Plan: { "Actual Rows": number };
          }>;
          const root = plan[0];
          if (!root) throw new Error("no plan");
          queryMs.push(root["Execution Time"]);
          candidates.push(root.Plan["Actual Rows"]);
          if (JSON.stringify(plan).includes(INDEX_NAME)) usedIndex += 1;

          const started = performance.now();
          flagged.push(await flagLikelyDuplicates(trx, [id]));
          flagMs.push(performance.now() - started);
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
    }
    const stats = (values: number[]) => ({
      p50: round(percentile(values, 50)),
      p95: round(percentile(values, 95)),
      max: round(Math.max(...values)),
    });
    return {
      publishedEntries: Number(total.rows[0]?.n),
      probes: picks.rows.length,
      candidateQueryUsesTrigramIndex: `${usedIndex}/${picks.rows.length}`,
      candidateQueryMs: stats(queryMs),
      flagLikelyDuplicatesMs: stats(flagMs),
      candidatesPerProbe: stats(candidates),
      pairsFlaggedPerProbe: stats(flagged),
    };
  } finally {
    await handle.close();
  }
}
