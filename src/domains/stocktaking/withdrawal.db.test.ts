import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { mailsTo } from "../../testing/outbox.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { countRows, entryRow } from "./entries.testing.ts";

let t: TestApp;
let ownerUser: MadeUser;
let moderatorUser: MadeUser;
let owner: Browser;
let other: Browser;
let moderator: Browser;
let anonymous: Browser;

beforeAll(async () => {
  t = await createTestApp();
  ownerUser = await makeUser(t.db, { name: "Olu Owner" });
  moderatorUser = await makeUser(t.db, { role: "moderator", name: "Mina Moderator" });
  owner = await signedInBrowser(t.app, t.db, ownerUser);
  other = await signedInBrowser(t.app, t.db, await makeUser(t.db));
  moderator = await signedInBrowser(t.app, t.db, moderatorUser);
  anonymous = new Browser(t.app);
});
afterAll(async () => t?.close());

/** A published entry of the owner, alone in its country, so search results and counts can be told apart. */
async function publishedIn(country: string, title = `Withdrawable in ${country}`) {
  return makeEntry(t.db, ownerUser.id, { state: "published", data: { title, countries: [country] } });
}

interface SearchBody {
  total: number;
  items: Array<{ id: string }>;
  facets: Record<string, Array<{ value: string; count: number }>>;
}

/** What the search API says about one country: the result ids and that country's facet count. */
async function searchCountry(country: string): Promise<{ ids: string[]; total: number; count: number }> {
  const response = await anonymous.api("GET", `/api/v1/entries?country=${country}&pageSize=50`);
  expect(response.statusCode).toBe(200);
  const body = response.json() as SearchBody;
  const count = body.facets.country?.find((facet) => facet.value === country)?.count ?? 0;
  return { ids: body.items.map((item) => item.id), total: body.total, count };
}

/** Search may follow a change feed: wait (well within the 1 s promise) until it agrees. */
async function expectFound(country: string, id: string, found: boolean): Promise<void> {
  const expected = found ? { ids: [id], total: 1, count: 1 } : { ids: [], total: 0, count: 0 };
  await expect.poll(() => searchCountry(country), { timeout: 1000, interval: 50 }).toEqual(expected);
}

async function withdrawAudits(entryId: string) {
  return t.db
    .selectFrom("audit_log")
    .select(["action", "actor_id", "before", "after"])
    .where("subject_type", "=", "entry")
    .where("subject_id", "=", entryId)
    .where("action", "=", "entry.withdraw")
    .orderBy("id")
    .execute();
}

