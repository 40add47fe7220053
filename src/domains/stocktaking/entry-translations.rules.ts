import { ValidationError } from "../../platform/errors.ts";
import { FieldErrors, hasControlCharacters } from "../../platform/validation.ts";
import { ENTRY_LANGUAGES, ENTRY_LIMITS, type EntryDraft, type EntryTranslation } from "./entry-fields.ts";

/** A translation as typed in the form or sent to the API, still unchecked. */
export interface TranslationInput {
  language?: unknown;
  title?: unknown;
  description?: unknown;
}

const typed = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * Checks a translation against the entry's own language. A translation carries the same text as
 * the original, so it meets the original's submit rules: a title, and a description of 20–5000
 * characters. Every problem is reported at once.
 */
export function validateTranslation(input: TranslationInput, originalLanguage: string): EntryTranslation {
  const errors = new FieldErrors();
  const language = errors.choice("language", typed(input.language).trim(), ENTRY_LANGUAGES, {
    code: "invalid_value",
  });
  if (language !== null && language === originalLanguage) errors.add("language", "same_as_original");
  const text = (field: string, max: number, min: number): string => {
    const raw = typed(input[field as keyof TranslationInput]);
    const value = raw.trim().replace(/\r\n?/g, "\n");
    if (hasControlCharacters(raw)) errors.add(field, "invalid_value");
    else if (value === "") errors.add(field, "required");
    else if (value.length > max) errors.add(field, "too_long", { max });
    else if (value.length < min) errors.add(field, "too_short", { min });
    return value;
  };
  const title = text("title", ENTRY_LIMITS.titleMax, 1).replace(/\s+/g, " ");
  const description = text("description", ENTRY_LIMITS.descriptionMax, ENTRY_LIMITS.descriptionMin);
  errors.throwIfAny();
  return { language: language ?? "", title, description };
}

/** The translations with `translation` added, or put in place of the one in its language. */
export function withTranslation(list: readonly EntryTranslation[], translation: EntryTranslation) {
  const others = list.filter((item) => item.language !== translation.language);
  const order = (item: EntryTranslation) => (ENTRY_LANGUAGES as readonly string[]).indexOf(item.language);
  return [...others, translation].sort((a, b) => order(a) - order(b));
}

/**
 * An entry's own language cannot also be one of its translations: a reader of that language would
 * be shown two texts claiming to be theirs. Changing the language onto a translation is refused on
 * the language field, so the owner removes that translation first.
 */
export function assertNoTranslationInto(data: EntryDraft): void {
  if (data.translations.some((translation) => translation.language === data.language)) {
    throw new ValidationError([{ field: "language", code: "translation_exists" }]);
  }
}
