import { describe, expect, it } from "vitest";
import { AppError } from "../../platform/errors.ts";
import { TABULAR_COLUMNS } from "./export-fields.ts";
import { BASIC_HEADER, basicRow, csvFile, csvOf, xlsxOf, zipBomb, zipOf } from "./import.testing.ts";
import { REQUIRED_COLUMNS, readHeader } from "./import-columns.ts";
import { decodeCsv, parseCsvTable } from "./import-csv.ts";
import { detectFormat, readImportTable } from "./import-file.ts";
import { cellText } from "./import-rows.ts";
import { parseXlsxTable, spreadsheetDate, xmlUnescape } from "./import-xlsx.ts";

/** The code and params of the AppError `run` throws (sync or async). */
async function refusal(run: () => unknown): Promise<{ code: string; status: number; params: unknown }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, params: error.params };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("CSV encoding", () => {
  it("reads UTF-8 with and without a byte order mark", () => {
    expect(decodeCsv(Buffer.from("\uFEFFtitle\r\nمرحبا\r\n", "utf8"))).toBe("title\r\nمرحبا\r\n");
    expect(decodeCsv(Buffer.from("title\n你好\n", "utf8"))).toBe("title\n你好\n");
  });

  it("refuses UTF-16 (with a BOM either way round, or without one) and Latin-1", async () => {
    const utf16le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("title,description\r\n", "utf16le"),
    ]);
    expect(await refusal(() => decodeCsv(utf16le))).toMatchObject({
      code: "import_encoding",
      params: { encoding: "UTF-16 LE" },
    });
    const utf16be = Buffer.from(Buffer.from("\uFEFFtitle", "utf16le").swap16());
    expect((await refusal(() => decodeCsv(utf16be))).params).toEqual({ encoding: "UTF-16 BE" });
    expect((await refusal(() => decodeCsv(Buffer.from("title,description\r\n", "utf16le")))).params).toEqual({
      encoding: "UTF-16",
    });
    const latin1 = Buffer.from("title\r\nCafé à Genève\r\n", "latin1");
    expect(await refusal(() => decodeCsv(latin1))).toMatchObject({
      code: "import_encoding",
      status: 400,
      params: { encoding: "Latin-1 / Windows-1252" },
    });
  });

  it("refuses a byte order mark where none is expected, naming the row", async () => {
    const joined = Buffer.from("\uFEFFtitle\r\none\r\n\uFEFFtitle\r\ntwo\r\n", "utf8");
    expect(await refusal(() => decodeCsv(joined))).toMatchObject({
      code: "import_unexpected_bom",
      params: { row: 3 },
    });
    expect((await refusal(() => decodeCsv(Buffer.from("\uFEFF\uFEFFtitle\n", "utf8")))).code).toBe(
      "import_unexpected_bom",
    );
  });
});

describe("CSV parsing", () => {
  it("keeps quotes, separators and line breaks inside quoted cells, numbering rows as a spreadsheet", () => {
    const text = 'a,b\r\n"say ""hi""","one, two"\r\n"line 1\nline 2",x\r\n\r\n,\r\nlast,"y"\r\n';
    const table = parseCsvTable(text, 10);
    expect(table.rows).toEqual([
      ["a", "b"],
      ['say "hi"', "one, two"],
      ["line 1\nline 2", "x"],
      ["last", "y"],
    ]);
    expect(table.numbers).toEqual([1, 2, 3, 6]);
  });

  it("reads Excel's semicolon and tab separated files, and a sep= first line", () => {
    expect(parseCsvTable("a;b\n1;2;3\n", 10).rows).toEqual([
      ["a", "b"],
      ["1", "2", "3"],
    ]);
    expect(parseCsvTable("a\tb\n1\t2\n", 10).rows).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsvTable("sep=;\na;b\n1;2\n", 10)).toMatchObject({
      rows: [
        ["a", "b"],
        ["1", "2"],
      ],
    });
  });

  it("refuses a quote that never closes and text after a closing quote, with the row", async () => {
    expect(await refusal(() => parseCsvTable('a,b\n1,2\n"open,3\n4,5\n', 10))).toMatchObject({
      code: "import_malformed_csv",
      params: { row: 3 },
    });
    expect((await refusal(() => parseCsvTable('a,b\n"x"y,2\n', 10))).params).toEqual({ row: 2 });
  });

  it("refuses more rows than allowed, and a file without data rows", async () => {
    expect(await refusal(() => parseCsvTable("a\n1\n2\n3\n", 2))).toMatchObject({
      code: "import_too_many_rows",
      status: 413,
      params: { max: 2 },
    });
    expect((await refusal(() => readImportTable(Buffer.from("title\r\n"), "csv"))).code).toBe("import_empty");
    expect((await refusal(() => readImportTable(Buffer.from(""), "csv"))).code).toBe("import_empty");
  });
});

