import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, FIELD_ERROR_CODES } from "./errors.ts";

/**
 * `/api/errors` documents ERROR_CODES and FIELD_ERROR_CODES, and the catalogs translate them; this
 * checks the code emits no other: every literal code passed to AppError and its helpers, and every
 * field code given to a FieldErrors or a field error object, is on those lists.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !/\.testing\.tsx?$/.test(name)
      ? [path]
      : [];
  });
}

const sources = sourceFiles("src").map((file) => ({ file, text: readFileSync(file, "utf8") }));

function literals(pattern: RegExp): Array<{ file: string; code: string }> {
  return sources.flatMap(({ file, text }) =>
    [...text.matchAll(pattern)].map((match) => ({ file, code: match[1] as string })),
  );
}

describe("error codes", () => {
  it("every code the code throws is in ERROR_CODES (so /api/errors documents it)", () => {
    const used = literals(/(?:new AppError|notFound|forbidden|conflict)\(\s*"([a-z_]+)"/g);
    expect(used.length).toBeGreaterThan(10);
    const known = new Set(Object.keys(ERROR_CODES));
    expect(used.filter(({ code }) => !known.has(code))).toEqual([]);
  });

  it("every field error code is in FIELD_ERROR_CODES", () => {
    const used = [
      ...literals(/errors\.add\(\s*[^,()]+,\s*"([a-z_]+)"/g),
      ...literals(/field:\s*[^,}]+,\s*code:\s*"([a-z_]+)"/g),
      // FieldErrors.choice(field, value, allowed, { code: "…" })
      ...literals(/\.choice\([^;]*?\{[^}]*\bcode:\s*"([a-z_]+)"[^}]*\}\s*\)/g),
    ];
    expect(used.length).toBeGreaterThan(10);
    const known = new Set<string>(FIELD_ERROR_CODES);
    expect(used.filter(({ code }) => !known.has(code))).toEqual([]);
  });
});
