import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeFlaggedPair, pairOf, projectInThree } from "./duplicates.testing.ts";
import { entryRow } from "./entries.testing.ts";

let t: TestApp;
let alice: MadeUser;
let bob: MadeUser;
let mina: MadeUser;
let owner: Browser;
let moderator: Browser;
let secondModerator: Browser;
let anonymous: Browser;

beforeAll(async () => {
  t = await createTestApp();
  alice = await makeUser(t.db, { name: "Alice Owner" });
  bob = await makeUser(t.db, { name: "Bob Owner" });
  mina = await makeUser(t.db, { role: "moderator", name: "Mina Moderator" });
  owner = await signedInBrowser(t.app, t.db, alice);
  moderator = await signedInBrowser(t.app, t.db, mina);
  secondModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
  anonymous = new Browser(t.app);
});
afterAll(async () => t?.close());

/** A flagged pair of Alice's entry and Bob's; by default the first published, the second in review. */
const flaggedPair = (country: string, states?: Parameters<typeof makeFlaggedPair>[3]) =>
  makeFlaggedPair(t.db, { first: alice.id, second: bob.id }, country, states);

const resolution = (pairId: string) => `/api/v1/duplicate-candidates/${pairId}/resolution`;

/** Everything a decision writes, to prove a refused one wrote nothing. */
async function footprint() {
  const [pairs, audits, mails, entries] = await Promise.all([
    t.db.selectFrom("duplicate_candidates").select(["id", "status"]).orderBy("id").execute(),
    t.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
    t.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
    t.db.selectFrom("entries").select(["id", "state"]).orderBy("id").execute(),
  ]);
  return { pairs, audits: audits.n, mails: mails.n, entries };
}

