import { type Language, localName, type Translate } from "../../platform/i18n.ts";
import { ENTRY_LANGUAGES, type EntryTranslation } from "../stocktaking/entry-fields.ts";
import { countryName } from "../taxonomy/country-names.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { ExportRecord } from "./export.repo.ts";

/**
 * Turns `ExportRecord`s into the values of one export row: the JSON object (codes only) or the
 * cells of a CSV/XLSX row (codes, then their names in the reader's language), in the order of
 * `EXPORT_FIELDS`. The fast CSV and JSON writers (`export-row-writers.ts`) write the same rows
 * straight into buffers.
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

/** A coded field of a row: one code, a `;`-joined list of codes, or a list of numbers (SDGs). */
export interface CodedField {
  /** Its name in JSON and in the CSV/XLSX header. */
  key: string;
  kind: "code" | "codes" | "numbers";
  /** Where its names come from. */
  label: keyof ExportLabels;
}

/** The coded fields, by the record's column. */
export const CODED_FIELDS = {
  language: { key: "language", kind: "code", label: "language" },
  stakeholder_type: { key: "stakeholderType", kind: "code", label: "stakeholderType" },
  coverage: { key: "coverage", kind: "code", label: "coverage" },
  countries: { key: "countries", kind: "codes", label: "country" },
  regions: { key: "regions", kind: "codes", label: "region" },
  action_lines: { key: "actionLines", kind: "codes", label: "actionLine" },
  sdgs: { key: "sdgs", kind: "numbers", label: "sdg" },
  target_groups: { key: "targetGroups", kind: "codes", label: "targetGroup" },
  project_status: { key: "status", kind: "code", label: "status" },
} as const satisfies Record<string, CodedField>;

const MEMO_MAX = 50_000;

/**
 * `f` remembered per distinct input: a million entries repeat a few thousand codes and
 * combinations of codes, so each is worked out once. Bounded, so odd data cannot grow it without end.
 */
export function remember<T>(f: (value: string) => T): (value: string) => T {
  const seen = new Map<string, T>();
  return (value) => {
    let out = seen.get(value);
    if (out === undefined) {
      out = f(value);
      if (seen.size >= MEMO_MAX) seen.clear();
      seen.set(value, out);
    }
    return out;
  };
}

/** The names of a coded field's value (`;`-joined for a list), empty for none. */
export function namesOf(field: CodedField, labels: ExportLabels): (value: string) => string {
  const name = labels[field.label];
  return field.kind === "code"
    ? (code) => (code === "" ? "" : name(code))
    : (codes) => (codes === "" ? "" : codes.split(";").map(name).join(";"));
}

export const list = (joined: string): string[] => (joined === "" ? [] : joined.split(";"));

/** The record's translations; anything unreadable counts as none. */
export function translationsOf(record: ExportRecord): EntryTranslation[] {
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

/**
 * Title and description per `ENTRY_LANGUAGES` language, in that order, null where there is no
 * translation: the flattened `translations.<lang>.*` columns of CSV and XLSX.
 */
export function flatTranslations(record: ExportRecord): Array<string | null> {
  const translations = translationsOf(record);
  const cells: Array<string | null> = [];
  for (const lang of ENTRY_LANGUAGES) {
    const translation =
      translations.length > 0 ? translations.find((item) => item.language === lang) : undefined;
    cells.push(translation?.title ?? null, translation?.description ?? null);
  }
  return cells;
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
  const named = (field: CodedField) => remember(namesOf(field, labels));
  const language = named(CODED_FIELDS.language);
  const stakeholderType = named(CODED_FIELDS.stakeholder_type);
  const coverage = named(CODED_FIELDS.coverage);
  const countries = named(CODED_FIELDS.countries);
  const regions = named(CODED_FIELDS.regions);
  const actionLines = named(CODED_FIELDS.action_lines);
  const sdgs = named(CODED_FIELDS.sdgs);
  const targetGroups = named(CODED_FIELDS.target_groups);
  const status = named(CODED_FIELDS.project_status);
  return (record) => [
    Number(record.id),
    `${baseUrl}/entries/${record.id}`,
    record.title,
    record.description,
    record.language,
    language(record.language ?? ""),
    record.organisation_name,
    record.stakeholder_type,
    stakeholderType(record.stakeholder_type ?? ""),
    record.coverage,
    coverage(record.coverage ?? ""),
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
    status(record.project_status ?? ""),
    record.start_year,
    record.published_at,
    ...flatTranslations(record),
  ];
}
