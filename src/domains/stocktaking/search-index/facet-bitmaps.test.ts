import { describe, expect, it } from "vitest";
import { emptyFilters, FACETS, type FacetName, type SearchCriteria } from "../search.params.ts";
import { RoaringBitmap32 } from "./bitmaps.ts";
import { FacetBitmaps, type FacetValues } from "./facet-bitmaps.ts";

function values(picked: Partial<Record<FacetName, string[]>>): FacetValues {
  return Object.fromEntries(FACETS.map((facet) => [facet, picked[facet] ?? []])) as Record<
    FacetName,
    string[]
  >;
}

function criteria(change: Partial<SearchCriteria>): SearchCriteria {
  return {
    q: null,
    terms: [],
    filters: emptyFilters(),
    yearFrom: null,
    yearTo: null,
    sort: "newest",
    page: 1,
    pageSize: 20,
    ...change,
  };
}

const slots = [
  { slot: 0, facets: values({ country: ["KE"], year: ["2019"] }) },
  { slot: 1, facets: values({ country: ["KE", "UG"], year: ["2021"] }) },
  { slot: 2, facets: values({ country: ["UG"], year: ["2023"], sdg: ["4"] }) },
];

describe("FacetBitmaps", () => {
  it("holds the same bitmaps whether slots come one by one or in a batch", () => {
    const oneByOne = new FacetBitmaps();
    for (const { slot, facets } of slots) oneByOne.add(slot, facets);
    const batched = new FacetBitmaps();
    batched.addBatch(slots);
    const all = new RoaringBitmap32([0, 1, 2]);
    expect(batched.count(() => all)).toEqual(oneByOne.count(() => all));
    expect(Object.fromEntries(batched.count(() => all).country)).toEqual({ KE: 2, UG: 2 });
  });

  it("filters by the union of the chosen values, years also by range, and not at all without a choice", () => {
    const index = new FacetBitmaps();
    index.addBatch(slots);
    const filters = emptyFilters();
    expect(index.filter(criteria({ filters }), "country")).toBeNull();
    const both = index.filter(criteria({ filters: { ...filters, country: ["KE", "UG"] } }), "country");
    expect(both?.toArray()).toEqual([0, 1, 2]);
    const unknown = index.filter(criteria({ filters: { ...filters, country: ["ZZ"] } }), "country");
    expect(unknown?.size).toBe(0);
    const years = index.filter(criteria({ filters: { ...filters, year: [2019] }, yearFrom: 2022 }), "year");
    expect(years?.toArray()).toEqual([0, 2]);
  });

  it("counts each facet within its own base and leaves out values with no result", () => {
    const index = new FacetBitmaps();
    index.addBatch(slots);
    const counts = index.count((facet) =>
      facet === "country" ? new RoaringBitmap32([0, 1, 2]) : new RoaringBitmap32([2]),
    );
    expect(Object.fromEntries(counts.country)).toEqual({ KE: 2, UG: 2 });
    expect(Object.fromEntries(counts.year)).toEqual({ 2023: 1 });
    expect(Object.fromEntries(counts.sdg)).toEqual({ 4: 1 });
    expect(index.count(() => new RoaringBitmap32()).country.size).toBe(0);
  });
});
