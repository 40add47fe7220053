import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { seedDemoEntries } from "./demo-seed.ts";
import { FACETS, type FacetName } from "./search.params.ts";
import { insertSearchEntry, searchEntryData } from "./search.testing.ts";

interface Row {
  id: string;
  title: string;
  action_lines: string[];
  sdgs: number[];
  regions: string[];
  countries: string[];
  target_groups: string[];
  stakeholder_type: string | null;
  project_status: string | null;
  start_year: number | null;
  published_at: Date;
}

interface FacetJson {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}
interface SearchJson {
  total: number;
  page: number;
  pageSize: number;
  items: Array<{
    id: string;
    title: string;
    url: string;
    actionLines: Array<{ code: string; name: string }>;
  }>;
  facets: Record<FacetName, FacetJson[]>;
}

let t: TestApp;
let published: Row[] = [];
const ids: Record<string, string> = {};

/** A row's values for a facet, as query-parameter strings. */
function valuesOf(row: Row, facet: FacetName): string[] {
  switch (facet) {
    case "actionLine":
      return row.action_lines;
    case "sdg":
      return row.sdgs.map(String);
    case "region":
      return row.regions;
    case "country":
      return row.countries;
    case "targetGroup":
      return row.target_groups;
    case "stakeholderType":
      return row.stakeholder_type ? [row.stakeholder_type] : [];
    case "status":
      return row.project_status ? [row.project_status] : [];
    case "year":
      return row.start_year === null ? [] : [String(row.start_year)];
  }
}

type Filters = Partial<Record<FacetName, string[]>>;

function matches(row: Row, filters: Filters, exclude?: FacetName): boolean {
  return FACETS.every((facet) => {
    const wanted = filters[facet];
    if (facet === exclude || !wanted || wanted.length === 0) return true;
    const have = valuesOf(row, facet);
    return wanted.some((value) => have.includes(value));
  });
}

/** The reference answer: counts computed in plain JavaScript over the same published rows. */
function bruteForceCounts(rows: Row[], filters: Filters, facet: FacetName): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!matches(row, filters, facet)) continue;
    for (const value of valuesOf(row, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

function queryString(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const facet of FACETS) for (const value of filters[facet] ?? []) params.append(facet, value);
  return params.toString();
}

async function api(query: string) {
  return t.app.inject({ method: "GET", url: `/api/v1/entries?${query}` });
}

async function search(query: string): Promise<SearchJson> {
  const response = await api(query);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SearchJson;
}

/** Every id a search returns, over all its pages. */
async function allIds(filters: Filters, extra: Record<string, string> = {}): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const body = await search(queryString(filters, { ...extra, pageSize: "100", page: String(page) }));
    out.push(...body.items.map((item) => item.id));
    if (out.length >= body.total || body.items.length === 0) return out;
  }
}

