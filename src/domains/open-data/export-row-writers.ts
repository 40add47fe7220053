import { ENTRY_LANGUAGES } from "../stocktaking/entry-fields.ts";
import type { ChunkWriter } from "./chunk-writer.ts";
import { csvCell, looksLikeFormula } from "./csv.ts";
import type { ExportRecord } from "./export.repo.ts";
import {
  CODED_FIELDS,
  type CodedField,
  type ExportContext,
  flatTranslations,
  list,
  namesOf,
  remember,
  translationsOf,
} from "./export-rows.ts";

/**
 * CSV and JSON rows written straight into a `ChunkWriter`, built for the export's speed: the same
 * bytes as `csvLine(tabularRows(…))` and `JSON.stringify(exportObject(…))`, without building the
 * row. Both formats carry the same fields in the same order, so one writer serves both: what
 * differs is the syntax around the values (`RowSyntax`). Each coded field, with its key or its
 * names, is one piece of bytes encoded once per distinct value (`,KE;TZ,Kenya;Tanzania`); the
 * free text is written as it is, escaped only when it needs to be.
 */

const QUOTE = Buffer.from('"');
const APOSTROPHE = Buffer.from("'");
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

/** `csvCell(text)` written into `out` without building the quoted string (room already ensured). */
function writeCsvText(out: ChunkWriter, text: string): void {
  if (text === "") return;
  const formula = looksLikeFormula(text);
  if (!NEEDS_QUOTES.test(text)) {
    if (formula) out.bytes(APOSTROPHE);
    out.text(text);
    return;
  }
  out.bytes(QUOTE);
  if (formula) out.bytes(APOSTROPHE);
  out.text(text.includes('"') ? text.replace(QUOTES, '""') : text);
  out.bytes(QUOTE);
}

// Characters JSON.stringify would escape (and any surrogate, which it checks for pairing).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const JSON_SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `JSON.stringify(text)` written into `out`, copying only when something needs escaping. */
function writeJsonText(out: ChunkWriter, text: string): void {
  if (JSON_SPECIAL.test(text)) out.text(JSON.stringify(text));
  else {
    out.bytes(QUOTE);
    out.text(text);
    out.bytes(QUOTE);
  }
}

/**
 * What a row looks like around its values. A row is: `start` id `link` id `title` title
 * `description` description, the language piece, `organisation` organisation, the other coded
 * pieces, `startYear` year `publishedAt` time, then the translations.
 */
interface RowSyntax {
  start: string;
  link: string;
  title: string;
  description: string;
  organisation: string;
  startYear: string;
  publishedAt: string;
  /** Around the publication time. */
  timeQuote: string;
  /** For a missing year or time. */
  none: string;
  /** Writes free text (title, description, organisation). */
  text: (out: ChunkWriter, text: string) => void;
  /** Bytes one UTF-16 unit of free text may take once escaped. */
  textBytes: number;
  /** The text of a coded field's piece for one value, separator included. */
  piece: (field: CodedField) => (value: string) => string;
  /** The row's end when it has no translations. */
  noTranslations: string;
  /** The row's end with its translations (only called when it has some). */
  translations: (record: ExportRecord) => string;
}

/** The room a row may need besides its pieces and its text: quotes, apostrophes, the year. */
const SLACK = 64;

