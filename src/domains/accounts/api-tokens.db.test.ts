import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256 } from "../../platform/crypto.ts";
import { entryData, makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";

let t: TestApp;
let user: MadeUser;
let browser: Browser;
let moderatorUser: MadeUser;
let moderator: Browser;
beforeAll(async () => {
  t = await createTestApp();
  user = await makeUser(t.db);
  browser = await signedInBrowser(t.app, t.db, user);
  moderatorUser = await makeUser(t.db, { role: "moderator" });
  moderator = await signedInBrowser(t.app, t.db, moderatorUser);
});
afterAll(async () => t?.close());

const PAGE = "/account/tokens";

async function create(
  who: Browser,
  fields: Record<string, string | string[]>,
): Promise<{ status: number; body: string; token: string | null }> {
  const response = await who.submit(PAGE, PAGE, fields);
  const token = response.body.match(/id="new-token"[^>]*value="(wsis_[A-Za-z0-9_-]+)"/)?.[1] ?? null;
  return { status: response.statusCode, body: response.body, token };
}

const tokenRows = (userId: string) =>
  t.db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).orderBy("id").execute();

const auditRows = (action: string) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute();

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("the tokens page", () => {
  it("is for signed-in users, linked from the account page", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: PAGE, headers: { accept: "text/html" } });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/sign-in?next=${encodeURIComponent(PAGE)}`);
    expect((await browser.get("/account")).body).toContain('href="/account/tokens"');
    const page = await browser.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("You have no API tokens yet.");
    // A plain user is not offered the moderation scope.
    expect(page.body).toContain('value="entries:write"');
    expect(page.body).not.toContain('value="moderation"');
    expect((await moderator.get(PAGE)).body).toContain('value="moderation"');
  });

  it("creates a token, shows its secret once, stores only its hash, lists it and audits it", async () => {
    const created = await create(browser, {
      name: "  Nightly   import ",
      scopes: ["entries:read", "entries:write"],
      expiry: "30",
    });
    expect(created.status).toBe(201);
    expect(created.token).toMatch(/^wsis_/);
    const token = created.token as string;
    expect(created.body).toContain("Nightly import");

    const [row] = await tokenRows(user.id);
    expect(row).toMatchObject({
      name: "Nightly import",
      scopes: ["entries:read", "entries:write"],
      revoked_at: null,
    });
    expect(row?.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const days = (new Date(row?.expires_at as Date).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const [audit] = await auditRows("api_token.create");
    expect(audit).toMatchObject({ actor_id: user.id, subject_type: "api_token", subject_id: row?.id });
    expect(JSON.stringify(audit)).not.toContain(token);

    // The list shows it (with no secret), and the token works.
    const page = await browser.get(PAGE);
    expect(page.body).toContain("Nightly import");
    expect(page.body).toContain("Not used yet");
    expect(page.body).not.toContain(token);
    const api = await t.app.inject({
      method: "POST",
      url: "/api/v1/entries",
      headers: { "content-type": "application/json", ...bearer(token) },
      payload: JSON.stringify(entryData()),
    });
    expect(api.statusCode).toBe(201);
    expect((await tokenRows(user.id))[0]?.last_used_at).not.toBeNull();
    expect((await browser.get(PAGE)).body).not.toContain("Not used yet");
  });

  it("creates a token that never expires", async () => {
    const created = await create(browser, { name: "Forever", scopes: "entries:read", expiry: "never" });
    expect(created.status).toBe(201);
    const row = (await tokenRows(user.id)).find((token) => token.name === "Forever");
    expect(row?.expires_at).toBeNull();
  });

  it("refuses bad input with field errors, keeps what was typed and stores nothing", async () => {
    const before = (await tokenRows(user.id)).length;
    const audits = (await auditRows("api_token.create")).length;
    const cases: Array<[Record<string, string | string[]>, string, string]> = [
      [{ name: "", scopes: "entries:read", expiry: "90" }, "name", "Enter a value"],
      [{ name: "   ", scopes: "entries:read", expiry: "90" }, "name", "Enter a value"],
      [{ name: "x".repeat(101), scopes: "entries:read", expiry: "90" }, "name", "Use at most 100 characters"],
      [{ name: "Script", expiry: "90" }, "scopes", "Enter a value"],
      [
        { name: "Script", scopes: ["entries:read", "admin:all"], expiry: "90" },
        "scopes",
        "Choose a value from the list",
      ],
      [{ name: "Script", scopes: "moderation", expiry: "90" }, "scopes", "This value is not valid"],
      [{ name: "Script", scopes: "entries:read", expiry: "7" }, "expiry", "This value is not valid"],
      [{ name: "Script", scopes: "entries:read" }, "expiry", "Enter a value"],
    ];
    for (const [fields, field, message] of cases) {
      const response = await create(browser, fields);
      const label = JSON.stringify(fields);
      expect(response.status, label).toBe(400);
      expect(response.token, label).toBeNull();
      expect(response.body, label).toContain(`href="#field-${field}"`);
      expect(response.body, label).toContain(message);
      expect(response.body, label).toContain('aria-invalid="true"');
    }
    // The typed name comes back.
    expect((await create(browser, { name: "Keep me", scopes: "moderation", expiry: "90" })).body).toContain(
      'value="Keep me"',
    );
    expect((await tokenRows(user.id)).length).toBe(before);
    expect((await auditRows("api_token.create")).length).toBe(audits);
  });

  it("lets moderators grant the moderation scope", async () => {
    const created = await create(moderator, {
      name: "Queue bot",
      scopes: ["moderation", "entries:read"],
      expiry: "365",
    });
    expect(created.status).toBe(201);
    const [row] = await tokenRows(moderatorUser.id);
    expect(row?.scopes).toEqual(["entries:read", "moderation"]);
  });

  it("needs the form's CSRF token", async () => {
    const before = (await tokenRows(user.id)).length;
    const response = await browser.submit(
      PAGE,
      PAGE,
      { name: "x", scopes: "entries:read", expiry: "90" },
      { csrf: null },
    );
    expect(response.statusCode).toBe(403);
    expect((await tokenRows(user.id)).length).toBe(before);
  });

  it("cannot be used with an API token: a token never mints or revokes tokens", async () => {
    const token = (
      await create(browser, { name: "Sneaky", scopes: ["entries:read", "entries:write"], expiry: "30" })
    ).token as string;
    const before = (await tokenRows(user.id)).length;
    const list = await t.app.inject({
      method: "GET",
      url: PAGE,
      headers: { accept: "text/html", ...bearer(token) },
    });
    expect(list.statusCode).toBe(403);
    const post = await t.app.inject({
      method: "POST",
      url: PAGE,
      headers: { "content-type": "application/x-www-form-urlencoded", ...bearer(token) },
      payload: "name=minted&scopes=entries%3Awrite&expiry=never",
    });
    expect(post.statusCode).toBe(403);
    expect((await tokenRows(user.id)).length).toBe(before);
  });
});

describe("revoking", () => {
  it("stops the token at once, is audited, and shows it as revoked", async () => {
    const token = (await create(browser, { name: "To revoke", scopes: "entries:write", expiry: "90" }))
      .token as string;
    const row = (await tokenRows(user.id)).find((candidate) => candidate.name === "To revoke");
    const response = await browser.submit(PAGE, `/account/tokens/${row?.id}/revoke`, {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(PAGE);
    const page = await browser.get(PAGE);
    expect(page.body).toContain("The token has been revoked.");
    expect(page.body).toContain("Revoked");
    expect(
      (await tokenRows(user.id)).find((candidate) => candidate.id === row?.id)?.revoked_at,
    ).not.toBeNull();
    const [audit] = (await auditRows("api_token.revoke")).filter((event) => event.subject_id === row?.id);
    expect(audit).toMatchObject({ actor_id: user.id, subject_type: "api_token" });

    const api = await t.app.inject({ method: "GET", url: "/api/v1/entries", headers: bearer(token) });
    expect(api.statusCode).toBe(401);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json()).toMatchObject({ code: "invalid_token", type: "/api/errors#invalid_token" });

    // Again: nothing changes, nothing more is audited.
    const audits = (await auditRows("api_token.revoke")).length;
    expect((await browser.submit(PAGE, `/account/tokens/${row?.id}/revoke`, {})).statusCode).toBe(303);
    expect((await auditRows("api_token.revoke")).length).toBe(audits);
  });

  it("someone else's token, or no token at all, is 404 and changes nothing", async () => {
    await create(moderator, { name: "Moderator's", scopes: "entries:read", expiry: "90" });
    const theirs = (await tokenRows(moderatorUser.id)).find((row) => row.name === "Moderator's");
    const audits = (await auditRows("api_token.revoke")).length;
    for (const id of [theirs?.id, "999999999", "abc", "1e3"]) {
      const response = await browser.submit(PAGE, `/account/tokens/${id}/revoke`, {});
      expect(response.statusCode, String(id)).toBe(404);
    }
    expect((await tokenRows(moderatorUser.id)).find((row) => row.id === theirs?.id)?.revoked_at).toBeNull();
    expect((await auditRows("api_token.revoke")).length).toBe(audits);
  });
});

describe("API calls with a token", () => {
  it("an expired token is 401 invalid_token", async () => {
    const token = (await create(browser, { name: "Short-lived", scopes: "entries:read", expiry: "30" }))
      .token as string;
    await t.db
      .updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("token_hash", "=", sha256(token))
      .execute();
    const response = await t.app.inject({
      method: "GET",
      url: "/api/v1/action-lines",
      headers: bearer(token),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe("invalid_token");
    expect((await browser.get(PAGE)).body).toContain("Expired");
  });

  it("an unknown or malformed token is 401 invalid_token", async () => {
    for (const token of ["wsis_nope", "not-a-token", `wsis_${"a".repeat(300)}`]) {
      const response = await t.app.inject({ method: "GET", url: "/api/v1/entries", headers: bearer(token) });
      expect(response.statusCode, token).toBe(401);
      expect(response.json().code, token).toBe("invalid_token");
    }
  });

  it("a token without the scope is 403 insufficient_scope and changes nothing", async () => {
    const reader = (await create(browser, { name: "Reader", scopes: "entries:read", expiry: "30" }))
      .token as string;
    const entry = await makeEntry(t.db, user.id, { state: "submitted" });
    const write = await t.app.inject({
      method: "POST",
      url: "/api/v1/entries",
      headers: { "content-type": "application/json", ...bearer(reader) },
      payload: JSON.stringify(entryData()),
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe("insufficient_scope");

    // A moderator's token without `moderation` cannot moderate, whatever the role allows.
    const modReader = (await create(moderator, { name: "Mod reader", scopes: "entries:read", expiry: "30" }))
      .token as string;
    const moderate = await t.app.inject({
      method: "POST",
      url: `/api/v1/entries/${entry.id}/moderation`,
      headers: { "content-type": "application/json", ...bearer(modReader) },
      payload: JSON.stringify({ decision: "publish" }),
    });
    expect(moderate.statusCode).toBe(403);
    expect(moderate.json().code).toBe("insufficient_scope");
    const state = await t.db
      .selectFrom("entries")
      .select("state")
      .where("id", "=", entry.id)
      .executeTakeFirst();
    expect(state?.state).toBe("submitted");

    // With the scope it can.
    const modToken = (await create(moderator, { name: "Mod", scopes: "moderation", expiry: "30" }))
      .token as string;
    const allowed = await t.app.inject({
      method: "POST",
      url: `/api/v1/entries/${entry.id}/moderation`,
      headers: { "content-type": "application/json", ...bearer(modToken) },
      payload: JSON.stringify({ decision: "publish" }),
    });
    expect(allowed.statusCode).toBe(200);
  });
});
