import { describe, expect, it } from "vitest";
import { emptyFilters, FACETS, type FacetName, type SearchCriteria } from "../search.params.ts";
import { foldText, queryTerms, searchTokens } from "../search-text.ts";
import { BitmapIndex, type IndexedEntry } from "./bitmap-index.ts";

/** Deterministic entries with many ties: 6,000, past the size where pages walk the sorted orders. */
function entries(count: number): IndexedEntry[] {
  const titles = ["Alpha", "alpha", "Álpha", "Beta", "Solar Gamma", "solar delta"];
  return Array.from({ length: count }, (_, i) => {
    const title = `${titles[i % titles.length]} ${i % 7}`;
    const organisation = i % 5 === 0 ? "Solar Cooperative" : "Village Network";
    const description = i % 3 === 0 ? "solar pumps for schools" : "pumps for schools";
    const facets = Object.fromEntries(FACETS.map((facet) => [facet, [] as string[]])) as Record<
      FacetName,
      string[]
    >;
    facets.country = [i % 2 === 0 ? "KE" : "FR"];
    const titleWords = searchTokens(title);
    const organisationWords = searchTokens(organisation);
    return {
      id: String(i + 1),
      // Runs of ten entries share a publication time.
      publishedAt: Date.UTC(2024, 0, 1) + Math.floor(i / 10) * 1000,
      titleKey: foldText(title),
      organisationKey: foldText(organisation),
      facets,
      words: {
        all: [...new Set([...titleWords, ...organisationWords, ...searchTokens(description)])],
        title: [...new Set(titleWords)],
        organisation: [...new Set(organisationWords)],
      },
    };
  });
}

function criteria(q: string | null, sort: SearchCriteria["sort"], country: string[] = []): SearchCriteria {
  return {
    q,
    terms: queryTerms(q),
    filters: { ...emptyFilters(), country },
    yearFrom: null,
    yearTo: null,
    sort,
    page: 1,
    pageSize: 100,
  };
}

describe("keyset paging in the BitmapIndex", () => {
  const index = new BitmapIndex();
  index.load(entries(6000));
  index.finishLoading();

  const cases: Array<[string, SearchCriteria]> = [
    ["newest, everything", criteria(null, "newest")],
    ["title, everything", criteria(null, "title")],
    ["relevance over tiers", criteria("solar", "relevance")],
    ["relevance, two words", criteria("solar pumps", "relevance")],
    ["newest, a filtered half", criteria(null, "newest", ["KE"])],
    ["title, a small result", criteria("gamma", "title", ["FR"])],
  ];

  for (const [name, base] of cases) {
    it(`walks ${name} exactly as offset paging orders it`, () => {
      const expected: string[] = [];
      for (let page = 1; ; page++) {
        const hits = index.search({ ...base, page });
        expected.push(...hits.ids);
        if (hits.ids.length < base.pageSize) break;
      }
      expect(expected.length).toBe(index.search(base).total);

      const walked: string[] = [];
      let after: SearchCriteria["after"] = null;
      for (;;) {
        const hits = index.search({ ...base, pageSize: 97, after });
        walked.push(...hits.ids);
        if (!hits.next) break;
        expect(hits.next.backend).toBe("index");
        expect(hits.next.offset).toBe(walked.length);
        after = hits.next;
      }
      expect(walked).toEqual(expected);
    });
  }

  it("continues after an entry that was withdrawn meanwhile", () => {
    const local = new BitmapIndex();
    local.load(entries(5000));
    local.finishLoading();
    const base = criteria(null, "newest");
    const first = local.search({ ...base, pageSize: 50 });
    const last = first.ids[first.ids.length - 1] as string;
    local.remove(last);
    const second = local.search({ ...base, pageSize: 50, after: first.next });
    const reference = new BitmapIndex();
    reference.load(entries(5000));
    reference.finishLoading();
    expect(second.ids).toEqual(reference.search({ ...base, pageSize: 50, page: 2 }).ids);
  });
});
