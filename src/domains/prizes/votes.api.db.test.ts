import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { prizeRules } from "./prize-rules.ts";
import { makeVotingEdition, type VotingFixture, voteRows } from "./prizes-voting.testing.ts";
import { receiptHash } from "./vote-receipts.ts";
import { tallyVotes } from "./vote-tally.repo.ts";

let t: TestApp;
let f: VotingFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await makeVotingEdition(t.db);
});
afterAll(async () => t?.close());

const votesUrl = (year: number) => `/api/v1/prizes/editions/${year}/votes`;

async function voter(options: { verified?: boolean } = {}): Promise<{ id: string; browser: Browser }> {
  const user = await makeUser(t.db, options);
  return { id: user.id, browser: await signedInBrowser(t.app, t.db, user) };
}

describe("listNominees", () => {
  it("lists the published nominees of all categories or one, publicly, without totals", async () => {
    const all = await t.app.inject({
      method: "GET",
      url: `/api/v1/prizes/editions/${f.edition.year}/nominees`,
    });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.nomineesPublished).toBe(true);
    expect(body.edition.votingOpen).toBe(true);
    expect(body.edition.categories).toHaveLength(18);
    expect(body.items.map((item: { id: string }) => item.id).sort()).toEqual([f.a, f.b, f.c].sort());
    expect(body.items[0]).not.toHaveProperty("votes");
    const one = await t.app.inject({
      method: "GET",
      url: `/api/v1/prizes/editions/${f.edition.year}/nominees?category=${f.c2}`,
    });
    expect(one.json().items.map((item: { id: string }) => item.id)).toEqual([f.c]);
  });

  it("answers 400 for an unknown category, 404 for an unknown year, nothing before publication", async () => {
    const base = `/api/v1/prizes/editions/${f.edition.year}/nominees`;
    const bad = await t.app.inject({ method: "GET", url: `${base}?category=C99` });
    expect([bad.statusCode, bad.json().code]).toEqual([400, "validation_failed"]);
    const missing = await t.app.inject({ method: "GET", url: "/api/v1/prizes/editions/2099/nominees" });
    expect([missing.statusCode, missing.json().code]).toEqual([404, "not_found"]);
    const unpublished = await makeVotingEdition(t.db, { published: false });
    const hidden = await t.app.inject({
      method: "GET",
      url: `/api/v1/prizes/editions/${unpublished.edition.year}/nominees`,
    });
    expect(hidden.json()).toMatchObject({ nomineesPublished: false, items: [] });
  });
});

