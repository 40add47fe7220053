import { EMAIL_MAX, FieldErrors, hasControlCharacters } from "../../platform/validation.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  COVERAGES,
  type Coverage,
  ENTRY_LANGUAGES,
  ENTRY_LIMITS,
  type EntryData,
  type EntryTypedDraft,
  PROJECT_STATUSES,
  type ProjectStatus,
} from "./entry-fields.ts";

/** The reference codes an entry may use, with their display order for stable storage and diffs. */
export interface EntryCodes {
  actionLines: ReadonlyMap<string, number>;
  sdgs: ReadonlyMap<number, number>;
  countries: ReadonlyMap<string, number>;
  stakeholderTypes: ReadonlyMap<string, number>;
  targetGroups: ReadonlyMap<string, number>;
}

const orderOf = <T>(values: T[]): Map<T, number> => new Map(values.map((value, index) => [value, index]));

export function entryCodes(ref: ReferenceData): EntryCodes {
  return {
    actionLines: orderOf(ref.actionLines.map((row) => row.code)),
    sdgs: orderOf(ref.sdgs.map((row) => row.number)),
    countries: orderOf(ref.countries.map((row) => row.code)),
    stakeholderTypes: orderOf(ref.stakeholderTypes.map((row) => row.code)),
    targetGroups: orderOf(ref.targetGroups.map((row) => row.code)),
  };
}

/** `draft` checks what is filled in; `submit` also requires a complete entry. */
export type ValidationMode = "draft" | "submit";

/** Anything scalar becomes trimmed text; absent or non-scalar values become "". */
function scalar(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

/** Forms send one value as a string and several as an array; both arrive here as a list. */
function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return items.map(scalar).filter((item) => item !== "");
}

// Stricter than the sign-up check: this address is published as a `mailto:` link, so characters
// that only quoted addresses use are refused.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_MIN_YEAR = 1900;
const DATE_MAX_YEAR = 2100;

/** A real calendar day within a plausible range, as `YYYY-MM-DD`. */
export function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Only absolute http(s) addresses: `javascript:` and friends must never become links. */
export function isValidWebsite(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function isValidEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL.test(value);
}

/**
 * Checks an entry as typed in a form or sent to the API and returns it normalised (trimmed text,
 * codes de-duplicated and in reference order). Every problem is reported at once as a field error;
 * nothing is thrown for the first one only.
 */
export function validateEntry(raw: object, codes: EntryCodes, mode: ValidationMode): EntryTypedDraft {
  const input = raw as Record<string, unknown>;
  const errors = new FieldErrors();
  const complete = mode === "submit";
  const text = (field: string, max: number, required: boolean, min = 0): string => {
    const value = scalar(input[field]);
    if (hasControlCharacters(value)) errors.add(field, "invalid_value");
    else if (value === "") {
      if (required) errors.add(field, "required");
    } else if (value.length > max) errors.add(field, "too_long", { max });
    else if (complete && value.length < min) errors.add(field, "too_short", { min });
    return value;
  };
  const oneOf = <T extends string>(field: string, allowed: readonly T[], required: boolean): T | null =>
    errors.choice(field, scalar(input[field]), allowed, { required, code: "invalid_value" });
  const codesOf = <T extends string | number>(
    field: string,
    known: ReadonlyMap<T, number>,
    max: number,
    required: boolean,
    parse: (raw: string) => T | null,
  ): T[] => {
    const out: T[] = [];
    for (const raw of new Set(list(input[field]))) {
      const value = parse(raw);
      if (value === null || !known.has(value)) {
        errors.add(field, "unknown_code");
        return [];
      }
      out.push(value);
    }
    if (out.length > max) errors.add(field, "too_many", { max });
    else if (required && out.length === 0) errors.add(field, "required");
    return out.sort((a, b) => (known.get(a) ?? 0) - (known.get(b) ?? 0));
  };
  const asCode = (raw: string) => raw;
  const asCountry = (raw: string) => raw.toUpperCase();
  const asNumber = (raw: string) => (/^\d{1,3}$/.test(raw) ? Number(raw) : null);

  const title = text("title", ENTRY_LIMITS.titleMax, true);
  const description = text("description", ENTRY_LIMITS.descriptionMax, complete, ENTRY_LIMITS.descriptionMin);
  const language = oneOf("language", ENTRY_LANGUAGES, false) ?? "en";
  const organisationName = text("organisationName", ENTRY_LIMITS.organisationMax, complete);

  const stakeholderType = scalar(input.stakeholderType);
  errors.choice("stakeholderType", stakeholderType, codes.stakeholderTypes, { required: complete });

  const coverage = oneOf<Coverage>("coverage", COVERAGES, complete);
  const countries = codesOf(
    "countries",
    codes.countries,
    ENTRY_LIMITS.countriesMax,
    complete && coverage !== null && coverage !== "international",
    asCountry,
  );
  const actionLines = codesOf(
    "actionLines",
    codes.actionLines,
    ENTRY_LIMITS.actionLinesMax,
    complete,
    asCode,
  );
  const sdgs = codesOf("sdgs", codes.sdgs, ENTRY_LIMITS.sdgsMax, false, asNumber);
  const targetGroups = codesOf(
    "targetGroups",
    codes.targetGroups,
    ENTRY_LIMITS.targetGroupsMax,
    false,
    asCode,
  );
  const projectStatus = oneOf<ProjectStatus>("projectStatus", PROJECT_STATUSES, complete);

  const date = (field: string): string | null => {
    const value = scalar(input[field]);
    if (value === "") return null;
    if (!isValidDate(value)) {
      errors.add(field, "invalid_date");
      return null;
    }
    return value;
  };
  const startDate = date("startDate");
  const endDate = date("endDate");
  if (startDate && endDate && endDate < startDate) errors.add("endDate", "end_before_start");

  const website = scalar(input.website);
  if (website.length > ENTRY_LIMITS.urlMax) errors.add("website", "too_long", { max: ENTRY_LIMITS.urlMax });
  else if (website !== "" && !isValidWebsite(website)) errors.add("website", "invalid_url");

  const contactName = text("contactName", ENTRY_LIMITS.contactNameMax, false);
  const contactEmail = scalar(input.contactEmail);
  if (contactEmail !== "" && !isValidEmail(contactEmail)) errors.add("contactEmail", "invalid_email");

  errors.throwIfAny();
  return {
    title,
    description,
    language,
    organisationName,
    stakeholderType,
    coverage,
    countries,
    actionLines,
    sdgs,
    targetGroups,
    projectStatus,
    startDate,
    endDate,
    website: website || null,
    contactName: contactName || null,
    contactEmail: contactEmail || null,
  };
}

/** A draft that passed `validateEntry(…, "submit")` is complete; this narrows its type. */
export function asCompleteEntry(draft: EntryTypedDraft): EntryData {
  if (draft.coverage === null || draft.projectStatus === null) {
    throw new Error("asCompleteEntry called on an incomplete draft");
  }
  return { ...draft, coverage: draft.coverage, projectStatus: draft.projectStatus };
}
