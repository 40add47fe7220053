import { describe, expect, it } from "vitest";
import {
  aggregateScores,
  rankByScore,
  type ScoreCell,
  standardDeviation,
  weightedScore,
} from "./review-aggregate.ts";

const criteria = [
  { code: "impact", weight: 30 },
  { code: "relevance", weight: 10 },
];

const cells = (expertId: string, scores: Record<string, number>): ScoreCell[] =>
  Object.entries(scores).map(([criterionCode, score]) => ({ expertId, criterionCode, score }));

describe("weightedScore", () => {
  it("weighs each criterion by its weight, on the 0–10 scale", () => {
    // (30 × 8 + 10 × 4) / 40 = 7
    expect(
      weightedScore(
        new Map([
          ["impact", 8],
          ["relevance", 4],
        ]),
        criteria,
      ),
    ).toBe(7);
  });

  it("averages over the criteria scored only, and is null when none is", () => {
    expect(weightedScore(new Map([["relevance", 6]]), criteria)).toBe(6);
    expect(weightedScore(new Map(), criteria)).toBeNull();
  });
});

describe("aggregateScores", () => {
  it("means the experts' weighted scores and gives min, max and the population standard deviation", () => {
    const aggregate = aggregateScores(
      [
        ...cells("a", { impact: 8, relevance: 4 }), // 7
        ...cells("b", { impact: 10, relevance: 10 }), // 10
        ...cells("c", { impact: 4, relevance: 8 }), // 5
      ],
      criteria,
    );
    expect(aggregate.experts).toBe(3);
    expect(aggregate.score).toBe(7.33);
    expect(aggregate.min).toBe(5);
    expect(aggregate.max).toBe(10);
    // mean 22/3; deviations −1/3, 8/3, −7/3 → variance (1 + 64 + 49) / 27 = 114/27
    expect(aggregate.stdDev).toBe(Math.round(Math.sqrt(114 / 27) * 100) / 100);
    expect(aggregate.byExpert).toEqual({ a: 7, b: 10, c: 5 });
    expect(aggregate.criteria).toEqual({ impact: 7.33, relevance: 7.33 });
    expect(aggregate.flags).toEqual(["wide_spread"]);
  });

  it("counts every expert once, however many criteria they scored", () => {
    const aggregate = aggregateScores(
      [...cells("a", { impact: 10, relevance: 10 }), ...cells("b", { impact: 0, relevance: 0 })],
      criteria,
    );
    expect(aggregate.score).toBe(5);
    expect(aggregate.stdDev).toBe(5);
  });

  it("flags a submission nobody scored, and one scored by a single expert", () => {
    const none = aggregateScores([], criteria);
    expect(none).toMatchObject({ experts: 0, score: null, min: null, max: null, stdDev: null });
    expect(none.flags).toEqual(["no_scores"]);
    expect(none.criteria).toEqual({ impact: null, relevance: null });
    const one = aggregateScores(cells("a", { impact: 6, relevance: 6 }), criteria);
    expect(one).toMatchObject({ experts: 1, score: 6, min: 6, max: 6, stdDev: null });
    expect(one.flags).toEqual(["single_score"]);
  });

  it("flags experts far apart only from the threshold on, and an expert who left a criterion out", () => {
    const close = aggregateScores(
      [...cells("a", { impact: 6, relevance: 6 }), ...cells("b", { impact: 8, relevance: 8 })],
      criteria,
    );
    expect(close.flags).toEqual([]);
    const apart = aggregateScores(
      [...cells("a", { impact: 5, relevance: 5 }), ...cells("b", { impact: 8, relevance: 8 })],
      criteria,
    );
    expect(apart.flags).toEqual(["wide_spread"]);
    const partial = aggregateScores(
      [...cells("a", { impact: 6 }), ...cells("b", { impact: 7, relevance: 7 })],
      criteria,
    );
    expect(partial.flags).toEqual(["incomplete"]);
  });

  it("ignores cells of a criterion the edition does not have", () => {
    const aggregate = aggregateScores(cells("a", { impact: 4, relevance: 4, unknown: 10 }), criteria);
    expect(aggregate.score).toBe(4);
  });
});

describe("standardDeviation", () => {
  it("is 0 for equal values and the population deviation otherwise", () => {
    expect(standardDeviation([3, 3, 3])).toBe(0);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });
});

describe("rankByScore", () => {
  const item = (id: string, score: number | null, experts: number) => ({ id, aggregate: { score, experts } });

  it("orders by score, then by number of experts, then by id, with competition ranks and the unscored last", () => {
    const ranked = rankByScore([
      item("5", null, 0),
      item("4", 7, 1),
      item("3", 9, 2),
      item("12", 7, 3),
      item("2", 7, 3),
    ]);
    expect(ranked.map((row) => [row.id, row.rank])).toEqual([
      ["3", 1],
      ["2", 2],
      ["12", 2],
      ["4", 2],
      ["5", null],
    ]);
  });
});
