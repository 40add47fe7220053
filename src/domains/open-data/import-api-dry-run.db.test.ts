import { describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { translator } from "../../platform/i18n.ts";
import { BASIC_HEADER, basicRow, csvFile, xlsxOf, zipBomb } from "./import.testing.ts";
import { useImportApiTestApp, XLSX } from "./import-api.testing.ts";

/** `importEntries`: who may upload, what the dry run says per row, and the files refused whole. */

const fixture = useImportApiTestApp();
const { upload, api, rowsOf, stored, uniqueIds } = fixture;

describe("who may import", () => {
  it("is moderators and admins with the moderation scope; others get 401/403 and nothing is stored", async () => {
    const before = await stored();
    const file = csvFile([BASIC_HEADER, basicRow(uniqueIds(1)[0] as string)]);
    const anonymous = await fixture.t.app.inject({
      method: "POST",
      url: "/api/v1/imports",
      headers: { "content-type": "text/csv" },
      payload: file,
    });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "authentication_required"]);
    const plain = await upload(file, { token: fixture.userToken });
    expect([plain.statusCode, plain.json().code]).toEqual([403, "forbidden"]);
    const writeScope = await createApiToken(
      fixture.t.db,
      fixture.moderator.id,
      "write",
      ["entries:write"],
      null,
    );
    const narrow = await upload(file, { token: writeScope });
    expect([narrow.statusCode, narrow.json().code]).toEqual([403, "insufficient_scope"]);
    expect(await stored()).toEqual(before);
  });
});

describe("the dry run", () => {
  it("says per row what will happen, with errors by column in the reader's language, and writes nothing", async () => {
    const [good, unknown, incomplete, injection, , extra, date] = uniqueIds(7);
    const file = csvFile([
      BASIC_HEADER,
      basicRow(good as string),
      basicRow(unknown as string, { countries: "XX", actionLines: "C2;C99", sdgs: "18" }),
      basicRow(incomplete as string, { title: "", description: "Too short" }),
      basicRow(injection as string, {
        title: "=cmd|' /C calc'!A0",
        description: 'He said "hello, world"\nand then =HYPERLINK("http://evil.example") on a new line.',
      }),
      basicRow(good as string, { title: "Same external id again" }),
      [...basicRow(extra as string), "", "surprise"],
      basicRow(date as string, { startDate: "31/12/2024" }),
    ]);
    const before = await stored();
    const response = await upload(file, { lang: "fr" });
    expect(response.statusCode).toBe(201);
    const job = response.json();
    expect(response.headers.location).toBe(`/api/v1/imports/${job.id}`);
    expect(job).toMatchObject({
      status: "invalid",
      format: "csv",
      rowsTotal: 7,
      rowsDone: 7,
      counts: { create: 2, update: 0, unchanged: 0, error: 5 },
    });

    const fr = translator("fr");
    const rows = await fixture.t.app.inject({
      method: "GET",
      url: `/api/v1/imports/${job.id}/rows`,
      headers: { authorization: `Bearer ${fixture.modToken}`, "accept-language": "fr" },
    });
    const items = rows.json().items as Array<{ row: number; outcome: string; errors: unknown[] }>;
    expect(items.map((row) => [row.row, row.outcome])).toEqual([
      [2, "create"],
      [3, "error"],
      [4, "error"],
      [5, "create"],
      [6, "error"],
      [7, "error"],
      [8, "error"],
    ]);
    expect(items[1]?.errors).toEqual([
      { column: "countries", code: "unknown_code", message: fr("fields.unknown_code") },
      { column: "actionLines", code: "unknown_code", message: fr("fields.unknown_code") },
      { column: "sdgs", code: "unknown_code", message: fr("fields.unknown_code") },
    ]);
    expect(items[2]?.errors).toEqual([
      { column: "title", code: "required", message: fr("fields.required") },
      { column: "description", code: "too_short", message: fr("fields.too_short", { min: 20 }) },
    ]);
    expect(items[4]?.errors).toEqual([
      { column: "external_id", code: "duplicate_row", message: fr("fields.duplicate_row") },
    ]);
    expect(items[5]?.errors).toEqual([
      { column: "#15", code: "extra_cells", message: fr("fields.extra_cells") },
    ]);
    expect(items[6]?.errors).toMatchObject([{ column: "startDate", code: "invalid_date" }]);

    const errorsOnly = await rowsOf(job.id, "&outcome=error");
    expect(errorsOnly.map((row) => row.row)).toEqual([3, 4, 6, 7, 8]);
    // Only the upload and its verdicts are stored.
    expect(await stored()).toEqual({ ...before, jobs: before.jobs + 1 });
    const commit = await api("POST", `/api/v1/imports/${job.id}/commit`);
    expect([commit.statusCode, commit.json().code]).toEqual([409, "import_has_errors"]);
    expect(await stored()).toEqual({ ...before, jobs: before.jobs + 1 });
  });
});

