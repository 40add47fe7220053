import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { insertSearchEntry, searchEntryData, seedSearchFixtures } from "../stocktaking/search.testing.ts";
import { childrenNamed, parseXml, type XmlElement } from "./xml.testing.ts";

let t: TestApp;
let fixtures: Record<string, string> = {};
const tricky = {
  title: `Tags <b>&amp; "quotes" 'apostrophes' ]]> and more`,
  organisation: "Ampersand & Sons <Ltd>",
  description: "Line one\nline two with a control-free ]]> and < & > signs.",
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  ({ ids: fixtures } = await seedSearchFixtures(t.db));
  const owner = await makeUser(t.db);
  ids.tricky = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: tricky.title,
      organisationName: tricky.organisation,
      description: tricky.description,
      actionLines: ["C4", "C7-ehealth"],
    }),
    { publishedAt: new Date(Date.UTC(2026, 9, 1, 12, 30)) },
  );
  ids.arabic = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: "مبادرة المدارس الرقمية",
      description: "تدريب المعلمين على المهارات الرقمية في المدارس الريفية.",
      language: "ar",
    }),
    { publishedAt: new Date(Date.UTC(2026, 9, 2)) },
  );
});
afterAll(async () => t?.close());

async function feed(query: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: "GET", url: `/entries/feed.atom${query}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers["content-type"]).toBe("application/atom+xml; charset=utf-8");
  const root = parseXml(response.body);
  return { root, body: response.body, entries: childrenNamed(root, "entry") };
}

const textOf = (element: XmlElement, name: string) => childrenNamed(element, name)[0]?.text;
const linkOf = (element: XmlElement, rel: string) =>
  childrenNamed(element, "link").find((link) => link.attributes.rel === rel)?.attributes.href;

async function newestIds(query: string): Promise<string[]> {
  const response = await t.app.inject({
    method: "GET",
    url: `/api/v1/entries?${query}${query ? "&" : ""}sort=newest&pageSize=50`,
  });
  return (response.json() as { items: Array<{ id: string }> }).items.map((item) => item.id);
}

describe("Atom feed of a search", () => {
  it("is valid Atom with the 50 newest entries of the search, newest first", async () => {
    const { root, entries } = await feed("");
    expect(root.name).toBe("feed");
    expect(root.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    expect(entries).toHaveLength(50);
    const expected = await newestIds("");
    expect(entries.map((entry) => textOf(entry, "id"))).toEqual(
      expected.map((id) => `${t.config.baseUrl}/entries/${id}`),
    );
    // Required elements (RFC 4287 §4.1.1, §4.1.2).
    for (const name of ["id", "title", "updated", "author"])
      expect(childrenNamed(root, name)).toHaveLength(1);
    for (const entry of entries) {
      for (const name of ["id", "title", "updated", "published"])
        expect(childrenNamed(entry, name), name).toHaveLength(1);
      expect(textOf(entry, "updated")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(linkOf(entry, "alternate")).toBe(textOf(entry, "id"));
    }
    const published = entries.map((entry) => textOf(entry, "published") as string);
    expect([...published].sort().reverse()).toEqual(published);
    expect(textOf(root, "updated")).toBe(published[0]);
    expect(textOf(root, "id")).toBe(`${t.config.baseUrl}/entries/feed.atom`);
  });

  it("follows the search's words and filters, ignoring its order and paging", async () => {
    const { root, entries } = await feed("?q=zebrafish&sort=title&page=2&pageSize=5");
    expect(entries.map((entry) => textOf(entry, "id"))).toEqual(
      [fixtures.zebraC, fixtures.zebraB, fixtures.zebraA].map((id) => `${t.config.baseUrl}/entries/${id}`),
    );
    expect(textOf(root, "id")).toBe(`${t.config.baseUrl}/entries/feed.atom?q=zebrafish`);
    expect(linkOf(root, "self")).toBe(`${t.config.baseUrl}/entries/feed.atom?q=zebrafish`);
    expect(linkOf(root, "alternate")).toBe(`${t.config.baseUrl}/entries?q=zebrafish&sort=newest`);
    expect(textOf(root, "title")).toBe("WSIS Stocktaking: newly published entries matching “zebrafish”");

    const filtered = await feed("?sdg=4&status=ongoing");
    expect(filtered.entries.map((entry) => textOf(entry, "id"))).toEqual(
      (await newestIds("sdg=4&status=ongoing")).map((id) => `${t.config.baseUrl}/entries/${id}`),
    );
  });

  it("escapes every text and keeps it exact", async () => {
    const { body, entries } = await feed("?q=ampersand");
    expect(body).not.toContain("<b>");
    const [entry] = entries as [XmlElement];
    expect(textOf(entry, "title")).toBe(tricky.title);
    expect(textOf(entry, "summary")).toBe(tricky.description);
    expect(textOf(childrenNamed(entry, "author")[0] as XmlElement, "name")).toBe(tricky.organisation);
    expect(textOf(entry, "published")).toBe("2026-10-01T12:30:00.000Z");
    expect(childrenNamed(entry, "category").map((category) => category.attributes.term)).toEqual([
      "C4",
      "C7-ehealth",
    ]);
  });

  it("marks each entry with its own language and the feed with the reader's", async () => {
    const { root, entries } = await feed("?lang=fr");
    expect(root.attributes["xml:lang"]).toBe("fr");
    expect(textOf(root, "title")).toBe("Inventaire du SMSI : fiches récemment publiées");
    expect(textOf(root, "id")).toBe(`${t.config.baseUrl}/entries/feed.atom`);
    expect(linkOf(root, "self")).toBe(`${t.config.baseUrl}/entries/feed.atom?lang=fr`);
    const arabic = entries.find((entry) => textOf(entry, "id")?.endsWith(`/entries/${ids.arabic}`));
    expect(arabic?.attributes["xml:lang"]).toBe("ar");
    expect(textOf(arabic as XmlElement, "title")).toBe("مبادرة المدارس الرقمية");
  });

  it("is an empty but valid feed when nothing matches", async () => {
    const { root, entries } = await feed("?q=nothingmatchesthisatall");
    expect(entries).toHaveLength(0);
    expect(textOf(root, "updated")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("refuses a bad search with 400", async () => {
    for (const query of ["?sdg=99", "?country=XX", `?q=${"a".repeat(201)}`, "?yearFrom=2020&yearTo=2000"]) {
      const response = await t.app.inject({ method: "GET", url: `/entries/feed.atom${query}` });
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
    }
  });
});

describe("search page links to the feed and the downloads", () => {
  it("puts the search's feed in the head and download links under the results", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/entries?q=zebrafish&sdg=4&pageSize=50",
      headers: { accept: "text/html" },
    });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toContain(
      '<link rel="alternate" type="application/atom+xml" href="/entries/feed.atom?q=zebrafish&amp;sdg=4"',
    );
    for (const format of ["csv", "xlsx", "json", "ndjson"])
      expect(html).toContain(`href="/api/v1/entries/export?q=zebrafish&amp;sdg=4&amp;format=${format}"`);
    expect(html).toContain("Download these results");
  });

  it("offers no downloads for an empty result, in any language", async () => {
    const empty = await t.app.inject({ method: "GET", url: "/entries?q=nothingmatchesthisatall" });
    expect(empty.body).not.toContain("/api/v1/entries/export");
    const arabic = await t.app.inject({ method: "GET", url: "/entries?q=zebrafish&lang=ar" });
    expect(arabic.body).toContain("تنزيل هذه النتائج");
  });
});
