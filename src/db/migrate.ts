import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Database } from "./schema.ts";

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** Reads `src/db/migrations/*.ts`; file names start with a timestamp, so their order is the run order. */
class DirectoryMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    const files = readdirSync(MIGRATIONS_DIR)
      .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith(".d.ts") && !file.includes(".test."))
      .sort();
    for (const file of files) {
      migrations[file.replace(/\.(ts|js)$/, "")] = (await import(
        pathToFileURL(join(MIGRATIONS_DIR, file)).href
      )) as Migration;
    }
    return migrations;
  }
}

export class MigrationFailedError extends Error {}

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new DirectoryMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName ?? "unknown";
    throw new MigrationFailedError(
      `Migration ${failed} failed: ${(error as Error).message ?? String(error)}`,
    );
  }
  return (results ?? [])
    .filter((result) => result.status === "Success")
    .map((result) => result.migrationName);
}
