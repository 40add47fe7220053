import { isUtf8 } from "node:buffer";
import { AppError } from "../../platform/errors.ts";
import type { ImportTable } from "./import-table.ts";

/**
 * Reads an uploaded CSV strictly: UTF-8 only (with or without its byte order mark), RFC 4180
 * quoting (quotes, commas and line breaks inside quoted cells), and a clear error for anything it
 * would otherwise have to guess at. Other encodings are refused, not converted: a wrong guess
 * would silently store mangled text in a public database, and "Save as CSV UTF-8" fixes the file.
 */

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The file's text, or an `import_encoding` / `import_unexpected_bom` error naming what was found.
 * A UTF-8 byte order mark at the very start is fine (our exports write one for Excel).
 */
export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    throw new AppError("import_encoding", 400, { encoding: "UTF-16 LE" });
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    throw new AppError("import_encoding", 400, { encoding: "UTF-16 BE" });
  const start = UTF8_BOM.every((byte, i) => bytes[i] === byte) ? 3 : 0;
  // UTF-16 without a mark: every other byte of ASCII text is zero.
  const probe = bytes.subarray(start, start + 512);
  const zeros = probe.filter((byte) => byte === 0).length;
  if (probe.length >= 4 && zeros * 4 >= probe.length)
    throw new AppError("import_encoding", 400, { encoding: "UTF-16" });
  const body = bytes.subarray(start);
  if (!isUtf8(body)) throw new AppError("import_encoding", 400, { encoding: "Latin-1 / Windows-1252" });
  const text = body.toString("utf8");
  const bom = text.indexOf("\uFEFF");
  if (bom >= 0) {
    const before = text.slice(0, bom);
    let row = 1;
    for (let i = before.indexOf("\n"); i >= 0; i = before.indexOf("\n", i + 1)) row++;
    throw new AppError("import_unexpected_bom", 400, { row });
  }
  return text;
}

/** `,`, `;` (Excel in many locales) or tab, read from the header line; `sep=x` first lines are honoured. */
function detectDelimiter(text: string): { delimiter: number; start: number } {
  const firstBreak = text.search(/\r?\n/);
  const firstLine = firstBreak < 0 ? text : text.slice(0, firstBreak);
  const hint = /^sep=(.)$/i.exec(firstLine.trim());
  if (hint?.[1]) {
    const newline = text.indexOf("\n");
    return { delimiter: hint[1].charCodeAt(0), start: newline < 0 ? text.length : newline + 1 };
  }
  const counts = [",", ";", "\t"].map((char) => firstLine.split(char).length - 1);
  const best = counts.indexOf(Math.max(...counts));
  return { delimiter: [",", ";", "\t"][Math.max(0, best)]?.charCodeAt(0) ?? 44, start: 0 };
}

const malformed = (row: number) => new AppError("import_malformed_csv", 400, { row });

/**
 * Parses the text into rows of cells, numbered as a spreadsheet shows them (the header is row 1;
 * a quoted cell with line breaks does not move the numbering). Entirely empty rows are skipped.
 * A quote that never closes, or text right after a closing quote, is `import_malformed_csv` with
 * the row it happened in.
 */
export function parseCsvTable(text: string, maxRows: number): ImportTable {
  const { delimiter, start } = detectDelimiter(text);
  const rows: string[][] = [];
  const numbers: number[] = [];
  const n = text.length;
  let record: string[] = [];
  let recordNumber = 1;
  let i = start;
  const endRecord = () => {
    if (record.some((cell) => cell !== "")) {
      // The header plus `maxRows` data rows.
      if (rows.length > maxRows) throw new AppError("import_too_many_rows", 413, { max: maxRows });
      rows.push(record);
      numbers.push(recordNumber);
    }
    record = [];
    recordNumber++;
  };
  if (i >= n) return { rows, numbers, date1904: false };
  for (;;) {
    let cell: string;
    if (text.charCodeAt(i) === QUOTE) {
      let value = "";
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close < 0) throw malformed(recordNumber);
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      const next = text.charCodeAt(i);
      if (i < n && next !== delimiter && next !== CR && next !== LF) throw malformed(recordNumber);
      cell = value;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === CR || c === LF) break;
        j++;
      }
      // A stray quote inside an unquoted cell is kept as typed, as spreadsheets do.
      cell = text.slice(i, j);
      i = j;
    }
    record.push(cell);
    if (i >= n) {
      endRecord();
      break;
    }
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      if (i >= n) {
        record.push("");
        endRecord();
        break;
      }
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRecord();
    if (i >= n) break;
  }
  return { rows, numbers, date1904: false };
}
