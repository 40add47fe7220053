import { type Language, localName, type Translate } from "../../platform/i18n.ts";
import { ENTRY_LANGUAGES, type EntryTranslation } from "../stocktaking/entry-fields.ts";
import { countryName } from "../taxonomy/country-names.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { ChunkWriter } from "./chunk-writer.ts";
import { csvCell, looksLikeFormula } from "./csv.ts";
import type { ExportRecord } from "./export.repo.ts";

/**
 * Turns `ExportRecord`s into the values of one export row: the JSON object (codes only) or the
 * cells of a CSV/XLSX row (codes, then their names in the reader's language), in the order of
 * `EXPORT_FIELDS`.
 */

/** Everything the rows need besides the records: links and names. */
export interface ExportContext {
  baseUrl: string;
  labels: ExportLabels;
}

/** A code's name, or the code itself when the reference data has none. */
type Namer = (code: string) => string;

export interface ExportLabels {
  language: Namer;
  stakeholderType: Namer;
  coverage: Namer;
  country: Namer;
  region: Namer;
  actionLine: Namer;
  sdg: Namer;
  targetGroup: Namer;
  status: Namer;
}

function lookup(names: ReadonlyMap<string, string>): Namer {
  return (code) => names.get(code) ?? code;
}

/** Plain names (no "C4:" or "SDG 4:" prefixes: the code sits in the column beside them). */
export function exportLabels(reference: ReferenceData, lang: Language, t: Translate): ExportLabels {
  const names = (rows: Array<{ code: string; names: Record<string, string> }>) =>
    lookup(new Map(rows.map((row) => [row.code, localName(row.names, lang)])));
  const countries = new Map<string, string>();
  return {
    language: (code) => t(`entries.language.${code}`),
    stakeholderType: names(reference.stakeholderTypes),
    coverage: (code) => t(`entries.coverage.${code}`),
    country: (code) => {
      let name = countries.get(code);
      if (name === undefined) {
        name = countryName(code, lang);
        countries.set(code, name);
      }
      return name;
    },
    region: names(reference.regions),
    actionLine: names(reference.actionLines),
    sdg: lookup(new Map(reference.sdgs.map((row) => [String(row.number), localName(row.names, lang)]))),
    targetGroup: names(reference.targetGroups),
    status: (code) => t(`entries.status.${code}`),
  };
}

const MEMO_MAX = 50_000;

/**
 * Names of a `;`-joined code list, remembered per distinct list: a million entries repeat a few
 * thousand combinations, so each is named once. Bounded, so odd data cannot grow it without end.
 */
function listNamer(name: Namer): (codes: string) => string {
  const memo = new Map<string, string>();
  return (codes) => {
    if (codes === "") return "";
    let names = memo.get(codes);
    if (names === undefined) {
      names = codes.split(";").map(name).join(";");
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(codes, names);
    }
    return names;
  };
}

function singleNamer(name: Namer): (code: string | null) => string {
  const memo = new Map<string, string>();
  return (code) => {
    if (!code) return "";
    let named = memo.get(code);
    if (named === undefined) {
      named = name(code);
      memo.set(code, named);
    }
    return named;
  };
}

const list = (joined: string): string[] => (joined === "" ? [] : joined.split(";"));

function translationsOf(record: ExportRecord): EntryTranslation[] {
  if (record.translations === "[]" || !record.translations) return [];
  try {
    const parsed: unknown = JSON.parse(record.translations);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((item) => {
      if (!item || typeof item !== "object") return [];
      const { language, title, description } = item as Record<string, unknown>;
      return typeof language === "string"
        ? [
            {
              language,
              title: typeof title === "string" ? title : "",
              description: typeof description === "string" ? description : "",
            },
          ]
        : [];
    });
  } catch {
    return [];
  }
}

/** The JSON/NDJSON object of one entry: codes only (the code lists are in the API). */
export function exportObject(record: ExportRecord, baseUrl: string): Record<string, unknown> {
  return {
    id: record.id,
    url: `${baseUrl}/entries/${record.id}`,
    title: record.title ?? "",
    description: record.description ?? "",
    language: record.language,
    organisation: record.organisation_name ?? "",
    stakeholderType: record.stakeholder_type,
    coverage: record.coverage,
    countries: list(record.countries),
    regions: list(record.regions),
    actionLines: list(record.action_lines),
    sdgs: list(record.sdgs).map(Number),
    targetGroups: list(record.target_groups),
    status: record.project_status,
    startYear: record.start_year,
    publishedAt: record.published_at,
    translations: translationsOf(record),
  };
}

