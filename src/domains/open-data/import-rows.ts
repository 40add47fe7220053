import { ValidationError } from "../../platform/errors.ts";
import { cleanLine, hasControlCharacters, isRowId } from "../../platform/validation.ts";
import { ENTRY_LANGUAGES, type EntryDraft, type EntryTranslation } from "../stocktaking/entry-fields.ts";
import { validateTranslation } from "../stocktaking/entry-translations.rules.ts";
import { type EntryCodes, isValidEmail, validateEntry } from "../stocktaking/entry-validation.ts";
import { sameContent } from "../stocktaking/revisions.diff.ts";
import { looksLikeFormula } from "./csv.ts";
import {
  ENTRY_COLUMNS,
  EXTERNAL_ID_COLUMN,
  type HeaderMap,
  ID_COLUMN,
  OWNER_COLUMN,
  translationColumn,
} from "./import-columns.ts";
import type { ImportTable } from "./import-table.ts";
import { spreadsheetDate } from "./import-xlsx.ts";

/**
 * What the dry run decides for one row: the rules are the entry form's (`validateEntry` in
 * "submit" mode, `validateTranslation`), reported by row and column instead of by form field.
 * Pure: the database look-ups a batch needs are made beforehand and passed in.
 */

export interface RowError {
  column: string;
  code: string;
  params?: Record<string, string | number>;
}

export type RowOutcome = "create" | "update" | "unchanged" | "error";

/** One row's verdict and, unless it is an error, the revision content the commit writes. */
export interface StagedRow {
  rowNumber: number;
  outcome: RowOutcome;
  externalId: string | null;
  entryId: string | null;
  /** The entry's latest and published revisions the verdict was made against (updates). */
  baseRevisionId: string | null;
  basePublishedRevisionId: string | null;
  ownerId: string | null;
  /** The commit records (source, external id) → entry for this row. */
  mapExternalId: boolean;
  /** For people reading the results: the row's title as typed (control characters removed). */
  title: string;
  /** The revision content (kept in memory only: the commit derives it from the file again). */
  data: EntryDraft | null;
  errors: RowError[] | null;
}

/** An existing entry a row may update. */
export interface TargetEntry {
  id: string;
  state: string;
  ownerId: string;
  latestRevisionId: string;
  publishedRevisionId: string | null;
  latest: EntryDraft;
}

/** What the rows of one batch need from the database. */
export interface BatchLookups {
  codes: EntryCodes;
  /** external id → entry id, for this job's source. */
  mapped: ReadonlyMap<string, string>;
  entries: ReadonlyMap<string, TargetEntry>;
  /** lower-cased email → user id. */
  owners: ReadonlyMap<string, string>;
  /** The uploader: the owner of new entries when the row names none. */
  importerId: string;
}

export const EXTERNAL_ID_MAX = 200;

const FIELD_COLUMN = new Map(ENTRY_COLUMNS.map((column) => [column.field, column.column]));
const CHOICE_FIELDS = new Set(["language", "coverage", "projectStatus"]);
// A line break typed into a spreadsheet cell means nothing in a one-line field.
const LINE_FIELDS = new Set(["title", "organisationName", "contactName", "website", "contactEmail"]);
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A cell as the entry rules should see it: Windows line breaks made `\n`, and the `'` our exports
 * (and spreadsheets) put before text that looks like a formula taken off again, so an export
 * re-imports exactly. Text starting with `=`, `+`, `-` or `@` is kept as text; nothing is evaluated.
 */
export function cellText(raw: string | undefined): string {
  if (!raw) return "";
  let text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  if (text.charCodeAt(0) === 39 && text.length > 1 && looksLikeFormula(text.slice(1))) text = text.slice(1);
  return text;
}

