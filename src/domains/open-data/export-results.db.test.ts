import { describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { parseSearchQuery } from "../stocktaking/search.params.ts";
import { sqlSearchBackend } from "../stocktaking/search.repo.ts";
import { insertSearchEntry, searchEntryData } from "../stocktaking/search.testing.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { ExportGate, startExport } from "./export.service.ts";
import { column, csvRecords, useExportTestApp } from "./export.testing.ts";
import { TABULAR_COLUMNS } from "./export-fields.ts";
import { readXlsx, sheetValues } from "./xlsx.testing.ts";

/** `exportEntries` holds exactly the search's results, and refuses what the search refuses. */

const fixture = useExportTestApp();
const { nextIp, exportOf, searchIds } = fixture;

const QUERIES = [
  "",
  "q=zebrafish",
  "q=zebrafish&sort=newest",
  "sort=title",
  "sdg=4&sdg=9&status=ongoing",
  "region=AFR&yearFrom=2015&yearTo=2022",
  "q=pelican",
  "country=AU",
];

describe("exportEntries: the filtered result, exactly", () => {
  it("holds the same entries in the same order as the search, in every format", async () => {
    for (const query of QUERIES) {
      const expected = await searchIds(query);
      const sep = query ? "&" : "";

      const csv = await exportOf(`${query}${sep}format=csv`);
      expect(csv.statusCode, csv.body).toBe(200);
      expect({ query, ids: csvRecords(csv.rawPayload).rows.map((row) => row[column("id")]) }).toEqual({
        query,
        ids: expected,
      });
      expect(csv.headers["x-total-count"]).toBe(String(expected.length));

      const json = await exportOf(`${query}${sep}format=json`);
      expect(json.statusCode).toBe(200);
      const array = JSON.parse(json.body) as Array<{ id: string }>;
      expect({ query, ids: array.map((item) => item.id) }).toEqual({ query, ids: expected });

      const ndjson = await exportOf(`${query}${sep}format=ndjson`);
      expect(ndjson.statusCode).toBe(200);
      const lines = ndjson.body.split("\n");
      expect(lines.pop()).toBe("");
      expect({ query, ids: lines.map((line) => (JSON.parse(line) as { id: string }).id) }).toEqual({
        query,
        ids: expected,
      });

      const xlsx = await exportOf(`${query}${sep}format=xlsx`);
      expect(xlsx.statusCode).toBe(200);
      const [sheet] = readXlsx(xlsx.rawPayload).sheets;
      const rows = sheetValues(sheet as never, TABULAR_COLUMNS.length);
      expect(rows[0]).toEqual([...TABULAR_COLUMNS]);
      expect({ query, ids: rows.slice(1).map((row) => row[0]) }).toEqual({ query, ids: expected });
    }
  });

  it("ignores paging parameters and defaults to CSV", async () => {
    const all = await searchIds("");
    const response = await exportOf("page=3&pageSize=5");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/csv; charset=utf-8/);
    expect(csvRecords(response.rawPayload).rows).toHaveLength(all.length);
  });

  it("leaves out unpublished entries and takes in new ones", async () => {
    const before = await exportOf("q=quokkasecret&format=ndjson");
    expect(before.statusCode).toBe(200);
    expect(before.body).toBe("");
    const owner = await makeUser(fixture.t.db);
    const id = await insertSearchEntry(
      fixture.t.db,
      owner.id,
      searchEntryData({ title: "Freshly published ocelot" }),
    );
    const after = await exportOf("q=ocelot&format=ndjson");
    expect(
      after.body
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual([id]);
  });

  it("answers the same set from SQL while the search index is not built", async () => {
    const reference = await loadReferenceData(fixture.t.db);
    const sql = sqlSearchBackend(fixture.t.db);
    for (const query of ["q=zebrafish", "sort=title&sdg=4", ""]) {
      const raw = Object.fromEntries(new URLSearchParams(query));
      const criteria = parseSearchQuery({ ...raw, pageSize: "100" }, reference);
      const expected: string[] = [];
      for (let page = 1; ; page++) {
        const hits = await sql.search({ ...criteria, page });
        expected.push(...hits.rows.map((row) => row.id));
        if (hits.rows.length < 100) break;
      }
      const started = await startExport(
        { db: fixture.t.db, search: { matchingIds: async () => null }, baseUrl: "https://wsis.example" },
        { ...raw, format: "ndjson" },
        { ip: nextIp(), lang: "en", t: translator("en"), gate: new ExportGate() },
      );
      const chunks: Buffer[] = [];
      for await (const chunk of started.body) chunks.push(chunk as Buffer);
      const got = Buffer.concat(chunks)
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { id: string; url: string }).id);
      expect({ query, got }).toEqual({ query, got: expected });
      expect(started.total).toBe(expected.length);
    }
  });
});

