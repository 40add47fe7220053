import { describe, expect, it } from "vitest";
import { computeChampions } from "./results-champions.ts";

const nominee = (categoryCode: string, submissionId: string, votes: number) => ({
  categoryCode,
  submissionId,
  votes,
});

describe("computeChampions", () => {
  it("takes the top N of each category by counted votes", () => {
    const champions = computeChampions(
      [
        nominee("C1", "1", 5),
        nominee("C1", "2", 9),
        nominee("C1", "3", 7),
        nominee("C2", "4", 1),
        nominee("C2", "5", 3),
      ],
      2,
    );
    expect(champions).toEqual([
      { categoryCode: "C1", submissionId: "2", votes: 9, rank: 1 },
      { categoryCode: "C1", submissionId: "3", votes: 7, rank: 2 },
      { categoryCode: "C2", submissionId: "5", votes: 3, rank: 1 },
      { categoryCode: "C2", submissionId: "4", votes: 1, rank: 2 },
    ]);
  });

  it("keeps every nominee tied at the cut-off, with shared places", () => {
    const votes = [10, 9, 9, 7, 6, 6, 6, 5];
    const champions = computeChampions(
      votes.map((count, index) => nominee("C3", String(index + 1), count)),
      5,
    );
    expect(champions.map((champion) => [champion.submissionId, champion.rank])).toEqual([
      ["1", 1],
      ["2", 2],
      ["3", 2],
      ["4", 4],
      ["5", 5],
      ["6", 5],
      ["7", 5],
    ]);
  });

  it("drops a tie that starts below the cut-off and nominees without a vote", () => {
    const champions = computeChampions(
      [nominee("C1", "1", 4), nominee("C1", "2", 3), nominee("C1", "3", 3), nominee("C1", "4", 0)],
      1,
    );
    expect(champions.map((champion) => champion.submissionId)).toEqual(["1"]);
    expect(computeChampions([nominee("C1", "9", 0), nominee("C1", "10", 0)], 5)).toEqual([]);
  });

  it("orders tied nominees by id as numbers, not as text", () => {
    const champions = computeChampions([nominee("C1", "10", 2), nominee("C1", "9", 2)], 5);
    expect(champions.map((champion) => champion.submissionId)).toEqual(["9", "10"]);
  });
});
