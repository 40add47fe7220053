import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { IntlMessageFormat } from "intl-messageformat";

/** The six UN languages, in the order the language switcher lists them. */
export const UN_LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Language = (typeof UN_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";
const RTL: ReadonlySet<string> = new Set(["ar"]);

export type MessageParams = Record<string, string | number | Date>;
export type Translate = (key: string, params?: MessageParams) => string;

const LOCALES_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "locales");

/** Catalogs are split per domain (`locales/<lang>/<domain>.json`) and merged into one flat map. */
function loadCatalogs(): Map<Language, Map<string, string>> {
  const catalogs = new Map<Language, Map<string, string>>();
  for (const lang of UN_LANGUAGES) {
    let files: string[];
    try {
      files = readdirSync(join(LOCALES_DIR, lang)).filter((file) => file.endsWith(".json"));
    } catch {
      continue;
    }
    const messages = new Map<string, string>();
    for (const file of files.sort()) {
      const content = JSON.parse(readFileSync(join(LOCALES_DIR, lang, file), "utf8")) as Record<
        string,
        string
      >;
      for (const [key, value] of Object.entries(content)) {
        if (messages.has(key)) throw new Error(`Message ${key} is defined twice in locales/${lang}`);
        messages.set(key, value);
      }
    }
    catalogs.set(lang, messages);
  }
  return catalogs;
}

const catalogs = loadCatalogs();
const compiled = new Map<string, IntlMessageFormat>();

/** Languages that have a catalog; negotiation only offers these. */
export const availableLanguages: Language[] = UN_LANGUAGES.filter((lang) => catalogs.has(lang));

export function catalogKeys(lang: Language = DEFAULT_LANGUAGE): string[] {
  return [...(catalogs.get(lang)?.keys() ?? [])];
}

/** A message's source text, for catalog checks. */
export function rawMessage(key: string, lang: Language): string | undefined {
  return catalogs.get(lang)?.get(key);
}

export function hasMessage(key: string, lang: Language = DEFAULT_LANGUAGE): boolean {
  return catalogs.get(lang)?.has(key) ?? false;
}

export function direction(lang: Language): "rtl" | "ltr" {
  return RTL.has(lang) ? "rtl" : "ltr";
}

export function translator(lang: Language): Translate {
  const own = catalogs.get(lang);
  const fallback = catalogs.get(DEFAULT_LANGUAGE);
  return (key, params) => {
    const source = own?.get(key) ?? fallback?.get(key);
    // A missing key shows itself rather than failing the page; the catalog test catches it in CI.
    if (source === undefined) return key;
    const cacheKey = `${lang}\u0000${key}`;
    let format = compiled.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(source, lang);
      compiled.set(cacheKey, format);
    }
    try {
      return String(format.format(params));
    } catch {
      // A placeholder without a value must not break the page; the catalog test checks usage.
      return source;
    }
  };
}

/**
 * Each language's name in itself, as the language switcher shows it: a reader looks for their own
 * language's name, not a translation of it, so these are not catalog messages.
 */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ar: "العربية",
  zh: "中文",
  en: "English",
  fr: "Français",
  ru: "Русский",
  es: "Español",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (availableLanguages as string[]).includes(value);
}

/** A stored language code (a user's, checked by the database) as a `Language`; anything else is English. */
export function toLanguage(value: unknown): Language {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

/**
 * `?lang=` beats the cookie, which beats `Accept-Language`. Unknown or malformed values are
 * skipped, never an error: the fallback is English.
 */
export function negotiateLanguage(query: unknown, cookie: unknown, acceptLanguage: unknown): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(cookie)) return cookie;
  if (typeof acceptLanguage === "string" && acceptLanguage.length < 1000) {
    const ranked = acceptLanguage
      .split(",")
      .map((part, index) => {
        const [tag = "", ...rest] = part.trim().split(";");
        const q = rest.find((p) => p.trim().startsWith("q="));
        const weight = q ? Number.parseFloat(q.trim().slice(2)) : 1;
        return {
          base: tag.trim().toLowerCase().split("-")[0] ?? "",
          weight: Number.isFinite(weight) ? weight : 0,
          index,
        };
      })
      .filter((item) => item.weight > 0)
      .sort((a, b) => b.weight - a.weight || a.index - b.index);
    for (const item of ranked) if (isLanguage(item.base)) return item.base;
  }
  return DEFAULT_LANGUAGE;
}

/** Reference data carries names per language; fall back to English. */
export function localName(names: Record<string, string> | null | undefined, lang: Language): string {
  if (!names) return "";
  return names[lang] ?? names.en ?? Object.values(names)[0] ?? "";
}