describe("castVote", () => {
  it("records one vote with a verifiable receipt, shown in listMyVotes", async () => {
    const v = await voter();
    const cast = await v.browser.api("POST", votesUrl(f.edition.year), { category: f.c1, nomineeId: f.a });
    expect(cast.statusCode).toBe(201);
    const vote = cast.json();
    expect(vote).toMatchObject({ year: f.edition.year, category: f.c1, nomineeId: f.a });
    expect(vote.receipt).toMatch(/^[0-9a-f]{64}$/);
    const row = await t.db
      .selectFrom("prize_votes")
      .selectAll()
      .where("id", "=", vote.id)
      .executeTakeFirstOrThrow();
    expect(row.voter_id).toBe(v.id);
    expect(row.ip_range).toMatch(/\/(24|48)$/);
    const nonce = row.receipt_nonce as string;
    expect(receiptHash({ year: f.edition.year, category: f.c1, nomineeId: f.a, nonce })).toBe(vote.receipt);

    const mine = await v.browser.api("GET", `/api/v1/prizes/editions/${f.edition.year}/my-votes`);
    expect(mine.statusCode).toBe(200);
    const body = mine.json();
    expect([body.voted, body.total, body.items.length]).toEqual([1, 18, 18]);
    const item = body.items.find((entry: { category: string }) => entry.category === f.c1);
    expect(item.vote).toMatchObject({ nomineeId: f.a, receipt: vote.receipt, nonce, counted: null });
  });

  it("refuses a second vote in a category with vote_already_cast, and takes other categories", async () => {
    const v = await voter();
    expect(
      (await v.browser.api("POST", votesUrl(f.edition.year), { category: f.c1, nomineeId: f.a })).statusCode,
    ).toBe(201);
    const again = await v.browser.api("POST", votesUrl(f.edition.year), { category: f.c1, nomineeId: f.b });
    expect([again.statusCode, again.json().code]).toEqual([409, "vote_already_cast"]);
    const other = await v.browser.api("POST", votesUrl(f.edition.year), { category: f.c2, nomineeId: f.c });
    expect(other.statusCode).toBe(201);
    expect(await voteRows(t.db, f.edition.id, v.id)).toBe(2);
  });

  it("refuses non-nominees, another category's nominee and forged ids with nominee_not_found", async () => {
    const v = await voter();
    for (const nomineeId of [f.notNominated, f.c, "abc", "-1", "0", "99999999999999999999", "1 or 1=1"]) {
      const response = await v.browser.api("POST", votesUrl(f.edition.year), { category: f.c1, nomineeId });
      expect({ nomineeId, status: response.statusCode, code: response.json().code }).toEqual({
        nomineeId,
        status: 404,
        code: "nominee_not_found",
      });
    }
    const category = await v.browser.api("POST", votesUrl(f.edition.year), {
      category: "C99",
      nomineeId: f.a,
    });
    expect([category.statusCode, category.json().code]).toEqual([400, "validation_failed"]);
    const missing = await v.browser.api("POST", votesUrl(f.edition.year), { category: f.c1 });
    expect([missing.statusCode, missing.json().code]).toEqual([400, "validation_failed"]);
    const extra = await v.browser.api("POST", votesUrl(f.edition.year), {
      category: f.c1,
      nomineeId: f.a,
      voterId: "1",
    });
    expect([extra.statusCode, extra.json().code]).toEqual([400, "validation_failed"]);
    expect(await voteRows(t.db, f.edition.id, v.id)).toBe(0);
  });

  it("refuses an unverified account with email_not_verified", async () => {
    const v = await voter({ verified: false });
    const response = await v.browser.api("POST", votesUrl(f.edition.year), {
      category: f.c1,
      nomineeId: f.a,
    });
    expect([response.statusCode, response.json().code]).toEqual([403, "email_not_verified"]);
    expect(await voteRows(t.db, f.edition.id, v.id)).toBe(0);
  });

  it("refuses votes outside the voting window with voting_closed, naming the window and its zone", async () => {
    const v = await voter();
    for (const phase of ["nomination", "evaluation"] as const) {
      const other = await makeVotingEdition(t.db, { openPhase: phase, timeZone: "Asia/Tokyo" });
      const response = await v.browser.api(
        "POST",
        votesUrl(other.edition.year),
        { category: other.c1, nomineeId: other.a },
        { "accept-language": "en" },
      );
      expect([response.statusCode, response.json().code]).toEqual([409, "voting_closed"]);
      expect(response.json().title).toContain("Asia/Tokyo");
      expect(response.json().title).toContain("GMT+9");
      expect(await voteRows(t.db, other.edition.id)).toBe(0);
    }
  });

  it("refuses votes before the nominated list is published", async () => {
    const v = await voter();
    const other = await makeVotingEdition(t.db, { published: false });
    const response = await v.browser.api("POST", votesUrl(other.edition.year), {
      category: other.c1,
      nomineeId: other.a,
    });
    expect([response.statusCode, response.json().code]).toEqual([404, "nominee_not_found"]);
    expect(await voteRows(t.db, other.edition.id)).toBe(0);
  });

  it("needs a signed-in caller, and a token needs the prizes:write scope", async () => {
    const anonymous = await t.app.inject({
      method: "POST",
      url: votesUrl(f.edition.year),
      payload: { category: f.c1, nomineeId: f.a },
    });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "authentication_required"]);
    const user = await makeUser(t.db);
    const call = (token: string) =>
      t.app.inject({
        method: "POST",
        url: votesUrl(f.edition.year),
        headers: { authorization: `Bearer ${token}` },
        payload: { category: f.c1, nomineeId: f.a },
      });
    const readOnly = await call(await createApiToken(t.db, user.id, "read", ["entries:read"], null));
    expect([readOnly.statusCode, readOnly.json().code]).toEqual([403, "insufficient_scope"]);
    const writer = await call(await createApiToken(t.db, user.id, "vote", ["prizes:write"], null));
    expect(writer.statusCode).toBe(201);
    expect(await voteRows(t.db, f.edition.id, user.id)).toBe(1);
  });

  it("answers a replay with the same Idempotency-Key with the same vote, never a second one", async () => {
    const v = await voter();
    const headers = { "idempotency-key": "vote-replay-000001" };
    const body = { category: f.c2, nomineeId: f.c };
    const first = await v.browser.api("POST", votesUrl(f.edition.year), body, headers);
    const replay = await v.browser.api("POST", votesUrl(f.edition.year), body, headers);
    expect([first.statusCode, replay.statusCode]).toEqual([201, 200]);
    expect(replay.json()).toEqual(first.json());
    const changed = await v.browser.api(
      "POST",
      votesUrl(f.edition.year),
      { category: f.c1, nomineeId: f.a },
      headers,
    );
    expect([changed.statusCode, changed.json().code]).toEqual([409, "idempotency_conflict"]);
    const malformed = await v.browser.api("POST", votesUrl(f.edition.year), body, { "idempotency-key": "x" });
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, "validation_failed"]);
    expect(await voteRows(t.db, f.edition.id, v.id)).toBe(1);
  });

  it("keeps the tally equal to the valid vote rows", async () => {
    const tally = await tallyVotes(t.db, f.edition.id, prizeRules({}));
    expect(tally.counted).toBe(await voteRows(t.db, f.edition.id));
  });
});

