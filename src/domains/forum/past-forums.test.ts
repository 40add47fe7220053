import { describe, expect, it } from "vitest";
import { loadPastForums, parsePastForumFigures, participationTotal } from "./past-forums.ts";

describe("past Forum figures", () => {
  it("hold DOMAIN.md's participant figures with their qualifiers, 2009–2024", () => {
    const byYear = new Map(loadPastForums().editions.map((edition) => [edition.year, edition]));
    expect(byYear.get(2009)?.figures.participants).toEqual({ total: { value: 1200, qualifier: "exact" } });
    expect(byYear.get(2010)?.figures.participants).toEqual({ total: { value: 1500, qualifier: "at_least" } });
    expect(byYear.get(2012)?.figures.participants).toEqual({
      onsite: { value: 1300, qualifier: "exact" },
      remote: { value: 2000, qualifier: "at_least" },
    });
    expect(byYear.get(2020)?.figures.participants).toEqual({
      virtual: { value: 15000, qualifier: "at_least" },
    });
    expect(byYear.get(2021)?.figures.participants).toEqual({
      virtual: { value: 50000, qualifier: "at_least" },
    });
    expect(byYear.get(2024)?.figures).toEqual({
      participants: { total: { value: 4000, qualifier: "at_least" } },
      countries: { value: 160, qualifier: "exact" },
      sessions: { value: 200, qualifier: "about" },
    });
    // Themes only where the seeds state them.
    expect([...byYear.values()].filter((edition) => edition.theme).map((edition) => edition.year)).toEqual([
      2020, 2021,
    ]);
    expect(byYear.get(2020)?.chair).toContain("Dominican Republic");
  });

  it("total a split honestly: exact only when every part is", () => {
    expect(
      participationTotal({
        participants: {
          onsite: { value: 1150, qualifier: "exact" },
          remote: { value: 1000, qualifier: "exact" },
        },
        datesRecorded: false,
      }),
    ).toEqual({ value: 2150, qualifier: "exact" });
    expect(
      participationTotal({
        participants: {
          onsite: { value: 1000, qualifier: "at_least" },
          remote: { value: 30000, qualifier: "at_least" },
        },
        datesRecorded: false,
      }),
    ).toEqual({ value: 31000, qualifier: "at_least" });
    expect(participationTotal({ participants: {}, datesRecorded: false })).toBeNull();
  });

  it("keep only well-formed parts of a stored value", () => {
    expect(parsePastForumFigures(null)).toBeNull();
    expect(parsePastForumFigures([])).toBeNull();
    expect(
      parsePastForumFigures({
        participants: {
          total: { value: -1, qualifier: "exact" },
          onsite: { value: 5, qualifier: "roughly" },
          remote: { value: 7, qualifier: "about" },
        },
        countries: "many",
        datesRecorded: "yes",
      }),
    ).toEqual({ participants: { remote: { value: 7, qualifier: "about" } }, datesRecorded: false });
  });
});
