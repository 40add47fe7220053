import { ENTRY_LANGUAGES, type EntryTranslation } from "./entry-fields.ts";

/** The text of an entry a reader is shown: the original, or the owner's translation into their language. */
export interface ReadingText {
  title: string;
  description: string;
  /** The language of the text shown ("" when the original's is unknown). */
  language: string;
  isOriginal: boolean;
  originalLanguage: string;
  /** Every language the entry can be read in, the original first. */
  versions: Array<{ language: string; isOriginal: boolean }>;
}

/** What the choice needs: the original text, its language and its translations. */
export interface TranslatableText {
  title: string;
  description: string;
  language: string;
  translations: readonly EntryTranslation[];
}

const isLanguage = (value: unknown): value is string =>
  typeof value === "string" && (ENTRY_LANGUAGES as readonly string[]).includes(value);

/**
 * Picks the text to show: the version the reader asked for (`?text=`) when the entry has it, else
 * the one in the reader's language, else the original. A translation never hides the original:
 * `versions` lists every way to read the entry.
 */
export function chooseReadingText(
  text: TranslatableText,
  readerLanguage: string,
  requested: unknown = null,
): ReadingText {
  const versions = [
    ...(text.language ? [{ language: text.language, isOriginal: true }] : []),
    ...text.translations.map((translation) => ({ language: translation.language, isOriginal: false })),
  ];
  const wanted =
    isLanguage(requested) && versions.some((v) => v.language === requested) ? requested : readerLanguage;
  const translation =
    wanted === text.language ? undefined : text.translations.find((t) => t.language === wanted);
  const base = { originalLanguage: text.language, versions };
  if (!translation) {
    return {
      ...base,
      title: text.title,
      description: text.description,
      language: text.language,
      isOriginal: true,
    };
  }
  return {
    ...base,
    title: translation.title,
    description: translation.description,
    language: translation.language,
    isOriginal: false,
  };
}
