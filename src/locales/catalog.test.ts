import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { ERROR_CODES, FIELD_ERROR_CODES } from "../platform/errors.ts";
import { availableLanguages, catalogKeys, rawMessage as message, UN_LANGUAGES } from "../platform/i18n.ts";

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

/** The argument names a message uses, at any depth of its plural and select branches. */
function argumentNames(message: string, lang: string): string[] {
  const names = new Set<string>();
  type Element = {
    type: number;
    value?: unknown;
    options?: Record<string, { value: Element[] }>;
    children?: Element[];
  };
  const visit = (elements: Element[]) => {
    for (const element of elements) {
      // 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (see @formatjs/icu-messageformat-parser).
      if (element.type >= 1 && element.type <= 6 && typeof element.value === "string")
        names.add(element.value);
      for (const option of Object.values(element.options ?? {})) visit(option.value);
      if (element.children) visit(element.children);
    }
  };
  visit(new IntlMessageFormat(message, lang).getAst() as Element[]);
  return [...names].sort();
}

describe.each(UN_LANGUAGES.filter((lang) => lang !== "en"))("the %s catalog", (lang) => {
  it("exists, with exactly the English keys", () => {
    expect(availableLanguages).toContain(lang);
    const translated = new Set(catalogKeys(lang));
    expect([...keys].filter((key) => !translated.has(key))).toEqual([]);
    expect([...translated].filter((key) => !keys.has(key))).toEqual([]);
  });

  it("has messages that parse and use the same arguments as the English ones", () => {
    const mismatched: string[] = [];
    for (const key of keys) {
      const english = message(key, "en");
      const translated = message(key, lang);
      if (translated === undefined || english === undefined) continue;
      try {
        if (argumentNames(translated, lang).join() !== argumentNames(english, "en").join())
          mismatched.push(key);
      } catch (error) {
        mismatched.push(`${key}: ${(error as Error).message}`);
      }
    }
    expect(mismatched).toEqual([]);
  });
});
