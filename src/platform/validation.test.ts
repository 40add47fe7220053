import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.ts";
import { cleanLine, EMAIL_MAX, FieldErrors } from "./validation.ts";

describe("FieldErrors", () => {
  it("keeps the first problem of each field, with params only when given", () => {
    const errors = new FieldErrors();
    expect(errors.ok).toBe(true);
    errors.add("name", "required");
    errors.add("name", "too_long", { max: 5 });
    errors.add("email", "too_long", { max: 5 });
    expect(errors.ok).toBe(false);
    expect(errors.has("name")).toBe(true);
    expect(errors.has("country")).toBe(false);
    expect(errors.list).toEqual([
      { field: "name", code: "required" },
      { field: "email", code: "too_long", params: { max: 5 } },
    ]);
  });

  it("throws every collected error at once, and nothing when there are none", () => {
    const errors = new FieldErrors();
    expect(() => errors.throwIfAny()).not.toThrow();
    errors.add("a", "required");
    errors.add("b", "invalid_value");
    try {
      errors.throwIfAny();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors.map((e) => e.field)).toEqual(["a", "b"]);
    }
  });
});

describe("field checks", () => {
  it("accepts ordinary addresses and refuses broken ones", () => {
    const errors = new FieldErrors();
    expect(errors.email("email", "  Amina@Example.org ")).toBe("Amina@Example.org");
    expect(errors.ok).toBe(true);
    for (const bad of ["a@b", "a b@c.org", "@c.org", "a@@c.org", "a@c.org\u0000"]) {
      const e = new FieldErrors();
      e.email("email", bad);
      expect(e.list).toEqual([{ field: "email", code: "invalid_email" }]);
    }
  });

  it("requires an address and limits its length", () => {
    const errors = new FieldErrors();
    errors.email("a", "  ");
    errors.email("b", `${"x".repeat(EMAIL_MAX)}@example.org`);
    expect(errors.list).toEqual([
      { field: "a", code: "required" },
      { field: "b", code: "too_long", params: { max: EMAIL_MAX } },
    ]);
  });

  it("cleans lines and reports one problem per field", () => {
    const errors = new FieldErrors();
    expect(errors.line("name", "  Ada \n Lovelace ", 20)).toBe("Ada Lovelace");
    errors.line("name", "", 20);
    errors.line("name", "x".repeat(30), 20);
    expect(errors.list).toEqual([{ field: "name", code: "required" }]);
  });

  it("refuses control characters in lines and paragraphs but keeps tabs and line breaks apart", () => {
    const errors = new FieldErrors();
    expect(errors.line("a", "one\ttwo", 20)).toBe("one two");
    expect(errors.text("b", " one\r\ntwo\rthree ", 20)).toBe("one\ntwo\nthree");
    expect(errors.ok).toBe(true);
    errors.line("c", "nul\u0000", 20);
    errors.text("d", "bell\u0007", 20);
    expect(errors.list).toEqual([
      { field: "c", code: "invalid_value" },
      { field: "d", code: "invalid_value" },
    ]);
  });

  it("lets lines and paragraphs be optional, but never too long", () => {
    const errors = new FieldErrors();
    expect(errors.line("a", " ", 5, false)).toBe("");
    expect(errors.text("b", "", 5)).toBe("");
    expect(errors.ok).toBe(true);
    errors.text("c", "", 5, true);
    errors.text("d", "too long", 5);
    expect(errors.list).toEqual([
      { field: "c", code: "required" },
      { field: "d", code: "too_long", params: { max: 5 } },
    ]);
  });

  it("checks a choice against a list, a Set or a Map", () => {
    const errors = new FieldErrors();
    expect(errors.choice("a", "KE", ["KE", "FR"])).toBe("KE");
    expect(errors.choice("b", "en", new Set(["en"]))).toBe("en");
    expect(errors.choice("c", "x", new Map([["x", 0]]))).toBe("x");
    expect(errors.choice("d", "", ["KE"], { required: false })).toBeNull();
    expect(errors.ok).toBe(true);
    expect(errors.choice("e", "", ["KE"])).toBeNull();
    expect(errors.choice("f", "ZZ", ["KE"])).toBeNull();
    expect(errors.choice("g", "fr", ["en"], { code: "invalid_value" })).toBeNull();
    expect(errors.list).toEqual([
      { field: "e", code: "required" },
      { field: "f", code: "unknown_code" },
      { field: "g", code: "invalid_value" },
    ]);
  });
});

describe("cleanLine", () => {
  it("trims and collapses white space", () => {
    expect(cleanLine("  a \t b\n c ")).toBe("a b c");
  });
});
