import { describe, expect, it } from "vitest";
import {
  checkEmail,
  checkLine,
  FieldErrors,
  formText,
  organisationNameKey,
  safeNextPath,
} from "./accounts.validation.ts";

describe("organisationNameKey", () => {
  it("ignores case, surrounding and repeated white space, and look-alike forms", () => {
    expect(organisationNameKey("  The   ITU\tGeneva ")).toBe("the itu geneva");
    expect(organisationNameKey("ＩＴＵ")).toBe("itu");
    expect(organisationNameKey("Fondation Élan")).toBe(organisationNameKey("fondation élan"));
  });
});

describe("safeNextPath", () => {
  it.each([
    ["/account", "/account"],
    ["/entries?q=a%20b&page=2", "/entries?q=a%20b&page=2"],
    ["//evil.example", null],
    ["/\\evil.example", null],
    ["/ok\\path", null],
    ["https://evil.example", null],
    ["account", null],
    ["/a\nb", null],
    ["", null],
    [42, null],
  ])("%j -> %j", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe("field checks", () => {
  it("accepts ordinary addresses and refuses broken ones", () => {
    const errors = new FieldErrors();
    expect(checkEmail(errors, "email", "  Amina@Example.org ")).toBe("Amina@Example.org");
    expect(errors.ok).toBe(true);
    for (const bad of ["a@b", "a b@c.org", "@c.org", "a@@c.org", "a@c.org\u0000"]) {
      const e = new FieldErrors();
      checkEmail(e, "email", bad);
      expect(e.list).toEqual([{ field: "email", code: "invalid_email" }]);
    }
  });

  it("cleans lines and reports one problem per field", () => {
    const errors = new FieldErrors();
    expect(checkLine(errors, "name", "  Ada \n Lovelace ", 20)).toBe("Ada Lovelace");
    checkLine(errors, "name", "", 20);
    checkLine(errors, "name", "x".repeat(30), 20);
    expect(errors.list).toEqual([{ field: "name", code: "required" }]);
  });

  it("reads one text value from any body shape", () => {
    expect(formText({ a: ["x", "y"] }, "a")).toBe("x");
    expect(formText({ a: 5 }, "a")).toBe("");
    expect(formText(undefined, "a")).toBe("");
    expect(formText("text", "a")).toBe("");
  });
});