describe("the owner withdraws a published entry", () => {
  it("through the pages: confirmation, then gone from search, counts and the public page", async () => {
    const entry = await publishedIn("IS");
    await expectFound("IS", entry.id, true);
    const page = await owner.get(`/entries/${entry.id}`);
    expect(page.body).toContain(`href="/entries/${entry.id}/withdraw"`);
    expect(page.body).toContain("Withdraw from the database");
    // Nobody else is offered the link.
    expect((await other.get(`/entries/${entry.id}`)).body).not.toContain(`/entries/${entry.id}/withdraw`);
    expect((await anonymous.get(`/entries/${entry.id}`)).body).not.toContain("/withdraw");

    const form = await owner.get(`/entries/${entry.id}/withdraw`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`Withdraw “${entry.data.title}” from the database`);
    expect(form.body).toContain('for="field-reason"');
    expect(form.body).toContain('name="_csrf"');
    expect(form.body).not.toContain("belongs to");
    const mailsBefore = (await mailsTo(t.db, ownerUser.email)).length;

    const done = await owner.submit(`/entries/${entry.id}/withdraw`, `/entries/${entry.id}/withdraw`, {
      reason: "",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/my/entries");
    const mine = await owner.get("/my/entries");
    expect(mine.body).toContain("Your entry was withdrawn from the public database");
    expect(mine.body).toContain("state--withdrawn");
    expect(mine.body).toContain(">Withdrawn<");
    // It can be edited and submitted again from there.
    expect(mine.body).toContain(`href="/entries/${entry.id}/edit"`);
    expect(mine.body).toContain(`action="/entries/${entry.id}/submit"`);

    expect(await entryRow(t.db, entry.id)).toMatchObject({
      state: "withdrawn",
      published_revision_id: null,
      published_at: null,
      title: null,
      countries: [],
    });
    await expectFound("IS", entry.id, false);
    expect((await anonymous.get(`/entries/${entry.id}`)).statusCode).toBe(404);
    expect((await other.get(`/entries/${entry.id}`)).statusCode).toBe(404);
    const api = await anonymous.api("GET", `/api/v1/entries/${entry.id}`);
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe("entry_not_found");
    // The owner still sees it, marked as not public.
    const own = await owner.get(`/entries/${entry.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain("This entry is not public");
    expect(own.body).not.toContain(`/entries/${entry.id}/withdraw`);

    expect(await withdrawAudits(entry.id)).toEqual([
      {
        action: "entry.withdraw",
        actor_id: ownerUser.id,
        before: expect.objectContaining({ state: "published" }),
        after: { state: "withdrawn", publishedRevision: null, revision: 1, reason: "" },
      },
    ]);
    // No mail for withdrawing one's own entry.
    expect(await mailsTo(t.db, ownerUser.email)).toHaveLength(mailsBefore);
  });

  it("through the API, without a body or with an optional reason", async () => {
    const first = await publishedIn("NP");
    const response = await owner.api("POST", `/api/v1/entries/${first.id}/withdraw`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: first.id, state: "withdrawn", isPublic: false });
    await expectFound("NP", first.id, false);

    const second = await publishedIn("BT");
    const withReason = await owner.api("POST", `/api/v1/entries/${second.id}/withdraw`, {
      reason: "  The project has ended.\nWe will update it later.  ",
    });
    expect(withReason.statusCode).toBe(200);
    expect((await withdrawAudits(second.id))[0]?.after).toMatchObject({
      reason: "The project has ended.\nWe will update it later.",
    });
  });

  it("a repeated request with the same Idempotency-Key acts once", async () => {
    const entry = await publishedIn("MN");
    const headers = { "idempotency-key": "withdraw-once-12345" };
    const first = await owner.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {}, headers);
    expect(first.statusCode).toBe(200);
    const again = await owner.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {}, headers);
    expect(again.statusCode).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toMatchObject({ state: "withdrawn" });
    expect(await withdrawAudits(entry.id)).toHaveLength(1);
    // Other content under the same key is refused; a fresh request finds nothing left to withdraw.
    const changed = await owner.api("POST", `/api/v1/entries/${entry.id}/withdraw`, { reason: "x" }, headers);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe("idempotency_conflict");
    const fresh = await owner.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {});
    expect(fresh.statusCode).toBe(409);
    expect(fresh.json().code).toBe("invalid_state_transition");
    expect(await withdrawAudits(entry.id)).toHaveLength(1);
  });
});

describe("a moderator withdraws someone else's entry", () => {
  it("through the API, with a reason the owner is emailed", async () => {
    const entry = await publishedIn("LA", "Rural broadband <pilot>");
    const response = await moderator.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {
      reason: "The organisation asked us to remove it.",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: "withdrawn", isPublic: false });
    await expectFound("LA", entry.id, false);
    const mail = (await mailsTo(t.db, ownerUser.email)).at(-1);
    expect(mail?.subject).toBe("Withdrawn: Rural broadband <pilot>");
    expect(mail?.text_body).toContain("Olu Owner");
    expect(mail?.text_body).toContain("The organisation asked us to remove it.");
    expect(mail?.text_body).toContain(`${t.config.baseUrl}/entries/${entry.id}`);
    expect(await withdrawAudits(entry.id)).toEqual([
      expect.objectContaining({
        actor_id: moderatorUser.id,
        after: expect.objectContaining({
          state: "withdrawn",
          reason: "The organisation asked us to remove it.",
        }),
      }),
    ]);
  });

  it("must give a reason: a field error, nothing stored", async () => {
    const entry = await publishedIn("KH");
    const before = await countRows(t.db);
    for (const body of [{}, { reason: "   " }]) {
      const missing = await moderator.api("POST", `/api/v1/entries/${entry.id}/withdraw`, body);
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({
        code: "validation_failed",
        errors: [{ field: "reason", code: "required" }],
      });
    }
    const tooLong = await moderator.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {
      reason: "x".repeat(1001),
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ errors: [{ field: "reason", code: "too_long" }] });
    const control = await moderator.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {
      reason: "Because\u0000",
    });
    expect(control.statusCode).toBe(400);
    expect(control.json()).toMatchObject({ errors: [{ field: "reason", code: "invalid_value" }] });
    const unknownField = await moderator.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {
      reason: "ok",
      extra: true,
    });
    expect(unknownField.statusCode).toBe(400);
    expect(await countRows(t.db)).toEqual(before);
    await expectFound("KH", entry.id, true);
  });

  it("through the pages: the reason is asked for, an empty one is shown as an error", async () => {
    const entry = await publishedIn("MM");
    const page = await moderator.get(`/entries/${entry.id}`);
    expect(page.body).toContain(`href="/entries/${entry.id}/withdraw"`);
    const form = await moderator.get(`/entries/${entry.id}/withdraw`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("This entry belongs to Olu Owner");
    const before = await countRows(t.db);
    const refused = await moderator.submit(`/entries/${entry.id}/withdraw`, `/entries/${entry.id}/withdraw`, {
      reason: "  ",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('class="error-summary"');
    expect(refused.body).toContain('href="#field-reason"');
    expect(refused.body).toContain('id="reason-error"');
    expect(refused.body).toContain('aria-invalid="true"');
    expect(await countRows(t.db)).toEqual(before);

    const done = await moderator.submit(`/entries/${entry.id}/withdraw`, `/entries/${entry.id}/withdraw`, {
      reason: "Duplicate of another entry.",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/entries/${entry.id}`);
    const after = await moderator.get(`/entries/${entry.id}`);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain("its owner notified");
    expect((await mailsTo(t.db, ownerUser.email)).at(-1)?.text_body).toContain("Duplicate of another entry.");
    await expectFound("MM", entry.id, false);
  });

  it("takes a revision awaiting review out of the queue with it", async () => {
    const entry = await publishedIn("VN");
    expect(
      (await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { submit: true, title: "New" })).json(),
    ).toMatchObject({ state: "submitted" });
    const response = await moderator.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {
      reason: "Out of scope.",
    });
    expect(response.statusCode).toBe(200);
    expect((await moderator.get("/moderation")).body).not.toContain(`/moderation/entries/${entry.id}"`);
    await expectFound("VN", entry.id, false);
  });
});

