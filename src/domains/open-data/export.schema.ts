import { type TObject, type TSchema, Type } from "typebox";
import { SearchQuerySchema } from "../stocktaking/search.schema.ts";
import { EXPORT_FIELDS } from "./export-fields.ts";

/** The formats `exportEntries` writes, as the `format` parameter names them. */
export const EXPORT_FORMATS = ["csv", "json", "ndjson", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Search parameters that choose a page; an export is the whole result, so they are ignored. */
export const PAGING_PARAMETERS: ReadonlySet<string> = new Set(["page", "pageSize", "cursor"]);

const searchProperties = Object.fromEntries(
  Object.entries((SearchQuerySchema as unknown as TObject).properties).filter(
    ([name]) => !PAGING_PARAMETERS.has(name),
  ),
) as Record<string, TSchema>;

/**
 * `searchEntries`' filters (without paging) plus `format`. The schema checks types only; the
 * service checks values, so the export answers bad input with the search's field codes.
 */
export const ExportQuerySchema = Type.Object({
  ...searchProperties,
  format: Type.Optional(
    Type.Enum([...EXPORT_FORMATS], {
      default: "csv",
      description:
        "`csv` (UTF-8 with a byte order mark, RFC 4180, lists joined with `;`, with names beside codes), `json` (one array), `ndjson` (one object per line) or `xlsx` (one sheet, names beside codes). Default `csv`.",
    }),
  ),
});

const dictionary = EXPORT_FIELDS.map(
  (field) =>
    `- \`${field.name}\` (${field.type}${field.only === "tabular" ? "; CSV and XLSX only" : field.only === "json" ? "; JSON and NDJSON only" : ""}): ${field.meaning}`,
).join("\n");

/** The operation's long description: the data dictionary of the columns, generated from `EXPORT_FIELDS`. */
export const EXPORT_DESCRIPTION = `Streams every published entry the same search would find, in the search's order (paging parameters are ignored), as a download. The body is streamed as it is read, so an export of any size starts at once; a response cut short (connection lost, server error mid-way) ends without the closing chunk, so it cannot be mistaken for a complete file. \`X-Total-Count\` carries the number of results the export was started with; an entry withdrawn while the export runs is left out.

Fields, in order (the CSV header and the XLSX first row; JSON objects have the same keys minus the CSV/XLSX-only ones):
${dictionary}

Lists are joined with \`;\` in CSV and XLSX and are arrays in JSON. Names are in the request's language (\`?lang=\`, cookie or \`Accept-Language\`). **Spreadsheet safety:** in CSV, a cell that begins with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return gets a leading \`'\` so no spreadsheet runs it as a formula; in XLSX every text is written as a string cell, never a formula, and keeps its exact text; JSON and NDJSON carry the text unchanged. Exports are rate-limited per client address.`;

/** The 200 answer: no schema for a streamed body, one media type per format. */
export const ExportResponses = {
  "text/csv": { schema: { type: "string" } },
  "application/json": { schema: { type: "array", items: { type: "object" } } },
  "application/x-ndjson": { schema: { type: "string" } },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
    schema: { type: "string", format: "binary" },
  },
} as const;
