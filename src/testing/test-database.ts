import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { type DatabaseHandle, openDatabase, withDatabase } from "../db/connection.ts";
import { adminQuery } from "./admin-query.ts";

// Each run has its own folder and template database (the id is set by vitest.config.ts), so two
// runs on one machine never delete each other's templates.
const RUN_ID = (process.env.WSIS_TEST_RUN ?? "local").replace(/[^a-z0-9]/g, "");
export const TEST_ROOT = resolve(".tmp/test", RUN_ID);
export const EMBEDDED_TEMPLATE = join(TEST_ROOT, "template");
export const POSTGRES_TEMPLATE = `wsis_template_${RUN_ID}`;

export type TestEngine = "embedded" | "postgres";

export function testEngine(): TestEngine {
  return process.env.TEST_ENGINE === "postgres" ? "postgres" : "embedded";
}

export interface TestDatabase extends DatabaseHandle {
  /** For tests that open a second connection (a second process, a restart). */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Closes and deletes it. */
  destroy(): Promise<void>;
}

let counter = 0;

/**
 * A fresh, migrated database with reference data, cloned from a template the global setup built:
 * a directory copy for PGlite (instead of a 5 s initdb), `CREATE DATABASE … TEMPLATE` for PostgreSQL.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `t${process.pid}_${Date.now().toString(36)}_${counter++}`;
  if (testEngine() === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const dbName = `wsis_${name}`;
    await adminQuery(serverUrl, `create database ${dbName} template ${POSTGRES_TEMPLATE}`);
    const databaseUrl = withDatabase(serverUrl, dbName);
    const handle = await openDatabase({ databaseUrl, dataDir: "unused", maxConnections: 20 });
    return {
      ...handle,
      dataDir: "unused",
      databaseUrl,
      destroy: async () => {
        await handle.close();
        await adminQuery(serverUrl, `drop database if exists ${dbName} with (force)`);
      },
    };
  }
  const dataDir = join(TEST_ROOT, "dbs", name);
  mkdirSync(dataDir, { recursive: true });
  cpSync(join(EMBEDDED_TEMPLATE, "pgdata"), join(dataDir, "pgdata"), { recursive: true });
  const handle = await openDatabase({ dataDir });
  return {
    ...handle,
    dataDir,
    databaseUrl: undefined,
    destroy: async () => {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
