/**
 * Recognises an uploaded image by its magic bytes (never by the declared type or the file name)
 * and reads its pixel size from the header, for the four raster formats the platform accepts.
 * Pure and bounds-checked: truncated or malformed input gives `null`, never an exception.
 */

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export interface ImageInfo {
  type: ImageType;
  width: number;
  height: number;
}

const startsWith = (data: Uint8Array, bytes: readonly number[], offset = 0): boolean =>
  data.length >= offset + bytes.length && bytes.every((byte, index) => data[offset + index] === byte);
const ascii = (text: string): number[] => [...text].map((char) => char.charCodeAt(0));

const u16be = (d: Uint8Array, o: number) => ((d[o] ?? 0) << 8) | (d[o + 1] ?? 0);
const u16le = (d: Uint8Array, o: number) => (d[o] ?? 0) | ((d[o + 1] ?? 0) << 8);
const u24le = (d: Uint8Array, o: number) => (d[o] ?? 0) | ((d[o + 1] ?? 0) << 8) | ((d[o + 2] ?? 0) << 16);
const u32be = (d: Uint8Array, o: number) =>
  (((d[o] ?? 0) << 24) >>> 0) + (((d[o + 1] ?? 0) << 16) | ((d[o + 2] ?? 0) << 8) | (d[o + 3] ?? 0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IHDR = ascii("IHDR");
const GIF87 = ascii("GIF87a");
const GIF89 = ascii("GIF89a");
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const VP8 = ascii("VP8 ");
const VP8L = ascii("VP8L");
const VP8X = ascii("VP8X");

const sized = (type: ImageType, width: number, height: number): ImageInfo | null =>
  width > 0 && height > 0 ? { type, width, height } : null;

/** PNG: the signature, then IHDR must be the first chunk (length 13) with big-endian width and height. */
function png(data: Uint8Array): ImageInfo | null {
  if (data.length < 24 || u32be(data, 8) !== 13 || !startsWith(data, IHDR, 12)) return null;
  const width = u32be(data, 16);
  const height = u32be(data, 20);
  // The format caps both at 2^31-1; anything larger is a corrupt header.
  if (width > 0x7fffffff || height > 0x7fffffff) return null;
  return sized("image/png", width, height);
}

/** GIF: the logical screen size right after the version, little-endian. */
function gif(data: Uint8Array): ImageInfo | null {
  if (data.length < 10) return null;
  return sized("image/gif", u16le(data, 6), u16le(data, 8));
}

/** WebP: a RIFF container whose first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webp(data: Uint8Array): ImageInfo | null {
  if (startsWith(data, VP8X, 12)) {
    if (data.length < 30) return null;
    return sized("image/webp", u24le(data, 24) + 1, u24le(data, 27) + 1);
  }
  if (startsWith(data, VP8L, 12)) {
    // One signature byte, then 14 bits width-1 and 14 bits height-1, little-endian.
    if (data.length < 25 || data[20] !== 0x2f) return null;
    const bits = (data[21] ?? 0) | ((data[22] ?? 0) << 8) | ((data[23] ?? 0) << 16) | ((data[24] ?? 0) << 24);
    return sized("image/webp", (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (startsWith(data, VP8, 12)) {
    // A key frame: 3-byte frame tag, start code 9d 01 2a, then 14-bit width and height.
    if (data.length < 30 || !startsWith(data, [0x9d, 0x01, 0x2a], 23)) return null;
    if (((data[20] ?? 1) & 0x01) !== 0) return null;
    return sized("image/webp", u16le(data, 26) & 0x3fff, u16le(data, 28) & 0x3fff);
  }
  return null;
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** JPEG: walk the segments from SOI to the first start-of-frame, which holds height then width. */
function jpeg(data: Uint8Array): ImageInfo | null {
  let offset = 2;
  while (offset < data.length) {
    if (data[offset] !== 0xff) return null;
    // Any number of 0xff fill bytes may precede a marker.
    while (data[offset] === 0xff) offset += 1;
    const marker = data[offset];
    if (marker === undefined) return null;
    offset += 1;
    // Markers without a length: TEM and the restart markers. SOI again, EOI or SOS before a frame is malformed.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd8 || marker === 0xd9 || marker === 0xda || marker === 0x00) return null;
    if (offset + 2 > data.length) return null;
    const length = u16be(data, offset);
    if (length < 2) return null;
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2)
      if (length < 7 || offset + 7 > data.length) return null;
      return sized("image/jpeg", u16be(data, offset + 5), u16be(data, offset + 3));
    }
    offset += length;
  }
  return null;
}

/** The format and pixel size of an image, or `null` when the bytes are not a complete header of PNG, JPEG, WebP or GIF. */
export function sniffImage(data: Uint8Array): ImageInfo | null {
  if (startsWith(data, PNG_SIGNATURE)) return png(data);
  if (startsWith(data, [0xff, 0xd8, 0xff])) return jpeg(data);
  if (startsWith(data, GIF87) || startsWith(data, GIF89)) return gif(data);
  if (startsWith(data, RIFF) && startsWith(data, WEBP, 8)) return webp(data);
  return null;
}
