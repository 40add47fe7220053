import { deflateSync } from "node:zlib";
import sharp from "sharp";

/**
 * Real, decodable images built byte by byte, so tests need no binary fixtures: a grey PNG and a
 * grey baseline JPEG of any size, and minimal GIF and WebP headers of any size (which sniff as
 * images but cannot be decoded). `photoImage` encodes a real image of any format with sharp.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit greyscale PNG, every pixel mid-grey. */
export function tinyPng(width = 2, height = 3): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x80)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A PNG header claiming the given size (no pixel data): enough for the sniffer. */
export function pngHeader(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
  ]);
}

/**
 * A baseline greyscale JPEG, every 8×8 block flat mid-grey: each block is "DC difference 0, end
 * of block", which one-symbol Huffman tables encode as two 0 bits.
 */
export function tinyJpeg(width = 3, height = 2): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = "00".repeat(blocks);
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, "1");
  const scan: number[] = [];
  for (let i = 0; i < padded.length; i += 8) {
    const byte = Number.parseInt(padded.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00); // byte stuffing
  }
  const size = (n: number) => [(n >> 8) & 0xff, n & 0xff];
  const oneSymbolTable = (tableClass: number) => [
    0xff,
    0xc4,
    0x00,
    0x14,
    tableClass,
    1,
    ...Array(15).fill(0),
    0x00,
  ];
  return Buffer.from([
    0xff,
    0xd8, // SOI
    0xff,
    0xdb,
    0x00,
    0x43,
    0x00,
    ...Array(64).fill(1), // DQT: all ones
    0xff,
    0xc0,
    0x00,
    0x0b,
    0x08,
    ...size(height),
    ...size(width),
    0x01,
    0x01,
    0x11,
    0x00, // SOF0: one component
    ...oneSymbolTable(0x00), // DHT DC 0
    ...oneSymbolTable(0x10), // DHT AC 0
    0xff,
    0xda,
    0x00,
    0x08,
    0x01,
    0x01,
    0x00,
    0x00,
    0x3f,
    0x00, // SOS
    ...scan,
    0xff,
    0xd9, // EOI
  ]);
}

/** A GIF89a header with the given logical screen size. */
export function gifHeader(width: number, height: number): Buffer {
  const out = Buffer.alloc(13);
  out.write("GIF89a", 0, "ascii");
  out.writeUInt16LE(width, 6);
  out.writeUInt16LE(height, 8);
  return out;
}

function riff(chunk: string, body: Buffer): Buffer {
  const head = Buffer.alloc(20);
  head.write("RIFF", 0, "ascii");
  head.writeUInt32LE(12 + body.length, 4);
  head.write("WEBP", 8, "ascii");
  head.write(chunk, 12, "ascii");
  head.writeUInt32LE(body.length, 16);
  return Buffer.concat([head, body]);
}

/** WebP headers of each kind with the given size. */
export function webpHeader(kind: "VP8 " | "VP8L" | "VP8X", width: number, height: number): Buffer {
  if (kind === "VP8X") {
    const body = Buffer.alloc(10);
    body.writeUIntLE(width - 1, 4, 3);
    body.writeUIntLE(height - 1, 7, 3);
    return riff(kind, body);
  }
  if (kind === "VP8L") {
    const body = Buffer.alloc(5);
    body[0] = 0x2f;
    body.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 1);
    return riff(kind, body);
  }
  const body = Buffer.alloc(10);
  body[0] = 0x10; // key frame (bit 0 clear), version 0, show frame
  body.set([0x9d, 0x01, 0x2a], 3);
  body.writeUInt16LE(width & 0x3fff, 6);
  body.writeUInt16LE(height & 0x3fff, 8);
  return riff(kind, body);
}

/**
 * A photo-like image (smooth colour gradients under fine deterministic noise, like sensor grain),
 * encoded by sharp as a real file of the given format: what a camera or a phone uploads, so byte
 * savings measured on it mean something, unlike the flat grey images above.
 */
export async function photoImage(
  format: "png" | "jpeg" | "webp" | "gif",
  width: number,
  height: number,
  options: { orientation?: number; exif?: Record<string, string> } = {},
): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 12345;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed % 17) - 8;
      const offset = (y * width + x) * 3;
      pixels[offset] = Math.max(0, Math.min(255, Math.round((255 * x) / width) + grain));
      pixels[offset + 1] = Math.max(0, Math.min(255, Math.round((255 * y) / height) + grain));
      pixels[offset + 2] = Math.max(
        0,
        Math.min(255, 128 + Math.round(60 * Math.sin(x / 25 + y / 40)) + grain),
      );
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (options.exif) image = image.withExif({ IFD0: options.exif });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.toFormat(format, format === "jpeg" ? { quality: 90 } : {}).toBuffer();
}
