import {
  effectiveSort,
  FACETS,
  type FacetName,
  type SearchCriteria,
  type SearchPosition,
} from "../search.params.ts";
import { type Bitmap, emptyBitmap, intersectAll } from "./bitmaps.ts";
import { FacetBitmaps, type FacetCounts, type FacetValues } from "./facet-bitmaps.ts";
import { relevancePage, relevanceTiers, type TierPosition } from "./relevance.ts";
import { BitScratch, SortedOrder } from "./sorted-order.ts";
import { type DocumentWords, TermIndex } from "./term-index.ts";

/** One published entry as the index needs it; facet values are query-parameter strings. */
export interface IndexedEntry {
  id: string;
  publishedAt: number;
  /** Folded title, for the title order. */
  titleKey: string;
  /** Folded organisation name, to count distinct organisations. */
  organisationKey: string;
  facets: FacetValues;
  words: DocumentWords;
}

export interface IndexHits {
  total: number;
  /** Entry ids of the requested page, in order. */
  ids: string[];
  facetCounts: FacetCounts;
  /** Where the next page starts (keys in this index's terms); null on the last page. */
  next: SearchPosition | null;
}

/**
 * The in-process search index of one service instance: every published entry has a slot (a small
 * integer); each facet value and each word has a bitmap of slots. A search intersects bitmaps,
 * counts every facet value with one native AND-count each, and reads its page through a sorted
 * order. A changed entry gets a fresh slot and its old slot is dropped from `live`, so nothing is
 * ever removed from the value bitmaps: every query intersects with `live`.
 */
export class BitmapIndex {
  private readonly live = emptyBitmap();
  private readonly slotOf = new Map<string, number>();
  private entryIds: string[] = [];
  private publishedAt: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private numericIds: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private titleKeys: string[] = [];
  private organisationKeys: string[] = [];
  /** Live entries per organisation: its size is the number of organisations with published entries. */
  private readonly organisations = new Map<string, number>();
  private readonly facets = new FacetBitmaps();
  private readonly terms = new TermIndex();
  private readonly scratch = new BitScratch();
  readonly newest = new SortedOrder(
    (a, b) =>
      (this.publishedAt[b] as number) - (this.publishedAt[a] as number) ||
      (this.numericIds[b] as number) - (this.numericIds[a] as number),
  );
  readonly byTitle = new SortedOrder((a, b) => {
    const ka = this.titleKeys[a] as string;
    const kb = this.titleKeys[b] as string;
    return ka < kb ? -1 : ka > kb ? 1 : (this.numericIds[a] as number) - (this.numericIds[b] as number);
  });
  private globalCounts: FacetCounts | null = null;

  /** Published entries in the index. */
  get size(): number {
    return this.live.size;
  }

  /** Slots no longer live; a rebuild reclaims them. */
  get deadSlots(): number {
    return this.entryIds.length - this.live.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Live figures for the home page, free from the counts the index keeps anyway. */
  figures(): {
    entries: number;
    organisations: number;
    countries: number;
    perActionLine: Map<string, number>;
  } {
    const counts = this.liveCounts();
    return {
      entries: this.live.size,
      organisations: this.organisations.size,
      countries: counts.country.size,
      perActionLine: new Map(counts.actionLine),
    };
  }

  /** Loads a batch during a rebuild: no order maintenance until `finishLoading`. */
  load(entries: readonly IndexedEntry[]): void {
    const batch: Array<{ slot: number; words: DocumentWords; facets: FacetValues }> = [];
    const liveSlots: number[] = [];
    for (const entry of entries) {
      this.remove(entry.id);
      const slot = this.allocate(entry);
      liveSlots.push(slot);
      batch.push({ slot, words: entry.words, facets: entry.facets });
    }
    this.facets.addBatch(batch);
    this.terms.addBatch(batch);
    this.live.addMany(liveSlots);
    this.globalCounts = null;
  }

  /** Sorts the orders once after `load` batches. */
  finishLoading(): void {
    const all = this.live.toUint32Array();
    this.newest.reset(all);
    this.byTitle.reset(all);
  }

  /** Adds or replaces entries while serving (one merge into each order for the whole batch). */
  upsertMany(entries: readonly IndexedEntry[]): void {
    const slots: number[] = [];
    for (const entry of entries) {
      this.remove(entry.id);
      const slot = this.allocate(entry);
      this.facets.add(slot, entry.facets);
      this.terms.add(slot, entry.words);
      this.live.add(slot);
      slots.push(slot);
    }
    this.newest.insertMany(slots);
    this.byTitle.insertMany(slots);
    this.globalCounts = null;
  }

  upsert(entry: IndexedEntry): void {
    this.upsertMany([entry]);
  }

  /** Takes an entry out of every result (it was withdrawn, or is about to be replaced). */
  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.live.remove(slot);
    this.slotOf.delete(id);
    const organisation = this.organisationKeys[slot] as string;
    const remaining = (this.organisations.get(organisation) ?? 1) - 1;
    if (remaining > 0) this.organisations.set(organisation, remaining);
    else this.organisations.delete(organisation);
    this.globalCounts = null;
  }

