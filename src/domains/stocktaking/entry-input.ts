import { formList, formText } from "../../platform/http/form-input.ts";
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

/** Reads a urlencoded form body (one value is a string, several an array; anything else is dropped). */
export function formValuesFromBody(body: unknown): EntryFormValues {
  return {
    title: formText(body, "title"),
    description: formText(body, "description"),
    language: formText(body, "language"),
    organisationName: formText(body, "organisationName"),
    stakeholderType: formText(body, "stakeholderType"),
    coverage: formText(body, "coverage"),
    countries: formList(body, "countries"),
    actionLines: formList(body, "actionLines"),
    sdgs: formList(body, "sdgs"),
    targetGroups: formList(body, "targetGroups"),
    projectStatus: formText(body, "projectStatus"),
    startDate: formText(body, "startDate"),
    endDate: formText(body, "endDate"),
    website: formText(body, "website"),
    contactName: formText(body, "contactName"),
    contactEmail: formText(body, "contactEmail"),
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
