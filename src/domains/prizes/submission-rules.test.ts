import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.ts";
import { countWords, formatEditionTime, validateSubmission, zoneCity } from "./submission-rules.ts";

const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index}`).join(" ");
const categories = new Set(["C1", "C4"]);
const complete = (overrides: Record<string, unknown> = {}) => ({
  category: "C4",
  title: "A project",
  shortDescription: words(150),
  actionLineSdgLinks: "links",
  gdcObjectives: ["1", "5"],
  impact: "impact",
  partnerships: "partners",
  challenges: "challenges",
  projectStage: "major_phase_end",
  ...overrides,
});
const fieldErrors = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  return [];
};

describe("countWords", () => {
  it("counts runs of non-space characters that hold a letter or digit", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("  one two\nthree\tfour  ")).toBe(4);
    expect(countWords("state-of-the-art — 2024 • ok")).toBe(3);
    expect(countWords("l'accès à l'information")).toBe(3);
    expect(countWords("Связь для всех")).toBe(3);
  });
});

describe("validateSubmission", () => {
  it("accepts 150 and 200 words and refuses 149 and 201 on submit", () => {
    expect(validateSubmission(complete(), categories, "submit").gdcObjectives).toEqual([1, 5]);
    expect(validateSubmission(complete({ shortDescription: words(200) }), categories, "submit").title).toBe(
      "A project",
    );
    expect(
      fieldErrors(() => validateSubmission(complete({ shortDescription: words(149) }), categories, "submit")),
    ).toEqual([{ field: "shortDescription", code: "too_few_words", params: { min: 150 } }]);
    expect(
      fieldErrors(() => validateSubmission(complete({ shortDescription: words(201) }), categories, "submit")),
    ).toEqual([{ field: "shortDescription", code: "too_many_words", params: { max: 200 } }]);
  });

  it("saves a draft incomplete, but never over 200 words or with unknown codes", () => {
    const draft = validateSubmission(
      { category: "C1", title: "Draft", shortDescription: words(10) },
      categories,
      "draft",
    );
    expect(draft.projectStage).toBeNull();
    expect(
      fieldErrors(() =>
        validateSubmission({ category: "C1", title: "x", shortDescription: words(201) }, categories, "draft"),
      ),
    ).toHaveLength(1);
    const codes = fieldErrors(() =>
      validateSubmission(
        { category: "C99", title: "x", gdcObjectives: ["6"], projectStage: "ongoing" },
        categories,
        "draft",
      ),
    ).map((error) => `${error.field}:${error.code}`);
    expect(codes).toEqual([
      "category:unknown_code",
      "gdcObjectives:unknown_code",
      "projectStage:invalid_value",
    ]);
  });

  it("requires the whole form on submit", () => {
    const codes = fieldErrors(() =>
      validateSubmission({ category: "C1", title: "x" }, categories, "submit"),
    ).map((error) => `${error.field}:${error.code}`);
    expect(codes).toEqual([
      "shortDescription:required",
      "actionLineSdgLinks:required",
      "impact:required",
      "partnerships:required",
      "challenges:required",
      "gdcObjectives:required",
      "projectStage:required",
    ]);
  });
});

describe("times in the edition's zone", () => {
  it("names the deadline in the edition's zone, whatever the server's", () => {
    const deadline = new Date("2027-03-14T22:59:00Z");
    expect(formatEditionTime(deadline, "Europe/Zurich", "en")).toBe("14 March 2027 at 23:59 CET");
    expect(formatEditionTime(deadline, "Asia/Tokyo", "en")).toContain("15 March 2027 at 07:59");
    expect(formatEditionTime(deadline, "Europe/Zurich", "fr")).toContain("14 mars 2027");
  });

  it("reads Geneva, which the tz database does not list, as Zurich's clock; unknown zones as UTC", () => {
    expect(formatEditionTime(new Date("2027-03-14T22:59:00Z"), "Mars/Olympus", "en")).toBe(
      "14 March 2027 at 22:59 UTC",
    );
    expect(formatEditionTime(new Date("2027-03-14T22:59:00Z"), "Europe/Geneva", "en")).toBe(
      "14 March 2027 at 23:59 CET",
    );
    expect(zoneCity("America/New_York")).toBe("New York");
  });
});
