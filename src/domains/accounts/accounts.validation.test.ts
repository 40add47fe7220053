import { describe, expect, it } from "vitest";
import { organisationNameKey, safeNextPath } from "./accounts.validation.ts";

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
