import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  emptyFilters,
  parseSearchQuery,
  searchQueryString,
  searchUrl,
  withoutValue,
} from "./search.params.ts";

const names = { en: "x" };
const reference = {
  actionLines: [
    { code: "C4", names, facilitator: "ITU", group_code: null, description: "", sort_order: 4 },
    { code: "C7-ehealth", names, facilitator: "WHO", group_code: "C7", description: "", sort_order: 10 },
  ],
  sdgs: [4, 5].map((number) => ({ number, names, colour: "#000000" })),
  matrix: [],
  regions: [{ code: "AFR", names, sort_order: 1 }],
  countries: [{ code: "KE", region_code: "AFR" }],
  stakeholderTypes: [{ code: "government", names, sort_order: 1 }],
  targetGroups: [{ code: "youth", names, sort_order: 1 }],
} satisfies ReferenceData;

function fieldErrors(raw: Record<string, unknown>) {
  try {
    parseSearchQuery(raw, reference);
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors.map((e) => `${e.field}:${e.code}`);
    throw error;
  }
  return [];
}

describe("parseSearchQuery", () => {
  it("reads repeated facets, numbers and defaults", () => {
    const criteria = parseSearchQuery(
      { q: "  digital\u0000 skills ", sdg: ["4", "5", "4"], actionLine: "C7-ehealth", year: "2020" },
      reference,
    );
    expect(criteria).toEqual({
      q: "digital  skills",
      terms: ["digital", "skills"],
      filters: { ...emptyFilters(), sdg: [4, 5], actionLine: ["C7-ehealth"], year: [2020] },
      yearFrom: null,
      yearTo: null,
      sort: "relevance",
      page: 1,
      pageSize: 20,
    });
    expect(parseSearchQuery({ q: "   " }, reference)).toMatchObject({ q: null, sort: "newest" });
    expect(parseSearchQuery({ page: 3, pageSize: 50 }, reference)).toMatchObject({ page: 3, pageSize: 50 });
  });

  it("names every bad parameter at once", () => {
    expect(
      fieldErrors({ actionLine: ["C4", "C99"], sdg: "x", page: "0", pageSize: "500", sort: ["a", "b"] }),
    ).toEqual([
      "actionLine:unknown_code",
      "sdg:invalid_value",
      "sort:invalid_value",
      "pageSize:out_of_range",
      "page:out_of_range",
    ]);
    expect(fieldErrors({ q: "a".repeat(201) })).toEqual(["q:too_long"]);
    expect(fieldErrors({ country: Array.from({ length: 301 }, (_, i) => `K${i}`) })).toEqual([
      "country:too_many",
    ]);
    expect(fieldErrors({ page: "501" })).toEqual(["page:out_of_range"]);
    expect(fieldErrors({ yearFrom: "20x", yearTo: "1800", coverage: "galactic" })).toEqual([
      "coverage:unknown_code",
      "yearFrom:invalid_value",
      "yearTo:out_of_range",
    ]);
    expect(fieldErrors({ yearFrom: "2020", yearTo: "2010" })).toEqual(["yearTo:end_before_start"]);
    expect(fieldErrors({ q: "a b c d e f g h i j k" })).toEqual(["q:too_many_words"]);
    expect(fieldErrors({ page: "500" })).toEqual([]);
  });
});

describe("search URLs", () => {
  it("are stable, leave out defaults and keep every filter", () => {
    const criteria = parseSearchQuery(
      { sdg: ["5", "4"], q: "a&b", actionLine: "C4", sort: "title", pageSize: "50" },
      reference,
    );
    expect(searchQueryString(criteria, 2)).toBe(
      "?q=a%26b&actionLine=C4&sdg=5&sdg=4&sort=title&pageSize=50&page=2",
    );
    expect(searchUrl(withoutValue(criteria, "sdg", 5))).toBe(
      "/entries?q=a%26b&actionLine=C4&sdg=4&sort=title&pageSize=50",
    );
    expect(searchUrl(parseSearchQuery({}, reference))).toBe("/entries");
    expect(
      searchQueryString(parseSearchQuery({ yearTo: "2020", yearFrom: "2010", coverage: "local" }, reference)),
    ).toBe("?coverage=local&yearFrom=2010&yearTo=2020");
  });
});
