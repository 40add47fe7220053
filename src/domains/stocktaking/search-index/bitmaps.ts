import type { RoaringBitmap32 as Bitmap } from "roaring";
import roaring from "roaring";

/**
 * Compressed bitmaps (CRoaring, native): one per facet value and per word, each holding the index
 * slots of the entries that have it. Intersections and their counts run in C with SIMD, which is
 * what keeps every facet count exact and fast at a million entries.
 */
export type { Bitmap };
export const { RoaringBitmap32 } = roaring;

export const emptyBitmap = (): Bitmap => new RoaringBitmap32();

/** The intersection of all, smallest first so each step shrinks the work; undefined for none. */
export function intersectAll(bitmaps: readonly Bitmap[]): Bitmap | undefined {
  const sorted = [...bitmaps].sort((a, b) => a.size - b.size);
  const [first, ...rest] = sorted;
  if (!first) return undefined;
  const result = first.clone();
  for (const bitmap of rest) {
    if (result.size === 0) break;
    result.andInPlace(bitmap);
  }
  return result;
}