describe("refusals", () => {
  it("another user gets 403 and an anonymous caller 401, nothing stored", async () => {
    const entry = await publishedIn("LK");
    const before = await countRows(t.db);
    const api = await other.api("POST", `/api/v1/entries/${entry.id}/withdraw`, { reason: "Mine now" });
    expect(api.statusCode).toBe(403);
    expect(api.json().code).toBe("forbidden");
    expect((await other.get(`/entries/${entry.id}/withdraw`)).statusCode).toBe(403);
    const anon = await anonymous.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {});
    expect(anon.statusCode).toBe(401);
    expect(anon.json().code).toBe("authentication_required");
    const signIn = await anonymous.get(`/entries/${entry.id}/withdraw`);
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toContain("/sign-in?next=");
    expect(await countRows(t.db)).toEqual(before);
    await expectFound("LK", entry.id, true);
  });

  it("an entry that is not public answers 409 invalid_state_transition", async () => {
    for (const state of ["draft", "submitted", "returned", "rejected"] as const) {
      const entry = await makeEntry(t.db, ownerUser.id, { state });
      const before = await countRows(t.db);
      const api = await owner.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {});
      expect({ state, status: api.statusCode, code: api.json().code }).toEqual({
        state,
        status: 409,
        code: "invalid_state_transition",
      });
      expect((await owner.get(`/entries/${entry.id}/withdraw`)).statusCode).toBe(409);
      expect((await owner.get(`/entries/${entry.id}`)).body).not.toContain("/withdraw");
      expect(await countRows(t.db)).toEqual(before);
    }
  });

  it("another user's unpublished entry is a 404, as are unknown ids", async () => {
    const draft = await makeEntry(t.db, ownerUser.id);
    for (const id of [draft.id, "abc", "0", "123456789"]) {
      const api = await other.api("POST", `/api/v1/entries/${id}/withdraw`, { reason: "x" });
      expect(api.statusCode).toBe(404);
      expect(api.json().code).toBe("entry_not_found");
    }
    expect((await moderator.get("/entries/987654321/withdraw")).statusCode).toBe(404);
  });

  it("a form post without the CSRF token is refused", async () => {
    const entry = await publishedIn("UZ");
    const response = await owner.submit(
      `/entries/${entry.id}/withdraw`,
      `/entries/${entry.id}/withdraw`,
      { reason: "" },
      { csrf: null },
    );
    expect(response.statusCode).toBe(403);
    expect((await entryRow(t.db, entry.id)).state).toBe("published");
  });
});

describe("after a withdrawal", () => {
  it("the owner edits and resubmits, a moderator publishes, and search finds it again", async () => {
    const entry = await publishedIn("PE", "Coming back");
    expect((await owner.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {})).statusCode).toBe(200);
    await expectFound("PE", entry.id, false);

    const edit = await owner.get(`/entries/${entry.id}/edit`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain("This entry was withdrawn from the public database");
    const saved = await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: "Coming back, updated" });
    expect(saved.statusCode).toBe(200);
    // Like a returned entry, it stays withdrawn while being worked on, and is not public.
    expect(saved.json()).toMatchObject({ state: "withdrawn", isPublic: false });
    await expectFound("PE", entry.id, false);

    const submitted = await owner.api("POST", `/api/v1/entries/${entry.id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ state: "submitted" });
    expect((await moderator.get("/moderation")).body).toContain("Coming back, updated");

    const published = await moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, {
      decision: "publish",
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      state: "published",
      isPublic: true,
      title: "Coming back, updated",
    });
    await expectFound("PE", entry.id, true);
    expect((await anonymous.get(`/entries/${entry.id}`)).statusCode).toBe(200);
    expect(await entryRow(t.db, entry.id)).toMatchObject({
      title: "Coming back, updated",
      countries: ["PE"],
    });
  });

  it("the owner can submit it again unchanged from the entry page", async () => {
    const entry = await publishedIn("BO");
    expect((await owner.api("POST", `/api/v1/entries/${entry.id}/withdraw`, {})).statusCode).toBe(200);
    const page = await owner.get(`/entries/${entry.id}`);
    expect(page.body).toContain(`action="/entries/${entry.id}/submit"`);
    const submitted = await owner.submit(`/entries/${entry.id}`, `/entries/${entry.id}/submit`, {});
    expect(submitted.statusCode).toBe(303);
    expect((await entryRow(t.db, entry.id)).state).toBe("submitted");
  });
});
