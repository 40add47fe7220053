import { AppError } from "../../platform/errors.ts";
import type { ImportTable } from "./import-table.ts";
import {
  InflateBudget,
  inflateText,
  listZipEntries,
  readText,
  type ZipEntry,
  ZipError,
  type ZipLimits,
} from "./zip-reader.ts";

/**
 * Reads the cells of an uploaded workbook (Office Open XML). Only what an import needs, and
 * strictly: one sheet (a second one is refused rather than silently ignored), no formulas (a
 * formula's cached value may be stale or computed from cells the import never sees, so the file
 * is refused with the first formula's cell), shared and inline strings, numbers, booleans.
 * Parts are inflated as streams under `XLSX_LIMITS`, so a zip bomb stops early.
 */

/**
 * Generous for a real workbook (100,000 entries make ~250 MB of sheet XML, compressed 10:1),
 * tiny for a bomb (which needs ratios of thousands).
 */
export const XLSX_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxTotalBytes: 768 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
// Excel writes characters XML cannot carry as `_xHHHH_` (and a literal `_x` as `_x005F_x`).
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

/** A character reference as text; NUL, lone surrogates and out-of-range values become U+FFFD. */
function codePoint(value: number): string {
  const usable = value > 0 && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff);
  return usable ? String.fromCodePoint(value) : "\uFFFD";
}

/** XML character data as text: entities and Excel's own escapes decoded. */
export function xmlUnescape(text: string): string {
  let out = text.includes("&")
    ? text.replace(ENTITY, (_, dec: string, hex: string, name: string) =>
        dec ? codePoint(Number(dec)) : hex ? codePoint(Number.parseInt(hex, 16)) : (NAMED[name] ?? ""),
      )
    : text;
  if (out.includes("_x"))
    out = out.replace(EXCEL_ESCAPE, (_, hex: string) => codePoint(Number.parseInt(hex, 16)));
  return out;
}

const attribute = (attrs: string, name: string): string | undefined =>
  new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attrs)?.[1];

/** The text of every `<t>` run, leaving out phonetic guides (`<rPh>`). */
function runsText(xml: string): string {
  const body = xml.includes("rPh") ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "") : xml;
  let text = "";
  for (const match of body.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g))
    text += match[1] ?? "";
  return xmlUnescape(text);
}

/** Column letters of a cell reference (`AB12`) as a 0-based index; -1 when there are none. */
export function columnIndex(reference: string): number {
  let index = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i);
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return i === 0 ? -1 : index - 1;
}

const bad = () => new AppError("import_invalid_xlsx", 400);

function toAppError(error: unknown): unknown {
  if (error instanceof ZipError)
    return error.problem === "bomb" ? new AppError("import_zip_bomb", 413) : bad();
  return error;
}

/** Relationships of a part, by id. */
function relationships(xml: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const [, attrs = ""] of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const id = attribute(attrs, "Id");
    const target = attribute(attrs, "Target");
    if (id && target) out.set(id, { type: attribute(attrs, "Type") ?? "", target: xmlUnescape(target) });
  }
  return out;
}

/** A relationship target resolved against the folder of the part that names it. */
function resolvePath(fromPart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = fromPart.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== "." && piece !== "") parts.push(piece);
  }
  return parts.join("/");
}

