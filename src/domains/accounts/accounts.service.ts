import type { Kysely } from "kysely";
import type { AppConfig } from "../../config.ts";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { notFound, ValidationError } from "../../platform/errors.ts";
import { type Language, UN_LANGUAGES } from "../../platform/i18n.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  type AccountView,
  type RegistrationOptions,
  toAccountView,
  toRegistrationOptions,
} from "./accounts.presenter.ts";
import { findAccount, listOrganisationNames, setUserLanguage } from "./accounts.repo.ts";

/** What the account services need from the app. */
export interface AccountsDeps {
  db: Kysely<Database>;
  config: AppConfig;
}

/** Who is asking, for rate-limit keys, the audit log and a new account's language. */
export interface RequestMeta {
  ip: string | null;
  /** The language the person is reading the site in. */
  lang: Language;
  userAgent?: string | null;
}

// A datalist of tens of thousands of names would make the form heavy; people can still type any name.
const ORGANISATION_SUGGESTIONS = 1000;

/** The choices the registration form offers, in the reader's language. */
export async function registrationOptions(
  db: Kysely<Database>,
  lang: Language,
): Promise<RegistrationOptions> {
  const [reference, organisations] = await Promise.all([
    loadReferenceData(db),
    listOrganisationNames(db, ORGANISATION_SUGGESTIONS),
  ]);
  return toRegistrationOptions(reference, organisations, lang);
}

export async function getAccount(db: Kysely<Database>, userId: string, lang: Language): Promise<AccountView> {
  const row = await findAccount(db, userId);
  if (!row) throw notFound("user_not_found");
  return toAccountView(row, lang);
}

/**
 * Sets the language of the user's own mail (one of the UN languages, else `invalid_value`),
 * audited in the same transaction; choosing the language already set changes and records nothing.
 */
export async function setMailLanguage(
  deps: AccountsDeps,
  userId: string,
  rawLanguage: string,
  meta: RequestMeta,
): Promise<Language> {
  const errors = new FieldErrors();
  const language = errors.choice("language", rawLanguage.trim(), UN_LANGUAGES, { code: "invalid_value" });
  // choice() returns null exactly when it recorded the field's error.
  if (!language) throw new ValidationError(errors.list);
  await deps.db.transaction().execute(async (trx) => {
    const before = await setUserLanguage(trx, userId, language);
    if (before === undefined) throw notFound("user_not_found");
    if (before === language) return;
    await recordAudit(trx, {
      actorId: userId,
      action: "user.language",
      subjectType: "user",
      subjectId: userId,
      before: { language: before },
      after: { language },
      ip: meta.ip,
    });
  });
  return language;
}

/** Rate-limit keys never start with a raw null; a missing address shares one bucket. */
export function ipKey(ip: string | null): string {
  return ip ?? "unknown";
}
