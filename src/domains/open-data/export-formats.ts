import { ChunkWriter } from "./chunk-writer.ts";
import { CSV_BOM, csvLine } from "./csv.ts";
import type { ExportReader, ExportRecord } from "./export.repo.ts";
import type { ExportFormat } from "./export.schema.ts";
import { TABULAR_COLUMNS } from "./export-fields.ts";
import { csvRowWriter, jsonRowWriter } from "./export-row-writers.ts";
import { type ExportContext, tabularRows } from "./export-rows.ts";
import { sheetsFor, XLSX_CONTENT_TYPE, xlsxChunks, xlsxStream } from "./xlsx.ts";

/**
 * How each format is sent and written. Every writer turns one batch of records into one chunk, so
 * the response gets a few hundred kilobytes at a time and nothing is kept after it is written.
 */
export const FORMAT_SPECS: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: "text/csv; charset=utf-8; header=present", extension: "csv" },
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  ndjson: { contentType: "application/x-ndjson; charset=utf-8", extension: "ndjson" },
  xlsx: { contentType: XLSX_CONTENT_TYPE, extension: "xlsx" },
};

type Batches = AsyncIterable<ExportRecord[]>;

/** How one text format writes its records. */
interface TextFormat {
  /** Writes one record with what precedes it (JSON's `,`) and what ends it (CSV's CRLF). */
  row: (record: ExportRecord, out: ChunkWriter) => void;
  /** Bytes of the very first record's lead to leave out (JSON's `,`). */
  firstSkip: number;
  head: string;
  tail: string;
  /** The tail when there were no records. */
  emptyTail: string;
}

/** Records in order, batch by batch (dumps read this way); `readAndEncode` is the export's way. */
async function* records(batches: Batches, format: TextFormat): AsyncGenerator<Buffer> {
  yield Buffer.from(format.head, "utf8");
  const out = new ChunkWriter();
  let first = true;
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    for (const record of batch) format.row(record, out);
    const buffers = out.take();
    if (first && buffers[0]) buffers[0] = buffers[0].subarray(format.firstSkip);
    first = false;
    yield* buffers;
  }
  yield Buffer.from(first ? format.emptyTail : format.tail, "utf8");
}

const NEWLINE = Buffer.from("\n");
const JSON_LEAD = Buffer.from(",\n");

function textFormat(format: Exclude<ExportFormat, "xlsx">, context: ExportContext): TextFormat {
  switch (format) {
    case "csv":
      return {
        row: csvRowWriter(context),
        firstSkip: 0,
        head: CSV_BOM + csvLine(TABULAR_COLUMNS),
        tail: "",
        emptyTail: "",
      };
    case "ndjson": {
      const json = jsonRowWriter(context.baseUrl);
      return {
        row: (record, out) => {
          json(record, out);
          out.ensure(1);
          out.bytes(NEWLINE);
        },
        firstSkip: 0,
        head: "",
        tail: "",
        emptyTail: "",
      };
    }
    case "json": {
      // One array, an element per line: `[`, then `\n{…}` joined with `,`, then `\n]`.
      const json = jsonRowWriter(context.baseUrl);
      return {
        row: (record, out) => {
          out.ensure(JSON_LEAD.length);
          out.bytes(JSON_LEAD);
          json(record, out);
        },
        firstSkip: 1,
        head: "[",
        tail: "\n]\n",
        emptyTail: "]\n",
      };
    }
  }
}

/**
 * Reads and encodes together: every record is encoded the moment the driver hands it over (each
 * batch into buffers of its own, so batches read in parallel never wait for one another), and
 * what waits for a slow client is encoded bytes, never rows. Rows kept until a batch is complete
 * outlive young-generation collections and are promoted; measured on the service at a million
 * rows, that made the heap climb by hundreds of megabytes. Bytes outside the heap are freed as
 * they are sent.
 */
async function* readAndEncode(
  read: ExportReader,
  ids: Float64Array,
  format: TextFormat,
  size: number,
  readAhead: number,
): AsyncGenerator<Buffer> {
  yield Buffer.from(format.head, "utf8");
  const pending: Array<Promise<{ count: number; buffers: Buffer[] }>> = [];
  let next = 0;
  const readMore = () => {
    while (pending.length < readAhead && next < ids.length) {
      const out = new ChunkWriter();
      const encoded = read(ids.subarray(next, next + size), (record) => format.row(record, out)).then(
        (count) => ({ count, buffers: out.take() }),
      );
      // Handled where it is awaited; this keeps an abandoned read-ahead from failing the process.
      encoded.catch(() => {});
      pending.push(encoded);
      next += size;
    }
  };
  readMore();
  let first = true;
  for (let encoded = pending.shift(); encoded; encoded = pending.shift()) {
    const { count, buffers } = await encoded;
    readMore();
    if (count === 0) continue;
    if (first && buffers[0]) buffers[0] = buffers[0].subarray(format.firstSkip);
    first = false;
    yield* buffers;
  }
  yield Buffer.from(first ? format.emptyTail : format.tail, "utf8");
}

export interface EncodeOptions {
  /** Results the export started with: XLSX decides its sheets from it. */
  total: number;
  rightToLeft: boolean;
  /** The XLSX sheet's name. */
  sheetName: string;
}

/** The bytes of an export in `format`, produced as `batches` are read. */
export function encodeExport(
  format: ExportFormat,
  batches: Batches,
  context: ExportContext,
  options: EncodeOptions,
): AsyncGenerator<Buffer> {
  if (format !== "xlsx") return records(batches, textFormat(format, context));
  return xlsxChunks(batches, tabularRows(context), {
    header: TABULAR_COLUMNS,
    sheets: sheetsFor(options.total),
    sheetName: options.sheetName,
    rightToLeft: options.rightToLeft,
  });
}

export interface ReadOptions {
  /** Rows per read. */
  batchSize: number;
  /** Reads (and encodings) ahead of what the client has taken. */
  readAhead: number;
}

/**
 * The bytes of an export of `ids` in `format`, read with `read` and encoded as they arrive
 * (`readAndEncode`); XLSX reads in batches and writes as the client takes it.
 */
export function exportBytes(
  format: ExportFormat,
  read: ExportReader,
  ids: Float64Array,
  context: ExportContext,
  options: EncodeOptions & ReadOptions,
): AsyncGenerator<Buffer> {
  if (format !== "xlsx")
    return readAndEncode(read, ids, textFormat(format, context), options.batchSize, options.readAhead);
  return xlsxStream(read, ids, tabularRows(context), {
    header: TABULAR_COLUMNS,
    sheetName: options.sheetName,
    rightToLeft: options.rightToLeft,
    batchSize: options.batchSize,
  });
}
