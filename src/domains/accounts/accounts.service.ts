import type { Kysely } from "kysely";
import type { AppConfig } from "../../config.ts";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Language, Translate } from "../../platform/i18n.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  type AccountView,
  type RegistrationOptions,
  toAccountView,
  toRegistrationOptions,
} from "./accounts.presenter.ts";
import { findAccount, listOrganisationNames } from "./accounts.repo.ts";

/** What the account services need from the app. */
export interface AccountsDeps {
  db: Kysely<Database>;
  config: AppConfig;
}

/** Who is asking, for rate-limit keys, the audit log and the language of the mail. */
export interface RequestMeta {
  ip: string | null;
  t: Translate;
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

/** Rate-limit keys never start with a raw null; a missing address shares one bucket. */
export function ipKey(ip: string | null): string {
  return ip ?? "unknown";
}
