import { rmSync } from "node:fs";
import { withDatabase } from "../db/connection.ts";
import { openPreparedDatabase } from "../db/prepare.ts";
import { adminQuery } from "./admin-query.ts";
import { EMBEDDED_TEMPLATE, POSTGRES_TEMPLATE, TEST_ROOT, type TestEngine } from "./test-database.ts";

/**
 * Builds this run's template database once; every test file clones it. Returns the teardown
 * that removes it again (vitest calls it after the run).
 */
export async function buildTemplate(engine: TestEngine): Promise<() => Promise<void>> {
  if (engine === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_ENGINE=postgres needs TEST_DATABASE_URL");
    await adminQuery(serverUrl, `drop database if exists ${POSTGRES_TEMPLATE} with (force)`);
    await adminQuery(serverUrl, `create database ${POSTGRES_TEMPLATE}`);
    const handle = await openPreparedDatabase({
      databaseUrl: withDatabase(serverUrl, POSTGRES_TEMPLATE),
      dataDir: "unused",
    });
    await handle.close();
    return () => adminQuery(serverUrl, `drop database if exists ${POSTGRES_TEMPLATE} with (force)`);
  }
  rmSync(TEST_ROOT, { recursive: true, force: true });
  const handle = await openPreparedDatabase({ dataDir: EMBEDDED_TEMPLATE });
  await handle.close();
  return async () => rmSync(TEST_ROOT, { recursive: true, force: true });
}
