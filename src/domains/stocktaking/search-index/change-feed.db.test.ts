import type { FastifyBaseLogger } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../../db/connection.ts";
import { makeUser } from "../../../testing/factories.ts";
import { createTestDatabase, type TestDatabase, testEngine } from "../../../testing/test-database.ts";
import { loadReferenceData } from "../../taxonomy/taxonomy.repo.ts";
import { parseSearchQuery } from "../search.params.ts";
import { insertSearchEntry, insertSearchEntryIn, searchEntryData } from "../search.testing.ts";
import { SearchIndexService } from "./search-index.service.ts";

/**
 * Several instances against one PostgreSQL: each follows the change feed. The hard case is a
 * transaction that took its id first but commits last; a reader that only remembered "the highest
 * change seen" would skip it forever. Only PostgreSQL runs transactions side by side.
 */
const quiet = { info() {}, warn() {}, error() {}, debug() {} } as unknown as FastifyBaseLogger;

describe.skipIf(testEngine() !== "postgres")("the change feed with several instances", () => {
  let t: TestDatabase;
  let other: DatabaseHandle;
  let ownerId: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    // A second pool, opened as a second service instance opens it (with its idle-error handler).
    other = await openDatabase({ databaseUrl: t.databaseUrl, dataDir: "unused", maxConnections: 4 });
    ownerId = (await makeUser(t.db)).id;
  });
  afterAll(async () => {
    await other?.close();
    await t?.destroy();
  });

  it("sees a change on every instance, including one whose transaction commits after a later one", async () => {
    const reference = await loadReferenceData(t.db);
    const find = (word: string) => parseSearchQuery({ q: word }, reference);
    const first = new SearchIndexService(t.db, quiet);
    const second = new SearchIndexService(other.db, quiet);
    await Promise.all([first.start(), second.start()]);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted: () => void = () => {};
    const insertedEarly = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    // The slow writer: its change row gets the older transaction id, but it commits last.
    const slow = other.db.transaction().execute(async (trx) => {
      await insertSearchEntryIn(trx, ownerId, searchEntryData({ title: "Latecomer okapi" }), new Map());
      inserted();
      await held;
    });
    try {
      // A failed insert must fail the test here, not hang it on a promise that never settles.
      await Promise.race([insertedEarly, slow]);
      await insertSearchEntry(t.db, ownerId, searchEntryData({ title: "Prompt okapi" }));

      for (const service of [first, second]) {
        const hits = await service.search(find("okapi"));
        expect(hits.rows.map((row) => row.title)).toEqual(["Prompt okapi"]);
      }
      release();
      await slow;
      for (const service of [first, second]) {
        const hits = await service.search(find("okapi"));
        expect(hits.rows.map((row) => row.title).sort()).toEqual(["Latecomer okapi", "Prompt okapi"]);
      }
    } finally {
      // Never leave the transaction open: the pool could not close, and the database not drop.
      release();
      await slow.catch(() => {});
      await Promise.all([first.close(), second.close()]);
    }
  });
});
