import { type Bitmap, RoaringBitmap32 } from "./bitmaps.ts";
import type { TermMatch } from "./term-index.ts";

/**
 * Relevance without per-document scores: a term counts 1 where it starts a title word, 0.4 in the
 * organisation's name and 0.1 in the description only (PostgreSQL's ts_rank weights for A, B and
 * D), and an entry's score is the sum over the terms. The matching entries split into one bitmap
 * per score ("tier"), found with set algebra; the page is read tier by tier, newest first within
 * one. Only the first RANKED_TERMS terms rank (3^3 tiers at most); any further ones still filter.
 */
const RANKED_TERMS = 3;
/** In tenths, so equal sums compare equal. */
const WEIGHTS = { title: 10, organisation: 4, description: 1 } as const;

type PageInTier = (
  tier: Bitmap,
  offset: number,
  limit: number,
  after?: (slot: number) => boolean,
) => number[];

/** A cursor's place in relevance order: a tier's score and, within it, the newest-order position. */
export interface TierPosition {
  score: number;
  /** True for the tier's slots that come after the position (see `SortedOrder.page`). */
  after: (slot: number) => boolean;
}

/** The tiers of `matching`, best first. */
export function relevanceTiers(matching: Bitmap, terms: readonly TermMatch[]): Bitmap[] {
  return scoredRelevanceTiers(matching, terms).map((tier) => tier.slots);
}

/** The tiers of `matching` with their scores (in tenths, so equal sums are equal), best first. */
export function scoredRelevanceTiers(
  matching: Bitmap,
  terms: readonly TermMatch[],
): Array<{ score: number; slots: Bitmap }> {
  let tiers = new Map<number, Bitmap>([[0, matching]]);
  for (const term of terms.slice(0, RANKED_TERMS)) {
    const inOrganisation = RoaringBitmap32.andNot(term.organisation, term.title);
    const parts = new Map<number, Bitmap[]>();
    const add = (score: number, slots: Bitmap) => {
      if (slots.size > 0) parts.set(score, [...(parts.get(score) ?? []), slots]);
    };
    for (const [score, slots] of tiers) {
      const title = RoaringBitmap32.and(slots, term.title);
      const organisation = RoaringBitmap32.and(slots, inOrganisation);
      add(score + WEIGHTS.title, title);
      add(score + WEIGHTS.organisation, organisation);
      add(
        score + WEIGHTS.description,
        RoaringBitmap32.andNot(RoaringBitmap32.andNot(slots, title), organisation),
      );
    }
    // Equal sums reached by different paths are one tier, so "newest first" holds across them.
    tiers = new Map(
      [...parts].map(([score, list]) => [
        score,
        list.length === 1 ? (list[0] as Bitmap) : RoaringBitmap32.orMany(list),
      ]),
    );
  }
  return [...tiers].sort((a, b) => b[0] - a[0]).map(([score, slots]) => ({ score, slots }));
}

/**
 * `limit` slots after `offset` in relevance order, each with its tier's score; with `from` (a
 * cursor), after that position: better tiers are passed over whole and its own tier is entered
 * at the position.
 */
export function relevancePage(
  matching: Bitmap,
  terms: readonly TermMatch[],
  offset: number,
  limit: number,
  pageInTier: PageInTier,
  from?: TierPosition,
): Array<{ slot: number; score: number }> {
  const out: Array<{ slot: number; score: number }> = [];
  let skip = offset;
  for (const { score, slots: tier } of scoredRelevanceTiers(matching, terms)) {
    if (out.length >= limit) break;
    if (from && score > from.score) continue;
    const after = from && score === from.score ? from.after : undefined;
    if (!after && skip >= tier.size) {
      skip -= tier.size;
      continue;
    }
    for (const slot of pageInTier(tier, skip, limit - out.length, after)) out.push({ slot, score });
    skip = 0;
  }
  return out;
}
