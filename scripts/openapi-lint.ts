/**
 * Dumps `/openapi.json` from the app built in-process (on a throwaway in-memory database) and
 * lints it with Redocly's recommended rules: `npm run lint:openapi [-- OUT_FILE]`. Exits with the
 * linter's status, so CI counts a document with errors as a failure. Warnings are printed, not
 * fatal. Needs no network: telemetry and the update check are off.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { openPreparedDatabase } from "../src/db/prepare.ts";

async function dumpOpenApi(file: string): Promise<void> {
  const database = await openPreparedDatabase({ databaseUrl: undefined, dataDir: "memory://" });
  try {
    const config = loadConfig(
      { LOG_LEVEL: "silent" },
      {
        dataDir: resolve(".tmp/openapi"),
        sessionSecret: "openapi-lint-secret-that-is-never-used-anywhere",
        demoData: false,
      },
    );
    const app = await buildApp({ config, database, logger: false });
    try {
      const response = await app.inject({ method: "GET", url: "/openapi.json" });
      if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, response.body);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

const file = resolve(process.argv[2] ?? ".tmp/openapi/openapi.json");
await dumpOpenApi(file);
process.stderr.write(`Wrote ${file}; linting it with @redocly/cli…\n`);
const lint = spawnSync(resolve("node_modules/.bin/redocly"), ["lint", file, "--format=stylish"], {
  stdio: "inherit",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
if (lint.error) throw lint.error;
process.exit(lint.status ?? 1);
