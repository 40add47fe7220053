import { createHash } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { constants, createGzip } from "node:zlib";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type DumpFormat, insertChunk, insertDump, recordDumpFigures, renewLease } from "./dumps.repo.ts";
import type { ExportReader, ExportRecord } from "./export.repo.ts";
import { readInBatches } from "./export-batches.ts";
import { encodeExport } from "./export-formats.ts";
import type { ExportContext } from "./export-rows.ts";

/** Bytes per stored piece: one row per megabyte keeps rows few and each read small. */
export const DUMP_CHUNK_BYTES = 1024 * 1024;
/**
 * gzip's default level. Measured on the 1M-entry database: level 1 builds about 30% faster but
 * its files are about 22% larger; a dump is built once a day and downloaded many times.
 */
const GZIP_LEVEL = constants.Z_DEFAULT_COMPRESSION;
/** Batches a fast format may read ahead of a slow one; the rest of the time they go in step. */
const MAX_LEAD = 2;

/** The lease was renewed too late: another instance took the run as abandoned. */
export class LeaseLostError extends Error {
  constructor() {
    super("the run's lease ran out; another instance took it as abandoned");
  }
}

export interface DumpBuildOptions {
  runId: string;
  formats: readonly DumpFormat[];
  /** The published ids; every format holds exactly these (less any withdrawn meanwhile). */
  ids: Float64Array;
  context: ExportContext;
  generatedAt: Date;
  leaseMs: number;
  /**
   * How the rows are read: `pgExportReader` on PostgreSQL streams them as exports do; default:
   * through `db`.
   */
  read?: ExportReader;
  /** Rows per read (tests make it small). */
  batchSize?: number;
  /** Bytes per stored piece (tests make it small). */
  chunkBytes?: number;
  /** Aborts the build (the service is stopping). */
  signal?: AbortSignal;
}

export interface BuiltDump {
  id: string;
  format: DumpFormat;
  rows: number;
  bytes: number;
  sha256: string;
  chunks: number;
}

/**
 * One source read by several consumers in step: each item is pulled once and kept until every
 * consumer has taken it, and a consumer more than `maxLead` items ahead waits for the slowest, so
 * at most `maxLead + 1` items are held whatever the size. A consumer that stops leaves the others
 * free to go on.
 */
export function teeInStep<T>(
  source: AsyncIterable<T>,
  consumers: number,
  maxLead = MAX_LEAD,
): AsyncIterable<T>[] {
  const iterator = source[Symbol.asyncIterator]();
  const held: T[] = [];
  let base = 0;
  const positions: number[] = new Array(consumers).fill(0);
  let pulling = false;
  let ended = false;
  let failure: { error: unknown } | null = null;
  let waiting: Array<() => void> = [];
  const wake = () => {
    const resume = waiting;
    waiting = [];
    for (const go of resume) go();
  };
  const wait = () => new Promise<void>((resolve) => waiting.push(resolve));
  const slowest = () => Math.min(...positions);
  const release = () => {
    const keepFrom = slowest();
    while (base < keepFrom && held.length > 0) {
      held.shift();
      base += 1;
    }
  };
  const pull = () => {
    pulling = true;
    iterator.next().then(
      (result) => {
        if (result.done) ended = true;
        else held.push(result.value);
        pulling = false;
        wake();
      },
      (error: unknown) => {
        failure = { error };
        pulling = false;
        wake();
      },
    );
  };
  const next = async (consumer: number): Promise<IteratorResult<T>> => {
    for (;;) {
      const position = positions[consumer] as number;
      if (position < base + held.length) {
        positions[consumer] = position + 1;
        const value = held[position - base] as T;
        release();
        wake();
        return { value, done: false };
      }
      if (failure) throw failure.error;
      if (ended) return { value: undefined, done: true };
      if (position - slowest() < maxLead && !pulling) pull();
      await wait();
    }
  };
  const leave = (consumer: number) => {
    positions[consumer] = Number.POSITIVE_INFINITY;
    release();
    wake();
    // The last one out closes the source (e.g. a reader with reads in flight).
    if (positions.every((position) => position === Number.POSITIVE_INFINITY)) void iterator.return?.();
  };
  return positions.map((_, consumer) => ({
    [Symbol.asyncIterator]: () => ({
      next: () => next(consumer),
      return: async () => {
        leave(consumer);
        return { value: undefined, done: true as const };
      },
    }),
  }));
}

