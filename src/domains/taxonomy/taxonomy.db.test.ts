import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { loadReferenceData } from "./taxonomy.repo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const page = async (url: string) => {
  const response = await t.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toContain("text/html");
  return response.body;
};
const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

describe("reference pages", () => {
  it("lists the 18 Action Lines with facilitators, the C7 group and search links", async () => {
    const html = await page("/action-lines");
    expect(count(html, /<section class="reference-item"/g)).toBe(18);
    expect(count(html, /href="\/entries\?actionLine=[^"&]+"/g)).toBe(18);
    expect(html).toContain('href="/entries?actionLine=C7-ehealth"');
    expect(html).toContain("WHO");
    // The eight C7 lines sit inside the C7 group, as h3 under its h2.
    const group = html.slice(html.indexOf('class="reference-group"'), html.indexOf('id="action-line-C8"'));
    expect(count(group, /<h3 id="action-line-C7-/g)).toBe(8);
    expect(group).toContain("ICT applications");
    // C11 links to SDG 17 only.
    const c11 = html.slice(html.indexOf('id="action-line-C11"'));
    expect(c11).toContain('href="/sdgs#sdg-17"');
    expect(count(c11, /href="\/sdgs#sdg-/g)).toBe(1);
  });

  it("lists the 17 SDGs with a decorative swatch, names, search links and linked lines", async () => {
    const html = await page("/sdgs");
    expect(count(html, /<section class="reference-item"/g)).toBe(17);
    expect(count(html, /<svg class="swatch" aria-hidden="true"/g)).toBe(17);
    expect(html).toContain("SDG 5: Gender equality");
    for (let n = 1; n <= 17; n++) expect(html).toContain(`href="/entries?sdg=${n}"`);
    expect(html).not.toMatch(/style="/);
  });

  it("draws the matrix as an accessible 18×17 table with one link per seeded link", async () => {
    const html = await page("/sdg-matrix");
    const table = html.slice(html.indexOf("<table"), html.indexOf("</table>"));
    expect(html).toMatch(
      /<div class="table-scroll" tabindex="0" role="region" aria-labelledby="matrix-caption">/,
    );
    expect(table).toContain('<caption id="matrix-caption">');
    expect(table).toContain("123 links");
    expect(count(table, /<th scope="col"/g)).toBe(18);
    expect(count(table, /<th scope="row"/g)).toBe(18);
    expect(count(table, /<td/g)).toBe(18 * 17);
    expect(count(table, /<a href="\/entries\?actionLine=/g)).toBe(123);
    expect(table).toContain('href="/entries?actionLine=C1&amp;sdg=5"');
    expect(table).toContain("C1 and SDG 5: search projects");
    expect(table).not.toContain("actionLine=C1&amp;sdg=2");
    expect(table).toContain("C1 and SDG 2: no link");
    expect(table).toContain("SDG 5: Gender equality");
    expect(count(html, /<details class="rationale">/g)).toBe(18);
    expect(html).toContain("National e-strategies that target low-income communities");
  });
});

describe("taxonomy API", () => {
  it("lists Action Lines with linked SDGs", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/action-lines" });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(18);
    expect(items[0]).toMatchObject({
      code: "C1",
      facilitator: "UN DESA",
      group: null,
      sdgs: [1, 3, 5, 10, 16, 17],
    });
    expect(items.filter((line: { group: string | null }) => line.group === "C7")).toHaveLength(8);
    expect(Object.keys(items[0]).sort()).toEqual([
      "code",
      "description",
      "facilitator",
      "group",
      "name",
      "sdgs",
    ]);
  });

  it("lists SDGs with linked Action Lines in display order", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/sdgs" });
    expect(response.statusCode).toBe(200);
    const { items } = response.json();
    expect(items).toHaveLength(17);
    expect(items[16]).toMatchObject({ number: 17, name: "Partnerships for the goals" });
    expect(items[3].actionLines).toEqual([
      "C4",
      "C5",
      "C6",
      "C7-elearn",
      "C7-eemploy",
      "C7-eagri",
      "C7-esci",
      "C8",
      "C10",
    ]);
  });

  it("answers the matrix with all links and rationales", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/sdg-matrix" });
    expect(response.statusCode).toBe(200);
    const matrix = response.json();
    expect(matrix.actionLines).toHaveLength(18);
    expect(matrix.sdgs).toHaveLength(17);
    expect(matrix.links).toHaveLength(123);
    expect(matrix.links[0]).toMatchObject({ actionLine: "C1", sdg: 1 });
    expect(matrix.links[0].rationale.length).toBeGreaterThan(10);
  });

  it("lists countries with names in the requested language and regions", async () => {
    const all = await t.app.inject({ method: "GET", url: "/api/v1/countries?lang=en" });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.find((c: { code: string }) => c.code === "KE")).toEqual({
      code: "KE",
      name: "Kenya",
      region: "AFR",
    });
    const europe = await t.app.inject({ method: "GET", url: "/api/v1/countries?region=EUR" });
    expect(europe.json().items.every((c: { region: string }) => c.region === "EUR")).toBe(true);
    const regions = await t.app.inject({ method: "GET", url: "/api/v1/regions" });
    expect(regions.json().items).toHaveLength(6);
    const total = regions
      .json()
      .items.reduce((sum: number, r: { countryCount: number }) => sum + r.countryCount, 0);
    expect(total).toBe(all.json().items.filter((c: { region: string | null }) => c.region).length);
  });

  it("rejects a malformed query with problem+json", async () => {
    const response = await t.app.inject({ method: "GET", url: `/api/v1/countries?region=${"x".repeat(40)}` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "validation_failed" });
  });

  it("publishes the operations in /openapi.json", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const operations = new Map<string, string[]>();
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, { operationId: string; tags: string[] }>>,
    ))
      for (const op of Object.values(methods)) operations.set(op.operationId, [path, ...op.tags]);
    expect(operations.get("listActionLines")).toEqual(["/api/v1/action-lines", "taxonomy"]);
    expect(operations.get("listSdgs")).toEqual(["/api/v1/sdgs", "taxonomy"]);
    expect(operations.get("getSdgMatrix")).toEqual(["/api/v1/sdg-matrix", "taxonomy"]);
    expect(operations.get("listCountries")).toEqual(["/api/v1/countries", "taxonomy"]);
    expect(operations.get("listRegions")).toEqual(["/api/v1/regions", "taxonomy"]);
  });
});

describe("reference data cache", () => {
  it("serves the cached copy until any writer changes a reference table, then the new data", async () => {
    const first = await loadReferenceData(t.db);
    expect(await loadReferenceData(t.db)).toBe(first);
    expect(Object.isFrozen(first.countries)).toBe(true);

    // A plain UPDATE, as another instance or an operator would run it.
    await sql`update countries set region_code = null where code = 'SN'`.execute(t.db);
    const second = await loadReferenceData(t.db);
    expect(second).not.toBe(first);
    expect(second.countries.find((row) => row.code === "SN")?.region_code).toBeNull();

    await sql`delete from action_line_sdgs where action_line_code = 'C1'`.execute(t.db);
    expect((await loadReferenceData(t.db)).matrix.some((row) => row.action_line_code === "C1")).toBe(false);
  });
});
