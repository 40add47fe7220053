import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoEntries } from "../domains/stocktaking/demo-seed.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";

/**
 * Issue 4: on a slow connection the search page (HTML, CSS and script, compressed as a browser
 * asks for them; images not counted) stays within 60 KB, in a left-to-right and a right-to-left
 * language, with a full page of results and every facet.
 */
const BUDGET_BYTES = 60 * 1024;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoEntries(t.db, { count: 120, seed: 5 });
});
afterAll(async () => t?.close());

/** The bytes as sent to a browser that accepts br and gzip (tiny files are sent as they are). */
async function compressedSize(url: string): Promise<{ bytes: number; body: string }> {
  const headers = { "accept-encoding": "br, gzip" };
  const response = await t.app.inject({ method: "GET", url, headers });
  expect(response.statusCode).toBe(200);
  if (response.rawPayload.length > 1024) expect(response.headers["content-encoding"]).toMatch(/br|gzip/);
  const plain = await t.app.inject({ method: "GET", url });
  return { bytes: response.rawPayload.length, body: plain.body };
}

describe("page weight", () => {
  it.each(["en", "ar"])("keeps the search page (%s) under 60 KB compressed", async (lang) => {
    const page = await compressedSize(`/entries?lang=${lang}&pageSize=20`);
    expect(page.body).toContain('class="results"');
    const assets = [...page.body.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map(
      (match) => match[1] as string,
    );
    expect(assets.length).toBeGreaterThanOrEqual(2); // the stylesheet and the search script
    let total = page.bytes;
    for (const asset of new Set(assets)) total += (await compressedSize(asset)).bytes;
    expect(total).toBeLessThan(BUDGET_BYTES);
  });
});