describe("the header", () => {
  it("accepts the import's columns in any case, and every column of an export", () => {
    expect(readHeader(BASIC_HEADER.map((name) => name.toUpperCase())).index.get("title")).toBe(1);
    expect(() => readHeader([...TABULAR_COLUMNS])).not.toThrow();
  });

  it("reports unknown, missing and repeated columns together", async () => {
    const header = ["title", "title", "colour", "", "description", "countries"];
    const problem = await refusal(() => readHeader(header));
    expect(problem.code).toBe("import_columns");
    expect(problem.params).toMatchObject({
      unknown: "“colour”, “#4”",
      unknownCount: 2,
      duplicatedCount: 1,
      missingCount: REQUIRED_COLUMNS.length - 3,
    });
    expect(String((problem.params as { missing: string }).missing)).toContain("“organisation”");
  });
});

describe("cells", () => {
  it("keeps formula-like text as text and takes off the apostrophe exports put before it", () => {
    expect(cellText("=cmd|' /C calc'!A0")).toBe("=cmd|' /C calc'!A0");
    expect(cellText("'=cmd|' /C calc'!A0")).toBe("=cmd|' /C calc'!A0");
    expect(cellText("'-5")).toBe("-5");
    expect(cellText("'quoted")).toBe("'quoted");
    expect(cellText("a\r\nb")).toBe("a\nb");
  });
});

describe("file formats", () => {
  it("tells CSV, XLSX and files that are neither apart by their bytes", async () => {
    expect(detectFormat(csvFile([["title"]]))).toBe("csv");
    expect(detectFormat(xlsxOf([["title"]]))).toBe("xlsx");
    expect((await refusal(() => detectFormat(Buffer.from("%PDF-1.7"), "entries.pdf"))).code).toBe(
      "import_unsupported_format",
    );
    const legacyXls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await refusal(() => detectFormat(legacyXls, "entries.xls"))).status).toBe(415);
  });
});

describe("XLSX", () => {
  const rows = [BASIC_HEADER, basicRow("x-1"), basicRow("x-2", { title: 'Fish & <chips> "ok"' })];

  it("reads shared and inline strings, numbers and dates", async () => {
    for (const sharedStrings of [true, false]) {
      const table = await parseXlsxTable(xlsxOf(rows, { sharedStrings }), 10);
      expect(table.rows).toEqual(rows);
      expect(table.numbers).toEqual([1, 2, 3]);
    }
    const numbers = await parseXlsxTable(
      xlsxOf([
        ["sdgs", "startDate"],
        [4, 45383],
      ]),
      10,
    );
    expect(numbers.rows[1]).toEqual(["4", "45383"]);
    expect(spreadsheetDate("45383", false)).toBe("2024-04-01");
    expect(spreadsheetDate("43921", true)).toBe("2024-04-01");
    expect(spreadsheetDate("not a date", false)).toBeNull();
  });

  it("decodes entities and Excel's own escapes, never into NUL or lone surrogates", () => {
    expect(xmlUnescape("a&amp;b&#233;&#x4e2d;_x000D__x005F_x0041_")).toBe("a&bé中\r_x0041_");
    expect(xmlUnescape("&#0;&#xD800;")).toBe("\uFFFD\uFFFD");
  });

  it("refuses formulas, naming the first cell that has one", async () => {
    const withFormula = xlsxOf([...rows, [..."abc".split(""), { formula: 'HYPERLINK("x")', cached: "x" }]]);
    expect(await refusal(() => parseXlsxTable(withFormula, 10))).toMatchObject({
      code: "import_xlsx_formulas",
      params: { cell: "D4" },
    });
  });

  it("refuses a workbook with more than one sheet", async () => {
    expect(await refusal(() => parseXlsxTable(xlsxOf(rows, { sheets: 3 }), 10))).toMatchObject({
      code: "import_xlsx_sheets",
      params: { count: 3 },
    });
  });

  it("stops a zip bomb while inflating it", async () => {
    const bomb = zipBomb(32);
    expect(bomb.length).toBeLessThan(256 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    expect(await refusal(() => parseXlsxTable(bomb, 10))).toMatchObject({
      code: "import_zip_bomb",
      status: 413,
    });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024);
  });

  it("refuses what is not a workbook", async () => {
    expect((await refusal(() => parseXlsxTable(Buffer.from("PK\u0003\u0004 broken"), 10))).code).toBe(
      "import_invalid_xlsx",
    );
    const noWorkbook = zipOf([["hello.txt", "hi"]]);
    expect((await refusal(() => parseXlsxTable(noWorkbook, 10))).code).toBe("import_invalid_xlsx");
    const corrupt = xlsxOf(rows);
    corrupt.writeUInt8((corrupt.at(-40) ?? 0) ^ 0xff, corrupt.length - 40); // inside the central directory
    expect((await refusal(() => parseXlsxTable(corrupt, 10))).code).toBe("import_invalid_xlsx");
  });

  it("reads what our own CSV helper writes the same way from CSV", async () => {
    const table = await readImportTable(Buffer.from(csvOf(rows, { bom: true })), "csv");
    expect(table.rows).toEqual(rows);
  });
});
