import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { createApiToken } from "../auth/sessions.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ apiRateLimit: { anonymous: 3, authenticated: 5, windowMs: 60_000 } });
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}, remoteAddress = "203.0.113.7") =>
  t.app.inject({ method: "GET", url, headers, remoteAddress });

const expireWindows = () =>
  sql`update rate_limit_hits set reset_at = now() - interval '1 second'`.execute(t.db);

describe("API rate limits", () => {
  it("send RateLimit headers on every /api/v1 answer and 429 rate_limited with Retry-After past the limit", async () => {
    await expireWindows();
    for (const remaining of [2, 1, 0]) {
      const response = await get("/api/v1/regions");
      expect(response.statusCode).toBe(200);
      expect(response.headers["ratelimit-limit"]).toBe("3");
      expect(response.headers["ratelimit-remaining"]).toBe(String(remaining));
      const reset = Number(response.headers["ratelimit-reset"]);
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(60);
      expect(response.headers["ratelimit-policy"]).toBe("3;w=60");
    }
    const refused = await get("/api/v1/regions");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({
      status: 429,
      code: "rate_limited",
      type: "/api/errors#rate_limited",
    });
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers["ratelimit-remaining"]).toBe("0");
    expect(refused.headers["ratelimit-reset"]).toBe(String(retryAfter));
    // Errors are counted and limited too, and the message says how long to wait, in the caller's language.
    const french = await get("/api/v1/entries/1", { "accept-language": "fr" });
    expect(french.statusCode).toBe(429);
    expect(french.json().title).toContain(french.headers["retry-after"] as string);

    // Another address has its own budget; pages and the documentation are not limited.
    expect((await get("/api/v1/regions", {}, "198.51.100.9")).statusCode).toBe(200);
    const page = await get("/action-lines", { accept: "text/html" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["ratelimit-limit"]).toBeUndefined();
    expect((await get("/openapi.json")).statusCode).toBe(200);

    // A new window starts afresh.
    await expireWindows();
    const fresh = await get("/api/v1/regions");
    expect(fresh.statusCode).toBe(200);
    expect(fresh.headers["ratelimit-remaining"]).toBe("2");
  });

  it("give each token, and each signed-in user, its own budget", async () => {
    await expireWindows();
    const user = await makeUser(t.db);
    const first = await createApiToken(t.db, user.id, "one", ["entries:read"], null);
    const second = await createApiToken(t.db, user.id, "two", ["entries:read"], null);
    for (let i = 0; i < 5; i++) {
      const response = await get("/api/v1/regions", { authorization: `Bearer ${first}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers["ratelimit-limit"]).toBe("5");
    }
    const refused = await get("/api/v1/regions", { authorization: `Bearer ${first}` });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe("rate_limited");
    expect(refused.headers["retry-after"]).toBeDefined();
    // The other token, and anonymous calls from the same address, are not affected.
    expect((await get("/api/v1/regions", { authorization: `Bearer ${second}` })).statusCode).toBe(200);
    expect((await get("/api/v1/regions")).statusCode).toBe(200);
    // The browser session counts per user.
    const browser = await signedInBrowser(t.app, t.db, user);
    const viaSession = await browser.api("GET", "/api/v1/regions");
    expect(viaSession.statusCode).toBe(200);
    expect(viaSession.headers["ratelimit-limit"]).toBe("5");
    expect(viaSession.headers["ratelimit-remaining"]).toBe("4");
  });

  it("can be turned off (0)", async () => {
    await expireWindows();
    const limits = t.config.apiRateLimit;
    const saved = { ...limits };
    limits.anonymous = 0;
    try {
      for (let i = 0; i < 5; i++) {
        const response = await get("/api/v1/regions");
        expect(response.statusCode).toBe(200);
        expect(response.headers["ratelimit-limit"]).toBeUndefined();
      }
    } finally {
      Object.assign(limits, saved);
    }
  });
});
