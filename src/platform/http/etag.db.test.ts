import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSearchEntry, searchEntryData } from "../../domains/stocktaking/search.testing.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { ifNoneMatchHits } from "./etag.ts";

let t: TestApp;
let ownerId: string;
beforeAll(async () => {
  t = await createTestApp();
  ownerId = (await makeUser(t.db)).id;
  await insertSearchEntry(t.db, ownerId, searchEntryData({ title: "Cached entry" }));
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });

describe("ETag and If-None-Match on API reads", () => {
  for (const url of [
    "/api/v1/entries?q=cached",
    "/api/v1/action-lines",
    "/api/v1/sdgs",
    "/api/v1/sdg-matrix",
    "/api/v1/countries",
    "/api/v1/regions",
    "/openapi.json",
  ]) {
    it(`${url}: a weak ETag, then 304 with no body for the same tag`, async () => {
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
      expect(first.headers["cache-control"]).toBe("public, no-cache");
      expect(String(first.headers.vary)).toMatch(/Accept-Language/);
      expect(String(first.headers.vary)).toMatch(/Authorization/);

      const again = await get(url);
      expect(again.headers.etag).toBe(etag);
      const notModified = await get(url, { "if-none-match": etag });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.body).toBe("");
      expect(notModified.headers.etag).toBe(etag);
      expect(notModified.headers["content-type"]).toBeUndefined();
      // Weak comparison: the strong spelling and a list containing it match too.
      expect((await get(url, { "if-none-match": etag.slice(2) })).statusCode).toBe(304);
      expect((await get(url, { "if-none-match": `W/"other", ${etag}` })).statusCode).toBe(304);
      expect((await get(url, { "if-none-match": 'W/"other"' })).statusCode).toBe(200);
    });
  }

  it("keeps the tag and the 304 under compression", async () => {
    const plain = await get("/api/v1/action-lines");
    const gzip = await get("/api/v1/action-lines", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers.etag).toBe(plain.headers.etag);
    const notModified = await get("/api/v1/action-lines", {
      "accept-encoding": "gzip",
      "if-none-match": plain.headers.etag as string,
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.rawPayload.length).toBe(0);
  });

  it("gives each language its own tag", async () => {
    const en = await get("/api/v1/action-lines", { "accept-language": "en" });
    const fr = await get("/api/v1/action-lines", { "accept-language": "fr" });
    expect(fr.headers.etag).not.toBe(en.headers.etag);
    const stale = await get("/api/v1/action-lines", {
      "accept-language": "fr",
      "if-none-match": en.headers.etag as string,
    });
    expect(stale.statusCode).toBe(200);
  });

  it("changes the tag when the resource changes", async () => {
    const url = "/api/v1/entries?q=cached";
    const before = await get(url);
    await insertSearchEntry(t.db, ownerId, searchEntryData({ title: "Cached entry two" }));
    const after = await get(url, { "if-none-match": before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().total).toBe(before.json().total + 1);

    const entry = await makeEntry(t.db, ownerId, { state: "published" });
    const owner = await signedInBrowser(t.app, t.db, { id: ownerId });
    const read = await owner.api("GET", `/api/v1/entries/${entry.id}`);
    expect(read.statusCode).toBe(200);
    const updated = await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: "A new title" });
    expect(updated.statusCode).toBe(200);
    const reread = await owner.api("GET", `/api/v1/entries/${entry.id}`, undefined, {
      "if-none-match": read.headers.etag as string,
    });
    expect(reread.statusCode).toBe(200);
    expect(reread.headers.etag).not.toBe(read.headers.etag);
    expect(
      (
        await owner.api("GET", `/api/v1/entries/${entry.id}`, undefined, {
          "if-none-match": reread.headers.etag as string,
        })
      ).statusCode,
    ).toBe(304);
  });

  it("marks answers to signed-in callers private", async () => {
    const owner = await signedInBrowser(t.app, t.db, { id: ownerId });
    const response = await owner.api("GET", "/api/v1/action-lines");
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("private, no-cache");
  });

  it("leaves errors, writes and pages alone", async () => {
    const problem = await get("/api/v1/entries?sdg=99");
    expect(problem.statusCode).toBe(400);
    expect(problem.headers.etag).toBeUndefined();
    const missing = await get("/api/v1/entries/999999");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    const page = await get("/action-lines", { accept: "text/html" });
    expect(page.headers.etag).toBeUndefined();
    expect(page.headers["cache-control"]).toBe("no-store");
  });
});

describe("If-None-Match matching", () => {
  it("compares weakly and accepts *", () => {
    expect(ifNoneMatchHits(undefined, 'W/"a"')).toBe(false);
    expect(ifNoneMatchHits('"a"', 'W/"a"')).toBe(true);
    expect(ifNoneMatchHits('W/"b" , W/"a"', 'W/"a"')).toBe(true);
    expect(ifNoneMatchHits("*", 'W/"a"')).toBe(true);
    expect(ifNoneMatchHits('"ab"', 'W/"a"')).toBe(false);
  });
});
