import {
  effectiveSort,
  FACETS,
  type FacetName,
  hasYearFilter,
  type SearchCriteria,
} from "../search.params.ts";
import { type Bitmap, emptyBitmap, intersectAll, RoaringBitmap32 } from "./bitmaps.ts";
import { relevancePage } from "./relevance.ts";
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
  facets: Record<FacetName, readonly string[]>;
  words: DocumentWords;
}

/** Per facet, value → number of results picking it would give. */
export type FacetCounts = Record<FacetName, Map<string, number>>;

export interface IndexHits {
  total: number;
  /** Entry ids of the requested page, in order. */
  ids: string[];
  facetCounts: FacetCounts;
}

const emptyCounts = (): FacetCounts =>
  Object.fromEntries(FACETS.map((facet) => [facet, new Map<string, number>()])) as FacetCounts;

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
  private readonly values = Object.fromEntries(
    FACETS.map((facet) => [facet, new Map<string, Bitmap>()]),
  ) as Record<FacetName, Map<string, Bitmap>>;
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
    const batch: Array<{ slot: number; words: DocumentWords }> = [];
    const perValue = new Map<Map<string, Bitmap>, Map<string, number[]>>();
    const liveSlots: number[] = [];
    for (const entry of entries) {
      this.remove(entry.id);
      const slot = this.allocate(entry);
      liveSlots.push(slot);
      batch.push({ slot, words: entry.words });
      for (const facet of FACETS) {
        const facetValues = this.values[facet];
        let groups = perValue.get(facetValues);
        if (!groups) {
          groups = new Map();
          perValue.set(facetValues, groups);
        }
        for (const value of entry.facets[facet]) {
          let list = groups.get(value);
          if (!list) {
            list = [];
            groups.set(value, list);
          }
          list.push(slot);
        }
      }
    }
    for (const [facetValues, groups] of perValue)
      for (const [value, slots] of groups) this.bitmapFor(facetValues, value).addMany(slots);
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
      for (const facet of FACETS)
        for (const value of entry.facets[facet]) this.bitmapFor(this.values[facet], value).add(slot);
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
    const facetFilters = new Map<FacetName, Bitmap>();
    for (const facet of FACETS) {
      const filter = this.facetFilter(criteria, facet);
      if (filter) facetFilters.set(facet, filter);
    }
    const restricted = (exclude?: FacetName): Bitmap => {
      const parts: Bitmap[] = [this.live];
      if (text) parts.push(text);
      for (const [facet, filter] of facetFilters) if (facet !== exclude) parts.push(filter);
      return intersectAll(parts) ?? this.live;
    };
    const matching = text || facetFilters.size > 0 ? restricted() : this.live;

    const facetCounts =
      matching === this.live ? this.liveCounts() : this.countFacets(matching, facetFilters, restricted);
    const offset = (criteria.page - 1) * criteria.pageSize;
    const slots = this.page(matching, criteria, offset);
    return {
      total: matching.size,
      ids: slots.map((slot) => this.entryIds[slot] as string),
      facetCounts,
    };
  }

  private page(matching: Bitmap, criteria: SearchCriteria, offset: number): number[] {
    switch (effectiveSort(criteria)) {
      case "relevance":
        return relevancePage(
          matching,
          criteria.terms.map((term) => this.terms.match(term)),
          offset,
          criteria.pageSize,
          (tier, skip, limit) => this.newest.page(tier, skip, limit, this.scratch),
        );
      case "title":
        return this.byTitle.page(matching, offset, criteria.pageSize, this.scratch);
      default:
        return this.newest.page(matching, offset, criteria.pageSize, this.scratch);
    }
  }

  /** Disjunctive counts: a facet with a filter of its own is counted without that filter. */
  private countFacets(
    matching: Bitmap,
    facetFilters: Map<FacetName, Bitmap>,
    restricted: (exclude?: FacetName) => Bitmap,
  ): FacetCounts {
    const counts = emptyCounts();
    for (const facet of FACETS) {
      const base = facetFilters.has(facet) ? restricted(facet) : matching;
      if (base.size === 0) continue;
      const target = counts[facet];
      for (const [value, bitmap] of this.values[facet]) {
        const count = base.andCardinality(bitmap);
        if (count > 0) target.set(value, count);
      }
    }
    return counts;
  }

  /** Counts over every published entry, kept until the next change. */
  private liveCounts(): FacetCounts {
    if (!this.globalCounts) {
      const counts = emptyCounts();
      for (const facet of FACETS) {
        for (const [value, bitmap] of this.values[facet]) {
          const count = this.live.andCardinality(bitmap);
          if (count > 0) counts[facet].set(value, count);
        }
      }
      this.globalCounts = counts;
    }
    return this.globalCounts;
  }

  /** Every term must match: the intersection of each term's prefix union; null without terms. */
  private textMatch(terms: readonly string[]): Bitmap | null {
    if (terms.length === 0) return null;
    return intersectAll(terms.map((term) => this.terms.match(term).all)) ?? null;
  }

  /** A facet's filter: the union of its chosen values (years: and the range); null if none. */
  private facetFilter(criteria: SearchCriteria, facet: FacetName): Bitmap | null {
    if (facet === "year" ? !hasYearFilter(criteria) : criteria.filters[facet].length === 0) return null;
    const chosen: Bitmap[] = [];
    for (const value of criteria.filters[facet]) {
      const bitmap = this.values[facet].get(String(value));
      if (bitmap) chosen.push(bitmap);
    }
    if (facet === "year" && (criteria.yearFrom !== null || criteria.yearTo !== null)) {
      const from = criteria.yearFrom ?? Number.NEGATIVE_INFINITY;
      const to = criteria.yearTo ?? Number.POSITIVE_INFINITY;
      for (const [value, bitmap] of this.values.year) {
        const year = Number(value);
        if (year >= from && year <= to) chosen.push(bitmap);
      }
    }
    return RoaringBitmap32.orMany(chosen);
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

  private bitmapFor(facetValues: Map<string, Bitmap>, value: string): Bitmap {
    let bitmap = facetValues.get(value);
    if (!bitmap) {
      bitmap = emptyBitmap();
      facetValues.set(value, bitmap);
    }
    return bitmap;
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(array.length * 2);
  grown.set(array);
  return grown;
}
