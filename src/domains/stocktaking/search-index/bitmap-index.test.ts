import { describe, expect, it } from "vitest";
import { emptyFilters, FACETS, type FacetName, type SearchCriteria } from "../search.params.ts";
import { foldText, queryTerms, searchTokens } from "../search-text.ts";
import { BitmapIndex, type IndexedEntry } from "./bitmap-index.ts";

function entry(
  id: number,
  fields: { title: string; organisation?: string; description?: string; day: number },
) {
  const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as string[]])) as Record<
    FacetName,
    string[]
  >;
  const title = searchTokens(fields.title);
  const organisation = searchTokens(fields.organisation ?? "");
  return {
    id: String(id),
    publishedAt: Date.UTC(2024, 0, fields.day),
    titleKey: foldText(fields.title),
    organisationKey: foldText(fields.organisation ?? ""),
    facets,
    words: {
      all: [...new Set([...title, ...organisation, ...searchTokens(fields.description ?? "")])],
      title: [...new Set(title)],
      organisation: [...new Set(organisation)],
    },
  } satisfies IndexedEntry;
}

function criteria(q: string | null, sort: SearchCriteria["sort"], page = 1, pageSize = 20): SearchCriteria {
  return {
    q,
    terms: queryTerms(q),
    filters: emptyFilters(),
    yearFrom: null,
    yearTo: null,
    sort,
    page,
    pageSize,
  };
}

describe("BitmapIndex ordering", () => {
  const index = new BitmapIndex();
  index.load([
    entry(1, { title: "Water in the description", description: "clean water for schools", day: 5 }),
    entry(2, { title: "Rural schools", organisation: "Water Trust", day: 4 }),
    entry(3, { title: "Water sensors", day: 1 }),
    entry(4, { title: "Safe water points", day: 3 }),
    entry(5, { title: "Nothing related", description: "no match here", day: 9 }),
  ]);
  index.finishLoading();

  it("ranks title matches first, then organisation, then description, newest first within a tier", () => {
    expect(index.search(criteria("water", "relevance")).ids).toEqual(["1", "4", "3", "2"]);
    // Scores add up: title + organisation (1.4) beats title + description (1.1).
    expect(index.search(criteria("water schools", "relevance")).ids).toEqual(["2", "1"]);
  });

  it("orders by newest and by folded title, and pages without overlap", () => {
    expect(index.search(criteria(null, "newest")).ids).toEqual(["5", "1", "2", "4", "3"]);
    expect(index.search(criteria(null, "title")).ids).toEqual(["5", "2", "4", "1", "3"]);
    const pages = [1, 2, 3].map((page) => index.search(criteria(null, "newest", page, 2)).ids);
    expect(pages).toEqual([["5", "1"], ["2", "4"], ["3"]]);
  });

  it("replaces a changed entry and forgets a removed one", () => {
    const copy = new BitmapIndex();
    copy.load([entry(1, { title: "Alpha", day: 1 }), entry(2, { title: "Beta", day: 2 })]);
    copy.finishLoading();
    copy.upsert(entry(1, { title: "Gamma", day: 3 }));
    copy.remove("2");
    expect(copy.search(criteria("alpha", "relevance")).total).toBe(0);
    expect(copy.search(criteria("gam", "relevance")).ids).toEqual(["1"]);
    expect(copy.search(criteria(null, "newest")).ids).toEqual(["1"]);
    expect(copy.deadSlots).toBe(2);
  });

  it("keeps both orders exact when many entries arrive at once", () => {
    const many = new BitmapIndex();
    const titles = ["kiwi", "apple", "fig", "date", "banana", "cherry", "lime", "grape", "mango", "elder"];
    many.load(titles.slice(0, 5).map((title, i) => entry(i + 1, { title, day: (i * 7) % 11 })));
    many.finishLoading();
    // Twelve at once: new ones and replacements, enough for one merge instead of single inserts.
    const batch = Array.from({ length: 12 }, (_, i) =>
      entry((i % 8) + 3, { title: `${titles[(i * 3) % 10]} ${i}`, day: (i * 5) % 13 }),
    );
    many.upsertMany(batch);
    const latest = new Map<string, IndexedEntry>();
    for (const item of [
      ...titles.slice(0, 5).map((title, i) => entry(i + 1, { title, day: (i * 7) % 11 })),
      ...batch,
    ])
      latest.set(item.id, item);
    const all = [...latest.values()];
    const newest = [...all]
      .sort((a, b) => b.publishedAt - a.publishedAt || Number(b.id) - Number(a.id))
      .map((item) => item.id);
    const byTitle = [...all]
      .sort((a, b) =>
        a.titleKey < b.titleKey ? -1 : a.titleKey > b.titleKey ? 1 : Number(a.id) - Number(b.id),
      )
      .map((item) => item.id);
    expect(many.search(criteria(null, "newest", 1, 100)).ids).toEqual(newest);
    expect(many.search(criteria(null, "title", 1, 100)).ids).toEqual(byTitle);
  });
});
