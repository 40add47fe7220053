import { Readable } from "node:stream";
import zlib from "node:zlib";
import { compressedData, listZipEntries, type ZipLimits } from "./zip-reader.ts";

/**
 * A ZIP archive written front to back as a stream (what an XLSX file is): small parts deflated
 * whole, large parts deflated as they are produced with their CRC and sizes in a data descriptor
 * after the data, then the central directory. ZIP64 records are added only when a size or offset
 * passes 4 GiB, so ordinary files stay readable by every tool.
 */

const MAX32 = 0xffffffff;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const DEFLATE = 8;

// zlib.crc32 arrived in Node 20.15; older 20.x get the table version.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
let table: Uint32Array | null = null;
function crc32(data: Uint8Array, value = 0): number {
  if (nativeCrc32) return nativeCrc32(data, value);
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = ~value >>> 0;
  for (let i = 0; i < data.length; i++)
    crc = (table[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return ~crc >>> 0;
}

interface Written {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time of `date` (local time, as ZIP tools show it). */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: (Math.max(0, date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export class ZipWriter {
  private readonly entries: Written[] = [];
  private offset = 0;
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly level = 6) {}

  private localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressed, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    return Buffer.concat([header, name]);
  }

  private advance(chunk: Buffer): Buffer {
    this.offset += chunk.length;
    return chunk;
  }

  /** A part given whole (a few kilobytes): deflated at once, sizes in its header. */
  file(path: string, content: string | Buffer): Buffer {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const compressed = zlib.deflateRawSync(data, { level: this.level });
    const name = Buffer.from(path, "utf8");
    const crc = crc32(data);
    const entry: Written = {
      name,
      flags: FLAG_UTF8,
      crc,
      compressedSize: compressed.length,
      size: data.length,
      offset: this.offset,
    };
    this.entries.push(entry);
    return this.advance(
      Buffer.concat([this.localHeader(name, FLAG_UTF8, crc, compressed.length, data.length), compressed]),
    );
  }

  /**
   * A part produced as it is read from `source`, yielded deflated with backpressure: the source
   * is pulled only as fast as the caller takes the output.
   */
  async *stream(path: string, source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    const name = Buffer.from(path, "utf8");
    const flags = FLAG_UTF8 | FLAG_DATA_DESCRIPTOR;
    const entry: Written = { name, flags, crc: 0, compressedSize: 0, size: 0, offset: this.offset };
    yield this.advance(this.localHeader(name, flags, 0, 0, 0));

    const counted = async function* () {
      for await (const chunk of source) {
        entry.crc = crc32(chunk, entry.crc);
        entry.size += chunk.length;
        yield chunk;
      }
    };
    const input = Readable.from(counted(), { objectMode: false });
    const deflate = zlib.createDeflateRaw({ level: this.level });
    input.once("error", (error) => deflate.destroy(error));
    input.pipe(deflate);
    try {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        entry.compressedSize += chunk.length;
        yield this.advance(chunk);
      }
    } finally {
      input.destroy();
      deflate.destroy();
    }

    const zip64 = entry.size > MAX32 || entry.compressedSize > MAX32;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    } else {
      descriptor.writeUInt32LE(entry.compressedSize, 8);
      descriptor.writeUInt32LE(entry.size, 12);
    }
    this.entries.push(entry);
    yield this.advance(descriptor);
  }

  /** The central directory and its end records; the archive is complete after this. */
  finish(): Buffer {
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const entry of this.entries) {
      const big = [entry.size, entry.compressedSize, entry.offset].map((value) => value > MAX32);
      const extraValues = [entry.size, entry.compressedSize, entry.offset].filter((_, i) => big[i]);
      const extra = Buffer.alloc(extraValues.length > 0 ? 4 + 8 * extraValues.length : 0);
      if (extraValues.length > 0) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8 * extraValues.length, 2);
        for (const [i, value] of extraValues.entries()) extra.writeBigUInt64LE(BigInt(value), 4 + 8 * i);
      }
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(extraValues.length > 0 ? 45 : 20, 4);
      header.writeUInt16LE(extraValues.length > 0 ? 45 : 20, 6);
      header.writeUInt16LE(entry.flags, 8);
      header.writeUInt16LE(DEFLATE, 10);
      header.writeUInt16LE(this.stamp.time, 12);
      header.writeUInt16LE(this.stamp.date, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(big[1] ? MAX32 : entry.compressedSize, 20);
      header.writeUInt32LE(big[0] ? MAX32 : entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt16LE(extra.length, 30);
      header.writeUInt32LE(big[2] ? MAX32 : entry.offset, 42);
      parts.push(header, entry.name, extra);
    }
    const directory = Buffer.concat(parts);
    const end = this.offset + directory.length;
    const zip64 = start > MAX32 || directory.length > MAX32 || this.entries.length > 0xffff;
    const tail: Buffer[] = [];
    if (zip64) {
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(45, 12);
      record.writeUInt16LE(45, 14);
      record.writeBigUInt64LE(BigInt(this.entries.length), 24);
      record.writeBigUInt64LE(BigInt(this.entries.length), 32);
      record.writeBigUInt64LE(BigInt(directory.length), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(end), 8);
      locator.writeUInt32LE(1, 16);
      tail.push(record, locator);
    }
    const record = Buffer.alloc(22);
    record.writeUInt32LE(0x06054b50, 0);
    record.writeUInt16LE(Math.min(this.entries.length, 0xffff), 8);
    record.writeUInt16LE(Math.min(this.entries.length, 0xffff), 10);
    record.writeUInt32LE(Math.min(directory.length, MAX32), 12);
    record.writeUInt32LE(Math.min(start, MAX32), 16);
    tail.push(record);
    return this.advance(Buffer.concat([directory, ...tail]));
  }
}

/** One part of a ZIP archive as `readZip` finds it. */
export interface ZipPart {
  name: string;
  data: Buffer;
  /** Bit 0 of the flags: encrypted (never written here). */
  flags: number;
}

/** `listZipEntries` limits for archives we wrote ourselves: none to speak of. */
const OWN_ARCHIVE: ZipLimits = {
  maxEntries: 0xffff,
  maxTotalBytes: Number.MAX_SAFE_INTEGER,
  maxRatio: Number.POSITIVE_INFINITY,
  ratioFloorBytes: 0,
};

/**
 * Reads a whole (small) archive through its central directory: tests and checks read back what
 * `ZipWriter` wrote. Checks every part's CRC.
 */
export function readZip(archive: Buffer): ZipPart[] {
  return listZipEntries(archive, OWN_ARCHIVE).map((entry) => {
    const raw = compressedData(archive, entry);
    const data = entry.method === DEFLATE ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    if (crc32(data) !== entry.crc) throw new Error(`CRC mismatch in ${entry.name}`);
    return { name: entry.name, data, flags: entry.flags };
  });
}
