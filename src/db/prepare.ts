import { seedReferenceData } from "../domains/taxonomy/taxonomy.seed.ts";
import { type DatabaseHandle, type DatabaseOptions, openDatabase } from "./connection.ts";
import { migrateToLatest } from "./migrate.ts";

/** Opens the configured database and brings it up to date: migrations, then reference data. */
export async function openPreparedDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const handle = await openDatabase(options);
  try {
    await migrateToLatest(handle.db);
    await seedReferenceData(handle.db);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
