import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { actorsForSessions, createSession, sessionActorLoader } from "./auth/sessions.ts";
import { Batcher } from "./batcher.ts";
import { apiRateLimiter, hitRateLimits } from "./rate-limit.ts";

const NO_META = { ip: null, userAgent: null };
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

// Grouped statements must answer each caller exactly as one statement per caller would.
describe("Batcher", () => {
  it("groups what arrives while a call is in flight and answers each input in order", async () => {
    const calls: number[][] = [];
    const batcher = new Batcher<number, number>(async (inputs) => {
      calls.push(inputs);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return inputs.map((input) => input * 10);
    });
    const outputs = await Promise.all(Array.from({ length: 20 }, (_, index) => batcher.submit(index)));
    expect(outputs).toEqual(Array.from({ length: 20 }, (_, index) => index * 10));
    expect(calls.length).toBeLessThan(20);
    expect(calls.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it("fails every caller of a failed call, and later calls still run", async () => {
    let fail = true;
    const batcher = new Batcher<number, number>(async (inputs) => {
      if (fail) throw new Error("boom");
      return inputs;
    });
    await expect(batcher.submit(1)).rejects.toThrow("boom");
    fail = false;
    expect(await batcher.submit(2)).toBe(2);
  });
});

describe("grouped rate-limit counts", () => {
  it("gives each attempt on a key the count it would have seen alone", async () => {
    const hits = await hitRateLimits(t.db, ["k:a", "k:b", "k:a", "k:a"], 60_000);
    expect(hits.map((hit) => hit.count)).toEqual([1, 1, 2, 3]);
    const limiter = apiRateLimiter(t.db, 60_000);
    const more = await Promise.all(["k:a", "k:a", "k:b"].map((key) => limiter(key)));
    expect(more.map((hit) => hit.count).sort()).toEqual([2, 4, 5]);
    for (const hit of [...hits, ...more]) expect(hit.resetInMs).toBeGreaterThan(0);
  });
});

describe("grouped session lookups", () => {
  it("resolves each token to its own user, and unknown or absurd tokens to null", async () => {
    const [alice, bob] = await Promise.all([makeUser(t.db), makeUser(t.db)]);
    const [aliceToken, bobToken] = await Promise.all([
      createSession(t.db, alice.id, NO_META),
      createSession(t.db, bob.id, NO_META),
    ]);
    const actors = await actorsForSessions(t.db, [bobToken, "nope", aliceToken, "x".repeat(200), bobToken]);
    expect(actors.map((actor) => actor?.id ?? null)).toEqual([bob.id, null, alice.id, null, bob.id]);
    const load = sessionActorLoader(t.db);
    const loaded = await Promise.all([aliceToken, bobToken, "nope"].map((token) => load(token)));
    expect(loaded.map((actor) => actor?.email ?? null)).toEqual([alice.email, bob.email, null]);
  });
});
