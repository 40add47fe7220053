import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";

/**
 * A ZIP reader for untrusted uploads (XLSX files): parts are found through the central directory
 * and inflated as streams whose output is counted, so a "zip bomb" (a few kilobytes inflating to
 * gigabytes) is stopped after at most the allowed number of bytes, never after allocating them.
 * Declared sizes are only used to refuse early; the count while inflating is what protects.
 */

export interface ZipLimits {
  /** Parts listed in the central directory. */
  maxEntries: number;
  /** Bytes inflated from all parts read, together. */
  maxTotalBytes: number;
  /** Inflated bytes per compressed byte of one part, once it passes `ratioFloorBytes`. */
  maxRatio: number;
  /** Small parts (XML headers) may compress extremely well; the ratio applies above this. */
  ratioFloorBytes: number;
}

export type ZipProblem = "invalid" | "bomb";

/** Why an archive was refused: not a (supported) ZIP, or one that inflates past the limits. */
export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATE = 8;
const MAX32 = 0xffffffff;

/** Reads the central directory; refuses encrypted, ZIP64 and unknown-method parts. */
export function listZipEntries(archive: Buffer, limits: ZipLimits): ZipEntry[] {
  // The end record is in the last 22 + 65,535 (comment) bytes.
  const searchFrom = Math.max(0, archive.length - 22 - 0xffff);
  let end = -1;
  for (let at = archive.length - 22; at >= searchFrom; at--) {
    if (archive.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new ZipError("invalid", "no end of central directory");
  const count = archive.readUInt16LE(end + 10);
  const directorySize = archive.readUInt32LE(end + 12);
  const directoryOffset = archive.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === MAX32) throw new ZipError("invalid", "ZIP64 archive");
  if (count > limits.maxEntries) throw new ZipError("bomb", `${count} parts`);
  if (directoryOffset + directorySize > end) throw new ZipError("invalid", "central directory out of range");

  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || archive.readUInt32LE(at) !== CENTRAL)
      throw new ZipError("invalid", "bad central directory entry");
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const declaredSize = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeaderOffset = archive.readUInt32LE(at + 42);
    if (at + 46 + nameLength > end) throw new ZipError("invalid", "name out of range");
    const name = archive.toString("utf8", at + 46, at + 46 + nameLength);
    if (compressedSize === MAX32 || declaredSize === MAX32 || localHeaderOffset === MAX32)
      throw new ZipError("invalid", "ZIP64 part");
    if (flags & 0x0001) throw new ZipError("invalid", `encrypted part ${name}`);
    if (method !== STORED && method !== DEFLATE) throw new ZipError("invalid", `method ${method}`);
    declaredTotal += declaredSize;
    if (declaredTotal > limits.maxTotalBytes) throw new ZipError("bomb", "declared sizes too large");
    entries.push({ name, method, flags, crc, compressedSize, declaredSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** What inflating may still produce, shared by every part read from one archive. */
export class InflateBudget {
  private used = 0;
  constructor(readonly limits: ZipLimits) {}

  /** The most one part may inflate to. */
  allowanceFor(entry: ZipEntry): number {
    const byRatio = Math.max(this.limits.ratioFloorBytes, entry.compressedSize * this.limits.maxRatio);
    return Math.min(byRatio, this.limits.maxTotalBytes - this.used);
  }

  spend(bytes: number): void {
    this.used += bytes;
  }
}

/** The part's bytes as stored (compressed or not), checked to lie within the archive. */
export function compressedData(archive: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > archive.length || archive.readUInt32LE(at) !== LOCAL)
    throw new ZipError("invalid", `bad local header for ${entry.name}`);
  const dataAt = at + 30 + archive.readUInt16LE(at + 26) + archive.readUInt16LE(at + 28);
  if (dataAt + entry.compressedSize > archive.length)
    throw new ZipError("invalid", `${entry.name} runs past the end`);
  return archive.subarray(dataAt, dataAt + entry.compressedSize);
}

/**
 * Inflates one part as a stream, handing its text to `onText` chunk by chunk (UTF-8 decoded across
 * chunk boundaries). Stops with a `bomb` error as soon as the output passes the part's allowance;
 * checks the CRC at the end.
 */
export async function inflateText(
  archive: Buffer,
  entry: ZipEntry,
  budget: InflateBudget,
  onText: (text: string) => void,
): Promise<void> {
  const raw = compressedData(archive, entry);
  const allowance = budget.allowanceFor(entry);
  const decoder = new StringDecoder("utf8");
  let produced = 0;
  let crc = 0;
  const take = (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > allowance) throw new ZipError("bomb", `${entry.name} inflates past the limit`);
    crc = zlib.crc32(chunk, crc);
    const text = decoder.write(chunk);
    if (text) onText(text);
  };
  if (entry.method === STORED) {
    take(raw);
  } else {
    await new Promise<void>((resolve, reject) => {
      const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        inflate.destroy();
        reject(error);
      };
      inflate.on("data", (chunk: Buffer) => {
        if (failed) return;
        try {
          take(chunk);
        } catch (error) {
          // Ours (the limit) or the reader's (what it found in the text): passed on as they are.
          fail(error);
        }
      });
      inflate.on("error", () => fail(new ZipError("invalid", `cannot inflate ${entry.name}`)));
      inflate.on("end", () => {
        if (!failed) resolve();
      });
      inflate.end(raw);
    });
  }
  budget.spend(produced);
  const rest = decoder.end();
  if (rest) onText(rest);
  if (crc >>> 0 !== entry.crc >>> 0) throw new ZipError("invalid", `CRC mismatch in ${entry.name}`);
}

/** A small part (workbook, relationships) as text, within the same budget. */
export async function readText(archive: Buffer, entry: ZipEntry, budget: InflateBudget): Promise<string> {
  const parts: string[] = [];
  await inflateText(archive, entry, budget, (text) => parts.push(text));
  return parts.join("");
}