/** A cell: text, a number, or empty. */
export type Cell = string | number | null;

/**
 * Makes the cells of CSV/XLSX rows, in `TABULAR_COLUMNS` order. Built once per export so the name
 * look-ups are remembered across rows.
 */
export function tabularRows(context: ExportContext): (record: ExportRecord) => Cell[] {
  const { labels, baseUrl } = context;
  const language = singleNamer(labels.language);
  const stakeholderType = singleNamer(labels.stakeholderType);
  const coverage = singleNamer(labels.coverage);
  const status = singleNamer(labels.status);
  const countries = listNamer(labels.country);
  const regions = listNamer(labels.region);
  const actionLines = listNamer(labels.actionLine);
  const sdgs = listNamer(labels.sdg);
  const targetGroups = listNamer(labels.targetGroup);
  return (record) => {
    const cells: Cell[] = [
      Number(record.id),
      `${baseUrl}/entries/${record.id}`,
      record.title,
      record.description,
      record.language,
      language(record.language),
      record.organisation_name,
      record.stakeholder_type,
      stakeholderType(record.stakeholder_type),
      record.coverage,
      coverage(record.coverage),
      record.countries,
      countries(record.countries),
      record.regions,
      regions(record.regions),
      record.action_lines,
      actionLines(record.action_lines),
      record.sdgs,
      sdgs(record.sdgs),
      record.target_groups,
      targetGroups(record.target_groups),
      record.project_status,
      status(record.project_status),
      record.start_year,
      record.published_at,
    ];
    const translations = translationsOf(record);
    for (const lang of ENTRY_LANGUAGES) {
      const translation =
        translations.length > 0 ? translations.find((item) => item.language === lang) : undefined;
      cells.push(translation?.title ?? null, translation?.description ?? null);
    }
    return cells;
  };
}

/** `f` remembered per distinct input (bounded): codes and code lists repeat across a million rows. */
function memo(f: (value: string) => string): (value: string | null) => string {
  const seen = new Map<string, string>();
  return (value) => {
    if (value === null) return f("");
    let out = seen.get(value);
    if (out === undefined) {
      out = f(value);
      if (seen.size >= MEMO_MAX) seen.clear();
      seen.set(value, out);
    }
    return out;
  };
}

const cell = (value: string | null): string => (value === null ? "" : csvCell(value));

/**
 * One CSV record per entry, the same cells as `tabularRows` writes in XLSX, built for speed: coded
 * fields and their names are quoted once per distinct value, free text per row.
 */
export function csvRows(context: ExportContext): (record: ExportRecord) => string {
  const { labels, baseUrl } = context;
  const prefix = `${baseUrl}/entries/`;
  // A base URL never needs quoting; if one did, each link is quoted whole.
  const link =
    csvCell(prefix) === prefix ? (id: string) => prefix + id : (id: string) => csvCell(prefix + id);
  const code = memo(csvCell);
  const named = (namer: (code: string) => string) => memo((value) => csvCell(namer(value)));
  const language = named(singleNamer(labels.language));
  const stakeholderType = named(singleNamer(labels.stakeholderType));
  const coverage = named(singleNamer(labels.coverage));
  const status = named(singleNamer(labels.status));
  const countries = named(listNamer(labels.country));
  const regions = named(listNamer(labels.region));
  const actionLines = named(listNamer(labels.actionLine));
  const sdgs = named(listNamer(labels.sdg));
  const targetGroups = named(listNamer(labels.targetGroup));
  const noTranslations = ",".repeat(ENTRY_LANGUAGES.length * 2);
  return (r) => {
    let line = `${r.id},${link(r.id)},${cell(r.title)},${cell(r.description)},${code(r.language)},${language(r.language)},${cell(r.organisation_name)},${code(r.stakeholder_type)},${stakeholderType(r.stakeholder_type)},${code(r.coverage)},${coverage(r.coverage)},${code(r.countries)},${countries(r.countries)},${code(r.regions)},${regions(r.regions)},${code(r.action_lines)},${actionLines(r.action_lines)},${code(r.sdgs)},${sdgs(r.sdgs)},${code(r.target_groups)},${targetGroups(r.target_groups)},${code(r.project_status)},${status(r.project_status)},${r.start_year ?? ""},${code(r.published_at)}`;
    if (r.translations === "[]" || !r.translations) line += noTranslations;
    else {
      const translations = translationsOf(r);
      for (const lang of ENTRY_LANGUAGES) {
        const translation = translations.find((item) => item.language === lang);
        line += `,${cell(translation?.title ?? null)},${cell(translation?.description ?? null)}`;
      }
    }
    return `${line}\r\n`;
  };
}

