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
const WEIGHTS = [1, 0.4, 0.1] as const;

type PageInTier = (tier: Bitmap, offset: number, limit: number) => number[];

/** The tiers of `matching`, best first. */
export function relevanceTiers(matching: Bitmap, terms: readonly TermMatch[]): Bitmap[] {
  let tiers: Array<{ score: number; slots: Bitmap }> = [{ score: 0, slots: matching }];
  for (const term of terms.slice(0, RANKED_TERMS)) {
    const inTitle = term.title;
    const inOrganisation = RoaringBitmap32.andNot(term.organisation, inTitle);
    const next: typeof tiers = [];
    for (const tier of tiers) {
      const title = RoaringBitmap32.and(tier.slots, inTitle);
      const organisation = RoaringBitmap32.and(tier.slots, inOrganisation);
      const rest = RoaringBitmap32.andNot(RoaringBitmap32.andNot(tier.slots, title), organisation);
      const split: Array<[number, Bitmap]> = [
        [WEIGHTS[0], title],
        [WEIGHTS[1], organisation],
        [WEIGHTS[2], rest],
      ];
      for (const [weight, slots] of split)
        if (slots.size > 0) next.push({ score: Math.round((tier.score + weight) * 10), slots });
    }
    // Equal scores reached by different paths are one tier, so "newest first" holds across them.
    const merged = new Map<number, Bitmap[]>();
    for (const tier of next)
      merged.set(tier.score / 10, [...(merged.get(tier.score / 10) ?? []), tier.slots]);
    tiers = [...merged].map(([score, parts]) => ({
      score,
      slots: parts.length === 1 ? (parts[0] as Bitmap) : RoaringBitmap32.orMany(parts),
    }));
  }
  return tiers.sort((a, b) => b.score - a.score).map((tier) => tier.slots);
}

/** `limit` slots after `offset` in relevance order. */
export function relevancePage(
  matching: Bitmap,
  terms: readonly TermMatch[],
  offset: number,
  limit: number,
  pageInTier: PageInTier,
): number[] {
  const out: number[] = [];
  let skip = offset;
  for (const tier of relevanceTiers(matching, terms)) {
    if (out.length >= limit) break;
    if (skip >= tier.size) {
      skip -= tier.size;
      continue;
    }
    out.push(...pageInTier(tier, skip, limit - out.length));
    skip = 0;
  }
  return out;
}
