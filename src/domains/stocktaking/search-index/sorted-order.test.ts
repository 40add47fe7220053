import { describe, expect, it } from "vitest";
import { RoaringBitmap32 } from "./bitmaps.ts";
import { BitScratch, SortedOrder } from "./sorted-order.ts";

/** A fixed pseudo-random sequence, so a failure repeats. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe("SortedOrder", () => {
  it("pages a large result by walking the order, after a reset, a merge and single inserts", () => {
    const next = random(7);
    const keys = Array.from({ length: 12_000 }, () => Math.floor(next() * 5000));
    const compare = (a: number, b: number) => (keys[a] as number) - (keys[b] as number) || a - b;
    const order = new SortedOrder(compare);
    order.reset(Uint32Array.from({ length: 6000 }, (_, i) => i));
    order.insertMany(Array.from({ length: 5000 }, (_, i) => 6000 + i));
    for (let slot = 11_000; slot < 12_000; slot++) order.insert(slot);

    const members = Array.from({ length: 12_000 }, (_, i) => i).filter(() => next() < 0.6);
    const result = new RoaringBitmap32(members);
    expect(result.size).toBeGreaterThan(4096); // large enough to take the walking path
    const expected = [...members].sort(compare);
    const scratch = new BitScratch();
    for (const [offset, limit] of [
      [0, 20],
      [1234, 50],
      [expected.length - 10, 20],
    ] as const)
      expect(order.page(result, offset, limit, scratch)).toEqual(expected.slice(offset, offset + limit));

    // A small result is sorted directly and agrees.
    const small = new RoaringBitmap32(members.slice(0, 300));
    expect(order.page(small, 10, 30, scratch)).toEqual(
      [...members.slice(0, 300)].sort(compare).slice(10, 40),
    );
  });
});
