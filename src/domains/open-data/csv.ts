import type { Cell } from "./export-rows.ts";

/** Excel reads a CSV as UTF-8 (Arabic, Chinese, accents) only when it starts with this mark. */
export const CSV_BOM = "\uFEFF";

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE = /"/g;

/**
 * Whether a spreadsheet would take the text for a formula (or a DDE command): it begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP "CSV injection").
 */
export function looksLikeFormula(text: string): boolean {
  const first = text.charCodeAt(0);
  // = + - @ \t \r
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}

/**
 * One RFC 4180 field. Text that a spreadsheet would run as a formula is prefixed with `'`, which
 * spreadsheets show as text and hide; numbers are written as they are.
 */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  if (value === "") return "";
  const text = looksLikeFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 says (line breaks inside a quoted field stay as typed). */
export function csvLine(cells: readonly Cell[]): string {
  let line = csvCell(cells[0] ?? null);
  for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i] ?? null)}`;
  return `${line}\r\n`;
}

/**
 * Reads CSV text back into records (tests and the benchmark's checks): RFC 4180 with quoted
 * fields that may hold commas, quotes and line breaks; a leading BOM is skipped.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.startsWith(CSV_BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      // the CRLF of a record end: the \n below closes it
    } else if (char === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
