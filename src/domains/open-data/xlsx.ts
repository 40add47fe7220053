import { ChunkWriter } from "./chunk-writer.ts";
import type { Cell } from "./export-rows.ts";
import { xmlText } from "./xml.ts";
import { ZipWriter } from "./zip-writer.ts";

/**
 * A streamed XLSX (Office Open XML) workbook, written directly: the few fixed parts first, then
 * each worksheet deflated as its rows arrive. Text goes into inline-string cells (`t="inlineStr"`),
 * which a spreadsheet never evaluates, so a cell reading `=cmd|…` stays that text; numbers are
 * number cells. No shared-strings table, so nothing grows with the row count.
 */

/** Rows per sheet, header included: Excel's limit. A larger result continues on further sheets. */
export const XLSX_SHEET_ROWS = 1_048_576;
/** Excel refuses longer cell text. */
const CELL_TEXT_MAX = 32_767;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Excel reads `_xHHHH_` in cell text as an escaped character; its own escape keeps such text as typed.
const EXCEL_ESCAPE_LOOKALIKE = /_(x[0-9a-fA-F]{4}_)/g;

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(reference: string, value: Cell, style = ""): string {
  if (value === null || value === "") return "";
  if (typeof value === "number")
    return Number.isFinite(value) ? `<c r="${reference}"${style}><v>${value}</v></c>` : "";
  let text = value.length > CELL_TEXT_MAX ? value.slice(0, CELL_TEXT_MAX) : value;
  text = xmlText(text).replace(EXCEL_ESCAPE_LOOKALIKE, "_x005F_$1");
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<c r="${reference}"${style} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

function rowXml(number: number, cells: readonly Cell[], columns: readonly string[], style = ""): string {
  let xml = `<row r="${number}">`;
  for (let i = 0; i < cells.length; i++) xml += cellXml(`${columns[i]}${number}`, cells[i] ?? null, style);
  return `${xml}</row>`;
}

export interface XlsxOptions {
  header: readonly string[];
  /** How many sheets the workbook has (decided up front: their names are in the first parts). */
  sheets: number;
  /** The sheet's name; later sheets add a number. */
  sheetName: string;
  rightToLeft: boolean;
  /** Rows per sheet after the header (tests make it small). */
  rowsPerSheet?: number;
}

/** The number of sheets `rows` data rows take. */
export function sheetsFor(rows: number, rowsPerSheet = XLSX_SHEET_ROWS - 1): number {
  return Math.max(1, Math.ceil(rows / rowsPerSheet));
}

function fixedParts(options: XlsxOptions): Array<[string, string]> {
  const sheets = Array.from({ length: options.sheets }, (_, i) => i + 1);
  const sheetTitle = (n: number) => xmlText(n === 1 ? options.sheetName : `${options.sheetName} ${n}`);
  return [
    [
      "[Content_Types].xml",
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
        .map(
          (n) =>
            `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("")}</Types>`,
    ],
    [
      "_rels/.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      "xl/workbook.xml",
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>${sheets
        .map((n) => `<sheet name="${sheetTitle(n)}" sheetId="${n}" r:id="rId${n}"/>`)
        .join("")}</sheets></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${sheets
        .map(
          (n) => `<Relationship Id="rId${n}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${n}.xml"/>`,
        )
        .join(
          "",
        )}<Relationship Id="rId${options.sheets + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      "xl/styles.xml",
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
}

/** A worksheet's start: the view (header frozen, right to left for Arabic) and the bold header row. */
function sheetHead(options: Pick<XlsxOptions, "header" | "rightToLeft">, columns: readonly string[]): string {
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}"><sheetViews><sheetView workbookViewId="0"${options.rightToLeft ? ' rightToLeft="1"' : ""}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>${rowXml(1, options.header, columns, ' s="1"')}`;
}

const SHEET_TAIL = "</sheetData></worksheet>";

/** Rows pulled in order from batches, across sheet boundaries. */
class RowSource<T> {
  private batch: T[] = [];
  private at = 0;
  private done = false;

  constructor(private readonly batches: AsyncIterator<T[]>) {}

  /** Up to `max` rows (fewer at a batch's end); null when none are left. */
  async take(max: number): Promise<T[] | null> {
    while (this.at >= this.batch.length) {
      if (this.done) return null;
      const next = await this.batches.next();
      if (next.done) {
        this.done = true;
        return null;
      }
      this.batch = next.value;
      this.at = 0;
    }
    const rows = this.batch.slice(this.at, this.at + max);
    this.at += rows.length;
    return rows;
  }
}

/**
 * The workbook's bytes, produced as `batches` are read: the caller's pace (the response's
 * backpressure) decides how fast rows are read.
 */
export async function* xlsxChunks<T>(
  batches: AsyncIterable<T[]>,
  toCells: (row: T) => Cell[],
  options: XlsxOptions,
): AsyncGenerator<Buffer> {
  const zip = new ZipWriter(3);
  for (const [path, content] of fixedParts(options)) yield zip.file(path, content);
  const perSheet = options.rowsPerSheet ?? XLSX_SHEET_ROWS - 1;
  const columns = options.header.map((_, i) => columnName(i));
  const iterator = batches[Symbol.asyncIterator]();
  const source = new RowSource(iterator);
  try {
    for (let sheet = 1; sheet <= options.sheets; sheet++) {
      const sheetXml = async function* (): AsyncGenerator<Buffer> {
        yield Buffer.from(sheetHead(options, columns), "utf8");
        let number = 1;
        // The last sheet takes whatever is left, so no row is ever dropped.
        const limit = sheet === options.sheets ? Number.POSITIVE_INFINITY : perSheet;
        while (number - 1 < limit) {
          const rows = await source.take(Math.min(limit - (number - 1), 5000));
          if (!rows) break;
          let xml = "";
          for (const row of rows) xml += rowXml(++number, toCells(row), columns);
          yield Buffer.from(xml, "utf8");
        }
        yield Buffer.from(SHEET_TAIL, "utf8");
      };
      yield* zip.stream(`xl/worksheets/sheet${sheet}.xml`, sheetXml());
    }
    yield zip.finish();
  } finally {
    await iterator.return?.();
  }
}

/**
 * The workbook of `ids` read with `read`: rows are written into the sheet as the driver hands
 * them over (never gathered), one read at a time since each row's number follows the one before.
 * Sheet `n` holds the ids from position `(n - 1) × rowsPerSheet` on, so no sheet passes the limit
 * even when entries are withdrawn meanwhile (its sheet is then a little shorter).
 */
export async function* xlsxStream<T>(
  read: (ids: Float64Array, visit: (row: T) => void) => Promise<number>,
  ids: Float64Array,
  toCells: (row: T) => Cell[],
  options: Omit<XlsxOptions, "sheets"> & { batchSize: number },
): AsyncGenerator<Buffer> {
  const perSheet = options.rowsPerSheet ?? XLSX_SHEET_ROWS - 1;
  const sheets = sheetsFor(ids.length, perSheet);
  const zip = new ZipWriter(3);
  for (const [path, content] of fixedParts({ ...options, sheets })) yield zip.file(path, content);
  const columns = options.header.map((_, i) => columnName(i));
  for (let sheet = 1; sheet <= sheets; sheet++) {
    const from = (sheet - 1) * perSheet;
    const to = Math.min(ids.length, sheet * perSheet);
    const sheetXml = async function* (): AsyncGenerator<Buffer> {
      yield Buffer.from(sheetHead(options, columns), "utf8");
      const out = new ChunkWriter();
      let number = 1;
      for (let at = from; at < to; at += options.batchSize) {
        await read(ids.subarray(at, Math.min(to, at + options.batchSize)), (row) =>
          out.write(rowXml(++number, toCells(row), columns)),
        );
        yield* out.take();
      }
      yield Buffer.from(SHEET_TAIL, "utf8");
    };
    yield* zip.stream(`xl/worksheets/sheet${sheet}.xml`, sheetXml());
  }
  yield zip.finish();
}
