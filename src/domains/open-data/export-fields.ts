import { ENTRY_LANGUAGES } from "../stocktaking/entry-fields.ts";

/**
 * The data dictionary of an export: every column, its type and meaning, in the order CSV and XLSX
 * write them. JSON and NDJSON use the same names for the fields they carry (codes only, and the
 * translations as a list). The API description and `docs/data-dictionary.md` are written from it.
 */
export interface ExportField {
  name: string;
  type: string;
  meaning: string;
  /**
   * `tabular`: CSV and XLSX only (names in the reader's language, translations flattened);
   * `json`: JSON and NDJSON only; absent: every format.
   */
  only?: "tabular" | "json";
}

const TRANSLATION_FIELDS: ExportField[] = ENTRY_LANGUAGES.flatMap((lang) => [
  {
    name: `translations.${lang}.title`,
    type: "text",
    meaning: `The owner's translation of the title into \`${lang}\`; empty when there is none (the original is in \`title\`).`,
    only: "tabular",
  },
  {
    name: `translations.${lang}.description`,
    type: "text",
    meaning: `The owner's translation of the description into \`${lang}\`; empty when there is none.`,
    only: "tabular",
  },
]);

/**
 * A coded field, then, in CSV and XLSX only, the column `names` of its names in the reader's
 * language (text, or a list of text for a list of codes).
 */
function withNames(field: ExportField, names: string, meaning: string): ExportField[] {
  const type = field.type.startsWith("list of") ? "list of text" : "text";
  return [field, { name: names, type, meaning, only: "tabular" }];
}

export const EXPORT_FIELDS: readonly ExportField[] = [
  { name: "id", type: "integer", meaning: "The entry's stable number." },
  { name: "url", type: "URL", meaning: "The entry's public page." },
  { name: "title", type: "text", meaning: "Title, in the language the entry was written in." },
  { name: "description", type: "text", meaning: "Description (may hold line breaks)." },
  ...withNames(
    {
      name: "language",
      type: "code",
      meaning: "Language of title and description: ar, en, es, fr, ru or zh.",
    },
    "languageName",
    "Name of that language.",
  ),
  { name: "organisation", type: "text", meaning: "The organisation that carries out the project." },
  ...withNames(
    {
      name: "stakeholderType",
      type: "code",
      meaning: "The organisation's stakeholder type, e.g. government or civil_society.",
    },
    "stakeholderTypeName",
    "Name of the stakeholder type.",
  ),
  ...withNames(
    {
      name: "coverage",
      type: "code",
      meaning: "Geographic coverage: local, national, regional or international.",
    },
    "coverageName",
    "Name of the coverage.",
  ),
  ...withNames(
    {
      name: "countries",
      type: "list of codes",
      meaning: "ISO 3166-1 alpha-2 codes of the countries concerned; empty for international coverage.",
    },
    "countryNames",
    "Names of those countries.",
  ),
  ...withNames(
    {
      name: "regions",
      type: "list of codes",
      meaning: "ITU regions of those countries (code list: `listRegions`), derived from the countries.",
    },
    "regionNames",
    "Names of those regions.",
  ),
  ...withNames(
    {
      name: "actionLines",
      type: "list of codes",
      meaning: "WSIS Action Lines (code list: `listActionLines`), e.g. C4 or C7-ehealth.",
    },
    "actionLineNames",
    "Names of those Action Lines.",
  ),
  ...withNames(
    { name: "sdgs", type: "list of integers", meaning: "Sustainable Development Goals, 1–17 (`listSdgs`)." },
    "sdgNames",
    "Names of those goals.",
  ),
  ...withNames(
    { name: "targetGroups", type: "list of codes", meaning: "Groups the project serves, e.g. youth." },
    "targetGroupNames",
    "Names of those groups.",
  ),
  ...withNames(
    { name: "status", type: "code", meaning: "Project status: planned, ongoing or completed." },
    "statusName",
    "Name of the status.",
  ),
  { name: "startYear", type: "integer", meaning: "Year the project started; empty when not given." },
  {
    name: "publishedAt",
    type: "date-time",
    meaning: "When the entry was published (ISO 8601, UTC).",
  },
  {
    name: "translations",
    type: "list of {language, title, description}",
    meaning: "The owner's translations of title and description into other UN languages.",
    only: "json",
  },
  ...TRANSLATION_FIELDS,
];

/** The column names of CSV and XLSX, in order. */
export const TABULAR_COLUMNS: readonly string[] = EXPORT_FIELDS.filter((field) => field.only !== "json").map(
  (field) => field.name,
);

/** The keys of each JSON and NDJSON object, in order. */
export const JSON_FIELDS: readonly string[] = EXPORT_FIELDS.filter((field) => field.only !== "tabular").map(
  (field) => field.name,
);