function expectFacetsMatch(body: SearchJson, rows: Row[], filters: Filters): void {
  for (const facet of FACETS) {
    const expected = bruteForceCounts(rows, filters, facet);
    const got = new Map(body.facets[facet].map((value) => [value.value, value.count]));
    for (const [value, count] of expected)
      expect({ facet, value, count: got.get(value) }).toEqual({ facet, value, count });
    for (const [value, count] of got)
      expect({ facet, value, count }).toEqual({ facet, value, count: expected.get(value) ?? 0 });
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const owner = await makeUser(t.db);
  await seedDemoEntries(t.db, { count: 150, seed: 42 });
  const day = (n: number) => new Date(Date.UTC(2026, 7, n));
  ids.mangrove = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: "Mangrove telemetry for coastal villages",
      organisationName: "Kelp Institute",
      description: "Bioacoustic sensors report the health of mangrove forests to fishing cooperatives.",
      actionLines: ["C7-eenv", "C2"],
      sdgs: [13, 14],
      countries: ["SN", "GM"],
      targetGroups: ["rural_remote"],
      projectStatus: "planned",
      startDate: "2026-02-01",
    }),
    { publishedAt: day(1) },
  );
  ids.zebraB = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: "beta zebrafish registry",
      description: "Zebrafish zebrafish research data shared openly.",
    }),
    { publishedAt: day(3) },
  );
  ids.zebraA = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({ title: "Alpha zebrafish atlas", description: "An atlas for laboratories." }),
    { publishedAt: day(2) },
  );
  ids.zebraC = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: "Gamma laboratory network",
      description: "A network that mentions zebrafish once, in its description only.",
    }),
    { publishedAt: day(4) },
  );
  const secret = searchEntryData({
    title: "Quokkasecret unpublished project",
    description: "Quokkasecret must never be found by a visitor.",
    actionLines: ["C11"],
    sdgs: [17],
    countries: ["AU"],
  });
  for (const state of ["draft", "submitted", "returned", "rejected"] as const)
    ids[state] = await insertSearchEntry(t.db, owner.id, secret, { state });

  published = (await t.db
    .selectFrom("entries")
    .select([
      "id",
      "title",
      "action_lines",
      "sdgs",
      "regions",
      "countries",
      "target_groups",
      "stakeholder_type",
      "project_status",
      "start_year",
      "published_at",
    ])
    .where("published_revision_id", "is not", null)
    .execute()) as Row[];
});
afterAll(async () => t?.close());

