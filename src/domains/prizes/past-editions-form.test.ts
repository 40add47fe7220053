import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.ts";
import { type PastFigures, parsePastFigures } from "./past-editions.ts";
import {
  pastFiguresForm,
  type ShareCodes,
  shareCodes,
  validatePastFiguresForm,
} from "./past-editions-form.ts";

const codes: ShareCodes = shareCodes(
  { submissionsByRegion: ["AFR", "EUR"], nominatedByStakeholder: ["government"] },
  { nominatedByStakeholder: [{ code: "retired_type", percent: 3 }] },
);

function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError)
      return Object.fromEntries(error.fieldErrors.map((item) => [item.field, item.code]));
    throw error;
  }
  return {};
}

describe("the past figures form", () => {
  it("offers the reference codes, the split's catch-all and codes only stored figures use", () => {
    expect(codes).toEqual({
      submissionsByRegion: ["AFR", "EUR", "international"],
      nominatedByStakeholder: ["government", "others", "retired_type"],
    });
  });

  it("round-trips stored figures through the form unchanged", () => {
    const figures: PastFigures = {
      submissions: { value: 1000, qualifier: "at_least" },
      votes: { value: 1_100_000, qualifier: "about" },
      submissionsByRegion: [
        { code: "AFR", percent: 14.1 },
        { code: "international", percent: 1.4 },
      ],
      nominatedByStakeholder: [{ code: "retired_type", percent: 3 }],
      toDate: { winners: { value: 234, qualifier: "exact" } },
    };
    const stored = validatePastFiguresForm(pastFiguresForm(figures, codes), codes);
    expect(stored).toEqual(figures);
    expect(parsePastFigures(stored)).toEqual(stored);
  });

  it("reads counts grouped by threes in any common style, and percentages with a comma", () => {
    for (const typed of [
      "1100000",
      "1,100,000",
      "1.100.000",
      "1 100 000",
      "1\u202f100\u202f000",
      "1'100'000",
    ]) {
      const form = pastFiguresForm({}, codes);
      form.counts.votes = { value: typed, qualifier: "at_least" };
      expect(validatePastFiguresForm(form, codes).votes, typed).toEqual({
        value: 1_100_000,
        qualifier: "at_least",
      });
    }
    const form = pastFiguresForm({}, codes);
    form.shares.submissionsByRegion.EUR = "12,5";
    expect(validatePastFiguresForm(form, codes).submissionsByRegion).toEqual([
      { code: "EUR", percent: 12.5 },
    ]);
  });

  it("refuses malformed numbers, precisions and splits, one code per field", () => {
    const form = pastFiguresForm({}, codes);
    form.counts.submissions = { value: "-3", qualifier: "exact" };
    form.counts.nominated = { value: "1,10,000", qualifier: "exact" };
    form.counts.voters = { value: "12", qualifier: "maybe" };
    form.counts.votes = { value: "12", qualifier: "" };
    form.toDate.winners = { value: "2.5", qualifier: "exact" };
    form.shares.submissionsByRegion = { AFR: "60", EUR: "40.2", international: "" };
    form.shares.nominatedByStakeholder = { government: "100.5", others: "", retired_type: "" };
    expect(fieldErrors(() => validatePastFiguresForm(form, codes))).toEqual({
      submissions_value: "out_of_range",
      nominated_value: "invalid_value",
      voters_qualifier: "invalid_value",
      votes_qualifier: "required",
      toDate_winners_value: "invalid_value",
      submissionsByRegion: "share_total",
      nominatedByStakeholder_government: "out_of_range",
    });
    // A precision without a number is no figure, and no error.
    const blank = pastFiguresForm({}, codes);
    blank.counts.voters = { value: " ", qualifier: "nonsense" };
    expect(validatePastFiguresForm(blank, codes)).toEqual({});
  });
});
