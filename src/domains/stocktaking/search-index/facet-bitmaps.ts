import { FACETS, type FacetName, hasYearFilter, type SearchCriteria } from "../search.params.ts";
import { type Bitmap, emptyBitmap, RoaringBitmap32 } from "./bitmaps.ts";

/** Per facet, value → number of results picking it would give. */
export type FacetCounts = Record<FacetName, Map<string, number>>;

/** One entry's facet values, as query-parameter strings. */
export type FacetValues = Record<FacetName, readonly string[]>;

const emptyCounts = (): FacetCounts =>
  Object.fromEntries(FACETS.map((facet) => [facet, new Map<string, number>()])) as FacetCounts;

/**
 * The facet side of the search index: for each value of each facet, the bitmap of the slots that
 * have it; from these, a search's filters and its facet counts. Slots are only ever added: the
 * index drops a replaced or withdrawn entry from its `live` bitmap, which every base passed here
 * is already intersected with.
 */
export class FacetBitmaps {
  private readonly values = Object.fromEntries(
    FACETS.map((facet) => [facet, new Map<string, Bitmap>()]),
  ) as Record<FacetName, Map<string, Bitmap>>;

  /** Adds one slot's values (serving: one change at a time). */
  add(slot: number, facets: FacetValues): void {
    for (const facet of FACETS)
      for (const value of facets[facet]) this.bitmapFor(this.values[facet], value).add(slot);
  }

  /** Adds a rebuild's batch: the slots of each value gathered first, then added in one call per value. */
  addBatch(batch: ReadonlyArray<{ slot: number; facets: FacetValues }>): void {
    for (const facet of FACETS) {
      const groups = new Map<string, number[]>();
      for (const { slot, facets } of batch) {
        for (const value of facets[facet]) {
          let list = groups.get(value);
          if (!list) {
            list = [];
            groups.set(value, list);
          }
          list.push(slot);
        }
      }
      for (const [value, slots] of groups) this.bitmapFor(this.values[facet], value).addMany(slots);
    }
  }

  /** A facet's filter: the union of its chosen values (years: and the range); null if none. */
  filter(criteria: SearchCriteria, facet: FacetName): Bitmap | null {
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

  /**
   * Every value's count within each facet's base (`baseOf(facet)`: the results, or for a facet
   * with a filter of its own the results without that filter), one native AND-count per value.
   * Values with no result are left out.
   */
  count(baseOf: (facet: FacetName) => Bitmap): FacetCounts {
    const counts = emptyCounts();
    for (const facet of FACETS) {
      const base = baseOf(facet);
      if (base.size === 0) continue;
      const target = counts[facet];
      for (const [value, bitmap] of this.values[facet]) {
        const count = base.andCardinality(bitmap);
        if (count > 0) target.set(value, count);
      }
    }
    return counts;
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
