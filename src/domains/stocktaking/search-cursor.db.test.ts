import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cursorKey, signCursor } from "../../platform/signed-cursor.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import type { RawQuery } from "./search.params.ts";
import { sqlSearchBackend } from "./search.repo.ts";
import { searchEntries } from "./search.service.ts";
import { insertSearchEntry, searchEntryData } from "./search.testing.ts";

let t: TestApp;
let ownerId: string;
let key: Buffer;
const base = Date.UTC(2024, 0, 1);

/**
 * 40 published entries built to stress every order: equal publication times (the id breaks the
 * tie), titles equal but for case and accents, and "solar" in the title, the organisation or the
 * description only, so relevance has several tiers with ties inside each.
 */
beforeAll(async () => {
  t = await createTestApp();
  key = cursorKey(t.config.sessionSecret);
  ownerId = (await makeUser(t.db)).id;
  const titles = ["Alpha", "alpha", "Álpha", "Beta", "beta", "Gamma", "Solar Delta", "solar alpha"];
  for (let i = 0; i < 40; i++) {
    const where = i % 4;
    await insertSearchEntry(
      t.db,
      ownerId,
      searchEntryData({
        title: `${titles[i % titles.length]}${where === 0 ? " solar" : ""}`,
        organisationName: where === 1 ? "Solar Cooperative" : "Village Network",
        description:
          where === 2 ? "A solar project for schools and clinics." : "A project for schools and clinics.",
      }),
      // Groups of three share one publication time.
      { publishedAt: new Date(base + Math.floor(i / 3) * 60_000) },
    );
  }
});
afterAll(async () => t?.close());

interface Page {
  total: number;
  page: number;
  nextCursor: string | null;
  items: Array<{ id: string }>;
}

async function get(query: string) {
  return t.app.inject({ method: "GET", url: `/api/v1/entries?${query}` });
}

/** Follows `nextCursor` from the first page to the last; returns the ids in the order received. */
async function walkApi(query: string, pageSize: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const response = await get(`${query}&pageSize=${pageSize}${suffix}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as Page;
    ids.push(...body.items.map((item) => item.id));
    if (body.nextCursor) {
      expect(response.headers.link).toContain('rel="next"');
      expect(response.headers.link).toContain(`cursor=${encodeURIComponent(body.nextCursor)}`);
      expect(body.items.length).toBe(pageSize);
    } else expect(response.headers.link).toBeUndefined();
    cursor = body.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(100);
  } while (cursor);
  return { ids, pages };
}

async function onePage(query: string): Promise<string[]> {
  const body = (await get(`${query}&pageSize=100`)).json() as Page;
  expect(body.total).toBeLessThanOrEqual(100);
  return body.items.map((item) => item.id);
}

const SEARCHES: Array<[string, string]> = [
  ["newest", "sort=newest"],
  ["title", "sort=title"],
  ["relevance", "q=solar&sort=relevance"],
  ["relevance, two words", "q=solar+schools"],
  ["newest, filtered", "q=project&sort=newest&country=KE"],
];

describe("cursor paging through the API (the search index)", () => {
  for (const [name, query] of SEARCHES) {
    it(`walks the whole result exactly once in the ${name} order`, async () => {
      const expected = await onePage(query);
      expect(expected.length).toBeGreaterThan(7);
      for (const pageSize of [1, 7, 13]) {
        const { ids, pages } = await walkApi(query, pageSize);
        expect(ids, `pageSize ${pageSize}`).toEqual(expected);
        expect(new Set(ids).size).toBe(ids.length);
        expect(pages).toBe(Math.ceil(expected.length / pageSize));
      }
    });
  }

  it("neither repeats nor skips when entries are published during the walk", async () => {
    const query = "sort=newest";
    const before = await onePage(query);
    const first = (await get(`${query}&pageSize=10`)).json() as Page;
    // Newer than everything: with offsets, the first page's last result would come again.
    const added = await insertSearchEntry(t.db, ownerId, searchEntryData({ title: "Late arrival" }), {
      publishedAt: new Date(),
    });
    const seen = first.items.map((item) => item.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const body = (await get(`${query}&pageSize=10&cursor=${encodeURIComponent(cursor)}`)).json() as Page;
      seen.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    }
    expect(seen).toEqual(before);
    expect(seen).not.toContain(added);
    await t.db.deleteFrom("entries").where("id", "=", added).execute();
  });

  it("numbers the pages it reaches and keeps page/pageSize working alongside", async () => {
    const first = (await get("sort=newest&pageSize=5")).json() as Page;
    const second = (
      await get(`sort=newest&pageSize=5&cursor=${encodeURIComponent(first.nextCursor as string)}`)
    ).json() as Page;
    expect(second.page).toBe(2);
    const byPage = (await get("sort=newest&pageSize=5&page=2")).json() as Page;
    expect(second.items).toEqual(byPage.items);
    // A cursor wins over `page`.
    const both = (
      await get(`sort=newest&pageSize=5&page=7&cursor=${encodeURIComponent(first.nextCursor as string)}`)
    ).json() as Page;
    expect(both.items).toEqual(second.items);
  });
});

describe("cursor paging on the SQL reference backend", () => {
  const backend = () => sqlSearchBackend(t.db);
  const raw = (query: string): RawQuery => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(query)) {
      const current = out[name];
      out[name] = current === undefined ? value : [...(Array.isArray(current) ? current : [current]), value];
    }
    return out;
  };

  for (const [name, query] of SEARCHES) {
    it(`walks the whole result exactly once in the ${name} order`, async () => {
      const all = await searchEntries(t.db, raw(`${query}&pageSize=100`), backend());
      const expected = all.rows.map((row) => row.id);
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await searchEntries(
          t.db,
          raw(`${query}&pageSize=6${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
          backend(),
          { cursorKey: key },
        );
        ids.push(...page.rows.map((row) => row.id));
        cursor = page.nextCursor ?? null;
      } while (cursor);
      expect(ids).toEqual(expected);
    });
  }

  it("a cursor of one backend continues on the other by its position", async () => {
    const query = "sort=newest";
    const first = await searchEntries(t.db, raw(`${query}&pageSize=8`), backend(), { cursorKey: key });
    const expected = await onePage(query);
    const next = (
      await get(`${query}&pageSize=8&cursor=${encodeURIComponent(first.nextCursor as string)}`)
    ).json() as Page;
    expect(next.items.map((item) => item.id)).toEqual(expected.slice(8, 16));
  });
});

