import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { parseSearchQuery } from "../stocktaking/search.params.ts";
import { sqlSearchBackend } from "../stocktaking/search.repo.ts";
import { insertSearchEntry, searchEntryData, seedSearchFixtures } from "../stocktaking/search.testing.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { CSV_BOM, parseCsv } from "./csv.ts";
import { EXPORT_LIMITS, ExportGate, startExport } from "./export.service.ts";
import { TABULAR_COLUMNS } from "./export-fields.ts";
import { readXlsx, sheetValues } from "./xlsx.testing.ts";
import { parseXml } from "./xml.testing.ts";

let t: TestApp;
const ids: Record<string, string> = {};
let address = 0;

/** A fresh client address per test that needs one, so the per-address limit never interferes. */
const nextIp = () => `198.51.100.${++address}`;

const INJECTIONS = [
  "=cmd|' /C calc'!A0",
  "+SUM(A1:A9)",
  "-2+3",
  '@HYPERLINK("http://evil.example")',
  "\tTabbed start",
  "\rCarriage start",
];

beforeAll(async () => {
  t = await createTestApp();
  await seedSearchFixtures(t.db);
  const owner = await makeUser(t.db);
  const day = (n: number) => new Date(Date.UTC(2026, 8, n));
  ids.injection = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: INJECTIONS[0] as string,
      organisationName: INJECTIONS[1] as string,
      description: `${INJECTIONS[2]} — a description that starts like a formula.`,
      countries: ["FR"],
    }),
    { publishedAt: day(1) },
  );
  ids.quotes = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: 'Quoted "pelican" survey, with commas',
      description:
        'Line one, with "quotes";\nline two\r\nline three, done. _x0041_ stays as typed & <tags> too.',
      organisationName: INJECTIONS[3] as string,
    }),
    { publishedAt: day(2) },
  );
  ids.arabic = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: "مبادرة المدارس الرقمية في الريف",
      description: "تدريب المعلمين على المهارات الرقمية في المدارس الريفية.",
      organisationName: INJECTIONS[4] as string,
      language: "ar",
      countries: ["EG"],
    }),
    { publishedAt: day(3) },
  );
  ids.chinese = await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: "农村数字技能培训中心",
      description: "为农村青年提供免费的数字技能培训，包括基础计算机课程。",
      organisationName: INJECTIONS[5] as string,
      language: "zh",
      countries: ["CN"],
    }),
    { publishedAt: day(4) },
  );
});
afterAll(async () => t?.close());

function exportOf(query: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: "GET",
    url: `/api/v1/entries/export?${query}`,
    headers: { "x-forwarded-for": nextIp(), ...headers },
  });
}

