import type { Bitmap } from "./bitmaps.ts";

/** Slot comparison: negative when `a` comes first. */
export type SlotComparator = (a: number, b: number) => number;

/** Below this many results, sorting them beats walking the whole order. */
const SORT_THRESHOLD = 4096;

/**
 * The index's slots in one sort order (newest first, or by title), kept sorted as slots are added.
 * A page in that order of any result set is read by walking the order and testing membership in a
 * plain bit array copied from the result, which costs microseconds per thousand slots; small
 * result sets are sorted directly instead. Withdrawn slots stay in the order until the next rebuild
 * and are skipped because no result contains them.
 */
export class SortedOrder {
  private slots: Uint32Array;
  private length = 0;

  constructor(
    private readonly compare: SlotComparator,
    capacity = 1024,
  ) {
    this.slots = new Uint32Array(Math.max(16, capacity));
  }

  /** Sets the order from scratch (after a rebuild); cheaper than adding one by one. */
  reset(slots: Uint32Array): void {
    const sorted = Array.from(slots).sort(this.compare);
    this.slots = new Uint32Array(Math.max(16, Math.ceil(sorted.length * 1.25)));
    this.slots.set(sorted);
    this.length = sorted.length;
  }

  /** Inserts a new slot at its place (binary search, then one memmove). */
  insert(slot: number): void {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(this.slots[middle] as number, slot) <= 0) low = middle + 1;
      else high = middle;
    }
    if (this.length === this.slots.length) {
      const grown = new Uint32Array(this.slots.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots.copyWithin(low + 1, low, this.length);
    this.slots[low] = slot;
    this.length += 1;
  }

  /** Inserts many slots in one merge pass: O(n + k log k) instead of k memmoves. */
  insertMany(slots: readonly number[]): void {
    if (slots.length <= 8) {
      for (const slot of slots) this.insert(slot);
      return;
    }
    const added = [...slots].sort(this.compare);
    const merged = new Uint32Array(Math.max(16, Math.ceil((this.length + added.length) * 1.25)));
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.length && j < added.length) {
      const current = this.slots[i] as number;
      const next = added[j] as number;
      if (this.compare(current, next) <= 0) {
        merged[k++] = current;
        i++;
      } else {
        merged[k++] = next;
        j++;
      }
    }
    while (i < this.length) merged[k++] = this.slots[i++] as number;
    while (j < added.length) merged[k++] = added[j++] as number;
    this.slots = merged;
    this.length = k;
  }

  get size(): number {
    return this.length;
  }

  /**
   * `limit` members of `result` after skipping `offset` of them, in this order. With `after` (a
   * cursor's keyset position: true for every slot that comes after it, so false…false true…true
   * along the order), the walk starts at the first slot past the position instead of the top.
   */
  page(
    result: Bitmap,
    offset: number,
    limit: number,
    scratch: BitScratch,
    after?: (slot: number) => boolean,
  ): number[] {
    if (limit <= 0 || offset >= result.size) return [];
    if (result.size <= SORT_THRESHOLD) {
      const sorted = Array.from(result.toUint32Array()).sort(this.compare);
      const start = after ? firstWhere(sorted, sorted.length, after) : 0;
      return sorted.slice(start + offset, start + offset + limit);
    }
    const members = result.toUint32Array();
    const bits = scratch.fill(members);
    const out: number[] = [];
    let skipped = 0;
    try {
      const start = after ? firstWhere(this.slots, this.length, after) : 0;
      for (let i = start; i < this.length && out.length < limit; i++) {
        const slot = this.slots[i] as number;
        if ((bits[slot >>> 5] as number) & (1 << (slot & 31))) {
          if (skipped < offset) skipped += 1;
          else out.push(slot);
        }
      }
    } finally {
      scratch.clear(members);
    }
    return out;
  }
}

/** Binary search: the first index of `slots[0..length)` where the monotone `test` holds. */
function firstWhere(slots: ArrayLike<number>, length: number, test: (slot: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (test(slots[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A reusable bit array as large as the slot space, cleared after each use. */
export class BitScratch {
  private bits = new Uint32Array(1024);

  fill(members: Uint32Array): Uint32Array {
    const last = members.length > 0 ? (members[members.length - 1] as number) : 0;
    if (last >>> 5 >= this.bits.length)
      this.bits = new Uint32Array(Math.max((last >>> 5) + 1, this.bits.length * 2));
    const bits = this.bits;
    for (let i = 0; i < members.length; i++) {
      const slot = members[i] as number;
      bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
    }
    return bits;
  }

  clear(members: Uint32Array): void {
    const bits = this.bits;
    for (let i = 0; i < members.length; i++) bits[(members[i] as number) >>> 5] = 0;
  }
}
