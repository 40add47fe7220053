import { sql } from "kysely";
import { openPreparedDatabase } from "../db/prepare.ts";

/**
 * Child process for the crash test: writes audit rows one transaction at a time and prints each
 * id only after its commit returned, i.e. once the write is acknowledged.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: durability-writer <dataDir>");
const handle = await openPreparedDatabase({ dataDir });
process.stdout.write("ready\n");
for (let i = 0; ; i++) {
  const row = await handle.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("audit_log")
      .values({ action: "durability.write", subject_type: "test", subject_id: String(i) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`select pg_sleep(0)`.execute(trx);
    return inserted;
  });
  process.stdout.write(`ack ${row.id}\n`);
}