const jsonText = (value: string | null): string => (value === null ? "null" : JSON.stringify(value));

/**
 * One JSON object per entry as text, equal to `JSON.stringify(exportObject(record))` without
 * building the object: code lists are turned into JSON once per distinct list.
 */
export function jsonRows(baseUrl: string): (record: ExportRecord) => string {
  const url = JSON.stringify(`${baseUrl}/entries/`).slice(0, -1);
  const code = memo((value) => (value === "" ? "null" : JSON.stringify(value)));
  const codes = memo((value) => JSON.stringify(list(value)));
  const numbers = memo((value) => JSON.stringify(list(value).map(Number)));
  return (r) =>
    `{"id":${JSON.stringify(r.id)},"url":${url}${r.id}","title":${jsonText(r.title ?? "")},"description":${jsonText(r.description ?? "")},"language":${code(r.language)},"organisation":${jsonText(r.organisation_name ?? "")},"stakeholderType":${code(r.stakeholder_type)},"coverage":${code(r.coverage)},"countries":${codes(r.countries)},"regions":${codes(r.regions)},"actionLines":${codes(r.action_lines)},"sdgs":${numbers(r.sdgs)},"targetGroups":${codes(r.target_groups)},"status":${code(r.project_status)},"startYear":${r.start_year ?? "null"},"publishedAt":${code(r.published_at)},"translations":${r.translations === "[]" || !r.translations ? "[]" : JSON.stringify(translationsOf(r))}}`;
}

/** The UTF-8 bytes of `f`'s result, remembered per distinct input (bounded). */
function memoBytes(f: (value: string) => string): (value: string | null) => Buffer {
  const seen = new Map<string, Buffer>();
  return (value) => {
    const key = value ?? "";
    let out = seen.get(key);
    if (out === undefined) {
      out = Buffer.from(f(key), "utf8");
      if (seen.size >= MEMO_MAX) seen.clear();
      seen.set(key, out);
    }
    return out;
  };
}

const COMMA = Buffer.from(",");
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
 * `csvRows` written straight into a `ChunkWriter`: the same bytes, without building the line.
 * Each coded field and its name are one remembered piece (`,KE;TZ,Kenya;Tanzania`).
 */
export function csvRowWriter(context: ExportContext): (record: ExportRecord, out: ChunkWriter) => void {
  const { labels, baseUrl } = context;
  const prefix = `${baseUrl}/entries/`;
  const linkSafe = csvCell(prefix) === prefix;
  const linkStart = Buffer.from(`,${prefix}`);
  const pair = (namer: (code: string) => string) =>
    memoBytes((value) => `,${csvCell(value)},${csvCell(namer(value))}`);
  const language = pair(singleNamer(labels.language));
  const stakeholderType = pair(singleNamer(labels.stakeholderType));
  const coverage = pair(singleNamer(labels.coverage));
  const status = pair(singleNamer(labels.status));
  const countries = pair(listNamer(labels.country));
  const regions = pair(listNamer(labels.region));
  const actionLines = pair(listNamer(labels.actionLine));
  const sdgs = pair(listNamer(labels.sdg));
  const targetGroups = pair(listNamer(labels.targetGroup));
  const noTranslations = Buffer.from(`${",".repeat(ENTRY_LANGUAGES.length * 2)}\r\n`);
  return (r, out) => {
    const title = r.title ?? "";
    const description = r.description ?? "";
    const organisation = r.organisation_name ?? "";
    const link = linkSafe ? null : csvCell(prefix + r.id);
    let translations: string | null = null;
    if (r.translations !== "[]" && r.translations) {
      const list = translationsOf(r);
      translations = "";
      for (const lang of ENTRY_LANGUAGES) {
        const translation = list.find((item) => item.language === lang);
        translations += `,${cell(translation?.title ?? null)},${cell(translation?.description ?? null)}`;
      }
      translations += "\r\n";
    }
    const pieces = [
      language(r.language),
      stakeholderType(r.stakeholder_type),
      coverage(r.coverage),
      countries(r.countries),
      regions(r.regions),
      actionLines(r.action_lines),
      sdgs(r.sdgs),
      targetGroups(r.target_groups),
      status(r.project_status),
    ] as const;
    let room = linkStart.length + noTranslations.length + 16;
    for (const piece of pieces) room += piece.length;
    out.ensure(
      room +
        3 *
          (2 * r.id.length +
            title.length +
            description.length +
            organisation.length +
            (link?.length ?? 0) +
            (r.published_at?.length ?? 0) +
            (translations?.length ?? 0) +
            12) +
        // quotes and an apostrophe around each free text
        12,
    );
    out.text(r.id);
    if (link === null) {
      out.bytes(linkStart);
      out.text(r.id);
    } else {
      out.bytes(COMMA);
      out.text(link);
    }
    out.bytes(COMMA);
    writeCsvText(out, title);
    out.bytes(COMMA);
    writeCsvText(out, description);
    out.bytes(pieces[0]);
    out.bytes(COMMA);
    writeCsvText(out, organisation);
    for (let i = 1; i < pieces.length; i++) out.bytes(pieces[i] as Buffer);
    out.bytes(COMMA);
    if (r.start_year !== null) out.text(String(r.start_year));
    out.bytes(COMMA);
    // The publication time is ISO text from the query: never quoted, never a formula.
    if (r.published_at) out.text(r.published_at);
    if (translations === null) out.bytes(noTranslations);
    else out.text(translations);
  };
}

