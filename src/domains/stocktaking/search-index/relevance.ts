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

type PageInTier = (tier: Bitmap, offset: number, limit: number) => number[];

/** The tiers of `matching`, best first. */
export function relevanceTiers(matching: Bitmap, terms: readonly TermMatch[]): Bitmap[] {
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
  return [...tiers].sort((a, b) => b[0] - a[0]).map(([, slots]) => slots);
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
