import type { Kysely } from "kysely";
import type { Database, EntryState } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { assertOwnEntry, type WriteOptions } from "./entries.service.ts";
import { changeOwnDraft } from "./entry-drafts.service.ts";
import { ENTRY_LANGUAGES } from "./entry-fields.ts";
import { type TranslationInput, validateTranslation, withTranslation } from "./entry-translations.rules.ts";

export interface TranslationOutcome {
  entryId: string;
  language: string;
  state: EntryState;
  revisionNumber: number;
}

/** A language in a URL (`/translations/fr`): one of the six, else nothing is named there (404). */
export function parseTranslationLanguage(raw: unknown): string {
  if (typeof raw !== "string" || !(ENTRY_LANGUAGES as readonly string[]).includes(raw)) {
    throw notFound("translation_not_found");
  }
  return raw;
}

/**
 * Adds the owner's translation of the title and description to their working draft, or replaces
 * the one in that language, as a new revision. Like every change it becomes public only when a
 * moderator publishes that revision. Saving the same text again adds no revision.
 */
export async function saveEntryTranslation(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  input: TranslationInput,
  options: WriteOptions = {},
): Promise<Idempotent<TranslationOutcome>> {
  await assertOwnEntry(db, actor, entryId);
  const scope = `entries.translations.save:${entryId}`;
  const content = { language: input.language, title: input.title, description: input.description };
  return changeOwnDraft(db, actor, entryId, options, { scope, content }, (latest) => {
    // Checked under the lock: the entry's own language is what the translation must differ from.
    const translation = validateTranslation(input, latest.data.language);
    const existed = latest.data.translations.some((item) => item.language === translation.language);
    return {
      data: { ...latest.data, translations: withTranslation(latest.data.translations, translation) },
      audit: {
        action: existed ? "entry.translation_update" : "entry.translation_add",
        details: { language: translation.language },
      },
      outcome: { language: translation.language },
    };
  });
}

/** Takes a translation off the owner's working draft as a new revision; earlier revisions keep it. */
export async function removeEntryTranslation(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  language: string,
  options: WriteOptions = {},
): Promise<Idempotent<TranslationOutcome>> {
  await assertOwnEntry(db, actor, entryId);
  const scope = `entries.translations.remove:${entryId}`;
  return changeOwnDraft(db, actor, entryId, options, { scope, content: { language } }, (latest) => {
    if (!latest.data.translations.some((item) => item.language === language)) {
      throw notFound("translation_not_found");
    }
    return {
      data: {
        ...latest.data,
        translations: latest.data.translations.filter((item) => item.language !== language),
      },
      audit: { action: "entry.translation_remove", details: { language } },
      outcome: { language },
    };
  });
}
