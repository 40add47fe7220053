import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { api, matches, type PublishedRow, search, seedSearchFixtures } from "./search.testing.ts";

let t: TestApp;
let published: PublishedRow[] = [];
let ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  ({ published, ids } = await seedSearchFixtures(t.db));
});
afterAll(async () => t?.close());

describe("searchEntries: text, order and pages", () => {
  it("finds words in the title, the organisation and the description", async () => {
    for (const q of ["telemetry", "kelp", "bioacoustic", "Mangrove Telemetry"]) {
      const body = await search(t.app, new URLSearchParams({ q }).toString());
      expect({ q, ids: body.items.map((item) => item.id) }).toEqual({ q, ids: [ids.mangrove] });
    }
    expect((await search(t.app, "q=telemetry+zzzunknown")).total).toBe(0);
  });

  it("matches across case and accents and at word prefixes", async () => {
    for (const q of ["MANGROVE", "mangróve", "Mangrov", "telem coast", "BIOACOUS", "kélp inst"]) {
      const body = await search(t.app, new URLSearchParams({ q }).toString());
      expect({ q, ids: body.items.map((item) => item.id) }).toEqual({ q, ids: [ids.mangrove] });
    }
    // A word must start a word: the middle of one is not a match.
    expect((await search(t.app, "q=angrove")).total).toBe(0);
  });

  it("highlights the matched words in the snippet", async () => {
    const body = await search(t.app, "q=mangrove+fish");
    const item = body.items.find((candidate) => candidate.id === ids.mangrove);
    const snippet = (item as unknown as { snippet: { text: string; highlights: Array<[number, number]> } })
      .snippet;
    const marked = snippet.highlights.map(([from, to]) => snippet.text.slice(from, to));
    expect(marked).toEqual(["mangrove", "fishing"]);
  });

  it("refuses more than ten words with a field error", async () => {
    const response = await api(t.app, `q=${encodeURIComponent("a b c d e f g h i j k")}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: "q", code: "too_many_words" })]);
  });

  it("never fails on query syntax characters", async () => {
    const queries = [
      "&",
      "|",
      "!",
      ":",
      "*",
      "(",
      ")",
      "'",
      "\\",
      "a & b",
      "!(x|y):*",
      "'unclosed",
      '"unclosed',
      "-",
      "or",
      "::*",
      "\\'",
      "zebrafish:* & !",
      "()",
    ];
    for (const q of queries) {
      const response = await api(t.app, new URLSearchParams({ q }).toString());
      expect({ q, status: response.statusCode }).toEqual({ q, status: 200 });
      const page = await t.app.inject({ method: "GET", url: `/entries?${new URLSearchParams({ q })}` });
      expect({ q, status: page.statusCode }).toEqual({ q, status: 200 });
    }
  });

  it("survives control characters and broken percent-encoding", async () => {
    for (const raw of ["q=%00", "q=%ff", "q=%E2%82", "q=abc%", "sdg=%ff", "q=%F0%9F%98%80"]) {
      const response = await api(t.app, raw);
      expect({ raw, ok: response.statusCode < 500 }).toEqual({ raw, ok: true });
      const page = await t.app.inject({ method: "GET", url: `/entries?${raw}` });
      expect({ raw, ok: page.statusCode < 500 }).toEqual({ raw, ok: true });
    }
  });

  it("ranks title matches first for relevance, orders by date or title otherwise", async () => {
    const relevance = await search(t.app, "q=zebrafish");
    expect(
      relevance.items
        .map((item) => item.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([ids.zebraA, ids.zebraB].sort());
    expect(relevance.items.map((item) => item.id)).toContain(ids.zebraC);
    expect(relevance.items.at(-1)?.id).toBe(ids.zebraC);

    const byTitle = await search(t.app, "q=zebrafish&sort=title");
    expect(byTitle.items.map((item) => item.id)).toEqual([ids.zebraA, ids.zebraB, ids.zebraC]);
    const newest = await search(t.app, "q=zebrafish&sort=newest");
    expect(newest.items.map((item) => item.id)).toEqual([ids.zebraC, ids.zebraB, ids.zebraA]);

    const expected = [...published]
      .sort((a, b) => b.published_at.getTime() - a.published_at.getTime() || Number(b.id) - Number(a.id))
      .map((row) => row.id);
    const defaultOrder = await search(t.app, "pageSize=100");
    expect(defaultOrder.items.map((item) => item.id)).toEqual(expected.slice(0, 100));
  });

  it("pages through results with stable, non-overlapping pages", async () => {
    const first = await search(t.app, "sort=newest&pageSize=100");
    const page3 = await search(t.app, "sort=newest&pageSize=7&page=3");
    expect(page3.page).toBe(3);
    expect(page3.total).toBe(first.total);
    expect(page3.items.map((item) => item.id)).toEqual(first.items.slice(14, 21).map((item) => item.id));
    const beyond = await search(t.app, "pageSize=50&page=20");
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });

  it("never shows unpublished entries or counts them", async () => {
    expect((await search(t.app, "q=quokkasecret")).total).toBe(0);
    const body = await search(t.app, "country=AU&actionLine=C11");
    expect(body.items.map((item) => item.id)).not.toContain(ids.submitted);
    expect(body.total).toBe(
      published.filter((row) => matches(row, { country: ["AU"], actionLine: ["C11"] })).length,
    );
    const page = await t.app.inject({ method: "GET", url: "/entries?q=quokkasecret" });
    expect(page.body).not.toContain("Quokkasecret unpublished");
  });

  it("presents items with names and links, never raw rows", async () => {
    const body = await search(t.app, "q=telemetry");
    const item = body.items[0] as unknown as Record<string, unknown>;
    expect(item).toMatchObject({
      id: ids.mangrove,
      title: "Mangrove telemetry for coastal villages",
      organisation: "Kelp Institute",
      status: { code: "planned", name: "Planned" },
      startYear: 2026,
      countries: [
        { code: "SN", name: "Senegal" },
        { code: "GM", name: expect.any(String) },
      ],
    });
    expect(String(item.url)).toMatch(new RegExp(`/entries/${ids.mangrove}$`));
    expect(item).not.toHaveProperty("search_vector");
    expect(item).not.toHaveProperty("owner_id");
  });
});

describe("searchEntries: bad input", () => {
  const cases: Array<[string, string, string]> = [
    ["actionLine=C99", "actionLine", "unknown_code"],
    ["sdg=18", "sdg", "unknown_code"],
    ["sdg=four", "sdg", "invalid_value"],
    ["region=XYZ", "region", "unknown_code"],
    ["country=ZZ", "country", "unknown_code"],
    ["stakeholderType=aliens", "stakeholderType", "unknown_code"],
    ["targetGroup=robots", "targetGroup", "unknown_code"],
    ["status=paused", "status", "unknown_code"],
    ["year=soon", "year", "invalid_value"],
    ["year=99999", "year", "out_of_range"],
    ["sort=random", "sort", "invalid_value"],
    ["sort=title&sort=newest", "sort", "invalid_value"],
    ["page=0", "page", "out_of_range"],
    ["page=-1", "page", "out_of_range"],
    ["page=two", "page", "invalid_value"],
    ["page=1&page=2", "page", "invalid_value"],
    ["pageSize=0", "pageSize", "out_of_range"],
    ["pageSize=101", "pageSize", "out_of_range"],
    ["pageSize=1000000", "pageSize", "out_of_range"],
    ["pageSize=100&page=101", "page", "out_of_range"],
    ["page=9999999999999", "page", "invalid_value"],
    [`q=${"a".repeat(201)}`, "q", "too_long"],
    ["q=a&q=b", "q", "invalid_value"],
  ];

  it("answers the API with 400 validation_failed and a field error", async () => {
    for (const [query, field, code] of cases) {
      const response = await api(t.app, query);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.headers["content-type"]).toContain("application/problem+json");
      const body = response.json() as { code: string; errors: Array<{ field: string; code: string }> };
      expect(body.code).toBe("validation_failed");
      expect({
        query,
        error: body.errors.find((error) => error.field.split(".")[0] === field)?.code,
      }).toEqual({
        query,
        error: code,
      });
    }
  });

  it("answers the page with a normal page, a message and status 400", async () => {
    for (const [query, field] of cases) {
      const response = await t.app.inject({
        method: "GET",
        url: `/entries?${query}`,
        headers: { accept: "text/html" },
      });
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.body).toContain("This search could not be run");
      expect(response.body).toContain('<form method="get" action="/entries"');
      expect(response.body).toContain('href="/entries"');
      expect(response.body.length).toBeGreaterThan(500);
      void field;
    }
    const deep = await t.app.inject({ method: "GET", url: "/entries?page=600" });
    expect(deep.body).toContain("Only the first 10,000 results");
  });

  it("ignores parameters it does not know", async () => {
    expect((await api(t.app, "lang=fr&utm_source=x")).statusCode).toBe(200);
  });
});
