import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { ChunkWriter } from "./chunk-writer.ts";
import { CSV_BOM, csvCell, csvLine, looksLikeFormula, parseCsv } from "./csv.ts";
import type { ExportRecord } from "./export.repo.ts";
import { parseIdList } from "./export.repo.ts";
import { EXPORT_FIELDS, JSON_FIELDS, TABULAR_COLUMNS } from "./export-fields.ts";
import { csvRowWriter, jsonRowWriter } from "./export-row-writers.ts";
import { type ExportLabels, exportObject, tabularRows } from "./export-rows.ts";
import { readXlsx, sheetValues } from "./xlsx.testing.ts";
import { columnName, sheetsFor, xlsxChunks, xlsxStream } from "./xlsx.ts";
import { parseXml } from "./xml.testing.ts";
import { readZip, ZipWriter } from "./zip-writer.ts";

const record = (overrides: Partial<ExportRecord> = {}): ExportRecord => ({
  id: "42",
  title: "Digital skills",
  description: "Training.",
  language: "en",
  organisation_name: "Org",
  stakeholder_type: "government",
  coverage: "national",
  countries: "KE;TZ",
  regions: "AFR",
  action_lines: "C4;C7-elearn",
  sdgs: "4;9",
  target_groups: "youth",
  project_status: "ongoing",
  start_year: 2021,
  published_at: "2026-01-02T03:04:05.678Z",
  translations: JSON.stringify([{ language: "fr", title: "Compétences", description: "Formation." }]),
  ...overrides,
});

const t = translator("en");
const labels: ExportLabels = {
  language: (code) => t(`entries.language.${code}`),
  stakeholderType: (code) => `ST ${code}`,
  coverage: (code) => t(`entries.coverage.${code}`),
  country: (code) => ({ KE: "Kenya", TZ: "Tanzania" })[code] ?? code,
  region: (code) => `Region ${code}`,
  actionLine: (code) => `Line ${code}`,
  sdg: (code) => `Goal ${code}`,
  targetGroup: (code) => `Group ${code}`,
  status: (code) => t(`entries.status.${code}`),
};

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function* batchesOf<T>(...batches: T[][]): AsyncGenerator<T[]> {
  for (const batch of batches) yield batch;
}

