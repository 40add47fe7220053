import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { mailsTo } from "../../testing/outbox.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeFlaggedPair, pairOf, projectInThree } from "./duplicates.testing.ts";
import { entryRow } from "./entries.testing.ts";

let t: TestApp;
let alice: MadeUser;
let bob: MadeUser;
let mina: MadeUser;
let aliceBrowser: Browser;
let bobBrowser: Browser;
let moderator: Browser;
let anonymous: Browser;

beforeAll(async () => {
  t = await createTestApp();
  alice = await makeUser(t.db, { name: "Alice Owner" });
  // Bob reads his mail in French, whatever language the moderator works in.
  bob = await makeUser(t.db, { name: "Bob Owner", language: "fr" });
  mina = await makeUser(t.db, { role: "moderator", name: "Mina Moderator" });
  aliceBrowser = await signedInBrowser(t.app, t.db, alice);
  bobBrowser = await signedInBrowser(t.app, t.db, bob);
  moderator = await signedInBrowser(t.app, t.db, mina);
  anonymous = new Browser(t.app);
});
afterAll(async () => t?.close());

/** The search API's ids for one country (search may follow a change feed: poll it). */
async function searchIds(country: string): Promise<string[]> {
  const response = await anonymous.api("GET", `/api/v1/entries?country=${country}&pageSize=50`);
  expect(response.statusCode).toBe(200);
  return (response.json() as { items: Array<{ id: string }> }).items.map((item) => item.id).sort();
}

/** Two published entries describing one project (Alice's first, Bob's second), and their open pair. */
const publishedPair = (country: string) =>
  makeFlaggedPair(t.db, { first: alice.id, second: bob.id }, country, { second: "published" });

describe("moderators see likely duplicates", () => {
  it("linked from the queue, listed with both entries and scores, and side by side", async () => {
    const { first, second, pairId } = await publishedPair("NA");
    const queue = await moderator.get("/moderation");
    expect(queue.body).toContain('href="/moderation/duplicates"');
    expect(queue.body).toMatch(/Likely duplicates: \d+ pairs? to review/);

    const list = await moderator.get("/moderation/duplicates");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/moderation/duplicates/${pairId}"`);
    expect(list.body).toContain(first.data.title);
    expect(list.body).toContain(second.data.title);
    expect(list.body).toMatch(/Title \d+%, organisation 100%, description \d+%/);

    const page = await moderator.get(`/moderation/duplicates/${pairId}`);
    expect(page.statusCode).toBe(200);
    // A table with a column header per entry and a row per field.
    expect(page.body).toContain('<table class="compare">');
    expect(page.body).toContain(`<th scope="col"><a href="/entries/${first.id}">Entry ${first.id}</a>`);
    expect(page.body).toContain(`<a href="/entries/${second.id}">Entry ${second.id}</a>`);
    expect(page.body).toContain("Owner: Alice Owner");
    expect(page.body).toContain("Owner: Bob Owner");
    for (const label of ["Title", "Description", "Organisation", "Countries", "Contact email"]) {
      expect(page.body).toContain(`<th scope="row">${label}`);
    }
    // Differences are said in words: the titles differ, the organisations do not.
    expect(page.body).toMatch(
      /<tr class="compare-differs"><th scope="row">Title<br\/><span class="tag">Different<\/span>/,
    );
    expect(page.body).toMatch(/<tr><th scope="row">Organisation[^<]*<br\/><span class="muted">Same<\/span>/);
    expect(page.body).toContain('name="survivorId"');
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain(">Not a duplicate<");
  });

  it("and a notice on the review page of a submitted entry that has open pairs", async () => {
    const { first, second, pairId } = await makeFlaggedPair(t.db, { first: alice.id, second: bob.id }, "BW");
    const review = await moderator.get(`/moderation/entries/${second.id}`);
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain("This entry looks like another entry.");
    expect(review.body).toContain(`href="/moderation/duplicates/${pairId}"`);
    expect(review.body).toContain(`Compare with “\u2068${first.data.title}\u2069”`);
  });
});

