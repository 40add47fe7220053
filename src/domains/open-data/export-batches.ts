import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type ExportReader, type ExportRecord, kyselyExportReader } from "./export.repo.ts";

/** Rows per read: large enough that round trips do not dominate, small enough to stay flat. */
export const BATCH_SIZE = 1000;
/** Reads in flight beside the batch being written. */
export const READ_AHEAD = 2;

/**
 * The records of `ids` in order, one batch per read, with `readAhead` reads running
 * while the caller writes the current batch (on a pool, each on its own connection: the database
 * fetches rows in parallel with the encoding). Each read is its own short statement: no
 * transaction stays open however slowly the client takes the download, and nothing more is read
 * until the client has taken what was read.
 */
export async function* readInBatches(
  source: ExportReader | Kysely<Database>,
  ids: Float64Array,
  size: number = BATCH_SIZE,
  readAhead: number = READ_AHEAD,
): AsyncGenerator<ExportRecord[]> {
  const read = typeof source === "function" ? source : kyselyExportReader(source);
  const reads: Array<Promise<ExportRecord[]>> = [];
  let next = 0;
  const readMore = () => {
    while (reads.length < readAhead && next < ids.length) {
      const rows: ExportRecord[] = [];
      const reading = read(ids.subarray(next, next + size), (row) => rows.push(row)).then(() => rows);
      // Handled where it is awaited; this keeps an abandoned read-ahead from failing the process.
      reading.catch(() => {});
      reads.push(reading);
      next += size;
    }
  };
  readMore();
  for (let reading = reads.shift(); reading; reading = reads.shift()) {
    const rows = await reading;
    readMore();
    if (rows.length > 0) yield rows;
  }
}