const relsPathOf = (part: string) => {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

/**
 * Feeds text chunks and calls `onElement` with each complete `<name>…</name>` (or `<name/>`)
 * element, without ever holding more than one chunk plus an unfinished element.
 */
class ElementStream {
  private pending = "";
  private prefix: string | null = null;
  private elements: RegExp | null = null;

  constructor(
    private readonly name: string,
    private readonly container: string,
    private readonly onElement: (attrs: string, body: string) => void,
  ) {}

  private pattern(): RegExp {
    const p = this.prefix ?? "";
    this.elements ??= new RegExp(
      `<${p}${this.name}\\b([^>]*?)(?:\\/>|>([\\s\\S]*?)<\\/${p}${this.name}>)`,
      "g",
    );
    this.elements.lastIndex = 0;
    return this.elements;
  }

  write(text: string): void {
    this.pending += text;
    if (this.prefix === null) {
      const found = new RegExp(`<(\\w+:)?${this.container}\\b`).exec(this.pending);
      if (!found) return;
      this.prefix = found[1] ?? "";
    }
    const close = `</${this.prefix}${this.name}>`;
    const last = this.pending.lastIndexOf(close);
    if (last < 0) return;
    const cut = last + close.length;
    this.parse(this.pending.slice(0, cut));
    this.pending = this.pending.slice(cut);
  }

  end(): void {
    if (this.prefix !== null) this.parse(this.pending);
    this.pending = "";
  }

  private parse(segment: string): void {
    for (const match of segment.matchAll(this.pattern())) this.onElement(match[1] ?? "", match[2] ?? "");
  }
}

/** The cells of the workbook's only sheet, as text. */
export async function parseXlsxTable(bytes: Buffer, maxRows: number): Promise<ImportTable> {
  try {
    return await readWorkbook(bytes, maxRows);
  } catch (error) {
    throw toAppError(error);
  }
}

async function readWorkbook(bytes: Buffer, maxRows: number): Promise<ImportTable> {
  const entries = listZipEntries(bytes, XLSX_LIMITS);
  const byName = new Map<string, ZipEntry>(entries.map((entry) => [entry.name.replace(/^\//, ""), entry]));
  const budget = new InflateBudget(XLSX_LIMITS);
  const text = async (path: string) => {
    const entry = byName.get(path);
    return entry ? readText(bytes, entry, budget) : null;
  };

  const rootRels = await text("_rels/.rels");
  const officeDocument = rootRels
    ? [...relationships(rootRels).values()].find((rel) => rel.type.endsWith("/officeDocument"))
    : undefined;
  const workbookPath = officeDocument ? resolvePath("", officeDocument.target) : "xl/workbook.xml";
  const workbook = await text(workbookPath);
  if (!workbook) throw bad();
  const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((match) => match[1] ?? "");
  if (sheets.length === 0) throw bad();
  if (sheets.length > 1) throw new AppError("import_xlsx_sheets", 400, { count: sheets.length });
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);
  const relationId = /\b\w+:id="([^"]+)"/.exec(sheets[0] as string)?.[1];
  const workbookRels = relationships((await text(relsPathOf(workbookPath))) ?? "");
  const sheetTarget = relationId ? workbookRels.get(relationId)?.target : undefined;
  const sheetPath = sheetTarget ? resolvePath(workbookPath, sheetTarget) : "xl/worksheets/sheet1.xml";
  const sheetEntry = byName.get(sheetPath);
  if (!sheetEntry) throw bad();

  const strings: string[] = [];
  const stringsRel = [...workbookRels.values()].find((rel) => rel.type.endsWith("/sharedStrings"));
  const stringsEntry = byName.get(
    stringsRel ? resolvePath(workbookPath, stringsRel.target) : "xl/sharedStrings.xml",
  );
  if (stringsEntry) {
    const stream = new ElementStream("si", "sst", (_, body) => strings.push(runsText(body)));
    await inflateText(bytes, stringsEntry, budget, (chunk) => stream.write(chunk));
    stream.end();
  }

  const rows: string[][] = [];
  const numbers: number[] = [];
  let lastRow = 0;
  const sheet = new ElementStream("row", "sheetData", (rowAttrs, body) => {
    const number = Number(attribute(rowAttrs, "r") ?? lastRow + 1);
    lastRow = Number.isFinite(number) ? number : lastRow + 1;
    const cells: string[] = [];
    let next = 0;
    for (const match of body.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attrs = match[1] ?? "";
      const content = match[2] ?? "";
      const reference = attribute(attrs, "r");
      const column = reference ? columnIndex(reference) : next;
      if (column < 0 || column > 16_383) throw bad();
      next = column + 1;
      if (/<(?:\w+:)?f\b/.test(content))
        throw new AppError("import_xlsx_formulas", 400, { cell: reference ?? `#${lastRow}` });
      const type = attribute(attrs, "t") ?? "n";
      const raw = /<(?:\w+:)?v>([\s\S]*?)<\/(?:\w+:)?v>/.exec(content)?.[1];
      let value: string;
      if (type === "s") {
        const shared = strings[Number(raw)];
        if (shared === undefined) throw bad();
        value = shared;
      } else if (type === "inlineStr") value = runsText(content);
      else if (type === "b") value = raw === "1" ? "TRUE" : raw === "0" ? "FALSE" : "";
      else value = xmlUnescape(raw ?? "");
      while (cells.length < column) cells.push("");
      cells[column] = value;
    }
    if (cells.some((cell) => cell !== "")) {
      if (rows.length > maxRows) throw new AppError("import_too_many_rows", 413, { max: maxRows });
      rows.push(cells);
      numbers.push(lastRow);
    }
  });
  await inflateText(bytes, sheetEntry, budget, (chunk) => sheet.write(chunk));
  sheet.end();
  return { rows, numbers, date1904 };
}

const DAY_MS = 86_400_000;

/**
 * A spreadsheet date cell (days since 1899-12-30, or since 1904-01-01) as `YYYY-MM-DD`; null when
 * the number cannot be a date the entry rules accept.
 */
export function spreadsheetDate(serial: string, date1904: boolean): string | null {
  if (!/^\d{1,6}(\.\d+)?$/.test(serial)) return null;
  const days = Math.floor(Number(serial));
  if (days < 1) return null;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}