describe("CSV cells", () => {
  it("quotes per RFC 4180 only when needed", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\r")).toBe('"cr\r"');
    expect(csvCell(null)).toBe("");
    expect(csvCell("")).toBe("");
    expect(csvCell(12)).toBe("12");
  });

  it("neutralises every formula start, and only those", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(looksLikeFormula(`${start}x`)).toBe(true);
      const cell = csvCell(`${start}1+1`);
      const [[value]] = parseCsv(`${cell}\r\n`) as [[string]];
      expect(value).toBe(`'${start}1+1`);
    }
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const safe of ["a=b", " =x", "'quoted", "1-2", "ok@x"]) expect(csvCell(safe)).toBe(safe);
    expect(csvCell(-5)).toBe("-5");
  });

  it("parses back what it wrote, BOM and all", () => {
    const rows = [
      ["id", "text"],
      ["1", 'quote " comma , newline \n crlf \r\n end'],
      ["2", "العربية 中文"],
    ];
    const text = CSV_BOM + rows.map((row) => csvLine(row)).join("");
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe("export rows", () => {
  it("writes one cell per column with codes, names and flattened translations", () => {
    const cells = tabularRows({ baseUrl: "https://wsis.example", labels })(record());
    expect(cells).toHaveLength(TABULAR_COLUMNS.length);
    const byName = Object.fromEntries(TABULAR_COLUMNS.map((name, i) => [name, cells[i]]));
    expect(byName).toMatchObject({
      id: 42,
      url: "https://wsis.example/entries/42",
      countries: "KE;TZ",
      countryNames: "Kenya;Tanzania",
      actionLineNames: "Line C4;Line C7-elearn",
      sdgNames: "Goal 4;Goal 9",
      statusName: "Ongoing",
      languageName: "English",
      coverageName: "National",
      startYear: 2021,
      "translations.fr.title": "Compétences",
      "translations.fr.description": "Formation.",
      "translations.ar.title": null,
    });
  });

  it("gives JSON objects exactly the documented keys, lists as arrays", () => {
    const object = exportObject(record(), "");
    expect(Object.keys(object)).toEqual([...JSON_FIELDS]);
    expect(object).toMatchObject({ countries: ["KE", "TZ"], sdgs: [4, 9], regions: ["AFR"] });
    expect(exportObject(record({ countries: "", translations: "[]" }), "")).toMatchObject({
      countries: [],
      translations: [],
    });
  });

  it("writes the same CSV and JSON through the fast paths as through the plain ones", () => {
    const context = { baseUrl: "https://wsis.example", labels };
    const records = [
      record(),
      record({ id: "7", title: '=cmd|" /C calc"!A0', description: "a, b\nc", organisation_name: "-x" }),
      record({
        id: "8",
        title: null,
        language: null,
        countries: "",
        sdgs: "",
        start_year: null,
        published_at: null,
      }),
      record({ id: "9", translations: "[]", stakeholder_type: null, project_status: null, coverage: null }),
      record({ id: "10", translations: "not json" }),
      record({
        id: "11",
        title: 'He said "hi" \\ C:\\path \u0001 😀 \ud800 lone',
        organisation_name: "a\tb",
      }),
      record({
        id: "12",
        description: 'quotes " inside, and\r\nbreaks',
        organisation_name: "@org, with comma",
      }),
    ];
    const cells = tabularRows(context);
    const csv = (item: ExportRecord) => Buffer.from(csvLine(cells(item)));
    const json = (item: ExportRecord) => Buffer.from(JSON.stringify(exportObject(item, context.baseUrl)));
    const csvWriter = csvRowWriter(context);
    const jsonWriter = jsonRowWriter(context.baseUrl);
    const written = (write: (item: ExportRecord, out: ChunkWriter) => void, item: ExportRecord) => {
      const out = new ChunkWriter();
      write(item, out);
      return Buffer.concat(out.take());
    };
    // Twice each: the second time the coded fields come from the writers' memory.
    for (const item of [...records, ...records]) {
      // Compared as bytes: UTF-8 has no lone surrogates, both ways write U+FFFD for one.
      expect(written(csvWriter, item).equals(csv(item))).toBe(true);
      expect(written(jsonWriter, item).equals(json(item))).toBe(true);
    }
    // A long text still fits: the writer makes room for what a row needs.
    for (const long of [
      record({ description: "é".repeat(100_000) }),
      record({ title: "\u0001".repeat(60_000) }),
    ]) {
      expect(written(csvWriter, long).equals(csv(long))).toBe(true);
      expect(written(jsonWriter, long).equals(json(long))).toBe(true);
    }
    // A base URL that needs quoting (never in practice) still gives the plain path's links.
    const odd = { baseUrl: '=https://wsis.example/a,"b"', labels };
    const oddCells = tabularRows(odd);
    for (const item of records)
      expect(written(csvRowWriter(odd), item).equals(Buffer.from(csvLine(oddCells(item))))).toBe(true);
  });

  it("is described field by field in docs/data-dictionary.md", () => {
    const doc = readFileSync("docs/data-dictionary.md", "utf8");
    for (const field of EXPORT_FIELDS) expect(doc, field.name).toContain(`| \`${field.name}\` |`);
  });

  it("reads id lists without a string per id", () => {
    expect([...parseIdList("3,1,20")]).toEqual([3, 1, 20]);
    expect([...parseIdList("")]).toEqual([]);
    expect([...parseIdList("9007199254740991")]).toEqual([9007199254740991]);
  });
});

describe("XLSX", () => {
  it("names columns like a spreadsheet", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual([
      "A",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });

  it("continues on a new sheet when one is full, losing no row", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [String(i), `text ${i}`]);
    const file = await collect(
      xlsxChunks(batchesOf(rows.slice(0, 4), rows.slice(4)), (row) => row, {
        header: ["n", "text"],
        sheets: sheetsFor(7, 3),
        sheetName: "Entries",
        rightToLeft: false,
        rowsPerSheet: 3,
      }),
    );
    const { sheets, parts } = readXlsx(file);
    expect(sheets).toHaveLength(3);
    expect(sheets.map((sheet) => sheetValues(sheet, 2).length)).toEqual([4, 4, 2]);
    expect(
      sheets.flatMap((sheet) =>
        sheetValues(sheet, 2)
          .slice(1)
          .map((row) => row[0]),
      ),
    ).toEqual(rows.map((row) => row[0]));
    expect(parts.get("xl/workbook.xml")).toContain('<sheet name="Entries 3" sheetId="3" r:id="rId3"/>');
    for (const [name, xml] of parts) expect(() => parseXml(xml), name).not.toThrow();
  });

  it("streams from a reader, sheet by sheet, never past a sheet's size", async () => {
    const ids = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const reads: number[] = [];
    // Entry 4 was withdrawn meanwhile: its sheet is one row shorter.
    const read = async (slice: Float64Array, visit: (row: string[]) => void) => {
      reads.push(slice.length);
      let count = 0;
      for (const id of slice)
        if (id !== 4) {
          visit([String(id), `text ${id}`]);
          count += 1;
        }
      return count;
    };
    const file = await collect(
      xlsxStream(read, ids, (row) => row, {
        header: ["n", "text"],
        sheetName: "Entries",
        rightToLeft: false,
        rowsPerSheet: 4,
        batchSize: 3,
      }),
    );
    const { sheets } = readXlsx(file);
    expect(
      sheets.map((sheet) =>
        sheetValues(sheet, 2)
          .slice(1)
          .map((row) => row[0]),
      ),
    ).toEqual([
      ["1", "2", "3"],
      ["5", "6", "7", "8"],
      ["9", "10"],
    ]);
    expect(reads).toEqual([3, 1, 3, 1, 2]);
  });

  it("drops characters XML cannot hold and keeps look-alike escapes as typed", async () => {
    const file = await collect(
      xlsxChunks(batchesOf([["bell\u0007 and \ud800 lone", "_x0041_ & <b>", "  padded  "]]), (row) => row, {
        header: ["a", "b", "c"],
        sheets: 1,
        sheetName: "S",
        rightToLeft: false,
      }),
    );
    const { sheets } = readXlsx(file);
    const sheet = sheets[0] as NonNullable<(typeof sheets)[0]>;
    expect(() => parseXml(sheet.xml)).not.toThrow();
    expect(sheetValues(sheet, 3)[1]).toEqual(["bell and  lone", "_x0041_ & <b>", "  padded  "]);
    expect(sheet.xml).toContain('<t xml:space="preserve">  padded  </t>');
  });
});

describe("ZipWriter", () => {
  it("writes archives that read back with matching CRCs", async () => {
    const zip = new ZipWriter();
    const big = Buffer.alloc(300_000, "abc");
    const parts = [zip.file("a.txt", "hello"), ...[]];
    async function* source() {
      yield big.subarray(0, 100_000);
      yield big.subarray(100_000);
    }
    for await (const chunk of zip.stream("dir/big.bin", source())) parts.push(chunk);
    parts.push(zip.finish());
    const read = readZip(Buffer.concat(parts));
    expect(read.map((part) => part.name)).toEqual(["a.txt", "dir/big.bin"]);
    expect(read[0]?.data.toString()).toBe("hello");
    expect(read[1]?.data.equals(big)).toBe(true);
  });
});