describe("bad decisions are refused with a stable code, and change nothing", () => {
  it("400 for a missing or unknown decision, a missing survivor or one outside the pair", async () => {
    const { pairId } = await flaggedPair("NE");
    const before = await footprint();
    const cases: Array<[unknown, string, string]> = [
      [{}, "decision", "required"],
      [{ decision: "delete" }, "decision", "invalid_value"],
      [{ decision: "merge" }, "survivorId", "required"],
      [{ decision: "merge", survivorId: "999999" }, "survivorId", "invalid_value"],
      [{ decision: "merge", survivorId: "" }, "survivorId", "required"],
    ];
    for (const [body, field, code] of cases) {
      const response = await moderator.api("POST", resolution(pairId), body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 400 });
      expect(response.json().code).toBe("validation_failed");
      expect(response.json().errors).toEqual([expect.objectContaining({ field, code })]);
    }
    const unknownField = await moderator.api("POST", resolution(pairId), { decision: "merge", into: "1" });
    expect(unknownField.statusCode).toBe(400);
    expect(await footprint()).toEqual(before);
  });

  it("the page shows the form again with the error summary (400)", async () => {
    const { pairId } = await flaggedPair("ML");
    const page = `/moderation/duplicates/${pairId}`;
    const refused = await moderator.submit(page, page, {
      decision: "merge",
      idempotencyKey: "merge-no-survivor-01",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("error-summary");
    expect(refused.body).toContain('href="#field-survivorId"');
    expect(refused.body).toContain('aria-invalid="true"');
    expect((await pairOf(t.db, ...(await pairEntries(pairId))))?.status).toBe("open");
  });

  it("404 duplicate_not_found for an unknown or malformed pair id", async () => {
    for (const id of ["999999999", "abc", "0", "-1"]) {
      const api = await moderator.api("POST", resolution(id), { decision: "not_duplicate" });
      expect({ id, status: api.statusCode, code: api.json().code }).toEqual({
        id,
        status: 404,
        code: "duplicate_not_found",
      });
      const read = await moderator.api("GET", `/api/v1/duplicate-candidates/${id}`);
      expect(read.statusCode).toBe(404);
      expect((await moderator.get(`/moderation/duplicates/${id}`)).statusCode).toBe(404);
    }
  });

  it("409 duplicate_not_open for a pair already decided", async () => {
    const { pairId, first } = await flaggedPair("GN");
    expect((await moderator.api("POST", resolution(pairId), { decision: "not_duplicate" })).statusCode).toBe(
      200,
    );
    const before = await footprint();
    for (const body of [{ decision: "not_duplicate" }, { decision: "merge", survivorId: first.id }]) {
      const again = await moderator.api("POST", resolution(pairId), body);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: "duplicate_not_open", status: 409 });
    }
    expect(await footprint()).toEqual(before);
    // The page shows the decision instead of the forms.
    const page = await moderator.get(`/moderation/duplicates/${pairId}`);
    expect(page.body).toContain("marked this pair as not duplicates");
    expect(page.body).not.toContain('name="survivorId"');
  });

  it("409 merge_entry_unavailable into (or from) an entry withdrawn or already merged", async () => {
    const withdrawn = await flaggedPair("BF", { second: "published" });
    const gone = await owner.api("POST", `/api/v1/entries/${withdrawn.first.id}/withdraw`);
    expect(gone.statusCode).toBe(200);
    const before = await footprint();
    for (const survivorId of [withdrawn.first.id, withdrawn.second.id]) {
      const refused = await moderator.api("POST", resolution(withdrawn.pairId), {
        decision: "merge",
        survivorId,
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("merge_entry_unavailable");
    }
    expect(await footprint()).toEqual(before);
    // Hidden from the list while one side is out, and the page says why it cannot be merged.
    const list = await moderator.api("GET", "/api/v1/duplicate-candidates?limit=100");
    expect(list.json().items.map((item: { id: string }) => item.id)).not.toContain(withdrawn.pairId);
    expect((await moderator.get(`/moderation/duplicates/${withdrawn.pairId}`)).body).toContain(
      "no longer published or awaiting review",
    );

    // Three entries of one project: once B is merged into A, the pair B–C cannot merge into B.
    const { a, b, ab, bc } = await projectInThree(t.db, { first: alice.id, second: bob.id }, "TD");
    expect(
      (await moderator.api("POST", resolution(ab?.id ?? ""), { decision: "merge", survivorId: a.id }))
        .statusCode,
    ).toBe(200);
    const intoRetired = await moderator.api("POST", resolution(bc?.id ?? ""), {
      decision: "merge",
      survivorId: b.id,
    });
    expect(intoRetired.statusCode).toBe(409);
    expect(intoRetired.json()).toMatchObject({ code: "merge_entry_unavailable" });
    expect(intoRetired.json().title).toContain("merged");
  });

  it("409 merge_survivor_not_public: a published entry only merges into a published one", async () => {
    const { first, second, pairId } = await flaggedPair("CF", { first: "published", second: "submitted" });
    const refused = await moderator.api("POST", resolution(pairId), {
      decision: "merge",
      survivorId: second.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("merge_survivor_not_public");
    // The other way round is fine: the submission is retired into the public entry.
    const merged = await moderator.api("POST", resolution(pairId), {
      decision: "merge",
      survivorId: first.id,
    });
    expect(merged.statusCode).toBe(200);
    expect(await entryRow(t.db, second.id)).toMatchObject({ state: "merged" });
    // It left the moderation queue.
    expect((await moderator.get("/moderation")).body).not.toContain(`/moderation/entries/${second.id}"`);
  });

  it("merging an entry by id: into itself 409 merge_into_self, unknown entries 404/400", async () => {
    const { first, second, pairId } = await flaggedPair("GW", { second: "published" });
    const before = await footprint();
    const self = await moderator.api("POST", `/api/v1/entries/${first.id}/merge`, { into: first.id });
    expect(self.statusCode).toBe(409);
    expect(self.json().code).toBe("merge_into_self");
    const missing = await moderator.api("POST", "/api/v1/entries/999999999/merge", { into: first.id });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("entry_not_found");
    for (const into of ["999999999", "abc", ""]) {
      const bad = await moderator.api("POST", `/api/v1/entries/${second.id}/merge`, { into });
      expect({ into, status: bad.statusCode }).toEqual({ into, status: 400 });
      expect(bad.json().errors).toEqual([expect.objectContaining({ field: "into" })]);
    }
    expect(await footprint()).toEqual(before);
    // Into the other entry of the flagged pair: that pair is the one decided.
    const merged = await moderator.api("POST", `/api/v1/entries/${second.id}/merge`, { into: first.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ id: pairId, status: "merged", survivorId: first.id });
  });

  it("merging two entries nobody flagged records their pair, scores and all", async () => {
    const one = await makeEntry(t.db, alice.id, {
      state: "published",
      data: { title: "ITU Digital Skills Toolkit", organisationName: "ITU", countries: ["CH"] },
    });
    const other = await makeEntry(t.db, bob.id, {
      state: "published",
      data: {
        title: "Digital Skills Toolkit (International Telecommunication Union)",
        organisationName: "International Telecommunication Union",
        countries: ["CH"],
      },
    });
    expect(await pairOf(t.db, one.id, other.id)).toBeUndefined();
    const merged = await moderator.api("POST", `/api/v1/entries/${other.id}/merge`, { into: one.id });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: "merged", survivorId: one.id });
    const pair = await pairOf(t.db, one.id, other.id);
    expect(pair).toMatchObject({ status: "merged", survivor_id: one.id, decided_by: mina.id });
    expect(pair?.organisation_score).toBeLessThan(0.5);
    expect(pair?.title_score).toBeGreaterThan(0);

    // Once "not a duplicate", always: a merge by id is refused too.
    const { first, second, pairId } = await flaggedPair("LY", { second: "published" });
    await moderator.api("POST", resolution(pairId), { decision: "not_duplicate" });
    const refused = await moderator.api("POST", `/api/v1/entries/${second.id}/merge`, { into: first.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("duplicate_not_open");
  });
});

async function pairEntries(pairId: string): Promise<[string, string]> {
  const pair = await t.db
    .selectFrom("duplicate_candidates")
    .select(["entry_a", "entry_b"])
    .where("id", "=", pairId)
    .executeTakeFirstOrThrow();
  return [pair.entry_a, pair.entry_b];
}

describe("two moderators deciding one pair at once", () => {
  it("exactly one merge wins; the other gets 409 duplicate_not_open", async () => {
    const { first, second, pairId } = await flaggedPair("SL", { second: "published" });
    const [one, two] = await Promise.all([
      moderator.api("POST", resolution(pairId), { decision: "merge", survivorId: first.id }),
      secondModerator.api("POST", resolution(pairId), { decision: "merge", survivorId: second.id }),
    ]);
    const statuses = [one.statusCode, two.statusCode].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = one.statusCode === 409 ? one : two;
    expect(loser.json().code).toBe("duplicate_not_open");
    const states = [(await entryRow(t.db, first.id))?.state, (await entryRow(t.db, second.id))?.state].sort();
    expect(states).toEqual(["merged", "published"]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "duplicate.merge")
      .where("subject_id", "=", pairId)
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("a merge and a “not a duplicate” at once: one wins", async () => {
    const { first, pairId } = await flaggedPair("LR", { second: "published" });
    const results = await Promise.all([
      moderator.api("POST", resolution(pairId), { decision: "not_duplicate" }),
      secondModerator.api("POST", resolution(pairId), { decision: "merge", survivorId: first.id }),
    ]);
    expect(results.map((response) => response.statusCode).sort()).toEqual([200, 409]);
  });
});

describe("who may see and decide", () => {
  it("moderators only: 401 signed out, 403 for other users, 403 insufficient_scope without `moderation`", async () => {
    const { pairId, first } = await flaggedPair("GM");
    const before = await footprint();
    const anonymousApi = await anonymous.api("GET", "/api/v1/duplicate-candidates");
    expect(anonymousApi.statusCode).toBe(401);
    expect(anonymousApi.json().code).toBe("authentication_required");
    expect((await anonymous.get("/moderation/duplicates")).statusCode).toBe(303);
    expect((await owner.get("/moderation/duplicates")).statusCode).toBe(403);
    expect((await owner.get(`/moderation/duplicates/${pairId}`)).statusCode).toBe(403);
    const forbidden = await owner.api("POST", resolution(pairId), {
      decision: "merge",
      survivorId: first.id,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe("forbidden");

    const writer = await createApiToken(t.db, mina.id, "writer", ["entries:read", "entries:write"], null);
    const scoped = await anonymous.api("GET", "/api/v1/duplicate-candidates", undefined, {
      authorization: `Bearer ${writer}`,
    });
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json().code).toBe("insufficient_scope");
    const token = await createApiToken(t.db, mina.id, "moderation", ["moderation"], null);
    const allowed = await anonymous.api("GET", `/api/v1/duplicate-candidates/${pairId}`, undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(allowed.statusCode).toBe(200);
    expect(await footprint()).toEqual(before);
  });

  it("the forms need their CSRF token", async () => {
    const { pairId } = await flaggedPair("CV");
    const page = `/moderation/duplicates/${pairId}`;
    const refused = await moderator.submit(page, page, { decision: "not_duplicate" }, { csrf: null });
    expect(refused.statusCode).toBe(403);
    expect((await pairOf(t.db, ...(await pairEntries(pairId))))?.status).toBe("open");
    const done = await moderator.submit(page, page, {
      decision: "not_duplicate",
      idempotencyKey: "not-dup-form-0001",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/moderation/duplicates");
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("subject_type", "=", "duplicate_pair")
      .where("subject_id", "=", pairId)
      .execute();
    expect(audit).toEqual([{ action: "duplicate.not_duplicate", actor_id: mina.id }]);
  });
});

describe("the API list", () => {
  it("pages open pairs by a signed cursor; an altered cursor is 400 invalid_cursor", async () => {
    await flaggedPair("KM");
    await flaggedPair("MG");
    const firstPage = await moderator.api("GET", "/api/v1/duplicate-candidates?limit=1");
    expect(firstPage.statusCode).toBe(200);
    const body = firstPage.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      status: "open",
      scores: { organisation: 1 },
      entries: [{ links: { html: expect.stringMatching(/^\/entries\/\d+$/) } }, {}],
    });
    expect(typeof body.nextCursor).toBe("string");
    const next = await moderator.api("GET", `/api/v1/duplicate-candidates?limit=1&cursor=${body.nextCursor}`);
    expect(next.statusCode).toBe(200);
    expect(next.json().items[0].id).not.toBe(body.items[0].id);
    const tampered = `${body.nextCursor.slice(0, -2)}xx`;
    const refused = await moderator.api("GET", `/api/v1/duplicate-candidates?cursor=${tampered}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe("invalid_cursor");
    const tooMany = await moderator.api("GET", "/api/v1/duplicate-candidates?limit=1000");
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().code).toBe("validation_failed");
  });
});
