import { AppError } from "../../platform/errors.ts";
import { ENTRY_LANGUAGES } from "../stocktaking/entry-fields.ts";
import { TABULAR_COLUMNS } from "./export-fields.ts";

/**
 * The columns a bulk import reads. They are the export's (`export-fields.ts`), so a CSV or XLSX
 * export re-imports as it is, plus a few the export does not carry (`external_id`, exact dates,
 * website, contact, owner). Columns the export derives (names, regions, the URL…) are known and
 * ignored, so an export never trips the unknown-column check.
 */

/** An entry field (as `validateEntry` names it) and the column that carries it. */
export interface EntryColumn {
  column: string;
  field: string;
  /** A list of codes: `;` between values (the export's separator); `,` is accepted too. */
  list?: boolean;
  /** A `YYYY-MM-DD` date; spreadsheet date cells are converted. */
  date?: boolean;
}

export const ENTRY_COLUMNS: readonly EntryColumn[] = [
  { column: "title", field: "title" },
  { column: "description", field: "description" },
  { column: "language", field: "language" },
  { column: "organisation", field: "organisationName" },
  { column: "stakeholderType", field: "stakeholderType" },
  { column: "coverage", field: "coverage" },
  { column: "countries", field: "countries", list: true },
  { column: "actionLines", field: "actionLines", list: true },
  { column: "sdgs", field: "sdgs", list: true },
  { column: "targetGroups", field: "targetGroups", list: true },
  { column: "status", field: "projectStatus" },
  { column: "startDate", field: "startDate", date: true },
  { column: "endDate", field: "endDate", date: true },
  { column: "website", field: "website" },
  { column: "contactName", field: "contactName" },
  { column: "contactEmail", field: "contactEmail" },
];

/** The source's own id of the row: the same (source, external_id) always means the same entry. */
export const EXTERNAL_ID_COLUMN = "external_id";
/** This platform's entry number (an export's `id`): the row updates that entry. */
export const ID_COLUMN = "id";
/** The account that owns a new entry (it must exist); the importer when empty. */
export const OWNER_COLUMN = "ownerEmail";

export const translationColumn = (lang: string, part: "title" | "description") =>
  `translations.${lang}.${part}`;
export const TRANSLATION_COLUMNS: readonly string[] = ENTRY_LANGUAGES.flatMap((lang) => [
  translationColumn(lang, "title"),
  translationColumn(lang, "description"),
]);

/** A file must have these (an entry cannot be complete without them). */
export const REQUIRED_COLUMNS: readonly string[] = [
  "title",
  "description",
  "organisation",
  "stakeholderType",
  "coverage",
  "countries",
  "actionLines",
  "status",
];

/** Every column the import reads, in the order the template lists them. */
export const IMPORT_COLUMNS: readonly string[] = [
  EXTERNAL_ID_COLUMN,
  ID_COLUMN,
  ...ENTRY_COLUMNS.map((column) => column.column),
  OWNER_COLUMN,
  ...TRANSLATION_COLUMNS,
];

/** Export columns the import does not read (derived names, regions, URL, dates of publication). */
export const IGNORED_COLUMNS: readonly string[] = TABULAR_COLUMNS.filter(
  (column) => !IMPORT_COLUMNS.includes(column),
);

/** Other spellings people (and our own forms and API) use for a column. */
const ALIASES: Record<string, string> = {
  externalid: EXTERNAL_ID_COLUMN,
  "external id": EXTERNAL_ID_COLUMN,
  organisationname: "organisation",
  organization: "organisation",
  projectstatus: "status",
  owner: OWNER_COLUMN,
};

const KNOWN = new Map<string, string>(
  [...IMPORT_COLUMNS, ...IGNORED_COLUMNS].map((column) => [column.toLowerCase(), column]),
);

/** At most this many header cells; anything wider is not one of our files. */
export const MAX_COLUMNS = 256;

/** Where each column the import reads sits in the file's rows. */
export interface HeaderMap {
  /** Column name → cell index. */
  index: ReadonlyMap<string, number>;
  /** How many header cells the file has; cells past them are unexpected. */
  width: number;
}

const listText = (names: string[]) => names.map((name) => `“${name}”`).join(", ");

/**
 * Reads the header row: names are matched blind to case and surrounding spaces. Unknown,
 * repeated and missing required columns are reported together in one `import_columns` error.
 */
export function readHeader(cells: readonly string[]): HeaderMap {
  const index = new Map<string, number>();
  const unknown: string[] = [];
  const duplicated: string[] = [];
  let width = cells.length;
  while (width > 0 && (cells[width - 1] ?? "").trim() === "") width--;
  if (width > MAX_COLUMNS) unknown.push(`… (${width})`);
  for (let i = 0; i < Math.min(width, MAX_COLUMNS); i++) {
    const raw = (cells[i] ?? "").trim();
    const key = raw.toLowerCase();
    const name = KNOWN.get(key) ?? ALIASES[key];
    if (!name) {
      unknown.push(raw === "" ? `#${i + 1}` : raw.slice(0, 60));
      continue;
    }
    if (index.has(name)) duplicated.push(name);
    else index.set(name, i);
  }
  const missing = REQUIRED_COLUMNS.filter((name) => !index.has(name));
  if (unknown.length + duplicated.length + missing.length > 0) {
    throw new AppError("import_columns", 400, {
      unknown: listText(unknown.slice(0, 20)),
      unknownCount: unknown.length,
      missing: listText(missing),
      missingCount: missing.length,
      duplicated: listText(duplicated),
      duplicatedCount: duplicated.length,
    });
  }
  return { index, width };
}
