import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.ts";
import { PgliteDialect } from "./pglite-dialect.ts";
import type { Database } from "./schema.ts";

export type Engine = "embedded" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

// Ids (int8) stay strings and dates stay 'YYYY-MM-DD' strings on both engines, so rows look the
// same whichever engine produced them and no time zone shifts a date.
const INT8 = 20;
const DATE = 1082;
const keepText = (value: string) => value;
pg.types.setTypeParser(INT8, keepText);
pg.types.setTypeParser(DATE, keepText);

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** PGlite directory; `memory://` for throwaway test databases. */
  dataDir: string;
  maxConnections?: number;
}

/** The server URL with another database name, keeping host, user and options. */
export function withDatabase(url: string, database: string): string {
  // Not `new URL`: socket URLs like postgres://root@/db?host=/var/run/postgresql have no host part.
  const match = url.match(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/);
  if (!match) throw new Error("The database URL is not a postgres:// URL");
  return `${match[1]}/${database}${match[3] ?? ""}`;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections ?? 10 });
    // An idle connection the server drops (restart, failover) must not crash the process; the
    // pool replaces it on the next query.
    pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: "postgres", close: () => db.destroy() };
  }
  const inMemory = options.dataDir.startsWith("memory://");
  const unlock = inMemory ? () => {} : lockDataDir(options.dataDir);
  try {
    const pglite = await PGlite.create(inMemory ? options.dataDir : `${options.dataDir}/pgdata`, {
      parsers: { [INT8]: keepText, [DATE]: keepText },
      // Trigram similarity finds likely duplicate entries (PostgreSQL ships it as a contrib module).
      extensions: { pg_trgm },
    });
    const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite) });
    return {
      db,
      engine: "embedded",
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
