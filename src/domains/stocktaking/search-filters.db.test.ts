import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { FACETS } from "./search.params.ts";
import {
  allIds,
  expectFacetsMatch,
  type FacetFilters,
  type FacetJson,
  matches,
  type PublishedRow,
  queryString,
  search,
  seedSearchFixtures,
  valuesOf,
} from "./search.testing.ts";

let t: TestApp;
let published: PublishedRow[] = [];

beforeAll(async () => {
  t = await createTestApp();
  ({ published } = await seedSearchFixtures(t.db));
});
afterAll(async () => t?.close());

describe("searchEntries: filters", () => {
  it("returns every published entry and only those without filters", async () => {
    const body = await search(t.app, "pageSize=100");
    expect(body.total).toBe(published.length);
    expect(body.total).toBe(154);
    const every = await allIds(t.app, {});
    expect(new Set(every)).toEqual(new Set(published.map((row) => row.id)));
  });

  it("filters by each facet alone", async () => {
    const sample = published.find(
      (row) => row.countries.length > 0 && row.start_year !== null,
    ) as PublishedRow;
    for (const facet of FACETS) {
      const value = valuesOf(sample, facet)[0] as string;
      const expected = published.filter((row) => matches(row, { [facet]: [value] })).map((row) => row.id);
      const got = await allIds(t.app, { [facet]: [value] });
      expect({ facet, ids: new Set(got) }).toEqual({ facet, ids: new Set(expected) });
      expect(expected.length).toBeGreaterThan(0);
    }
  });

  it("ORs values within a facet and ANDs across facets", async () => {
    const sdg4 = new Set(await allIds(t.app, { sdg: ["4"] }));
    const sdg9 = new Set(await allIds(t.app, { sdg: ["9"] }));
    const either = new Set(await allIds(t.app, { sdg: ["4", "9"] }));
    expect(either).toEqual(new Set([...sdg4, ...sdg9]));
    expect(either.size).toBeGreaterThan(Math.max(sdg4.size, sdg9.size));

    const ongoing = new Set(await allIds(t.app, { status: ["ongoing"] }));
    const both = new Set(await allIds(t.app, { sdg: ["4", "9"], status: ["ongoing"] }));
    expect(both).toEqual(new Set([...either].filter((id) => ongoing.has(id))));
    expect(both.size).toBeGreaterThan(0);
    expect(both.size).toBeLessThan(either.size);
  });

  it("counts every facet value as a brute-force count over the same rows would", async () => {
    const withRegion = published.find((row) => row.regions.length > 0) as PublishedRow;
    const combinations: FacetFilters[] = [
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
      const body = await search(t.app, queryString(filters));
      const expectedTotal = published.filter((row) => matches(row, filters)).length;
      expect({ filters, total: body.total }).toEqual({ filters, total: expectedTotal });
      expectFacetsMatch(body, published, filters);
    }
  });

  it("counts facets within a full-text search too", async () => {
    const word = "digital";
    const textIds = new Set(await allIds(t.app, {}, { q: word }));
    expect(textIds.size).toBeGreaterThan(0);
    const rows = published.filter((row) => textIds.has(row.id));
    for (const filters of [
      {},
      { sdg: ["4"] },
      { actionLine: ["C4", "C1"], status: ["ongoing"] },
    ] as FacetFilters[]) {
      const body = await search(t.app, queryString(filters, { q: word }));
      expect(body.total).toBe(rows.filter((row) => matches(row, filters)).length);
      expectFacetsMatch(body, rows, filters);
    }
  });

  it("lists every small code list value, zero counts included, and marks the chosen ones", async () => {
    const body = await search(t.app, "actionLine=C7-eenv&sdg=14");
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

describe("the search page", () => {
  it("renders a plain GET form with counts, results and pagination", async () => {
    const body = await search(t.app, "actionLine=C4&pageSize=5");
    const response = await t.app.inject({ method: "GET", url: "/entries?actionLine=C4&pageSize=5" });
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/<form method="get" action="\/entries" class="search-form" data-auto-submit(="")?>/);
    expect(html).toMatch(/<label for="search-q">/);
    expect(html).toContain('name="q"');
    expect(html).toMatch(/<button type="submit" id="search-apply">Apply filters<\/button>/);
    expect(html).toMatch(/<script src="\/assets\/search\.[0-9a-f]{12}\.js" defer(="")?><\/script>/);
    // The count is a polite live region outside the regions search.js swaps, so updates are read out.
    expect(html).toContain(
      `<p id="search-status" class="result-count" role="status" aria-live="polite" aria-atomic="true">${body.total} results</p>`,
    );
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
