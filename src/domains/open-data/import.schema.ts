import { Type } from "typebox";
import { SOURCE_MAX } from "./import.service.ts";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS } from "./import-columns.ts";
import { IMPORT_LIMITS, IMPORT_MAX_MEGABYTES } from "./import-file.ts";

/** OpenAPI description of bulk import (`importEntries` and the job it creates). */

export const IMPORT_CONTENT_TYPES = [
  "text/csv",
  "application/csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/octet-stream",
] as const;

export const ImportQuery = Type.Object({
  dryRun: Type.Optional(
    Type.Boolean({
      default: true,
      description:
        "`true` (default): check every row and stop; commit later with `commitImport`. `false`: commit by itself as soon as the check finds no error (all or nothing, as always).",
    }),
  ),
  source: Type.Optional(
    Type.String({
      maxLength: SOURCE_MAX,
      description:
        "Where the rows' `external_id`s come from, e.g. `escwa-regional-survey`; with a raw body (the multipart form has a `source` field). The same source and external id always mean the same entry. Default `default`.",
    }),
  ),
  filename: Type.Optional(
    Type.String({ maxLength: 255, description: "The file's name, for people reading the job." }),
  ),
});

export const ImportListQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })) });

const fileBody = Type.Unknown({
  description: "The file's bytes: a CSV (UTF-8) or an XLSX workbook.",
});

/** The request body: a form with the file, or the file itself (documentation; the service checks it). */
export const ImportBody = {
  content: {
    "multipart/form-data": {
      schema: Type.Object({
        file: Type.Unknown({ description: "The CSV or XLSX file." }),
        source: Type.Optional(
          Type.String({ maxLength: SOURCE_MAX, description: "As the `source` parameter." }),
        ),
      }),
    },
    ...Object.fromEntries(IMPORT_CONTENT_TYPES.map((type) => [type, { schema: fileBody }])),
  },
};

export const ImportParams = Type.Object({ id: Type.String({ description: "The import job's id." }) });

export const ImportRowsQuery = Type.Object({
  outcome: Type.Optional(
    Type.Enum(["create", "update", "unchanged", "error"], { description: "Only rows with this verdict." }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

const Counts = Type.Object({
  create: Type.Integer({ description: "Rows that will create (or created) an entry." }),
  update: Type.Integer({ description: "Rows that will update (or updated) an existing entry." }),
  unchanged: Type.Integer({ description: "Rows whose entry already says exactly this." }),
  error: Type.Integer({ description: "Rows with errors; while there are any, nothing can be committed." }),
});

export const ImportJobResponse = Type.Object({
  id: Type.String(),
  status: Type.Enum(["validating", "ready", "invalid", "committing", "committed", "failed"], {
    description:
      "`validating` (the dry run is going on), `ready` (no error: commit it), `invalid` (rows have errors: fix the file and upload it again), `committing`, `committed`, `failed`.",
  }),
  source: Type.String(),
  filename: Type.String(),
  format: Type.Enum(["csv", "xlsx"]),
  byteSize: Type.Integer(),
  sha256: Type.String({ description: "Of the uploaded bytes." }),
  rowsTotal: Type.Integer(),
  rowsDone: Type.Integer({ description: "Rows the dry run has decided so far." }),
  counts: Counts,
  followUps: Type.Object(
    {
      pending: Type.Boolean(),
      done: Type.Integer(),
      total: Type.Integer(),
    },
    {
      description:
        "After a commit, the written entries are compared with the rest of the database for likely duplicates, in the background: `done` of `total` so far.",
    },
  ),
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()], {
    description:
      "Why the job went back or stopped, e.g. `import_outdated` (the data changed since the dry run, which runs again).",
  }),
  createdAt: Type.String({ format: "date-time" }),
  validatedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  committedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  links: Type.Object({
    self: Type.String(),
    rows: Type.String(),
    commit: Type.String(),
    html: Type.String(),
  }),
});

export const ImportListResponse = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(ImportJobResponse),
});

export const ImportRowsResponse = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(
    Type.Object({
      row: Type.Integer({ description: "The row number as a spreadsheet shows it (the header is row 1)." }),
      outcome: Type.Enum(["create", "update", "unchanged", "error"]),
      externalId: Type.Union([Type.String(), Type.Null()]),
      entryId: Type.Union([Type.String(), Type.Null()], {
        description: "The entry the row updates (or, once committed, created).",
      }),
      title: Type.String(),
      errors: Type.Array(
        Type.Object({
          column: Type.String(),
          code: Type.String({ description: "A field error code (/api/errors#field-<code>)." }),
          message: Type.String(),
        }),
      ),
    }),
  ),
});

export const IMPORT_DESCRIPTION = `Uploads a CSV (UTF-8, with or without a byte order mark; \`,\`, \`;\` or tab between cells) or an XLSX workbook (one sheet, no formulas) of stocktaking entries, at most ${IMPORT_MAX_MEGABYTES} MB and ${IMPORT_LIMITS.maxRows.toLocaleString("en")} rows, and starts its **dry run**: every row is checked with the entry form's rules and will create an entry, update one (with \`external_id\` already imported from the same \`source\`, or with \`id\`), leave one unchanged, or has errors by column. Small files are checked before the answer; larger ones go on in the background (\`rowsDone\` / \`rowsTotal\`). Nothing but the upload and its verdicts is stored until \`commitImport\`, which writes everything or nothing. Entries are published at once and owned by the importer, or by the account named in \`ownerEmail\`.

Send the file as \`multipart/form-data\` (field \`file\`, optional field \`source\`) or as the raw body (\`Content-Type: text/csv\` or the XLSX type).

Columns (names as the CSV export writes them, case-insensitive): ${IMPORT_COLUMNS.map((column) => `\`${column}\``).join(", ")}. Required: ${REQUIRED_COLUMNS.map((column) => `\`${column}\``).join(", ")}. The other columns of an export are ignored, so an export re-imports as it is. Lists take \`;\` between codes; cells beginning with \`=\`, \`+\`, \`-\` or \`@\` are kept as text, never evaluated.

Refused files answer 400/413/415 with a code saying why (\`import_encoding\`, \`import_unexpected_bom\`, \`import_malformed_csv\`, \`import_columns\`, \`import_empty\`, \`import_xlsx_formulas\`, \`import_xlsx_sheets\`, \`import_invalid_xlsx\`, \`import_zip_bomb\`, \`import_file_too_large\`, \`import_too_many_rows\`, \`import_unsupported_format\`), and nothing is stored.`;