/** One format's rows, written as `RowSyntax` says; built once per export, so pieces are remembered across rows. */
function rowWriter(syntax: RowSyntax): (record: ExportRecord, out: ChunkWriter) => void {
  const bytes = (text: string) => Buffer.from(text, "utf8");
  const start = bytes(syntax.start);
  const link = bytes(syntax.link);
  const title = bytes(syntax.title);
  const description = bytes(syntax.description);
  const organisation = bytes(syntax.organisation);
  const startYear = bytes(syntax.startYear);
  const publishedAt = bytes(syntax.publishedAt);
  const timeQuote = bytes(syntax.timeQuote);
  const none = bytes(syntax.none);
  const noTranslations = bytes(syntax.noTranslations);
  const { text, textBytes, translations } = syntax;
  // CSV has nothing to write in some places; skipping an empty write is cheaper than making it.
  const hasStart = start.length > 0;
  const hasNone = none.length > 0;
  const quoteTime = timeQuote.length > 0;
  const fixed =
    [start, link, title, description, organisation, startYear, publishedAt, noTranslations].reduce(
      (sum, piece) => sum + piece.length,
      0,
    ) + SLACK;
  const coded = (field: CodedField) => {
    const piece = syntax.piece(field);
    return remember((value) => bytes(piece(value)));
  };
  const language = coded(CODED_FIELDS.language);
  const stakeholderType = coded(CODED_FIELDS.stakeholder_type);
  const coverage = coded(CODED_FIELDS.coverage);
  const countries = coded(CODED_FIELDS.countries);
  const regions = coded(CODED_FIELDS.regions);
  const actionLines = coded(CODED_FIELDS.action_lines);
  const sdgs = coded(CODED_FIELDS.sdgs);
  const targetGroups = coded(CODED_FIELDS.target_groups);
  const status = coded(CODED_FIELDS.project_status);
  return (r, out) => {
    const titleText = r.title ?? "";
    const descriptionText = r.description ?? "";
    const organisationText = r.organisation_name ?? "";
    const ending = r.translations === "[]" || !r.translations ? null : translations(r);
    const p1 = language(r.language ?? "");
    const p2 = stakeholderType(r.stakeholder_type ?? "");
    const p3 = coverage(r.coverage ?? "");
    const p4 = countries(r.countries);
    const p5 = regions(r.regions);
    const p6 = actionLines(r.action_lines);
    const p7 = sdgs(r.sdgs);
    const p8 = targetGroups(r.target_groups);
    const p9 = status(r.project_status ?? "");
    out.ensure(
      fixed +
        p1.length +
        p2.length +
        p3.length +
        p4.length +
        p5.length +
        p6.length +
        p7.length +
        p8.length +
        p9.length +
        textBytes * (titleText.length + descriptionText.length + organisationText.length) +
        3 * (2 * r.id.length + (r.published_at?.length ?? 0) + (ending?.length ?? 0)),
    );
    if (hasStart) out.bytes(start);
    out.text(r.id);
    out.bytes(link);
    out.text(r.id);
    out.bytes(title);
    text(out, titleText);
    out.bytes(description);
    text(out, descriptionText);
    out.bytes(p1);
    out.bytes(organisation);
    text(out, organisationText);
    out.bytes(p2);
    out.bytes(p3);
    out.bytes(p4);
    out.bytes(p5);
    out.bytes(p6);
    out.bytes(p7);
    out.bytes(p8);
    out.bytes(p9);
    out.bytes(startYear);
    if (r.start_year !== null) out.text(String(r.start_year));
    else if (hasNone) out.bytes(none);
    out.bytes(publishedAt);
    // The publication time is ISO text from the query: never quoted in CSV, never escaped in JSON.
    if (!r.published_at) {
      if (hasNone) out.bytes(none);
    } else if (quoteTime) {
      out.bytes(timeQuote);
      out.text(r.published_at);
      out.bytes(timeQuote);
    } else out.text(r.published_at);
    if (ending === null) out.bytes(noTranslations);
    else out.text(ending);
  };
}

const cell = (value: string | null): string => (value === null ? "" : csvCell(value));

/** One CSV record per entry (CRLF-terminated), the cells `tabularRows` gives XLSX. */
export function csvRowWriter(context: ExportContext): (record: ExportRecord, out: ChunkWriter) => void {
  const { labels, baseUrl } = context;
  // An id is digits, so `csvCell(prefix + id)` is the same text before and after every id.
  const sample = csvCell(`${baseUrl}/entries/0`);
  const at = sample.lastIndexOf("0");
  return rowWriter({
    start: "",
    link: `,${sample.slice(0, at)}`,
    title: `${sample.slice(at + 1)},`,
    description: ",",
    organisation: ",",
    startYear: ",",
    publishedAt: ",",
    timeQuote: "",
    none: "",
    text: writeCsvText,
    // UTF-8 takes at most 3 bytes a unit; a doubled quote takes 2.
    textBytes: 3,
    piece: (field) => {
      const names = namesOf(field, labels);
      return (value) => `,${csvCell(value)},${csvCell(names(value))}`;
    },
    noTranslations: `${",".repeat(ENTRY_LANGUAGES.length * 2)}\r\n`,
    translations: (record) => {
      let text = "";
      for (const value of flatTranslations(record)) text += `,${cell(value)}`;
      return `${text}\r\n`;
    },
  });
}

const jsonValue: Record<CodedField["kind"], (value: string) => string> = {
  code: (value) => (value === "" ? "null" : JSON.stringify(value)),
  codes: (value) => JSON.stringify(list(value)),
  numbers: (value) => JSON.stringify(list(value).map(Number)),
};

/** One JSON object per entry (no separator), equal to `JSON.stringify(exportObject(record))`. */
export function jsonRowWriter(baseUrl: string): (record: ExportRecord, out: ChunkWriter) => void {
  return rowWriter({
    start: '{"id":"',
    link: `","url":${JSON.stringify(`${baseUrl}/entries/`).slice(0, -1)}`,
    title: '","title":',
    description: ',"description":',
    organisation: ',"organisation":',
    startYear: ',"startYear":',
    publishedAt: ',"publishedAt":',
    timeQuote: '"',
    none: "null",
    text: writeJsonText,
    // 3 bytes of UTF-8, or an escape of up to 6 (\u001f).
    textBytes: 6,
    piece: (field) => {
      const json = jsonValue[field.kind];
      return (value) => `,"${field.key}":${json(value)}`;
    },
    noTranslations: ',"translations":[]}',
    translations: (record) => `,"translations":${JSON.stringify(translationsOf(record))}}`,
  });
}
