import sharp from "sharp";

/**
 * WebP renditions of an entry image, made once when it is uploaded, so pages can offer a browser
 * an image the size of the space it is shown in (`srcset`) instead of a phone camera's original.
 * sharp decodes and encodes on libuv's thread pool: the event loop only waits on a promise.
 */

/** The widths pages ask for: a phone column, a desktop column, and that column at 2×. */
export const RENDITION_WIDTHS = [320, 640, 1280] as const;

/** WebP quality: photos look like the original at a fraction of its size. */
const WEBP_QUALITY = 80;

// Uploads are refused above 8000 px a side before they get here; this also caps what a lying
// header can make libvips allocate.
const MAX_PIXELS = 8000 * 8000;

// Each image is encoded once, so libvips' operation cache would only hold memory.
sharp.cache(false);

export interface Rendition {
  width: number;
  height: number;
  bytes: Buffer;
}

/**
 * The widths to make for an image `width` pixels wide: each target width, but never wider than
 * the image itself (no upscaling), each width once. An image narrower than the smallest target
 * gets one rendition at its own width.
 */
export function renditionWidths(width: number): number[] {
  return [...new Set(RENDITION_WIDTHS.map((target) => Math.min(target, width)))];
}

/**
 * The WebP renditions of an image, narrowest first; `null` when the bytes cannot be decoded (a
 * file whose header looks right but whose pixels are damaged or missing). EXIF orientation is
 * applied, since the renditions carry no metadata to say how to turn them; nothing else of the
 * original's metadata (location, camera) is kept. Animated images give their first frame.
 */
export async function makeRenditions(data: Uint8Array): Promise<Rendition[] | null> {
  const options = { failOn: "error", limitInputPixels: MAX_PIXELS, autoOrient: true } as const;
  try {
    const meta = await sharp(data, options).metadata();
    const renditions: Rendition[] = [];
    // One at a time: each decodes the original, and at most one decoded copy per upload is in memory.
    for (const width of renditionWidths(meta.autoOrient.width)) {
      const { data: bytes, info } = await sharp(data, options)
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
      renditions.push({ width: info.width, height: info.height, bytes });
    }
    return renditions;
  } catch {
    // sharp rejects with a plain Error for every decoding problem; all mean "not a usable image".
    return null;
  }
}
