import { createHash } from "node:crypto";
import sharp, { type Sharp } from "sharp";
import type { ImageType } from "../stocktaking/image-format.ts";
import { makeRenditions, type Rendition } from "../stocktaking/image-renditions.ts";

/**
 * What becomes of a contest photo's file: the upload is decoded once and re-encoded in its own
 * format with no metadata at all (EXIF location, camera serial, XMP, comments), turned upright
 * first since nothing is left to say how to turn it. Only that clean copy and its WebP renditions
 * (the stocktaking images' `makeRenditions`, for `srcset`) are stored; the uploaded bytes are not.
 */

/** The formats the contest takes, recognised by their magic bytes; GIF is not a photo format. */
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const satisfies readonly ImageType[];
export type PhotoType = (typeof PHOTO_TYPES)[number];

export function isPhotoType(type: string): type is PhotoType {
  return (PHOTO_TYPES as readonly string[]).includes(type);
}

// Uploads are refused above 8000 px a side before they get here; this caps what a lying header
// can make libvips allocate.
const MAX_PIXELS = 8000 * 8000;

/** A photo as stored: the clean copy with its size and digest, and its renditions narrowest first. */
export interface PreparedPhoto {
  type: PhotoType;
  bytes: Buffer;
  width: number;
  height: number;
  sha256: string;
  renditions: Rendition[];
}

/** Re-encodes in the upload's own format; sharp writes no metadata unless asked to. */
function encoder(image: Sharp, type: PhotoType): Sharp {
  if (type === "image/jpeg") return image.jpeg({ quality: 92 });
  if (type === "image/png") return image.png();
  return image.webp({ quality: 90 });
}

/**
 * The clean copy and renditions of an uploaded photo, or `null` when its pixels cannot be decoded
 * (a file whose header looks right but is damaged or is not an image at all).
 */
export async function preparePhoto(data: Uint8Array, type: PhotoType): Promise<PreparedPhoto | null> {
  try {
    const source = sharp(data, { failOn: "error", limitInputPixels: MAX_PIXELS, autoOrient: true });
    const { data: bytes, info } = await encoder(source, type).toBuffer({ resolveWithObject: true });
    const renditions = await makeRenditions(bytes);
    if (!renditions) return null;
    return {
      type,
      bytes,
      width: info.width,
      height: info.height,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      renditions,
    };
  } catch {
    // sharp rejects with a plain Error for every decoding problem; all mean "not a usable image".
    return null;
  }
}
