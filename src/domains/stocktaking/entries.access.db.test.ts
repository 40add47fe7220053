import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { entryData, makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { countRows, createEntryTestApp, entryRow, formFields } from "./entries.testing.ts";

let t: TestApp;
let ownerUser: MadeUser;
let owner: Browser;
let other: Browser;
let moderator: Browser;
let anonymous: Browser;
beforeAll(async () => {
  ({ t, ownerUser, owner, other, moderator, anonymous } = await createEntryTestApp());
});
afterAll(async () => t?.close());

describe("someone other than the owner", () => {
  it("cannot edit or submit the entry (403 forbidden), and nothing is stored", async () => {
    const draft = await makeEntry(t.db, ownerUser.id);
    const published = await makeEntry(t.db, ownerUser.id, { state: "published" });
    const before = await countRows(t.db);
    for (const entry of [draft, published]) {
      expect((await other.get(`/entries/${entry.id}/edit`)).statusCode).toBe(403);
      const csrf = await other.csrfToken("/entries/new");
      const post = await other.submit(
        "",
        `/entries/${entry.id}`,
        { ...formFields(entry.data), intent: "submit" },
        { csrf },
      );
      expect(post.statusCode).toBe(403);
      const submit = await other.submit("", `/entries/${entry.id}/submit`, {}, { csrf });
      expect(submit.statusCode).toBe(403);
      const patch = await other.api("PATCH", `/api/v1/entries/${entry.id}`, { title: "Hijacked" });
      expect(patch.statusCode).toBe(403);
      expect(patch.json().code).toBe("forbidden");
      const apiSubmit = await other.api("POST", `/api/v1/entries/${entry.id}/submit`);
      expect(apiSubmit.statusCode).toBe(403);
      expect(apiSubmit.json().code).toBe("forbidden");
    }
    // Moderators and admins do not edit other people's entries either.
    const adminBrowser = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
    expect(
      (await adminBrowser.api("PATCH", `/api/v1/entries/${draft.id}`, { title: "Admin edit" })).statusCode,
    ).toBe(403);
    expect(
      (await moderator.api("PATCH", `/api/v1/entries/${draft.id}`, { title: "Mod edit" })).statusCode,
    ).toBe(403);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("cannot see an unpublished entry or its history (404), nor the history of a published one (403)", async () => {
    const draft = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const published = await makeEntry(t.db, ownerUser.id, { state: "published" });
    for (const browser of [other, anonymous]) {
      expect((await browser.get(`/entries/${draft.id}`)).statusCode).toBe(404);
      const api = await browser.api("GET", `/api/v1/entries/${draft.id}`);
      expect(api.statusCode).toBe(404);
      expect(api.json().code).toBe("entry_not_found");
      expect((await browser.get(`/entries/${published.id}`)).statusCode).toBe(200);
    }
    expect((await other.get(`/entries/${draft.id}/history`)).statusCode).toBe(404);
    expect((await other.get(`/entries/${published.id}/history`)).statusCode).toBe(403);
    expect((await moderator.get(`/entries/${draft.id}`)).statusCode).toBe(200);
    expect((await moderator.api("GET", `/api/v1/entries/${draft.id}`)).json()).toMatchObject({
      state: "submitted",
      isPublic: false,
    });
  });

  it("a plain user cannot moderate (403) and nothing is stored", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const before = await countRows(t.db);
    const api = await owner.api("POST", `/api/v1/entries/${entry.id}/moderation`, { decision: "publish" });
    expect(api.statusCode).toBe(403);
    expect(api.json().code).toBe("forbidden");
    expect((await owner.get("/moderation")).statusCode).toBe(403);
    expect((await owner.get(`/moderation/entries/${entry.id}`)).statusCode).toBe(403);
    const csrf = await owner.csrfToken("/entries/new");
    const post = await owner.submit("", `/moderation/entries/${entry.id}`, { decision: "publish" }, { csrf });
    expect(post.statusCode).toBe(403);
    expect(await countRows(t.db)).toEqual(before);
    expect((await entryRow(t.db, entry.id)).state).toBe("submitted");
  });
});

describe("anonymous callers", () => {
  it("get 401 problem+json from the API", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const before = await countRows(t.db);
    for (const [method, url, body] of [
      ["POST", "/api/v1/entries", entryData()],
      ["PATCH", `/api/v1/entries/${entry.id}`, { title: "x" }],
      ["POST", `/api/v1/entries/${entry.id}/submit`, undefined],
      ["POST", `/api/v1/entries/${entry.id}/moderation`, { decision: "publish" }],
    ] as const) {
      const response = await anonymous.api(method, url, body);
      expect(response.statusCode, url).toBe(401);
      expect(response.json().code).toBe("authentication_required");
    }
    expect(await countRows(t.db)).toEqual(before);
  });

  it("are sent to sign in from the pages", async () => {
    for (const url of [
      "/entries/new",
      "/my/entries",
      "/moderation",
      "/entries/1/edit",
      "/entries/1/history",
    ]) {
      const response = await anonymous.get(url);
      expect(response.statusCode, url).toBe(303);
      expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
    }
  });
});

describe("API tokens", () => {
  it("act within their scopes", async () => {
    const writer = await createApiToken(t.db, ownerUser.id, "writer", ["entries:write"], null);
    const reader = await createApiToken(t.db, ownerUser.id, "reader", ["entries:read"], null);
    const created = await anonymous.api("POST", "/api/v1/entries", entryData(), {
      authorization: `Bearer ${writer}`,
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`/api/v1/entries/${created.json().id}`);
    const refused = await anonymous.api("POST", "/api/v1/entries", entryData(), {
      authorization: `Bearer ${reader}`,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("insufficient_scope");
  });
});

describe("state transitions from the wrong state give 409 invalid_state_transition", () => {
  async function moderate(id: string, decision: string, comment = "Reason") {
    return moderator.api("POST", `/api/v1/entries/${id}/moderation`, { decision, comment });
  }

  it("publishing a rejected, draft, returned or published entry", async () => {
    for (const state of ["rejected", "draft", "returned", "published"] as const) {
      const entry = await makeEntry(t.db, ownerUser.id, { state });
      const before = await countRows(t.db);
      for (const decision of ["publish", "return", "reject"]) {
        const response = await moderate(entry.id, decision);
        expect(response.statusCode, `${decision} ${state}`).toBe(409);
        expect(response.json()).toMatchObject({ code: "invalid_state_transition" });
        expect(response.json().title).toContain(state);
      }
      expect(await countRows(t.db)).toEqual(before);
    }
    const rejected = await makeEntry(t.db, ownerUser.id, { state: "rejected" });
    const page = await moderator.submit(
      `/moderation/entries/${rejected.id}`,
      `/moderation/entries/${rejected.id}`,
      {
        decision: "publish",
      },
    );
    expect(page.statusCode).toBe(409);
  });

  it("submitting a rejected, submitted or published entry", async () => {
    for (const state of ["rejected", "submitted", "published"] as const) {
      const entry = await makeEntry(t.db, ownerUser.id, { state });
      const before = await countRows(t.db);
      const response = await owner.api("POST", `/api/v1/entries/${entry.id}/submit`);
      expect(response.statusCode, state).toBe(409);
      expect(response.json().code).toBe("invalid_state_transition");
      expect(await countRows(t.db)).toEqual(before);
    }
  });

  it("editing an entry under review or a rejected one", async () => {
    for (const state of ["submitted", "rejected"] as const) {
      const entry = await makeEntry(t.db, ownerUser.id, { state });
      const before = await countRows(t.db);
      const response = await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: "Changed" });
      expect(response.statusCode, state).toBe(409);
      expect(response.json().code).toBe("invalid_state_transition");
      expect((await owner.get(`/entries/${entry.id}/edit`)).statusCode).toBe(409);
      expect(await countRows(t.db)).toEqual(before);
    }
  });

  it("but a published entry whose new revision was rejected can get another revision", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, {
      state: "published",
      data: { title: "Original title" },
    });
    expect(
      (await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: "Bad idea", submit: true }))
        .statusCode,
    ).toBe(200);
    expect((await moderate(entry.id, "reject", "Not an improvement")).statusCode).toBe(200);
    expect(await entryRow(t.db, entry.id)).toMatchObject({ state: "rejected", title: "Original title" });
    expect((await anonymous.get(`/entries/${entry.id}`)).body).toContain(
      '<h1 dir="auto">Original title</h1>',
    );
    const resubmitRejected = await owner.api("POST", `/api/v1/entries/${entry.id}/submit`);
    expect(resubmitRejected.statusCode).toBe(409);
    const revised = await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: "Better idea" });
    expect(revised.statusCode).toBe(200);
    expect(revised.json()).toMatchObject({
      state: "draft",
      title: "Original title",
      pendingRevision: { title: "Better idea" },
    });
    expect((await owner.api("POST", `/api/v1/entries/${entry.id}/submit`)).statusCode).toBe(200);
    expect((await moderate(entry.id, "publish")).statusCode).toBe(200);
    expect(await entryRow(t.db, entry.id)).toMatchObject({ state: "published", title: "Better idea" });
  });

  it("a save that changes nothing adds no revision", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "published" });
    const before = await countRows(t.db);
    const response = await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: entry.data.title });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ state: "published", pendingRevision: null });
    expect(await countRows(t.db)).toEqual(before);
  });
});

describe("markup typed into an entry", () => {
  it("is shown as text on every page", async () => {
    const title = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const entry = await makeEntry(t.db, ownerUser.id, {
      state: "published",
      data: { title, description: `<b>bold</b> and <a href="javascript:alert(1)">link</a> text here` },
    });
    await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: `${title} v2`, submit: true });
    const pages = [
      await anonymous.get(`/entries/${entry.id}`),
      await owner.get(`/entries/${entry.id}`),
      await owner.get("/my/entries"),
      await owner.get(`/entries/${entry.id}/history`),
      await owner.get(`/entries/${entry.id}/edit`),
      await moderator.get("/moderation"),
      await moderator.get(`/moderation/entries/${entry.id}`),
    ];
    for (const page of pages) {
      if (page.statusCode !== 200) continue;
      expect(page.body).not.toContain("<script>alert");
      expect(page.body).not.toContain("<img src=x");
      expect(page.body).not.toContain('<a href="javascript:');
    }
    expect(pages[0]?.body).toContain(
      "&lt;script>alert(&quot;x&quot;)&lt;/script>&lt;img src=x onerror=alert(1)>",
    );
    expect(pages[0]?.body).toContain("&lt;b>bold&lt;/b>");
  });
});