/** `jsonRows` written straight into a `ChunkWriter`: the same bytes, without building the text. */
export function jsonRowWriter(baseUrl: string): (record: ExportRecord, out: ChunkWriter) => void {
  const field = (name: string, json: (value: string) => string) =>
    memoBytes((value) => `,"${name}":${json(value)}`);
  const code = (value: string) => (value === "" ? "null" : JSON.stringify(value));
  const codes = (value: string) => JSON.stringify(list(value));
  const language = field("language", code);
  const stakeholderType = field("stakeholderType", code);
  const coverage = field("coverage", code);
  const countries = field("countries", codes);
  const regions = field("regions", codes);
  const actionLines = field("actionLines", codes);
  const sdgs = field("sdgs", (value) => JSON.stringify(list(value).map(Number)));
  const targetGroups = field("targetGroups", codes);
  const status = field("status", code);
  const bytes = (text: string) => Buffer.from(text, "utf8");
  const start = bytes('{"id":"');
  const url = bytes(`","url":${JSON.stringify(`${baseUrl}/entries/`).slice(0, -1)}`);
  const title = bytes('","title":');
  const description = bytes(',"description":');
  const organisation = bytes(',"organisation":');
  const startYear = bytes(',"startYear":');
  const publishedAt = bytes(',"publishedAt":');
  const noTranslations = bytes(',"translations":[]}');
  const translationsStart = bytes(',"translations":');
  const end = bytes("}");
  const fixed = [start, url, title, description, organisation, startYear, publishedAt, noTranslations].reduce(
    (sum, piece) => sum + piece.length,
    0,
  );
  return (r, out) => {
    const titleJson = r.title ?? "";
    const descriptionJson = r.description ?? "";
    const organisationJson = r.organisation_name ?? "";
    const translations =
      r.translations === "[]" || !r.translations ? null : JSON.stringify(translationsOf(r));
    const pieces = [
      stakeholderType(r.stakeholder_type),
      coverage(r.coverage),
      countries(r.countries),
      regions(r.regions),
      actionLines(r.action_lines),
      sdgs(r.sdgs),
      targetGroups(r.target_groups),
      status(r.project_status),
    ] as const;
    const lang = language(r.language);
    let room = fixed + lang.length + 32;
    for (const piece of pieces) room += piece.length;
    out.ensure(
      room +
        3 *
          (2 * r.id.length +
            titleJson.length +
            descriptionJson.length +
            organisationJson.length +
            (r.published_at?.length ?? 4) +
            (translations?.length ?? 0) +
            12) +
        // escapes: at most 6 bytes (\u001f) for a character counted 3 above
        3 * (titleJson.length + descriptionJson.length + organisationJson.length),
    );
    out.bytes(start);
    out.text(r.id);
    out.bytes(url);
    out.text(r.id);
    out.bytes(title);
    writeJsonText(out, titleJson);
    out.bytes(description);
    writeJsonText(out, descriptionJson);
    out.bytes(lang);
    out.bytes(organisation);
    writeJsonText(out, organisationJson);
    for (const piece of pieces) out.bytes(piece);
    out.bytes(startYear);
    out.text(r.start_year === null ? "null" : String(r.start_year));
    out.bytes(publishedAt);
    out.text(r.published_at ? `"${r.published_at}"` : "null");
    if (translations === null) out.bytes(noTranslations);
    else {
      out.bytes(translationsStart);
      out.text(translations);
      out.bytes(end);
    }
  };
}