describe("searchEntries: filters", () => {
  it("returns every published entry and only those without filters", async () => {
    const body = await search("pageSize=100");
    expect(body.total).toBe(published.length);
    expect(body.total).toBe(154);
    const every = await allIds({});
    expect(new Set(every)).toEqual(new Set(published.map((row) => row.id)));
  });

  it("filters by each facet alone", async () => {
    const sample = published.find((row) => row.countries.length > 0 && row.start_year !== null) as Row;
    for (const facet of FACETS) {
      const value = valuesOf(sample, facet)[0] as string;
      const expected = published.filter((row) => matches(row, { [facet]: [value] })).map((row) => row.id);
      const got = await allIds({ [facet]: [value] });
      expect({ facet, ids: new Set(got) }).toEqual({ facet, ids: new Set(expected) });
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it("ORs values within a facet and ANDs across facets", async () => {
    const sdg4 = new Set(await allIds({ sdg: ["4"] }));
    const sdg9 = new Set(await allIds({ sdg: ["9"] }));
    const either = new Set(await allIds({ sdg: ["4", "9"] }));
    expect(either).toEqual(new Set([...sdg4, ...sdg9]));
    expect(either.size).toBeGreaterThan(Math.max(sdg4.size, sdg9.size));

    const ongoing = new Set(await allIds({ status: ["ongoing"] }));
    const both = new Set(await allIds({ sdg: ["4", "9"], status: ["ongoing"] }));
    expect(both).toEqual(new Set([...either].filter((id) => ongoing.has(id))));
    expect(both.size).toBeGreaterThan(0);
    expect(both.size).toBeLessThan(either.size);
  });

  it("counts every facet value as a brute-force count over the same rows would", async () => {
    const withRegion = published.find((row) => row.regions.length > 0) as Row;
    const combinations: Filters[] = [
      {},
      { actionLine: ["C4"] },
      { sdg: ["4", "5"] },
      { region: [withRegion.regions[0] as string], status: ["ongoing"] },
      { actionLine: ["C7-ehealth", "C2"], targetGroup: ["youth"] },
      { stakeholderType: ["government", "academia"], year: [String(withRegion.start_year)] },
      {
        country: [withRegion.countries[0] as string],
        sdg: ["4", "9", "17"],
        status: ["ongoing", "completed"],
      },
      { actionLine: ["C11"], sdg: ["1"], region: ["EUR"], targetGroup: ["women_girls"] },
    ];
    for (const filters of combinations) {
      const body = await search(queryString(filters));
      const expectedTotal = published.filter((row) => matches(row, filters)).length;
      expect({ filters, total: body.total }).toEqual({ filters, total: expectedTotal });
      expectFacetsMatch(body, published, filters);
    }
  });

  it("counts facets within a full-text search too", async () => {
    const word = "digital";
    const textIds = new Set(await allIds({}, { q: word }));
    expect(textIds.size).toBeGreaterThan(0);
    const rows = published.filter((row) => textIds.has(row.id));
    for (const filters of [
      {},
      { sdg: ["4"] },
      { actionLine: ["C4", "C1"], status: ["ongoing"] },
    ] as Filters[]) {
      const body = await search(queryString(filters, { q: word }));
      expect(body.total).toBe(rows.filter((row) => matches(row, filters)).length);
      expectFacetsMatch(body, rows, filters);
    }
  });

  it("lists every small code list value, zero counts included, and marks the chosen ones", async () => {
    const body = await search("actionLine=C7-eenv&sdg=14");
    expect(body.facets.actionLine).toHaveLength(18);
    expect(body.facets.sdg).toHaveLength(17);
    expect(body.facets.region).toHaveLength(6);
    expect(body.facets.status.map((value) => value.value)).toEqual(["planned", "ongoing", "completed"]);
    expect(body.facets.actionLine.find((value) => value.value === "C7-eenv")).toMatchObject({
      selected: true,
      label: "C7 ICT applications: E-environment",
    });
    expect(body.facets.sdg.find((value) => value.value === "14")?.label).toMatch(/^SDG 14: /);
    expect(body.facets.country.every((value) => value.count > 0 || value.selected)).toBe(true);
    expect(body.facets.country.find((value) => value.value === "SN")?.label).toBe("Senegal");
    expect(body.facets.year.every((value) => value.count > 0 || value.selected)).toBe(true);
  });
});

describe("searchEntries: text, order and pages", () => {
  it("finds words in the title, the organisation and the description", async () => {
    for (const q of ["telemetry", "kelp", "bioacoustic", "Mangrove Telemetry", '"coastal villages"']) {
      const body = await search(new URLSearchParams({ q }).toString());
      expect({ q, ids: body.items.map((item) => item.id) }).toEqual({ q, ids: [ids.mangrove] });
    }
    expect((await search("q=telemetry+-mangrove")).total).toBe(0);
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
      const response = await api(new URLSearchParams({ q }).toString());
      expect({ q, status: response.statusCode }).toEqual({ q, status: 200 });
      const page = await t.app.inject({ method: "GET", url: `/entries?${new URLSearchParams({ q })}` });
      expect({ q, status: page.statusCode }).toEqual({ q, status: 200 });
    }
  });

  it("survives control characters and broken percent-encoding", async () => {
    for (const raw of ["q=%00", "q=%ff", "q=%E2%82", "q=abc%", "sdg=%ff", "q=%F0%9F%98%80"]) {
      const response = await api(raw);
      expect({ raw, ok: response.statusCode < 500 }).toEqual({ raw, ok: true });
      const page = await t.app.inject({ method: "GET", url: `/entries?${raw}` });
      expect({ raw, ok: page.statusCode < 500 }).toEqual({ raw, ok: true });
    }
  });

  it("ranks title matches first for relevance, orders by date or title otherwise", async () => {
    const relevance = await search("q=zebrafish");
    expect(
      relevance.items
        .map((item) => item.id)
        .slice(0, 2)
        .sort(),
    ).toEqual([ids.zebraA, ids.zebraB].sort());
    expect(relevance.items.map((item) => item.id)).toContain(ids.zebraC);
    expect(relevance.items.at(-1)?.id).toBe(ids.zebraC);

    const byTitle = await search("q=zebrafish&sort=title");
    expect(byTitle.items.map((item) => item.id)).toEqual([ids.zebraA, ids.zebraB, ids.zebraC]);
    const newest = await search("q=zebrafish&sort=newest");
    expect(newest.items.map((item) => item.id)).toEqual([ids.zebraC, ids.zebraB, ids.zebraA]);

    const expected = [...published]
      .sort((a, b) => b.published_at.getTime() - a.published_at.getTime() || Number(b.id) - Number(a.id))
      .map((row) => row.id);
    const defaultOrder = await search("pageSize=100");
    expect(defaultOrder.items.map((item) => item.id)).toEqual(expected.slice(0, 100));
  });

  it("pages through results with stable, non-overlapping pages", async () => {
    const first = await search("sort=newest&pageSize=100");
    const page3 = await search("sort=newest&pageSize=7&page=3");
    expect(page3.page).toBe(3);
    expect(page3.total).toBe(first.total);
    expect(page3.items.map((item) => item.id)).toEqual(first.items.slice(14, 21).map((item) => item.id));
    const beyond = await search("pageSize=50&page=20");
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });

  it("never shows unpublished entries or counts them", async () => {
    expect((await search("q=quokkasecret")).total).toBe(0);
    const body = await search("country=AU&actionLine=C11");
    expect(body.items.map((item) => item.id)).not.toContain(ids.submitted);
    expect(body.total).toBe(
      published.filter((row) => matches(row, { country: ["AU"], actionLine: ["C11"] })).length,
    );
    const page = await t.app.inject({ method: "GET", url: "/entries?q=quokkasecret" });
    expect(page.body).not.toContain("Quokkasecret unpublished");
  });

  it("presents items with names and links, never raw rows", async () => {
    const body = await search("q=telemetry");
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
      const response = await api(query);
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
    expect((await api("lang=fr&utm_source=x")).statusCode).toBe(200);
  });
});

describe("the search page", () => {
  it("renders a plain GET form with counts, results and pagination", async () => {
    const body = await search("actionLine=C4&pageSize=5");
    const response = await t.app.inject({ method: "GET", url: "/entries?actionLine=C4&pageSize=5" });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/<form method="get" action="\/entries" class="search-form" data-auto-submit(="")?>/);
    expect(html).toMatch(/<label for="search-q">/);
    expect(html).toContain('name="q"');
    expect(html).toMatch(/<button type="submit">Apply filters<\/button>/);
    expect(html).toMatch(/<script src="\/assets\/search\.[0-9a-f]{12}\.js" defer(="")?><\/script>/);
    expect(html).toContain('<div role="status" class="result-count"><h2 id="results-title">');
    expect(html).toContain(`${body.total} results`);
    // The ticked box, with its count inside the label so it is part of the accessible name.
    const c4 = body.facets.actionLine.find((value) => value.value === "C4") as FacetJson;
    expect(html).toMatch(
      new RegExp(
        `<input type="checkbox" name="actionLine" value="C4" checked(="")?\\s*/?> ?C4 Capacity building</span><span class="count">${c4.count}<span class="visually-hidden"> results</span>`,
      ),
    );
    // Zero counts are shown, not hidden.
    expect(html).toMatch(/<span class="count">0<span class="visually-hidden"> results<\/span>/);
    for (const item of body.items) expect(html).toContain(`href="/entries/${item.id}"`);
    expect(html).toContain('href="/entries?actionLine=C4&amp;pageSize=5&amp;page=2"');
    expect(html).toContain('type="hidden" name="pageSize" value="5"');
    // Active filter with a remove link, and a way to clear everything.
    expect(html).toContain('href="/entries?pageSize=5">Remove');
    expect(html).toContain("Clear the search and all filters");
  });

  it("tells the visitor when nothing matches", async () => {
    const response = await t.app.inject({ method: "GET", url: "/entries?q=nonexistentxyzzy" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("No results");
    expect(response.body).toContain("No published entries match this search.");
    expect(response.body).toContain('value="nonexistentxyzzy"');
  });

  it("is documented in the OpenAPI document as searchEntries", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string }> }>>;
    };
    const operation = doc.paths["/api/v1/entries"]?.get;
    expect(operation?.operationId).toBe("searchEntries");
    const names = operation?.parameters?.map((parameter) => parameter.name) ?? [];
    for (const name of ["q", ...FACETS, "sort", "page", "pageSize"]) expect(names).toContain(name);
  });
});
