import type { Role } from "../../db/schema.ts";
import { type Language, localName, toLanguage } from "../../platform/i18n.ts";
import type { Option } from "../../ui/components.tsx";
import { countryName } from "../taxonomy/country-names.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { AccountRow } from "./accounts.repo.ts";

export interface RegistrationOptions {
  stakeholderTypes: Option[];
  countries: Option[];
  organisations: string[];
}

/** Stakeholder types keep their curated order; countries are sorted by their name in the reader's language. */
export function toRegistrationOptions(
  reference: ReferenceData,
  organisations: string[],
  lang: Language,
): RegistrationOptions {
  const collator = new Intl.Collator(lang);
  return {
    stakeholderTypes: reference.stakeholderTypes.map((type) => ({
      value: type.code,
      label: localName(type.names, lang),
    })),
    countries: reference.countries
      .map((country) => ({ value: country.code, label: countryName(country.code, lang) }))
      .sort((a, b) => collator.compare(a.label, b.label)),
    organisations,
  };
}

/** The account page's view of a user; never the row itself (it holds the password hash). */
export interface AccountView {
  name: string;
  email: string;
  role: Role;
  verified: boolean;
  verifiedAt: Date | null;
  memberSince: Date;
  organisation: string | null;
  stakeholderType: string | null;
  country: string | null;
  /** The language of the mail the user receives. */
  language: Language;
}

export function toAccountView(row: AccountRow, lang: Language): AccountView {
  const countryCode = row.country_code?.trim() || null;
  return {
    name: row.name,
    email: row.email,
    role: row.role,
    verified: row.email_verified_at !== null,
    verifiedAt: row.email_verified_at,
    memberSince: row.created_at,
    organisation: row.organisation_name,
    stakeholderType: row.stakeholder_type_names
      ? localName(row.stakeholder_type_names, lang)
      : row.stakeholder_type,
    country: countryCode ? countryName(countryCode, lang) : null,
    language: toLanguage(row.language),
  };
}
