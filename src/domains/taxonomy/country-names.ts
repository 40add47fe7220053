import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import { UN_LANGUAGES } from "../../platform/i18n.ts";

const require = createRequire(import.meta.url);
for (const lang of UN_LANGUAGES) countries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`));

/** The country's short name in the reader's language, falling back to English, then the code. */
export function countryName(code: string, lang: string): string {
  return countries.getName(code, lang, { select: "official" }) ?? countries.getName(code, "en") ?? code;
}
