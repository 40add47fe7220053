import { type App, buildApp } from "./app.ts";
import type { AppConfig } from "./config.ts";
import { openPreparedDatabase } from "./db/prepare.ts";
import { seedPastForums } from "./domains/forum/past-forums.ts";
import { runDailyDumps } from "./domains/open-data/dumps.service.ts";
import { engineExportReader } from "./domains/open-data/export.repo.ts";
import { READ_AHEAD } from "./domains/open-data/export-batches.ts";
import { purgeOldImports } from "./domains/open-data/import-purge.ts";
import { PHASE_CLOCK_INTERVAL_MS, recordPhaseChanges } from "./domains/prizes/edition-phase-clock.ts";
import { seedPastEditions } from "./domains/prizes/past-editions.ts";
import { loadDemoDataIfEmpty } from "./domains/stocktaking/demo-seed.ts";
import { scheduleHousekeeping } from "./platform/housekeeping.ts";

/** Starts the service: database, migrations, reference data, demo data on an empty database, HTTP. */
export async function startServer(config: AppConfig): Promise<App> {
  const started = performance.now();
  const database = await openPreparedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let app: App;
  try {
    // The WSIS Prizes run before this platform, with their real figures; only where missing.
    await seedPastEditions(database.db);
    // The WSIS Forums of 2009–2024 with their real figures; only years with no edition yet.
    await seedPastForums(database.db);
    if (config.demoData) {
      const demo = await loadDemoDataIfEmpty(database.db);
      if (demo) {
        console.log(`Loaded ${demo.entries} demo entries. Demo accounts (passwords shown once):`);
        for (const account of demo.accounts)
          console.log(`  ${account.role.padEnd(9)} ${account.email}  ${account.password}`);
      }
    }
    app = await buildApp({ config, database, awaitSearchIndex: false });
  } catch (error) {
    await database.close();
    throw error;
  }
  // The daily dumps read as exports do: streamed from PostgreSQL, so memory stays flat.
  const dumpReader = engineExportReader(database.db, {
    engine: database.engine,
    url: config.databaseReadUrl ?? config.databaseUrl,
    max: READ_AHEAD,
  });
  const stopHousekeeping = scheduleHousekeeping(database.db, app.log, [
    {
      name: "open-data dumps",
      run: () =>
        runDailyDumps({ db: database.db, baseUrl: config.baseUrl, log: app.log, read: dumpReader.read }),
    },
    { name: "old import jobs", run: () => purgeOldImports(database.db) },
    // Phase openings and closings into the audit log, by the minute (see PHASE_CLOCK_INTERVAL_MS).
    {
      name: "prize phase clock",
      everyMs: PHASE_CLOCK_INTERVAL_MS,
      run: () => recordPhaseChanges(database.db),
    },
  ]);
  // However the app is closed (the signals below, or a caller's `app.close()`), its timers stop.
  app.server.once("close", stopHousekeeping);
  const closeAll = async () => {
    stopHousekeeping();
    await app.close();
    await dumpReader.close();
    await database.close();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, "shutting down");
      closeAll().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ ms: Math.round(performance.now() - started), engine: database.engine }, "ready");
  console.log(
    `WSIS Platform on ${config.baseUrl} (${database.engine} database) ready in ${Math.round(performance.now() - started)} ms`,
  );
  return app;
}