describe("exportEntries: bad input", () => {
  const problem = async (query: string, url = "/api/v1/entries/export") => {
    const response = await fixture.t.app.inject({
      method: "GET",
      url: `${url}?${query}`,
      headers: { "x-forwarded-for": nextIp() },
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = response.json() as { code: string; errors: Array<{ field: string; code: string }> };
    expect(body.code).toBe("validation_failed");
    return body.errors.map((error) => `${error.field}:${error.code}`).sort();
  };

  it("answers 400 with the search's field codes", async () => {
    expect(await problem("format=pdf")).toEqual(["format:invalid_value"]);
    expect(await problem("format=csv&format=json")).toEqual(["format:invalid_value"]);
    expect(await problem("sdg=99")).toEqual(["sdg:unknown_code"]);
    expect(await problem("country=XX&format=ndjson")).toEqual(["country:unknown_code"]);
    expect(await problem(`q=${"a".repeat(201)}`)).toEqual(["q:too_long"]);
    expect(await problem("yearFrom=2020&yearTo=2010")).toEqual(["yearTo:end_before_start"]);
    expect(await problem("sort=best")).toEqual(["sort:invalid_value"]);
    // Exactly what the search answers to the same input.
    for (const query of [
      "sdg=abc",
      "year=1800",
      "yearFrom=x",
      "q=a&q=b",
      "country=XX&region=NOPE",
      "targetGroup=martians",
    ])
      expect({ query, errors: await problem(query) }).toEqual({
        query,
        errors: await problem(query, "/api/v1/entries"),
      });
    // Type errors (the schema's) come together; value errors (the service's) come after them.
    expect(await problem("format=pdf&sdg=abc")).toEqual(["format:invalid_value", "sdg.0:invalid_value"]);
    expect(await problem("format=pdf&actionLine=C99")).toEqual(["format:invalid_value"]);
  });

  it("limits exports per client address with 429 and Retry-After", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 30; i++) {
      const response = await exportOf("q=nothingmatchesthis&format=ndjson", { "x-forwarded-for": ip });
      expect(response.statusCode).toBe(200);
    }
    const limited = await exportOf("q=nothingmatchesthis&format=ndjson", { "x-forwarded-for": ip });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: "rate_limited" });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    const other = await exportOf("q=nothingmatchesthis&format=ndjson");
    expect(other.statusCode).toBe(200);
  });

  it("is documented in the OpenAPI document", async () => {
    const doc = (await fixture.t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<
        string,
        { get?: { operationId: string; tags: string[]; parameters: Array<{ name: string }> } }
      >;
    };
    const operation = doc.paths["/api/v1/entries/export"]?.get;
    expect(operation?.operationId).toBe("exportEntries");
    const names = operation?.parameters.map((parameter) => parameter.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(["q", "sdg", "country", "format", "yearFrom", "sort"]));
    expect(names).not.toContain("page");
    expect(names).not.toContain("pageSize");
  });
});