/** Every id `searchEntries` returns for a query, in its order, page by page. */
async function searchIds(query: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const response = await t.app.inject({
      method: "GET",
      url: `/api/v1/entries?${query}${query ? "&" : ""}pageSize=100&page=${page}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { total: number; items: Array<{ id: string }> };
    out.push(...body.items.map((item) => item.id));
    if (out.length >= body.total || body.items.length === 0) {
      expect(out.length).toBe(body.total);
      return out;
    }
  }
}

const csvRecords = (body: Buffer) => {
  const [header, ...rows] = parseCsv(body.toString("utf8"));
  return { header: header ?? [], rows };
};
const column = (name: string) => TABULAR_COLUMNS.indexOf(name);

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
    const owner = await makeUser(t.db);
    const id = await insertSearchEntry(
      t.db,
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
    const reference = await loadReferenceData(t.db);
    const sql = sqlSearchBackend(t.db);
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
        { db: t.db, search: { matchingIds: async () => null }, baseUrl: "https://wsis.example" },
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

describe("exportEntries: CSV", () => {
  it("starts with a BOM, has the documented header and CRLF records", async () => {
    const response = await exportOf("q=pelican&format=csv");
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = response.rawPayload.toString("utf8");
    expect(text.startsWith(`${CSV_BOM}${TABULAR_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="wsis-stocktaking-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("neutralises cells a spreadsheet would run as formulas", async () => {
    const response = await exportOf("country=FR&country=EG&country=CN&q=a");
    const all = await exportOf("format=csv");
    const { rows } = csvRecords(all.rawPayload);
    const byId = new Map(rows.map((row) => [row[column("id")], row]));
    const injection = byId.get(ids.injection);
    expect(injection?.[column("title")]).toBe(`'${INJECTIONS[0]}`);
    expect(injection?.[column("organisation")]).toBe(`'${INJECTIONS[1]}`);
    expect(injection?.[column("description")]?.startsWith(`'${INJECTIONS[2]}`)).toBe(true);
    expect(byId.get(ids.quotes)?.[column("organisation")]).toBe(`'${INJECTIONS[3]}`);
    expect(byId.get(ids.arabic)?.[column("organisation")]).toBe(`'${INJECTIONS[4]}`);
    expect(byId.get(ids.chinese)?.[column("organisation")]).toBe(`'${INJECTIONS[5]}`);
    // Nothing in the file starts a cell with a formula character, whatever the row.
    for (const row of rows)
      for (const cell of row) expect(/^[=+\-@\t\r]/.test(cell), `${row[0]}: ${cell}`).toBe(false);
    expect(response.statusCode).toBe(200);
  });

  it("round-trips quotes, commas, line breaks, Arabic and Chinese", async () => {
    const { rows } = csvRecords((await exportOf("format=csv")).rawPayload);
    const byId = new Map(rows.map((row) => [row[column("id")], row]));
    const quotes = byId.get(ids.quotes) as string[];
    expect(quotes[column("title")]).toBe('Quoted "pelican" survey, with commas');
    expect(quotes[column("description")]).toBe(
      'Line one, with "quotes";\nline two\r\nline three, done. _x0041_ stays as typed & <tags> too.',
    );
    expect(byId.get(ids.arabic)?.[column("title")]).toBe("مبادرة المدارس الرقمية في الريف");
    expect(byId.get(ids.chinese)?.[column("description")]).toBe(
      "为农村青年提供免费的数字技能培训，包括基础计算机课程。",
    );
    for (const row of rows) expect(row).toHaveLength(TABULAR_COLUMNS.length);
  });

  it("writes codes and their names in the reader's language", async () => {
    const en = csvRecords((await exportOf("q=pelican&format=csv&lang=en")).rawPayload).rows[0] as string[];
    expect(en[column("countries")]).toBe("KE");
    expect(en[column("countryNames")]).toBe("Kenya");
    expect(en[column("actionLines")]).toBe("C4");
    expect(en[column("sdgs")]).toBe("4");
    expect(en[column("sdgNames")]).toBe("Quality education");
    expect(en[column("status")]).toBe("ongoing");
    expect(en[column("statusName")]).toBe("Ongoing");
    expect(en[column("url")]).toBe(`${t.config.baseUrl}/entries/${ids.quotes}`);
    expect(en[column("publishedAt")]).toBe("2026-09-02T00:00:00.000Z");
    const fr = csvRecords((await exportOf("q=pelican&format=csv", { "accept-language": "fr" })).rawPayload)
      .rows[0] as string[];
    expect(fr[column("countries")]).toBe("KE");
    expect(fr[column("statusName")]).toBe("En cours");
    const ar = csvRecords((await exportOf("q=pelican&format=csv&lang=ar")).rawPayload).rows[0] as string[];
    expect(ar[column("countryNames")]).toBe("كينيا");
  });

  it("is compressed when the client asks, and stays the same file", async () => {
    const plain = await exportOf("format=csv");
    const gzipped = await exportOf("format=csv", { "accept-encoding": "gzip" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.rawPayload).equals(plain.rawPayload)).toBe(true);
  });
});

describe("exportEntries: JSON, NDJSON, XLSX", () => {
  it("carries codes, lists as arrays and the translations in JSON", async () => {
    const response = await exportOf("q=pelican&format=json");
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(/\.json"$/);
    const [item] = response.json() as Array<Record<string, unknown>>;
    expect(item).toMatchObject({
      id: ids.quotes,
      title: 'Quoted "pelican" survey, with commas',
      countries: ["KE"],
      regions: ["AFR"],
      actionLines: ["C4"],
      sdgs: [4],
      targetGroups: ["youth"],
      status: "ongoing",
      coverage: "national",
      language: "en",
      startYear: 2020,
      publishedAt: "2026-09-02T00:00:00.000Z",
      translations: [],
    });
    expect(item).not.toHaveProperty("countryNames");
    const empty = await exportOf("q=nothingmatchesthis&format=json");
    expect(empty.json()).toEqual([]);
  });

  it("keeps every text exact in NDJSON, one object per line", async () => {
    const response = await exportOf("country=EG&country=CN&format=ndjson");
    expect(response.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    const items = response.body
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; title: string; organisation: string });
    const arabic = items.find((item) => item.id === ids.arabic);
    expect(arabic?.title).toBe("مبادرة المدارس الرقمية في الريف");
    expect(arabic?.organisation).toBe(INJECTIONS[4]);
  });

  it("writes XLSX text as strings, never formulas, with the text exact", async () => {
    const response = await exportOf("format=xlsx");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers["content-disposition"]).toMatch(/\.xlsx"$/);
    const { parts, sheets } = readXlsx(response.rawPayload);
    expect([...parts.keys()]).toEqual(
      expect.arrayContaining([
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
      ]),
    );
    // Every part is well-formed XML to a strict parser.
    for (const [name, xml] of parts) expect(() => parseXml(xml), name).not.toThrow();
    const sheet = sheets[0] as NonNullable<(typeof sheets)[0]>;
    expect(sheet.xml).not.toContain("<f>");
    expect(sheet.xml).not.toContain("<f ");
    for (const row of sheet.rows) for (const cell of row) expect(["inlineStr", "n"]).toContain(cell.type);
    const values = sheetValues(sheet, TABULAR_COLUMNS.length);
    const byId = new Map(values.map((row) => [row[0], row]));
    expect(byId.get(ids.injection)?.[column("title")]).toBe(INJECTIONS[0]);
    expect(byId.get(ids.injection)?.[column("organisation")]).toBe(INJECTIONS[1]);
    expect(byId.get(ids.quotes)?.[column("description")]).toBe(
      'Line one, with "quotes";\nline two\r\nline three, done. _x0041_ stays as typed & <tags> too.',
    );
    expect(sheet.xml).toContain("_x005F_x0041_");
    expect(byId.get(ids.arabic)?.[column("title")]).toBe("مبادرة المدارس الرقمية في الريف");
    expect(byId.get(ids.chinese)?.[column("title")]).toBe("农村数字技能培训中心");
    const idCell = sheet.rows[1]?.[0];
    expect(idCell?.type).toBe("n");
  });

  it("lays the sheet out right to left for Arabic readers", async () => {
    const { sheets, parts } = readXlsx((await exportOf("q=pelican&format=xlsx&lang=ar")).rawPayload);
    expect(sheets[0]?.xml).toContain('rightToLeft="1"');
    expect(parts.get("xl/workbook.xml")).toContain('name="المشاريع"');
  });
});

