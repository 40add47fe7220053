import type { EntryDraft } from "./entry-fields.ts";

/** The entry form's fields exactly as typed, so a failed submission re-renders what the user sent. */
export interface EntryFormValues {
  title: string;
  description: string;
  language: string;
  organisationName: string;
  stakeholderType: string;
  coverage: string;
  countries: string[];
  actionLines: string[];
  sdgs: string[];
  targetGroups: string[];
  projectStatus: string;
  startDate: string;
  endDate: string;
  website: string;
  contactName: string;
  contactEmail: string;
}

const one = (value: unknown): string =>
  typeof value === "string" ? value : Array.isArray(value) && typeof value[0] === "string" ? value[0] : "";
const many = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is string => typeof item === "string",
  );

/** Reads a urlencoded form body (one value is a string, several an array; anything else is dropped). */
export function formValuesFromBody(body: unknown): EntryFormValues {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  return {
    title: one(b.title),
    description: one(b.description),
    language: one(b.language),
    organisationName: one(b.organisationName),
    stakeholderType: one(b.stakeholderType),
    coverage: one(b.coverage),
    countries: many(b.countries),
    actionLines: many(b.actionLines),
    sdgs: many(b.sdgs),
    targetGroups: many(b.targetGroups),
    projectStatus: one(b.projectStatus),
    startDate: one(b.startDate),
    endDate: one(b.endDate),
    website: one(b.website),
    contactName: one(b.contactName),
    contactEmail: one(b.contactEmail),
  };
}

export function formValuesFromDraft(draft: EntryDraft): EntryFormValues {
  return {
    title: draft.title,
    description: draft.description,
    language: draft.language,
    organisationName: draft.organisationName,
    stakeholderType: draft.stakeholderType,
    coverage: draft.coverage ?? "",
    countries: draft.countries,
    actionLines: draft.actionLines,
    sdgs: draft.sdgs.map(String),
    targetGroups: draft.targetGroups,
    projectStatus: draft.projectStatus ?? "",
    startDate: draft.startDate ?? "",
    endDate: draft.endDate ?? "",
    website: draft.website ?? "",
    contactName: draft.contactName ?? "",
    contactEmail: draft.contactEmail ?? "",
  };
}

/** A blank form for a new entry, in the reader's language and with their organisation. */
export function emptyFormValues(language: string, organisationName: string): EntryFormValues {
  return {
    title: "",
    description: "",
    language,
    organisationName,
    stakeholderType: "",
    coverage: "",
    countries: [],
    actionLines: [],
    sdgs: [],
    targetGroups: [],
    projectStatus: "",
    startDate: "",
    endDate: "",
    website: "",
    contactName: "",
    contactEmail: "",
  };
}