describe("bad files", () => {
  const header = BASIC_HEADER.join(",");
  const row = basicRow("bad-1").join(",");
  const cases: Array<{ name: string; file: () => Buffer; type?: string; status: number; code: string }> = [
    {
      name: "Latin-1",
      file: () => Buffer.from(`${header}\r\n${row.replace("Village", "Café")}\r\n`, "latin1"),
      status: 400,
      code: "import_encoding",
    },
    {
      name: "UTF-16 with a byte order mark",
      file: () =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\r\n${row}\r\n`, "utf16le")]),
      status: 400,
      code: "import_encoding",
    },
    {
      name: "a byte order mark in the middle",
      file: () => Buffer.from(`\uFEFF${header}\r\n${row}\r\n\uFEFF${header}\r\n`, "utf8"),
      status: 400,
      code: "import_unexpected_bom",
    },
    {
      name: "unknown and missing columns",
      file: () => Buffer.from("title,colour\r\nA title,blue\r\n"),
      status: 400,
      code: "import_columns",
    },
    {
      name: "an unclosed quote",
      file: () => Buffer.from(`${header}\r\n"never closed,${row}\r\n`),
      status: 400,
      code: "import_malformed_csv",
    },
    {
      name: "a header and no rows",
      file: () => Buffer.from(`${header}\r\n`),
      status: 400,
      code: "import_empty",
    },
    {
      name: "an XLSX with a formula",
      file: () =>
        xlsxOf([BASIC_HEADER, [...basicRow("f-1").slice(0, 12), { formula: "TODAY()", cached: "45000" }]]),
      type: XLSX,
      status: 400,
      code: "import_xlsx_formulas",
    },
    {
      name: "an XLSX with several sheets",
      file: () => xlsxOf([BASIC_HEADER, basicRow("s-1")], { sheets: 2 }),
      type: XLSX,
      status: 400,
      code: "import_xlsx_sheets",
    },
    { name: "a zip bomb", file: () => zipBomb(16), type: XLSX, status: 413, code: "import_zip_bomb" },
    {
      name: "a PDF",
      file: () => Buffer.from("%PDF-1.7\n%âãÏÓ\n"),
      type: "application/octet-stream",
      status: 415,
      code: "import_unsupported_format",
    },
  ];

  it.each(cases)("refuses $name with a clear code, storing nothing", async ({ file, type, status, code }) => {
    const before = await stored();
    const response = await upload(file(), { type: type ?? "text/csv", lang: "es" });
    expect([response.statusCode, response.json().code]).toEqual([status, code]);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    // A sentence in the reader's language, its placeholders filled.
    expect(response.json().title).not.toMatch(/^errors\.|[{}]/);
    expect(response.json().title).not.toBe(translator("en")(`errors.${code}`, response.json()));
    expect(await stored()).toEqual(before);
  });

  it("refuses a 200 MB file by its announced size, before reading it", async () => {
    const before = await stored();
    const response = await upload(Buffer.from("title\r\n"), {
      headers: { "content-length": String(200 * 1024 * 1024) },
    });
    expect([response.statusCode, response.json().code]).toEqual([413, "import_file_too_large"]);
    expect(response.json().title).toContain("128");
    expect(await stored()).toEqual(before);
  });
});
