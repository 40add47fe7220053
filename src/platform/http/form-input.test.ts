import { describe, expect, it } from "vitest";
import { formText } from "./form-input.ts";

describe("formText", () => {
  it("reads one text value from any body shape", () => {
    expect(formText({ a: ["x", "y"] }, "a")).toBe("x");
    expect(formText({ a: 5 }, "a")).toBe("");
    expect(formText(undefined, "a")).toBe("");
    expect(formText("text", "a")).toBe("");
  });

  it("reads nothing from a missing field or a null body", () => {
    expect(formText({ b: "x" }, "a")).toBe("");
    expect(formText(null, "a")).toBe("");
    expect(formText({ a: [] }, "a")).toBe("");
  });
});