describe("exportEntries: bad input", () => {
  const problem = async (query: string, url = "/api/v1/entries/export") => {
    const response = await t.app.inject({
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
    const doc = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
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

describe("ExportGate", () => {
  it("admits up to its size and frees a place once per release", () => {
    const gate = new ExportGate(2);
    const a = gate.enter();
    const b = gate.enter();
    expect(gate.enter()).toBeNull();
    a?.();
    a?.();
    expect(gate.running).toBe(1);
    expect(gate.enter()).not.toBeNull();
    b?.();
  });
});

describe("exportEntries: streaming", () => {
  let base = "";
  beforeAll(async () => {
    const { seedDemoEntries } = await import("../stocktaking/demo-seed.ts");
    await seedDemoEntries(t.db, { count: 5000, seed: 7 });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });

  const download = (path: string, options: { abortAfterFirstChunk?: boolean } = {}) =>
    new Promise<{ status: number; chunks: number; body: Buffer; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = httpRequest(`${base}${path}`, { headers: { "x-forwarded-for": nextIp() } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => {
            chunks.push(chunk);
            if (options.abortAfterFirstChunk) {
              req.destroy();
              resolve({ status: res.statusCode ?? 0, chunks: 1, body: chunk, headers: res.headers });
            }
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              chunks: chunks.length,
              body: Buffer.concat(chunks),
              headers: res.headers,
            }),
          );
          res.on("error", reject);
        });
        req.on("error", (error) => (options.abortAfterFirstChunk ? undefined : reject(error)));
        req.end();
      },
    );

  it("streams a 5,000-row export in chunks, chunked, with every row", async () => {
    const total = (await searchIds("")).length;
    expect(total).toBeGreaterThan(5000);
    const csv = await download("/api/v1/entries/export?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["transfer-encoding"]).toBe("chunked");
    expect(csv.headers["content-length"]).toBeUndefined();
    expect(csv.chunks).toBeGreaterThan(2);
    expect(parseCsv(csv.body.toString("utf8"))).toHaveLength(total + 1);

    const ndjson = await download("/api/v1/entries/export?format=ndjson");
    expect(ndjson.body.toString("utf8").trim().split("\n")).toHaveLength(total);
    const xlsx = await download("/api/v1/entries/export?format=xlsx");
    expect(readXlsx(xlsx.body).sheets[0]?.rows).toHaveLength(total + 1);
  });

  it("reads no further batch once the stream is closed, and frees its place", async () => {
    let reads = 0;
    const counting = t.db.withPlugin({
      transformQuery: (args) => {
        if (JSON.stringify(args.node).includes("string_to_array")) reads += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const gate = new ExportGate(1);
    const started = await startExport(
      { db: counting, search: t.app.deps.search, baseUrl: "" },
      { format: "ndjson" },
      { ip: nextIp(), lang: "en", t: translator("en"), gate, batchSize: 500 },
    );
    expect(started.total).toBeGreaterThan(5000); // over ten batches
    expect(gate.running).toBe(1);
    for await (const _chunk of started.body) break; // takes one batch, then goes away
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started.body.destroyed).toBe(true);
    expect(gate.running).toBe(0);
    // The batch being written and the reads ahead of it (plus one started as it was taken): never the rest.
    expect(reads).toBeLessThanOrEqual(EXPORT_LIMITS.readAhead + 2);
  });

  it("survives clients that go away mid-download", async () => {
    for (let i = 0; i < 6; i++) {
      const partial = await download("/api/v1/entries/export?format=json", { abortAfterFirstChunk: true });
      expect(partial.status).toBe(200);
    }
    // Six abandoned exports must not hold the gate's four places.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await download("/api/v1/entries/export?format=ndjson&q=zebrafish");
    expect(after.status).toBe(200);
  });
});
