import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { makeUser } from "../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { createSession } from "./auth/sessions.ts";
import { purgeExpired, scheduleHousekeeping } from "./housekeeping.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.destroy());

describe("purgeExpired", () => {
  it("deletes only what can no longer be used", async () => {
    const { db } = database;
    const user = await makeUser(db);
    await createSession(db, user.id, { ip: null, userAgent: null });
    await createSession(db, user.id, { ip: null, userAgent: null });
    await db
      .updateTable("sessions")
      .set({ expires_at: sql<Date>`now() - interval '1 minute'` })
      .where("id", "=", (await db.selectFrom("sessions").select("id").executeTakeFirstOrThrow()).id)
      .execute();
    await db
      .insertInto("one_time_tokens")
      .values([
        {
          id: "expired-link",
          user_id: user.id,
          purpose: "verify_email",
          expires_at: sql<Date>`now() - interval '1 hour'`,
        },
        {
          id: "live-link",
          user_id: user.id,
          purpose: "verify_email",
          expires_at: sql<Date>`now() + interval '1 hour'`,
        },
      ])
      .execute();
    await db
      .insertInto("idempotency_keys")
      .values([
        {
          user_id: user.id,
          key: "old-key-1234",
          scope: "test",
          result: "{}",
          created_at: sql<Date>`now() - interval '25 hours'`,
        },
        { user_id: user.id, key: "new-key-1234", scope: "test", result: "{}" },
      ])
      .execute();
    await db
      .insertInto("rate_limit_hits")
      .values([
        { key: "done", count: 3, reset_at: sql<Date>`now() - interval '1 second'` },
        { key: "open", count: 3, reset_at: sql<Date>`now() + interval '1 minute'` },
      ])
      .execute();

    await db
      .insertInto("search_changes")
      .values([{ entry_id: "1", at: sql<Date>`now() - interval '25 hours'` }, { entry_id: "2" }])
      .execute();

    expect(await purgeExpired(db)).toEqual({
      sessions: 1,
      oneTimeTokens: 1,
      idempotencyKeys: 1,
      rateLimitHits: 1,
      searchChanges: 1,
    });
    expect(
      (await db.selectFrom("search_changes").select("entry_id").execute()).map((row) => row.entry_id),
    ).toEqual(["2"]);
    expect(await db.selectFrom("sessions").select("id").execute()).toHaveLength(1);
    expect((await db.selectFrom("one_time_tokens").select("id").execute()).map((row) => row.id)).toEqual([
      "live-link",
    ]);
    expect((await db.selectFrom("idempotency_keys").select("key").execute()).map((row) => row.key)).toEqual([
      "new-key-1234",
    ]);
    expect((await db.selectFrom("rate_limit_hits").select("key").execute()).map((row) => row.key)).toEqual([
      "open",
    ]);
    expect(await purgeExpired(db)).toEqual({
      sessions: 0,
      oneTimeTokens: 0,
      idempotencyKeys: 0,
      rateLimitHits: 0,
      searchChanges: 0,
    });
  });
});

describe("scheduleHousekeeping", () => {
  it("runs the domains' tasks at once and hourly, never one twice at the same time", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      let started = 0;
      let finish: () => void = () => {};
      const task = {
        name: "slow",
        run: () => {
          started += 1;
          return new Promise<void>((resolve) => {
            finish = resolve;
          });
        },
      };
      const log = { info: vi.fn(), error: vi.fn() };
      const stop = scheduleHousekeeping(database.db, log, [task]);
      expect(started).toBe(1);
      vi.advanceTimersByTime(3600_000);
      // Still busy from the first tick: not started again.
      expect(started).toBe(1);
      finish();
      await vi.waitFor(() =>
        expect(log.info).toHaveBeenCalledWith({ task: "slow", outcome: undefined }, "housekeeping task done"),
      );
      vi.advanceTimersByTime(3600_000);
      expect(started).toBe(2);
      finish();
      stop();
      vi.advanceTimersByTime(3600_000);
      expect(started).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("runs a task with its own cadence at once and at that cadence, logging only what it did", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const outcomes = [0, 2, 0];
      let minutely = 0;
      let hourly = 0;
      const log = { info: vi.fn(), error: vi.fn() };
      const stop = scheduleHousekeeping(database.db, log, [
        { name: "clock", everyMs: 60_000, run: async () => outcomes[minutely++] },
        {
          name: "hourly",
          run: async () => {
            hourly += 1;
          },
        },
      ]);
      expect([minutely, hourly]).toEqual([1, 1]);
      // A run finishes (its promise settles) before the next minute comes.
      const settled = () => new Promise((resolve) => setImmediate(resolve));
      for (let minute = 1; minute <= 2; minute += 1) {
        await settled();
        vi.advanceTimersByTime(60_000);
        expect(minutely).toBe(minute + 1);
      }
      expect(hourly).toBe(1);
      // The quiet minutes (outcome 0) leave no line; the one that recorded something does.
      await vi.waitFor(() =>
        expect(log.info).toHaveBeenCalledWith({ task: "clock", outcome: 2 }, "housekeeping task done"),
      );
      expect(log.info).not.toHaveBeenCalledWith({ task: "clock", outcome: 0 }, "housekeeping task done");
      stop();
      vi.advanceTimersByTime(3600_000);
      expect([minutely, hourly]).toEqual([3, 1]);
    } finally {
      vi.useRealTimers();
    }
  });
});
