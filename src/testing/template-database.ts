import { rmSync } from "node:fs";
import pg from "pg";
import { openPreparedDatabase } from "../db/prepare.ts";
import {
  EMBEDDED_TEMPLATE,
  POSTGRES_TEMPLATE,
  TEST_ROOT,
  type TestEngine,
  withDatabase,
} from "./test-database.ts";

/** Builds the template database once per run; every test file clones it. */
export async function buildTemplate(engine: TestEngine): Promise<void> {
  if (engine === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_ENGINE=postgres needs TEST_DATABASE_URL");
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${POSTGRES_TEMPLATE} with (force)`);
    await admin.query(`create database ${POSTGRES_TEMPLATE}`);
    await admin.end();
    const handle = await openPreparedDatabase({
      databaseUrl: withDatabase(serverUrl, POSTGRES_TEMPLATE),
      dataDir: "unused",
    });
    await handle.close();
    return;
  }
  // Databases a crashed earlier run left behind are all under TEST_ROOT.
  rmSync(TEST_ROOT, { recursive: true, force: true });
  const handle = await openPreparedDatabase({ dataDir: EMBEDDED_TEMPLATE });
  await handle.close();
}