describe("a cursor that is not ours", () => {
  const expectInvalid = async (query: string) => {
    const response = await get(query);
    expect(response.statusCode, query).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json(), query).toMatchObject({
      code: "invalid_cursor",
      type: "/api/errors#invalid_cursor",
    });
  };

  it("is refused with 400 invalid_cursor when tampered with, malformed, foreign or for another search", async () => {
    const first = (await get("sort=newest&pageSize=5")).json() as Page;
    const cursor = first.nextCursor as string;
    const [body, mac] = cursor.split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));

    // The payload altered (a later position) but the signature kept.
    const altered = Buffer.from(JSON.stringify({ ...payload, o: payload.o + 10 })).toString("base64url");
    await expectInvalid(`sort=newest&cursor=${altered}.${mac}`);
    // One character of the signature changed.
    const flipped = `${body}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
    await expectInvalid(`sort=newest&cursor=${encodeURIComponent(flipped)}`);
    // Malformed.
    for (const junk of ["", "abc", "a.b.c", `${body}.`, `.${mac}`, "%00", "ü.ü", "x".repeat(3000)])
      await expectInvalid(`sort=newest&cursor=${encodeURIComponent(junk)}`);
    // Signed by another deployment (another secret).
    await expectInvalid(
      `sort=newest&cursor=${signCursor(cursorKey("another secret of at least 32 characters!"), payload)}`,
    );
    // Ours, but made for another search (other filters, other sort, other words).
    await expectInvalid(`sort=title&cursor=${encodeURIComponent(cursor)}`);
    await expectInvalid(`sort=newest&country=KE&cursor=${encodeURIComponent(cursor)}`);
    await expectInvalid(`q=solar&sort=newest&cursor=${encodeURIComponent(cursor)}`);
    // Signed with our key but holding a key of the wrong shape (only a bug could make one).
    await expectInvalid(
      `sort=newest&cursor=${signCursor(key, { ...payload, k: ["'; drop table entries; --", 1] })}`,
    );
    await expectInvalid(`sort=newest&cursor=${signCursor(key, { ...payload, o: -1 })}`);
    // The same cursor twice is a malformed request, not a cursor.
    const twice = await get(
      `sort=newest&cursor=${encodeURIComponent(cursor)}&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(twice.statusCode).toBe(400);
    // And the genuine cursor still works, with another page size too.
    expect((await get(`sort=newest&pageSize=9&cursor=${encodeURIComponent(cursor)}`)).statusCode).toBe(200);
  });

  it("the search page ignores the parameter (it pages by number)", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/entries?cursor=garbage",
      headers: { accept: "text/html" },
    });
    expect(response.statusCode).toBe(200);
  });
});
