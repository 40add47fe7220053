import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CSV_BOM } from "./csv.ts";
import { column, csvRecords, INJECTIONS, useExportTestApp } from "./export.testing.ts";
import { TABULAR_COLUMNS } from "./export-fields.ts";
import { readXlsx, sheetValues } from "./xlsx.testing.ts";
import { parseXml } from "./xml.testing.ts";

/** What each format of `exportEntries` holds: text exact, formulas neutralised, codes and names. */

const fixture = useExportTestApp();
const { ids, exportOf } = fixture;

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
    expect(en[column("url")]).toBe(`${fixture.t.config.baseUrl}/entries/${ids.quotes}`);
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