describe("merging a pair", () => {
  it("retires one entry into the other: out of search, its URL redirects, both histories kept, owners told", async () => {
    const { first, second, pairId } = await publishedPair("LS");
    await expect
      .poll(() => searchIds("LS"), { timeout: 1000, interval: 50 })
      .toEqual([first.id, second.id].sort());
    const mailsBefore = {
      alice: (await mailsTo(t.db, alice.email)).length,
      bob: (await mailsTo(t.db, bob.email)).length,
    };

    const page = `/moderation/duplicates/${pairId}`;
    const done = await moderator.submit(page, page, {
      decision: "merge",
      survivorId: first.id,
      idempotencyKey: "merge-form-key-0001",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/entries/${first.id}`);
    expect((await moderator.get(`/entries/${first.id}`)).body).toContain("The entries were merged.");

    // The retired entry: out of search (same mechanism as a withdrawal), its revisions kept.
    expect(await entryRow(t.db, second.id)).toMatchObject({
      state: "merged",
      published_revision_id: null,
      title: null,
      countries: [],
    });
    await expect.poll(() => searchIds("LS"), { timeout: 1000, interval: 50 }).toEqual([first.id]);
    expect(await pairOf(t.db, first.id, second.id)).toMatchObject({
      status: "merged",
      survivor_id: first.id,
      decided_by: mina.id,
    });

    // Its page and API resource lead to the survivor, for everyone.
    const old = await anonymous.get(`/entries/${second.id}?lang=fr`);
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe(`/entries/${first.id}?lang=fr`);
    expect((await bobBrowser.get(`/entries/${second.id}`)).headers.location).toBe(`/entries/${first.id}`);
    const api = await anonymous.api("GET", `/api/v1/entries/${second.id}`);
    expect(api.statusCode).toBe(308);
    expect(api.headers.location).toBe(`/api/v1/entries/${first.id}`);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json()).toMatchObject({ code: "entry_merged", status: 308 });

    // Both histories: the survivor's page shows the retired entry's revisions.
    const history = await moderator.get(`/entries/${first.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.body).toContain(`Merged from entry ${second.id}`);
    expect(history.body).toContain(`Entry ${second.id}, revision 1`);
    expect(history.body).toContain(second.data.title);
    expect(history.body).toContain("by Mina Moderator");
    // The retired entry's own history stays readable by its owner, saying where it went.
    const own = await bobBrowser.get(`/entries/${second.id}/history`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(`This entry was merged into entry ${first.id} as a duplicate`);
    // The survivor's owner sees that it happened, not the other owner's drafts.
    const survivorOwner = await aliceBrowser.get(`/entries/${first.id}/history`);
    expect(survivorOwner.body).toContain(`Merged from entry ${second.id}`);
    expect(survivorOwner.body).not.toContain(`Entry ${second.id}, revision 1`);
    expect(survivorOwner.body).toContain("visible to its owner and the moderators");

    // Frozen: the retired entry can no longer be edited, submitted or withdrawn.
    const edit = await bobBrowser.api("PATCH", `/api/v1/entries/${second.id}`, { title: "Changed" });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe("invalid_state_transition");
    const mine = await bobBrowser.get("/my/entries");
    expect(mine.body).toContain("Merged into another entry");

    // Audited, and both owners told, each in their language.
    const audits = await t.db
      .selectFrom("audit_log")
      .select(["action", "subject_type", "subject_id", "actor_id", "after"])
      .where("action", "in", ["entry.merge", "duplicate.merge"])
      .where((eb) => eb.or([eb("subject_id", "=", second.id), eb("subject_id", "=", pairId)]))
      .orderBy("id")
      .execute();
    expect(audits).toEqual([
      {
        action: "entry.merge",
        subject_type: "entry",
        subject_id: second.id,
        actor_id: mina.id,
        after: { state: "merged", publishedRevision: null, mergedInto: first.id, duplicatePair: pairId },
      },
      {
        action: "duplicate.merge",
        subject_type: "duplicate_pair",
        subject_id: pairId,
        actor_id: mina.id,
        after: { status: "merged", survivor: first.id, retired: second.id },
      },
    ]);
    const aliceMails = await mailsTo(t.db, alice.email);
    expect(aliceMails).toHaveLength(mailsBefore.alice + 1);
    expect(aliceMails.at(-1)?.subject).toBe(`Merged into your entry: ${first.data.title}`);
    expect(aliceMails.at(-1)?.text_body).toContain(`/entries/${first.id}`);
    const bobMails = await mailsTo(t.db, bob.email);
    expect(bobMails).toHaveLength(mailsBefore.bob + 1);
    expect(bobMails.at(-1)?.subject).toBe(`Fusionnée : ${second.data.title}`);
    expect(bobMails.at(-1)?.text_body).toContain("Bonjour Bob Owner");
    expect(bobMails.at(-1)?.text_body).toContain(`/entries/${second.id}/history`);
  });

  it("through the API, keeping the other entry, with a replay acting once", async () => {
    const { first, second, pairId } = await publishedPair("SZ");
    const headers = { "idempotency-key": "merge-api-key-0001" };
    const url = `/api/v1/duplicate-candidates/${pairId}/resolution`;
    const body = { decision: "merge", survivorId: second.id };
    const merged = await moderator.api("POST", url, body, headers);
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({
      id: pairId,
      status: "merged",
      survivorId: second.id,
      decidedBy: "Mina Moderator",
      entries: [
        { id: first.id, state: "merged", mergeable: false },
        { id: second.id, state: "published", mergeable: true },
      ],
    });
    const replay = await moderator.api("POST", url, body, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(await entryRow(t.db, first.id)).toMatchObject({ state: "merged" });
    expect((await anonymous.get(`/entries/${first.id}`)).headers.location).toBe(`/entries/${second.id}`);
  });

  it("follows later merges: A into B, then B into C leads A to C", async () => {
    const { a, b, c, ab, bc } = await projectInThree(t.db, { first: alice.id, second: bob.id }, "SC");
    const resolve = (pairId: string | undefined, survivorId: string) =>
      moderator.api("POST", `/api/v1/duplicate-candidates/${pairId}/resolution`, {
        decision: "merge",
        survivorId,
      });
    expect((await resolve(ab?.id, b.id)).statusCode).toBe(200);
    expect((await resolve(bc?.id, c.id)).statusCode).toBe(200);
    expect((await anonymous.get(`/entries/${a.id}`)).headers.location).toBe(`/entries/${c.id}`);
    expect((await anonymous.api("GET", `/api/v1/entries/${a.id}`)).headers.location).toBe(
      `/api/v1/entries/${c.id}`,
    );
  });
});
