import { columnName } from "./xlsx.ts";
import { ZipWriter } from "./zip-writer.ts";

/** Small files for import tests, built in the test: CSV text and XLSX workbooks, good and bad. */

/** The columns most tests use, in this order. */
export const BASIC_HEADER = [
  "external_id",
  "title",
  "description",
  "language",
  "organisation",
  "stakeholderType",
  "coverage",
  "countries",
  "actionLines",
  "sdgs",
  "targetGroups",
  "status",
  "startDate",
];

/** A complete, valid row for `BASIC_HEADER`, with `overrides` by column name. */
export function basicRow(externalId: string, overrides: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    external_id: externalId,
    title: `Community network ${externalId}`,
    description: `Village mesh network ${externalId} brings affordable internet to rural schools and clinics.`,
    language: "en",
    organisation: "Rural Connect Initiative",
    stakeholderType: "civil_society",
    coverage: "national",
    countries: "KE",
    actionLines: "C2;C4",
    sdgs: "4;9",
    targetGroups: "youth",
    status: "ongoing",
    startDate: "2023-04-01",
    ...overrides,
  };
  return BASIC_HEADER.map((column) => values[column] ?? "");
}

/** RFC 4180 quoting only (no formula neutralising: tests need the raw cells). */
export function csvOf(rows: string[][], { bom = false, separator = "," } = {}): string {
  const cell = (value: string) => (/[",;\r\n\t]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = rows.map((row) => row.map(cell).join(separator));
  return `${bom ? "\uFEFF" : ""}${lines.join("\r\n")}\r\n`;
}

/** A CSV file's bytes for a header and rows. */
export const csvFile = (rows: string[][], options: { bom?: boolean; separator?: string } = {}) =>
  Buffer.from(csvOf(rows, options), "utf8");

export type XlsxValue = string | number | { formula: string; cached?: string };

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A workbook as Excel writes one: shared strings (or inline strings), number cells, formula cells
 * with a cached value, and as many sheets as asked (the rows go on the first).
 */
export function xlsxOf(
  rows: XlsxValue[][],
  options: { sheets?: number; sharedStrings?: boolean; date1904?: boolean } = {},
): Buffer {
  const sheets = options.sheets ?? 1;
  const shared = options.sharedStrings ?? true;
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const sheetXml = rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          if (typeof value === "number") return `<c r="${ref}"><v>${value}</v></c>`;
          if (typeof value === "object")
            return `<c r="${ref}" t="str"><f>${escapeXml(value.formula)}</f><v>${escapeXml(value.cached ?? "")}</v></c>`;
          if (value === "") return "";
          if (!shared) return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
          let index = indexOf.get(value);
          if (index === undefined) {
            index = strings.length;
            strings.push(value);
            indexOf.set(value, index);
          }
          return `<c r="${ref}" t="s"><v>${index}</v></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  return zipOf([
    [
      "[Content_Types].xml",
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    ],
    [
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${options.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets>${Array.from(
        { length: sheets },
        (_, i) => `<sheet name="Sheet${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
      ).join("")}</sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${Array.from(
        { length: sheets },
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      ).join(
        "",
      )}<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ],
    [
      "xl/sharedStrings.xml",
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
        .map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`)
        .join("")}</sst>`,
    ],
    ...Array.from({ length: sheets }, (_, i): [string, string] => [
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${i === 0 ? sheetXml : ""}</sheetData></worksheet>`,
    ]),
  ]);
}

/** A ZIP of the given parts. */
export function zipOf(parts: Array<[string, string | Buffer]>): Buffer {
  const zip = new ZipWriter(9);
  const chunks = parts.map(([path, content]) => zip.file(path, content));
  return Buffer.concat([...chunks, zip.finish()]);
}

/**
 * A workbook whose sheet is a few kilobytes compressed and `megabytes` MB inflated (white space
 * inside `sheetData`): a zip bomb as far as the reader can tell.
 */
export function zipBomb(megabytes = 64): Buffer {
  const filler = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  const sheet = Buffer.concat([
    Buffer.from(
      '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ),
    filler,
    Buffer.from("</sheetData></worksheet>"),
  ]);
  return zipOf([
    [
      "_rels/.rels",
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ],
    ["xl/worksheets/sheet1.xml", sheet],
  ]);
}

/** A multipart/form-data body with one file and text fields, as a browser sends it. */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; filename: string; type: string; data: Buffer } | null,
): { payload: Buffer; contentType: string } {
  const boundary = `----wsis${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
