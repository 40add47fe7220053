import { describe, expect, it } from "vitest";
import { isPhaseOpen, openPhase, type PhaseWindow } from "./prize-phases.ts";
import { prizeRules } from "./prize-rules.ts";

const at = (iso: string) => new Date(iso);
const windows: PhaseWindow[] = [
  { phase: "submission", startsAt: at("2026-10-03T00:00:00Z"), endsAt: at("2027-03-14T23:00:00Z") },
  { phase: "review", startsAt: at("2027-03-14T23:00:00Z"), endsAt: at("2027-04-01T00:00:00Z") },
  { phase: "voting", startsAt: at("2027-04-10T00:00:00Z"), endsAt: at("2027-05-01T00:00:00Z") },
];

describe("openPhase", () => {
  it("opens a phase at its start and closes it at its end, to the millisecond", () => {
    expect(openPhase(windows, at("2027-03-14T22:59:59.999Z"))).toBe("submission");
    expect(openPhase(windows, at("2027-03-14T23:00:00.000Z"))).toBe("review");
    expect(isPhaseOpen(windows, "submission", at("2027-03-14T23:00:00.000Z"))).toBe(false);
  });

  it("is null before, between and after the phases", () => {
    expect(openPhase(windows, at("2026-10-02T23:59:59Z"))).toBeNull();
    expect(openPhase(windows, at("2027-04-05T00:00:00Z"))).toBeNull();
    expect(openPhase(windows, at("2027-05-01T00:00:00Z"))).toBeNull();
  });

  it("prefers the later phase where an extension overlaps the next", () => {
    const extended: PhaseWindow[] = [
      { phase: "submission", startsAt: at("2027-01-01T00:00:00Z"), endsAt: at("2027-03-20T00:00:00Z") },
      { phase: "review", startsAt: at("2027-03-15T00:00:00Z"), endsAt: at("2027-04-01T00:00:00Z") },
    ];
    expect(openPhase(extended, at("2027-03-16T00:00:00Z"))).toBe("review");
    expect(isPhaseOpen(extended, "submission", at("2027-03-16T00:00:00Z"))).toBe(true);
  });
});

describe("prizeRules", () => {
  it("reads stored switches and falls back on missing or wrong ones", () => {
    expect(prizeRules({ votesOnlyFromCompleteVoters: true, championsPerCategory: 3 })).toEqual({
      votesOnlyFromCompleteVoters: true,
      previousWinnersExcluded: true,
      championsPerCategory: 3,
    });
    expect(prizeRules({ votesOnlyFromCompleteVoters: "yes", championsPerCategory: 0 })).toEqual(
      prizeRules({}),
    );
    expect(prizeRules(null).championsPerCategory).toBe(5);
  });
});