describe("vote rate limits", () => {
  it("limits attempts per voter with 429 rate_limited and Retry-After", async () => {
    const limited = await createTestApp({
      voting: { ...t.config.voting, voterLimit: 2, ipLimit: 0, screenIntervalMs: 0 },
    });
    try {
      const edition = await makeVotingEdition(limited.db);
      const user = await makeUser(limited.db);
      const browser = await signedInBrowser(limited.app, limited.db, user);
      const url = votesUrl(edition.edition.year);
      const first = await browser.api("POST", url, { category: edition.c1, nomineeId: edition.a });
      expect(first.statusCode).toBe(201);
      // The headers speak of the vote's own per-voter limit; the per-user API budget is not spent.
      const windowSeconds = Math.round(limited.config.voting.windowMs / 1000);
      expect([first.headers["ratelimit-limit"], first.headers["ratelimit-remaining"]]).toEqual(["2", "1"]);
      expect(first.headers["ratelimit-policy"]).toBe(`2;w=${windowSeconds}`);
      const budget = await limited.db
        .selectFrom("rate_limit_hits")
        .select("key")
        .where("key", "=", `api:user:${user.id}`)
        .executeTakeFirst();
      expect(budget).toBeUndefined();
      expect(
        (await browser.api("POST", url, { category: edition.c1, nomineeId: edition.a })).statusCode,
      ).toBe(409);
      const third = await browser.api("POST", url, { category: edition.c2, nomineeId: edition.c });
      expect([third.statusCode, third.json().code]).toEqual([429, "rate_limited"]);
      expect(Number(third.headers["retry-after"])).toBeGreaterThan(0);
      // Another voter from the same address is not affected by this voter's limit.
      const other = await signedInBrowser(limited.app, limited.db, await makeUser(limited.db));
      expect((await other.api("POST", url, { category: edition.c2, nomineeId: edition.c })).statusCode).toBe(
        201,
      );
    } finally {
      await limited.close();
    }
  });

  it("caps votes per address as a flood guard", async () => {
    const limited = await createTestApp({
      voting: { ...t.config.voting, voterLimit: 0, ipLimit: 2, screenIntervalMs: 0 },
    });
    try {
      const edition = await makeVotingEdition(limited.db);
      const url = votesUrl(edition.edition.year);
      const statuses: number[] = [];
      for (let index = 0; index < 3; index += 1) {
        const browser = await signedInBrowser(limited.app, limited.db, await makeUser(limited.db));
        statuses.push(
          (await browser.api("POST", url, { category: edition.c1, nomineeId: edition.a })).statusCode,
        );
      }
      expect(statuses).toEqual([201, 201, 429]);
      expect(await voteRows(limited.db, edition.edition.id)).toBe(2);
    } finally {
      await limited.close();
    }
  });
});
