import { Type } from "typebox";
import { OPEN_DATA_LICENCE } from "../../config.ts";
import { DAILY_DUMP_HOUR_UTC, DUMPS_KEPT } from "./dumps.service.ts";

/** OpenAPI description of the open-data dumps (`listOpenDataDumps`, `regenerateOpenDataDumps`). */

export const DumpSchema = Type.Object({
  id: Type.String({ description: "The dump's id." }),
  format: Type.Enum(["csv", "ndjson"], {
    description:
      "What the gzip file holds: `csv` (UTF-8 with a byte order mark, names in English beside the codes) or `ndjson` (one JSON object per line, codes only), exactly as `exportEntries` writes them.",
  }),
  fileName: Type.String({ description: "`wsis-stocktaking-YYYY-MM-DD-<id>.<format>.gz`." }),
  url: Type.String({ format: "uri", description: "Where to download it (`application/gzip`)." }),
  mediaType: Type.String({ description: "The media type of the file once decompressed." }),
  generatedAt: Type.String({
    format: "date-time",
    description: "When the entries were read: the dump holds every entry published then.",
  }),
  rows: Type.Integer({ description: "Entries in the file (the CSV's header line not counted)." }),
  byteSize: Type.Integer({ description: "Size of the gzip file, in bytes." }),
  sha256: Type.String({
    pattern: "^[0-9a-f]{64}$",
    description: "SHA-256 of the gzip file as served (also its `ETag`), in lower-case hex.",
  }),
});

export const DumpRunSchema = Type.Object({
  id: Type.String(),
  trigger: Type.Enum(["daily", "admin"], { description: "The daily schedule, or an admin's request." }),
  status: Type.Enum(["running", "done", "failed"]),
  startedAt: Type.String({ format: "date-time" }),
});

export const DumpListResponse = Type.Object({
  dumps: Type.Array(DumpSchema, {
    description: `Ready dumps, newest first: the newest ${DUMPS_KEPT} of each format.`,
  }),
  running: Type.Union([DumpRunSchema, Type.Null()], {
    description: "The regeneration going on, if any; its dumps are listed when it ends.",
  }),
  nextDailyRunAt: Type.String({
    format: "date-time",
    description: `When the next daily regeneration is due (each day from ${String(DAILY_DUMP_HOUR_UTC).padStart(2, "0")}:00 UTC; it starts within the hour after). In the past when it is due now.`,
  }),
  licence: Type.Object({
    id: Type.String({ description: "SPDX identifier." }),
    name: Type.String(),
    url: Type.String({ format: "uri" }),
    attribution: Type.String({ description: "How to credit the source." }),
  }),
  dataDictionary: Type.String({
    format: "uri",
    description: "The page describing every field and code list.",
  }),
});

export const RegenerateResponse = Type.Object({ run: DumpRunSchema });

export const LIST_DESCRIPTION = `Full dumps of the published stocktaking database (no filter), regenerated every day and on demand by an admin, each with its generation time, row count, size and SHA-256. The data are under ${OPEN_DATA_LICENCE.name}; credit “${OPEN_DATA_LICENCE.attribution}”. For a subset, use \`exportEntries\`; the fields are described on \`/open-data\` and in \`exportEntries\`.`;

export const REGENERATE_DESCRIPTION =
  "Starts a regeneration of every dump now (admins; a token needs the `moderation` scope) and answers 202 at once; the new dumps appear in `listOpenDataDumps` when it ends. While a regeneration runs (daily or asked), the answer is 409 `dump_in_progress`.";