  search(criteria: SearchCriteria): IndexHits {
    const text = this.textMatch(criteria.terms);
    const facetFilters = this.facetFilters(criteria);
    const restricted = (exclude?: FacetName): Bitmap => {
      const parts: Bitmap[] = [this.live];
      if (text) parts.push(text);
      for (const [facet, filter] of facetFilters) if (facet !== exclude) parts.push(filter);
      return intersectAll(parts) ?? this.live;
    };
    const matching = text || facetFilters.size > 0 ? restricted() : this.live;

    // Disjunctive counts: a facet with a filter of its own is counted without that filter.
    const facetCounts =
      matching === this.live
        ? this.liveCounts()
        : this.facets.count((facet) => (facetFilters.has(facet) ? restricted(facet) : matching));
    // A cursor of this index resumes at its key; one of the SQL backend (served while this index
    // was building) resumes at its offset.
    const before = criteria.after ? criteria.after.offset : (criteria.page - 1) * criteria.pageSize;
    const key = criteria.after?.backend === "index" ? criteria.after.key : null;
    // One slot past the page tells whether another page follows.
    const found = this.page(matching, criteria, key ? 0 : before, criteria.pageSize + 1, key);
    const page = found.slice(0, criteria.pageSize);
    const last = page[page.length - 1];
    return {
      total: matching.size,
      ids: page.map(({ slot }) => this.entryIds[slot] as string),
      facetCounts,
      next:
        last && found.length > page.length
          ? { backend: "index", key: this.keyOf(criteria, last), offset: before + page.length }
          : null,
    };
  }

  private page(
    matching: Bitmap,
    criteria: SearchCriteria,
    offset: number,
    limit: number,
    key: SearchPosition["key"] | null,
  ): Array<{ slot: number; score: number }> {
    const plain = (slots: number[]) => slots.map((slot) => ({ slot, score: 0 }));
    switch (effectiveSort(criteria)) {
      case "relevance": {
        const from: TierPosition | undefined = key
          ? { score: Number(key[0]), after: this.afterNewest(Number(key[1]), Number(key[2])) }
          : undefined;
        return relevancePage(
          matching,
          criteria.terms.map((term) => this.terms.match(term)),
          offset,
          limit,
          (tier, skip, size, after) => this.newest.page(tier, skip, size, this.scratch, after),
          from,
        );
      }
      case "title": {
        const after = key ? this.afterTitle(String(key[0]), Number(key[1])) : undefined;
        return plain(this.byTitle.page(matching, offset, limit, this.scratch, after));
      }
      default: {
        const after = key ? this.afterNewest(Number(key[0]), Number(key[1])) : undefined;
        return plain(this.newest.page(matching, offset, limit, this.scratch, after));
      }
    }
  }