/**
 * Gzips `chunks` into the dump's pieces, hashing the gzip bytes on the way, so what is hashed is
 * what is served. While one piece is being inserted the next one fills; nothing else is held.
 */
async function storeGzipped(
  db: Kysely<Database>,
  dumpId: string,
  chunks: AsyncIterable<Buffer>,
  options: DumpBuildOptions,
  signal: AbortSignal,
): Promise<{ bytes: number; sha256: string; chunks: number }> {
  const chunkBytes = options.chunkBytes ?? DUMP_CHUNK_BYTES;
  const hash = createHash("sha256");
  let bytes = 0;
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let inserting: Promise<void> = Promise.resolve();
  let renewedAt = Date.now();
  const store = async () => {
    if (pendingBytes === 0) return;
    const data = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    await inserting;
    const piece = seq;
    seq += 1;
    inserting = insertChunk(db, dumpId, piece, data);
    // A failed insert is reported where it is awaited (next piece or the end).
    inserting.catch(() => {});
    // A third of the lease: two renewals may be slow before another instance gives up on it.
    if (Date.now() - renewedAt > options.leaseMs / 3) {
      if (!(await renewLease(db, options.runId, options.leaseMs))) throw new LeaseLostError();
      renewedAt = Date.now();
    }
  };
  await pipeline(
    chunks,
    createGzip({ level: GZIP_LEVEL }),
    async (gzipped: AsyncIterable<Buffer>) => {
      for await (const piece of gzipped) {
        hash.update(piece);
        bytes += piece.length;
        pending.push(piece);
        pendingBytes += piece.length;
        if (pendingBytes >= chunkBytes) await store();
      }
      await store();
      await inserting;
    },
    { signal },
  );
  return { bytes, sha256: hash.digest("hex"), chunks: seq };
}

/**
 * Writes one dump per format from a single read of the entries: the export's encoder (the same
 * bytes `exportEntries` sends) for each, side by side, each into gzip and the database in
 * pieces. Memory stays flat: reads wait for the slowest format, formats for gzip, gzip for the
 * inserts. The dumps stay unlisted until their run publishes them (`publishRunDumps`).
 */
export async function buildDumps(db: Kysely<Database>, options: DumpBuildOptions): Promise<BuiltDump[]> {
  const ids: string[] = [];
  for (const format of options.formats)
    ids.push(await insertDump(db, { runId: options.runId, format, generatedAt: options.generatedAt }));
  let rows = 0;
  async function* counted(): AsyncGenerator<ExportRecord[]> {
    for await (const batch of readInBatches(options.read ?? db, options.ids, options.batchSize)) {
      rows += batch.length;
      yield batch;
    }
  }
  // One failing format stops the others at once rather than letting them run to the end.
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  const sources = teeInStep(counted(), options.formats.length);
  const results = await Promise.all(
    options.formats.map(async (format, index) => {
      try {
        const encoded = encodeExport(
          format,
          sources[index] as AsyncIterable<ExportRecord[]>,
          options.context,
          {
            total: options.ids.length,
            rightToLeft: false,
            sheetName: "Entries",
          },
        );
        return await storeGzipped(db, ids[index] as string, encoded, options, signal);
      } catch (error) {
        failed.abort(error);
        throw error;
      }
    }),
  );
  const built: BuiltDump[] = [];
  for (const [index, format] of options.formats.entries()) {
    const figures = { rows, ...(results[index] as (typeof results)[number]) };
    await recordDumpFigures(db, ids[index] as string, figures);
    built.push({ id: ids[index] as string, format, ...figures });
  }
  return built;
}
