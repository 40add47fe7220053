import { describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.ts";
import { gifHeader, pngHeader, tinyJpeg, tinyPng, webpHeader } from "../../testing/image-fixtures.ts";
import {
  dateInZone,
  isAtLeast,
  PHOTO_LIMITS,
  type PhotoForm,
  readPhotoForm,
  validatePhotoInput,
} from "./photo-input.ts";

const FORM: PhotoForm = {
  caption: "  Solar   kiosk charging phones ",
  sdgs: ["7", "3", "7"],
  licence: "CC-BY-SA-4.0",
  ownsRights: true,
  personsConsented: true,
  birthDate: "2008-03-14",
};
const TODAY = "2026-03-14";
const file = (data: Buffer | null, truncated = false) => ({ data, truncated });

function errorsOf(form: Partial<PhotoForm>, upload = file(tinyJpeg(8, 8)), maxBytes = 1000) {
  try {
    validatePhotoInput({ ...FORM, ...form }, upload, { maxBytes, today: TODAY });
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.fieldErrors.map((item) => `${item.field}:${item.code}`);
  }
}

describe("validatePhotoInput", () => {
  it("accepts a complete entry, cleaning the caption and the SDGs", () => {
    const valid = validatePhotoInput(FORM, file(tinyJpeg(8, 8)), { maxBytes: 1000, today: TODAY });
    expect(valid).toMatchObject({
      caption: "Solar kiosk charging phones",
      sdgs: [3, 7],
      licence: "CC-BY-SA-4.0",
      type: "image/jpeg",
    });
    expect(validatePhotoInput(FORM, file(tinyPng(3, 3)), { maxBytes: 1000, today: TODAY }).type).toBe(
      "image/png",
    );
  });

  it("is eighteen on the birthday itself, not the day before", () => {
    expect(errorsOf({ birthDate: "2008-03-14" })).toEqual([]);
    expect(errorsOf({ birthDate: "2008-03-15" })).toEqual(["birthDate:under_age"]);
    expect(isAtLeast({ year: 2008, month: 2, day: 29 }, 18, "2026-02-28")).toBe(false);
    expect(isAtLeast({ year: 2008, month: 2, day: 29 }, 18, "2026-03-01")).toBe(true);
    expect(errorsOf({ birthDate: "2030-01-01" })).toEqual(["birthDate:under_age"]);
    expect(errorsOf({ birthDate: "2001-02-29" })).toEqual(["birthDate:invalid_date"]);
    expect(errorsOf({ birthDate: "1850-01-01" })).toEqual(["birthDate:invalid_date"]);
    expect(errorsOf({ birthDate: "" })).toEqual(["birthDate:required"]);
  });

  it("refuses files by their content: not an image, GIF, truncated, oversized, too many pixels", () => {
    expect(errorsOf({}, file(Buffer.from("not an image at all")))).toEqual(["file:not_an_image"]);
    expect(errorsOf({}, file(gifHeader(10, 10)))).toEqual(["file:not_an_image"]);
    expect(errorsOf({}, file(null))).toEqual(["file:required"]);
    expect(errorsOf({}, file(tinyJpeg(8, 8), true))).toEqual(["file:too_long"]);
    expect(errorsOf({}, file(Buffer.alloc(1001, 1)))).toEqual(["file:too_long"]);
    expect(errorsOf({}, file(pngHeader(PHOTO_LIMITS.maxSide + 1, 10)))).toEqual(["file:out_of_range"]);
    expect(errorsOf({}, file(webpHeader("VP8L", 64, 64)))).toEqual([]);
  });

  it("reports every problem at once", () => {
    expect(
      errorsOf(
        { caption: "", sdgs: ["0", "5"], licence: "", ownsRights: false, personsConsented: false },
        file(null),
      ),
    ).toEqual([
      "caption:required",
      "sdgs:out_of_range",
      "licence:required",
      "ownsRights:required",
      "personsConsented:required",
      "file:required",
    ]);
  });
});

describe("reading the form and the clock", () => {
  it("reads ticked boxes and repeated SDGs as a browser or an API client sends them", () => {
    expect(readPhotoForm({ sdgs: "4", ownsRights: "yes", personsConsented: "true" })).toMatchObject({
      sdgs: ["4"],
      ownsRights: true,
      personsConsented: true,
    });
    expect(readPhotoForm({ sdgs: ["1", 2], ownsRights: "no" })).toMatchObject({
      sdgs: ["1"],
      ownsRights: false,
    });
  });

  it("dates today in the edition's zone, not the server's", () => {
    const instant = new Date("2026-03-14T23:30:00Z");
    expect(dateInZone(instant, "Europe/Zurich")).toBe("2026-03-15");
    expect(dateInZone(instant, "America/New_York")).toBe("2026-03-14");
    expect(dateInZone(instant, "Europe/Geneva")).toBe("2026-03-15");
  });
});