  /** A slot's sort key in this index's order, as a cursor carries it. */
  private keyOf(criteria: SearchCriteria, { slot, score }: { slot: number; score: number }) {
    const publishedAt = this.publishedAt[slot] as number;
    const id = this.numericIds[slot] as number;
    switch (effectiveSort(criteria)) {
      case "relevance":
        return [score, publishedAt, id];
      case "title":
        return [this.titleKeys[slot] as string, id];
      default:
        return [publishedAt, id];
    }
  }

  /** Slots after (publishedAt, id) in the newest order (the order's own comparison, inverted). */
  private afterNewest(publishedAt: number, id: number): (slot: number) => boolean {
    return (slot) => {
      const at = this.publishedAt[slot] as number;
      return at < publishedAt || (at === publishedAt && (this.numericIds[slot] as number) < id);
    };
  }

  /** Slots after (titleKey, id) in the title order. */
  private afterTitle(titleKey: string, id: number): (slot: number) => boolean {
    return (slot) => {
      const key = this.titleKeys[slot] as string;
      return key > titleKey || (key === titleKey && (this.numericIds[slot] as number) > id);
    };
  }

  /**
   * Every result of a search (or its first `limit`) in the search's order, as numeric ids, without
   * facet counts: what an export or a feed streams. Slots are walked straight into a typed array,
   * so a million results cost 8 MB, not a million objects.
   */
  matchingIds(criteria: SearchCriteria, limit = Number.POSITIVE_INFINITY): Float64Array {
    const parts: Bitmap[] = [this.live];
    const text = this.textMatch(criteria.terms);
    if (text) parts.push(text);
    for (const filter of this.facetFilters(criteria).values()) parts.push(filter);
    const matching = parts.length > 1 ? (intersectAll(parts) ?? this.live) : this.live;
    const wanted = Math.min(matching.size, limit);
    let slots: number[] = [];
    switch (effectiveSort(criteria)) {
      case "relevance":
        for (const tier of relevanceTiers(
          matching,
          criteria.terms.map((term) => this.terms.match(term)),
        )) {
          if (slots.length >= wanted) break;
          for (const slot of this.newest.page(tier, 0, wanted - slots.length, this.scratch)) slots.push(slot);
        }
        break;
      case "title":
        slots = this.byTitle.page(matching, 0, wanted, this.scratch);
        break;
      default:
        slots = this.newest.page(matching, 0, wanted, this.scratch);
    }
    const ids = new Float64Array(slots.length);
    for (let i = 0; i < slots.length; i++) ids[i] = this.numericIds[slots[i] as number] as number;
    return ids;
  }

  /** Counts over every published entry, kept until the next change. */
  private liveCounts(): FacetCounts {
    this.globalCounts ??= this.facets.count(() => this.live);
    return this.globalCounts;
  }

  /** Every term must match: the intersection of each term's prefix union; null without terms. */
  private textMatch(terms: readonly string[]): Bitmap | null {
    if (terms.length === 0) return null;
    return intersectAll(terms.map((term) => this.terms.match(term).all)) ?? null;
  }

  /** The filter of each facet the search chooses values of. */
  private facetFilters(criteria: SearchCriteria): Map<FacetName, Bitmap> {
    const filters = new Map<FacetName, Bitmap>();
    for (const facet of FACETS) {
      const filter = this.facets.filter(criteria, facet);
      if (filter) filters.set(facet, filter);
    }
    return filters;
  }

  private allocate(entry: IndexedEntry): number {
    const slot = this.entryIds.length;
    if (slot >= this.publishedAt.length) {
      this.publishedAt = grow(this.publishedAt);
      this.numericIds = grow(this.numericIds);
    }
    this.entryIds.push(entry.id);
    this.titleKeys.push(entry.titleKey);
    this.organisationKeys.push(entry.organisationKey);
    this.organisations.set(entry.organisationKey, (this.organisations.get(entry.organisationKey) ?? 0) + 1);
    this.publishedAt[slot] = entry.publishedAt;
    this.numericIds[slot] = Number(entry.id);
    this.slotOf.set(entry.id, slot);
    return slot;
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(array.length * 2);
  grown.set(array);
  return grown;
}
