import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, FIELD_ERROR_CODES } from "../platform/errors.ts";
import { catalogKeys } from "../platform/i18n.ts";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const sources = sourceFiles("src").map((file) => ({ file, text: readFileSync(file, "utf8") }));
const keys = new Set(catalogKeys("en"));

// `t("a.b")`, `t('a.b', …)`, and message keys passed around as string literals like "flash.saved".
const LITERAL_KEY = /\bt\(\s*["']([a-zA-Z0-9_.-]+)["']/g;
const TEMPLATE_PREFIX = /\bt\(\s*`([a-zA-Z0-9_.-]+)\$\{/g;

describe("English message catalog", () => {
  it("has every key the code asks for", () => {
    const missing: string[] = [];
    for (const { file, text } of sources) {
      for (const match of text.matchAll(LITERAL_KEY)) {
        if (!keys.has(match[1] as string)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("has a message for every error code and field error code", () => {
    const missing = [
      ...Object.keys(ERROR_CODES).filter((code) => !keys.has(`errors.${code}`)),
      ...FIELD_ERROR_CODES.filter((code) => !keys.has(`fields.${code}`)),
    ];
    expect(missing).toEqual([]);
  });

  it("has no key that no code uses", () => {
    const text = sources.map((source) => source.text).join("\n");
    const dynamicPrefixes = new Set<string>(["errors.", "fields."]);
    for (const match of text.matchAll(TEMPLATE_PREFIX)) dynamicPrefixes.add(match[1] as string);
    const unused = [...keys].filter(
      (key) =>
        !text.includes(`"${key}"`) &&
        !text.includes(`'${key}'`) &&
        ![...dynamicPrefixes].some((prefix) => key.startsWith(prefix)),
    );
    expect(unused).toEqual([]);
  });
});