const listCell = (text: string): string[] =>
  text
    .split(/[;,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");

function dateCell(text: string, fromWorkbook: boolean, date1904: boolean): string {
  const value = text.trim();
  if (fromWorkbook) {
    const converted = spreadsheetDate(value, date1904);
    if (converted) return converted;
  }
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/.test(value) ? value.slice(0, 10) : value;
}

/** The parts of a row read from its cells alone (no database), and the problems found so far. */
export interface RowInput {
  rowNumber: number;
  externalId: string | null;
  entryId: string | null;
  ownerEmail: string | null;
  /** Entry fields of the columns the file has, as `validateEntry` takes them. */
  fields: Record<string, unknown>;
  /** Translations by language, for the languages the file has columns for. */
  translations: Map<string, { title: string; description: string }>;
  title: string;
  errors: RowError[];
}

/** Everything about a file that the rows of every batch share. */
export interface FileContext {
  table: ImportTable;
  header: HeaderMap;
  fromWorkbook: boolean;
  /** external id → the row number where it first appears. */
  firstRowOf: ReadonlyMap<string, number>;
}

function externalIdOf(cells: readonly string[], header: HeaderMap): string | null {
  const at = header.index.get(EXTERNAL_ID_COLUMN);
  if (at === undefined) return null;
  const value = cellText(cells[at]).trim();
  return value === "" ? null : value;
}

/** The shared context of a file: where each external id first appears. */
export function fileContext(table: ImportTable, header: HeaderMap, fromWorkbook: boolean): FileContext {
  const firstRowOf = new Map<string, number>();
  for (let i = 1; i < table.rows.length; i++) {
    const id = externalIdOf(table.rows[i] as string[], header);
    if (id !== null && !firstRowOf.has(id)) firstRowOf.set(id, table.numbers[i] as number);
  }
  return { table, header, fromWorkbook, firstRowOf };
}

/** Reads data row `index` (1 = the first row after the header). */
export function readRow(context: FileContext, index: number): RowInput {
  const { table, header } = context;
  const cells = table.rows[index] as string[];
  const rowNumber = table.numbers[index] as number;
  const errors: RowError[] = [];
  const cell = (column: string): string | undefined => {
    const at = header.index.get(column);
    return at === undefined ? undefined : cellText(cells[at]);
  };

  for (let i = header.width; i < cells.length; i++) {
    if ((cells[i] ?? "").trim() !== "") {
      errors.push({ column: `#${i + 1}`, code: "extra_cells" });
      break;
    }
  }

  let externalId = externalIdOf(cells, header);
  if (externalId !== null) {
    if (hasControlCharacters(externalId)) {
      errors.push({ column: EXTERNAL_ID_COLUMN, code: "invalid_value" });
      externalId = null;
    } else if (externalId.length > EXTERNAL_ID_MAX) {
      errors.push({ column: EXTERNAL_ID_COLUMN, code: "too_long", params: { max: EXTERNAL_ID_MAX } });
      externalId = null;
    } else if (context.firstRowOf.get(externalId) !== rowNumber) {
      errors.push({ column: EXTERNAL_ID_COLUMN, code: "duplicate_row" });
    }
  }

  const idText = (cell(ID_COLUMN) ?? "").trim();
  let entryId: string | null = null;
  if (idText !== "") {
    if (isRowId(idText)) entryId = idText;
    else errors.push({ column: ID_COLUMN, code: "invalid_value" });
  }

  const ownerText = (cell(OWNER_COLUMN) ?? "").trim();
  let ownerEmail: string | null = null;
  if (ownerText !== "") {
    if (isValidEmail(ownerText)) ownerEmail = ownerText.toLowerCase();
    else errors.push({ column: OWNER_COLUMN, code: "invalid_email" });
  }

  const fields: Record<string, unknown> = {};
  for (const column of ENTRY_COLUMNS) {
    const text = cell(column.column);
    if (text === undefined) continue;
    if (column.list) fields[column.field] = listCell(text);
    else if (column.date) fields[column.field] = dateCell(text, context.fromWorkbook, table.date1904);
    else if (CHOICE_FIELDS.has(column.field)) fields[column.field] = text.trim().toLowerCase();
    else if (LINE_FIELDS.has(column.field)) fields[column.field] = text.replace(/\s*\n\s*/g, " ");
    else fields[column.field] = text;
  }

  const translations = new Map<string, { title: string; description: string }>();
  for (const lang of ENTRY_LANGUAGES) {
    const title = cell(translationColumn(lang, "title"));
    const description = cell(translationColumn(lang, "description"));
    if (title === undefined && description === undefined) continue;
    translations.set(lang, { title: title ?? "", description: description ?? "" });
  }

  const rawTitle = typeof fields.title === "string" ? fields.title : "";
  const title = cleanLine(rawTitle.replace(CONTROL, "")).slice(0, 200);
  return { rowNumber, externalId, entryId, ownerEmail, fields, translations, title, errors };
}

/** The file's translations for a row, checked against the entry's language, or the kept ones. */
function translationsOf(
  input: RowInput,
  language: string,
  kept: readonly EntryTranslation[],
  errors: RowError[],
): EntryTranslation[] {
  const byLanguage = new Map(kept.map((translation) => [translation.language, translation]));
  for (const [lang, typed] of input.translations) {
    byLanguage.delete(lang);
    if (typed.title.trim() === "" && typed.description.trim() === "") continue;
    try {
      byLanguage.set(lang, validateTranslation({ language: lang, ...typed }, language));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const field of error.fieldErrors) {
        const part = field.field === "description" ? "description" : "title";
        errors.push({ column: translationColumn(lang, part), code: field.code, ...paramsOf(field) });
      }
    }
  }
  for (const lang of byLanguage.keys()) {
    if (lang === language) errors.push({ column: "language", code: "translation_exists" });
  }
  return ENTRY_LANGUAGES.flatMap((lang) => byLanguage.get(lang) ?? []);
}

const paramsOf = (error: { params?: Record<string, string | number> }) =>
  error.params ? { params: error.params } : {};

/** Where a row's errors are blamed when they concern the entry it targets. */
const targetColumn = (input: RowInput) => (input.entryId !== null ? ID_COLUMN : EXTERNAL_ID_COLUMN);

/**
 * The verdict for one row. A row with `external_id` already imported from this source, or with
 * an `id`, updates that entry: columns the file does not have keep the entry's values. Any other
 * row creates an entry owned by `ownerEmail`'s account (which must exist) or by the importer.
 */
export function planRow(input: RowInput, lookups: BatchLookups): StagedRow {
  const errors = [...input.errors];
  const base = {
    rowNumber: input.rowNumber,
    externalId: input.externalId,
    title: input.title,
  };
  const mappedId = input.externalId !== null ? lookups.mapped.get(input.externalId) : undefined;
  if (mappedId !== undefined && input.entryId !== null && input.entryId !== mappedId)
    errors.push({ column: ID_COLUMN, code: "invalid_value" });
  const targetId = mappedId ?? input.entryId;
  const target = targetId !== null ? lookups.entries.get(targetId) : undefined;
  if (targetId !== null && !target) errors.push({ column: targetColumn(input), code: "unknown_entry" });
  else if (target?.state === "withdrawn" || target?.state === "merged")
    errors.push({ column: targetColumn(input), code: "withdrawn_entry" });

  let ownerId: string | null = null;
  if (!target) {
    ownerId = lookups.importerId;
    if (input.ownerEmail !== null) {
      const found = lookups.owners.get(input.ownerEmail);
      if (found) ownerId = found;
      else errors.push({ column: OWNER_COLUMN, code: "unknown_account" });
    }
  }

  const merged = target ? { ...target.latest, ...input.fields } : input.fields;
  let data: EntryDraft | null = null;
  try {
    const typed = validateEntry(merged, lookups.codes, "submit");
    const translations = translationsOf(input, typed.language, target?.latest.translations ?? [], errors);
    data = { ...typed, images: target?.latest.images ?? [], translations };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const field of error.fieldErrors)
      errors.push({
        column: FIELD_COLUMN.get(field.field) ?? field.field,
        code: field.code,
        ...paramsOf(field),
      });
  }

  if (errors.length > 0 || data === null) {
    return {
      ...base,
      outcome: "error",
      entryId: target?.id ?? null,
      baseRevisionId: null,
      basePublishedRevisionId: null,
      ownerId: null,
      mapExternalId: false,
      data: null,
      errors,
    };
  }
  if (!target) {
    return {
      ...base,
      outcome: "create",
      entryId: null,
      baseRevisionId: null,
      basePublishedRevisionId: null,
      ownerId,
      mapExternalId: input.externalId !== null,
      data,
      errors: null,
    };
  }
  const unchanged =
    target.state === "published" &&
    target.publishedRevisionId === target.latestRevisionId &&
    sameContent(target.latest, data);
  return {
    ...base,
    outcome: unchanged ? "unchanged" : "update",
    entryId: target.id,
    baseRevisionId: target.latestRevisionId,
    basePublishedRevisionId: target.publishedRevisionId,
    ownerId: null,
    mapExternalId: input.externalId !== null && mappedId === undefined,
    data: unchanged ? null : data,
    errors: null,
  };
}
