import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.ts";
import type { EntryCodes } from "./entry-validation.ts";
import { isValidDate, isValidEmail, isValidWebsite, validateEntry } from "./entry-validation.ts";

const codes: EntryCodes = {
  actionLines: new Map([
    ["C1", 0],
    ["C4", 1],
    ["C7-ehealth", 2],
  ]),
  sdgs: new Map([
    [3, 0],
    [4, 1],
  ]),
  countries: new Map([
    ["KE", 0],
    ["UG", 1],
  ]),
  stakeholderTypes: new Map([["government", 0]]),
  targetGroups: new Map([["youth", 0]]),
};

const complete = {
  title: "  Digital health records  ",
  description: "Electronic health records for rural clinics.",
  language: "en",
  organisationName: "Ministry of Health",
  stakeholderType: "government",
  coverage: "national",
  countries: ["UG", "KE", "KE"],
  actionLines: ["C7-ehealth", "C1"],
  sdgs: ["4", "3"],
  targetGroups: "youth",
  projectStatus: "ongoing",
  startDate: "2022-01-31",
  endDate: "2023-12-31",
  website: "https://health.example.org",
  contactName: "",
  contactEmail: "records@example.org",
};

function errorsOf(input: Record<string, unknown>, mode: "draft" | "submit") {
  try {
    validateEntry(input, codes, mode);
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  return [];
}

describe("validateEntry", () => {
  it("normalises a complete entry: trimmed, de-duplicated, codes in reference order", () => {
    expect(validateEntry(complete, codes, "submit")).toEqual({
      title: "Digital health records",
      description: "Electronic health records for rural clinics.",
      language: "en",
      organisationName: "Ministry of Health",
      stakeholderType: "government",
      coverage: "national",
      countries: ["KE", "UG"],
      actionLines: ["C1", "C7-ehealth"],
      sdgs: [3, 4],
      targetGroups: ["youth"],
      projectStatus: "ongoing",
      startDate: "2022-01-31",
      endDate: "2023-12-31",
      website: "https://health.example.org",
      contactName: null,
      contactEmail: "records@example.org",
    });
  });

  it("lets a draft hold only a title", () => {
    const draft = validateEntry({ title: "Idea" }, codes, "draft");
    expect(draft).toMatchObject({ title: "Idea", coverage: null, countries: [], language: "en" });
  });

  it("requires a title even for a draft", () => {
    expect(errorsOf({ title: "   " }, "draft")).toEqual([{ field: "title", code: "required" }]);
  });

  it("requires the whole entry to submit", () => {
    expect(errorsOf({ title: "Idea" }, "submit").map((e) => `${e.field}:${e.code}`)).toEqual([
      "description:required",
      "organisationName:required",
      "stakeholderType:required",
      "coverage:required",
      "actionLines:required",
      "projectStatus:required",
    ]);
  });

  it("requires a country unless coverage is international", () => {
    expect(errorsOf({ ...complete, countries: [] }, "submit")).toEqual([
      { field: "countries", code: "required" },
    ]);
    expect(errorsOf({ ...complete, countries: [], coverage: "international" }, "submit")).toEqual([]);
  });

  it.each([
    [{ title: "x".repeat(201) }, "title", "too_long", { max: 200 }],
    [{ description: "too short" }, "description", "too_short", { min: 20 }],
    [{ description: "x".repeat(5001) }, "description", "too_long", { max: 5000 }],
    [{ stakeholderType: "pirates" }, "stakeholderType", "unknown_code", undefined],
    [{ coverage: "galactic" }, "coverage", "invalid_value", undefined],
    [{ countries: ["KE", "XX"] }, "countries", "unknown_code", undefined],
    [{ actionLines: ["C99"] }, "actionLines", "unknown_code", undefined],
    [{ sdgs: ["18"] }, "sdgs", "unknown_code", undefined],
    [{ sdgs: ["four"] }, "sdgs", "unknown_code", undefined],
    [{ targetGroups: ["aliens"] }, "targetGroups", "unknown_code", undefined],
    [{ language: "de" }, "language", "invalid_value", undefined],
    [{ projectStatus: "abandoned" }, "projectStatus", "invalid_value", undefined],
    [{ startDate: "2023-02-30" }, "startDate", "invalid_date", undefined],
    [{ endDate: "yesterday" }, "endDate", "invalid_date", undefined],
    [{ startDate: "2023-05-01", endDate: "2023-04-30" }, "endDate", "end_before_start", undefined],
    [{ website: "javascript:alert(1)" }, "website", "invalid_url", undefined],
    [{ website: "ftp://example.org" }, "website", "invalid_url", undefined],
    [{ contactEmail: "not-an-email" }, "contactEmail", "invalid_email", undefined],
  ])("rejects %o with %s %s", (override, field, code, params) => {
    const errors = errorsOf({ ...complete, ...override }, "submit");
    expect(errors).toEqual([{ field, code, ...(params ? { params } : {}) }]);
  });

  it("checks what a draft holds, but not completeness", () => {
    expect(errorsOf({ title: "Idea", countries: ["XX"], description: "short" }, "draft")).toEqual([
      { field: "countries", code: "unknown_code" },
    ]);
  });

  it("keeps HTML as typed (it is escaped on output)", () => {
    expect(validateEntry({ title: "<script>alert(1)</script>" }, codes, "draft").title).toBe(
      "<script>alert(1)</script>",
    );
  });
});

describe("format checks", () => {
  it("accepts real dates only", () => {
    expect(isValidDate("2024-02-29")).toBe(true);
    expect(isValidDate("2023-02-29")).toBe(false);
    expect(isValidDate("1800-01-01")).toBe(false);
    expect(isValidDate("2024-2-1")).toBe(false);
  });

  it("accepts http(s) websites only", () => {
    expect(isValidWebsite("http://example.org/path?q=1")).toBe(true);
    expect(isValidWebsite("https://")).toBe(false);
    expect(isValidWebsite("data:text/html,hi")).toBe(false);
    expect(isValidWebsite("https://exa mple.org")).toBe(false);
  });

  it("accepts plausible email addresses", () => {
    expect(isValidEmail("a.b+c@example.co.ke")).toBe(true);
    expect(isValidEmail("a@b")).toBe(false);
    expect(isValidEmail("a b@example.org")).toBe(false);
  });
});
