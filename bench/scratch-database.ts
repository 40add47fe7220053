import type { Kysely } from "kysely";
import { loadConfig } from "../src/config.ts";
import { withDatabase } from "../src/db/connection.ts";
import { openPreparedDatabase } from "../src/db/prepare.ts";
import type { Database } from "../src/db/schema.ts";
import { adminQuery } from "../src/testing/admin-query.ts";

export interface ScratchDatabase {
  /** Its name: the process titles of its PostgreSQL backends show it. */
  name: string;
  /** Its URL, for the service processes a benchmark starts on it. */
  url: string;
  db: Kysely<Database>;
}

/**
 * Runs `work` in a database of its own, `wsis_bench_<bench>_<pid>`, created on the PostgreSQL
 * server of `DATABASE_URL`, migrated and holding the reference data, with a pool of 32
 * connections; closes and drops it afterwards, even when `work` fails. For the benchmarks whose
 * figures are PostgreSQL's (contention, locks): they never write into the configured database.
 */
export async function withScratchDatabase<T>(
  bench: string,
  work: (scratch: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, {
    logLevel: "silent",
    demoData: false,
    sessionSecret: `${bench}-bench-in-process-secret-unused`,
  });
  const serverUrl = config.databaseUrl;
  if (!serverUrl) throw new Error(`The ${bench} benchmark runs on PostgreSQL: set DATABASE_URL.`);
  const name = `wsis_bench_${bench}_${process.pid}`;
  const url = withDatabase(serverUrl, name);
  // Created and dropped from the server's maintenance database.
  const maintenance = withDatabase(serverUrl, "postgres");
  await adminQuery(maintenance, `create database ${name}`);
  try {
    const database = await openPreparedDatabase({ databaseUrl: url, dataDir: "unused", maxConnections: 32 });
    try {
      return await work({ name, url, db: database.db });
    } finally {
      await database.close();
    }
  } finally {
    await adminQuery(maintenance, `drop database if exists ${name} with (force)`);
  }
}
