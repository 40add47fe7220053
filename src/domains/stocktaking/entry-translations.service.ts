import type { Kysely } from "kysely";
import type { Database, EntryState } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import {
  appendWorkingRevision,
  assertOwnEntry,
  idempotentWrite,
  lockForEdit,
  type WriteOptions,
} from "./entries.service.ts";
import { ENTRY_LANGUAGES } from "./entry-fields.ts";
import { type TranslationInput, validateTranslation, withTranslation } from "./entry-translations.rules.ts";
import { sameContent } from "./revisions.diff.ts";

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
  return idempotentWrite(db, actor, options, scope, content, async (trx) => {
    const { entry, latest } = await lockForEdit(trx, actor, entryId);
    // Checked under the lock: the entry's own language is what the translation must differ from.
    const translation = validateTranslation(input, latest.data.language);
    const existed = latest.data.translations.some((item) => item.language === translation.language);
    const data = { ...latest.data, translations: withTranslation(latest.data.translations, translation) };
    if (sameContent(latest.data, data)) {
      return { entryId, language: translation.language, state: entry.state, revisionNumber: latest.number };
    }
    const saved = await appendWorkingRevision(trx, actor, entry, latest, data, {
      action: existed ? "entry.translation_update" : "entry.translation_add",
      details: { language: translation.language },
      ip: options.ip ?? null,
    });
    return { entryId, language: translation.language, ...saved };
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
  return idempotentWrite(db, actor, options, scope, { language }, async (trx) => {
    const { entry, latest } = await lockForEdit(trx, actor, entryId);
    if (!latest.data.translations.some((item) => item.language === language)) {
      throw notFound("translation_not_found");
    }
    const data = {
      ...latest.data,
      translations: latest.data.translations.filter((item) => item.language !== language),
    };
    const saved = await appendWorkingRevision(trx, actor, entry, latest, data, {
      action: "entry.translation_remove",
      details: { language },
      ip: options.ip ?? null,
    });
    return { entryId, language, ...saved };
  });
}
