import { describe, expect, it } from "vitest";
import {
  COMMON_WORDS,
  createRng,
  median,
  pickCommonValue,
  pickSearchMix,
  rarestValue,
  rawQueryOf,
  speedup,
} from "./search-mix.ts";

const counts = {
  actionLine: new Map([
    ["C1", 50],
    ["C4", 90],
    ["C7-ehealth", 70],
    ["C11", 3],
  ]),
  sdg: new Map([
    ["4", 80],
    ["5", 40],
    ["17", 0],
  ]),
  region: new Map([
    ["AFR", 60],
    ["EUR", 30],
  ]),
  country: new Map([
    ["KE", 40],
    ["TV", 0],
    ["NR", 2],
    ["MC", 2],
  ]),
  stakeholderType: new Map([["government", 10]]),
  status: new Map([
    ["ongoing", 20],
    ["planned", 5],
  ]),
};

describe("pickSearchMix", () => {
  it("is the same for the same seed and data", () => {
    expect(pickSearchMix(counts, 3)).toEqual(pickSearchMix(counts, 3));
  });

  it("has the seven queries of the issue, each naming values present in the data", () => {
    const mix = pickSearchMix(counts, 3);
    expect(mix.map((q) => q.name)).toEqual([
      "no_filter",
      "one_facet",
      "two_facets",
      "full_text",
      "text_two_facets",
      "deep_page",
      "rare_country",
    ]);
    expect(mix[0]?.query).toBe("");
    const params = (name: string) => new URLSearchParams(mix.find((q) => q.name === name)?.query);
    expect(["C4", "C7-ehealth"]).toContain(params("one_facet").get("actionLine"));
    expect(params("two_facets").get("sdg")).toBe("4");
    expect(COMMON_WORDS).toContain(params("full_text").get("q"));
    expect([...params("text_two_facets").keys()]).toEqual(["q", "stakeholderType", "status"]);
    expect(params("deep_page").get("page")).toBe("200");
    // Fewest entries but at least one; the tie goes to the first code.
    expect(params("rare_country").get("country")).toBe("MC");
  });

  it("fails clearly when a facet has no values", () => {
    expect(() => pickSearchMix({ ...counts, region: new Map() }, 3)).toThrow(/no facet value/);
  });
});

describe("picking values", () => {
  it("draws from the more common half only", () => {
    const random = createRng(7);
    for (let i = 0; i < 50; i++)
      expect(["C4", "C7-ehealth"]).toContain(pickCommonValue(counts.actionLine, random));
  });

  it("finds the rarest value with at least one entry", () => {
    expect(
      rarestValue(
        new Map([
          ["A", 5],
          ["B", 0],
          ["C", 1],
        ]),
      ),
    ).toBe("C");
    expect(() => rarestValue(new Map([["A", 0]]))).toThrow();
  });

  it("generates numbers in [0, 1) reproducibly", () => {
    const a = createRng(1);
    const b = createRng(1);
    for (let i = 0; i < 100; i++) {
      const value = a();
      expect(value).toBe(b());
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});

describe("rawQueryOf", () => {
  it("turns repeated parameters into lists", () => {
    expect(rawQueryOf("q=digital&sdg=4&sdg=5&region=AFR")).toEqual({
      q: "digital",
      sdg: ["4", "5"],
      region: "AFR",
    });
    expect(rawQueryOf("")).toEqual({});
  });
});

describe("ratio math", () => {
  it("takes the median of odd and even lists and ignores missing ratios", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, Number.NaN, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it("divides the reference time by ours", () => {
    expect(speedup(300, 10)).toBe(30);
    expect(speedup(300, 0)).toBeNaN();
    expect(speedup(Number.NaN, 10)).toBeNaN();
  });
});
