import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { testEngine } from "../../testing/test-database.ts";
import { prizeRules } from "./prize-rules.ts";
import { makeVotingEdition, type VotingFixture, voteRows } from "./prizes-voting.testing.ts";
import { tallyVotes } from "./vote-tally.repo.ts";

// PGlite runs one statement at a time in one connection, so requests cannot race there: the
// concurrency guarantees are checked on PostgreSQL, where the pool runs them truly in parallel.
const onPostgres = testEngine() === "postgres";

let t: TestApp;
let f: VotingFixture;
beforeAll(async () => {
  if (!onPostgres) return;
  const defaults = loadConfig(
    {},
    { sessionSecret: "concurrency-test-secret-never-used-anywhere", dataDir: ".tmp" },
  );
  t = await createTestApp({ voting: { ...defaults.voting, voterLimit: 0, ipLimit: 0, screenIntervalMs: 0 } });
  f = await makeVotingEdition(t.db);
});
afterAll(async () => t?.close());

describe.skipIf(!onPostgres)("concurrent votes (PostgreSQL)", () => {
  it("makes exactly one vote of fifty concurrent identical ones, and 49 vote_already_cast", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const url = `/api/v1/prizes/editions/${f.edition.year}/votes`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => browser.api("POST", url, { category: f.c1, nomineeId: f.a })),
    );
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    const refused = answers.filter((answer) => answer.statusCode !== 201);
    expect(refused.map((answer) => [answer.statusCode, answer.json().code])).toEqual(
      Array.from({ length: 49 }, () => [409, "vote_already_cast"]),
    );
    expect(await voteRows(t.db, f.edition.id, user.id)).toBe(1);
  });

  it("replays fifty concurrent requests with one Idempotency-Key as one vote with one receipt", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const url = `/api/v1/prizes/editions/${f.edition.year}/votes`;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        browser.api(
          "POST",
          url,
          { category: f.c2, nomineeId: f.c },
          { "idempotency-key": "concurrent-key-0001" },
        ),
      ),
    );
    const ok = answers.filter((answer) => answer.statusCode === 200 || answer.statusCode === 201);
    expect(ok).toHaveLength(50);
    expect(ok.filter((answer) => answer.statusCode === 201)).toHaveLength(1);
    expect(new Set(ok.map((answer) => answer.json().receipt)).size).toBe(1);
    expect(await voteRows(t.db, f.edition.id, user.id)).toBe(1);
  });

  it("loses no vote: every 2xx of many concurrent voters is in the tally, which equals the valid rows", async () => {
    const other = await makeVotingEdition(t.db);
    const voters = await Promise.all(Array.from({ length: 40 }, () => makeUser(t.db)));
    const browsers = await Promise.all(voters.map((voter) => signedInBrowser(t.app, t.db, voter)));
    const url = `/api/v1/prizes/editions/${other.edition.year}/votes`;
    // Each voter votes in both categories, twice over (the second round all refused), all at once.
    const attempts = browsers.flatMap((browser, index) => [
      { browser, body: { category: other.c1, nomineeId: index % 2 ? other.a : other.b } },
      { browser, body: { category: other.c2, nomineeId: other.c } },
      { browser, body: { category: other.c1, nomineeId: other.a } },
      { browser, body: { category: other.c2, nomineeId: other.c } },
    ]);
    const answers = await Promise.all(attempts.map(({ browser, body }) => browser.api("POST", url, body)));
    const accepted = answers.filter((answer) => answer.statusCode === 201).map((answer) => answer.json().id);
    expect(accepted).toHaveLength(80);
    expect(answers.filter((answer) => answer.statusCode === 409)).toHaveLength(80);
    const tally = await tallyVotes(t.db, other.edition.id, prizeRules({}));
    expect(tally.counted).toBe(80);
    expect(await voteRows(t.db, other.edition.id)).toBe(80);
    const rows = await t.db
      .selectFrom("prize_votes")
      .select("id")
      .where("edition_id", "=", other.edition.id)
      .execute();
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(accepted));
  });
});
