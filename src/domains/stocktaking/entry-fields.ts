import { isRowId } from "../../platform/validation.ts";
import { searchVectorLiteral } from "./search-text.ts";

export const COVERAGES = ["local", "national", "regional", "international"] as const;
export type Coverage = (typeof COVERAGES)[number];
export const PROJECT_STATUSES = ["planned", "ongoing", "completed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** The language the entry is written in: any of the six UN languages. */
export const ENTRY_LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"] as const;

/**
 * The owner's translation of the title and description into another UN language. It is part of
 * the revision, so it is screened and published with the rest and its history is kept.
 */
export interface EntryTranslation {
  language: string;
  title: string;
  description: string;
}

/** An image shown with a revision, by id (an `entry_images` row) and its alternative text. */
export interface EntryImageRef {
  id: string;
  alt: string;
}

/**
 * The content of one revision of a stocktaking entry (DOMAIN.md "Stocktaking entry"), stored as
 * `entry_revisions.data`. The published revision is also copied into `entries`' columns for search.
 */
export interface EntryData {
  title: string;
  description: string;
  language: string;
  organisationName: string;
  stakeholderType: string;
  coverage: Coverage;
  /** ISO 3166-1 alpha-2; may be empty only when coverage is international. */
  countries: string[];
  actionLines: string[];
  sdgs: number[];
  targetGroups: string[];
  projectStatus: ProjectStatus;
  startDate: string | null;
  endDate: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  /**
   * The images this revision shows, in order. Changed only by the image operations (upload,
   * remove), never by the entry form or the API's PATCH; absent in revisions written before
   * images existed, which read as `[]`.
   */
  images?: EntryImageRef[];
  /**
   * Translations into other UN languages, one per language, in `ENTRY_LANGUAGES` order. Changed
   * only by the translation operations; absent in revisions written before them, read as `[]`.
   */
  translations?: EntryTranslation[];
}

export const ENTRY_LIMITS = {
  titleMax: 200,
  descriptionMin: 20,
  descriptionMax: 5000,
  organisationMax: 300,
  countriesMax: 60,
  actionLinesMax: 18,
  sdgsMax: 17,
  targetGroupsMax: 12,
  urlMax: 500,
  contactNameMax: 200,
  imagesMax: 5,
  imageAltMax: 250,
} as const;

/** The search columns of `entries` that a published revision fills. */
export interface PublishedColumns {
  title: string;
  description: string;
  organisation_name: string;
  stakeholder_type: string;
  coverage: Coverage;
  countries: string[];
  regions: string[];
  action_lines: string[];
  sdgs: number[];
  target_groups: string[];
  project_status: ProjectStatus;
  start_year: number | null;
  language: string;
  /** The translations as JSON text (`EntryTranslation[]`), so pages can show the reader's language. */
  translations: string;
  /** A tsvector literal of the folded words, translations included (see `search-text.ts`). */
  search_vector: string;
}

/** The search columns for a published revision; regions derive from the countries. */
export function publishedColumns(
  data: EntryData,
  countryRegions: ReadonlyMap<string, string | null>,
): PublishedColumns {
  const regions = new Set<string>();
  for (const country of data.countries) {
    const region = countryRegions.get(country);
    if (region) regions.add(region);
  }
  return {
    title: data.title,
    description: data.description,
    organisation_name: data.organisationName,
    stakeholder_type: data.stakeholderType,
    coverage: data.coverage,
    countries: data.countries,
    regions: [...regions].sort(),
    action_lines: data.actionLines,
    sdgs: data.sdgs,
    target_groups: data.targetGroups,
    project_status: data.projectStatus,
    start_year: data.startDate ? Number(data.startDate.slice(0, 4)) : null,
    language: data.language,
    translations: JSON.stringify(data.translations ?? []),
    search_vector: searchVectorLiteral({
      title: data.title,
      organisation: data.organisationName,
      description: data.description,
      translations: data.translations ?? [],
    }),
  };
}

/**
 * A revision's content as saved: a draft may leave any field but the title empty (`""`, `null`
 * or `[]`). A revision that passed the submit rules is a complete `EntryData`.
 */
export interface EntryDraft
  extends Omit<EntryData, "coverage" | "projectStatus" | "images" | "translations"> {
  coverage: Coverage | null;
  projectStatus: ProjectStatus | null;
  images: EntryImageRef[];
  translations: EntryTranslation[];
}

/** The fields people type in the entry form (and the API's PATCH); images and translations have their own operations. */
export type EntryTypedDraft = Omit<EntryDraft, "images" | "translations">;

/** Every field of an entry, in the order forms, pages and diffs show them. */
export const ENTRY_FIELDS = [
  "title",
  "description",
  "language",
  "organisationName",
  "stakeholderType",
  "coverage",
  "countries",
  "actionLines",
  "sdgs",
  "targetGroups",
  "projectStatus",
  "startDate",
  "endDate",
  "website",
  "contactName",
  "contactEmail",
  "images",
  "translations",
] as const satisfies readonly (keyof EntryData)[];
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** The fields holding lists of codes; the others hold one value. */
export const ENTRY_LIST_FIELDS: ReadonlySet<EntryField> = new Set([
  "countries",
  "actionLines",
  "sdgs",
  "targetGroups",
  "images",
  "translations",
]);

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const nullableText = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** Stored image references, defensively: well-formed ones only, each id once, at most the limit. */
export function toImageRefs(value: unknown): EntryImageRef[] {
  if (!Array.isArray(value)) return [];
  const refs: EntryImageRef[] = [];
  for (const item of value) {
    if (!item || typeof item !== "object") continue;
    const { id, alt } = item as Record<string, unknown>;
    const key = typeof id === "number" && Number.isSafeInteger(id) ? String(id) : id;
    if (typeof key !== "string" || !isRowId(key) || refs.some((ref) => ref.id === key)) continue;
    refs.push({ id: key, alt: typeof alt === "string" ? alt : "" });
  }
  return refs.slice(0, ENTRY_LIMITS.imagesMax);
}

const isEntryLanguage = (value: unknown): value is string =>
  typeof value === "string" && (ENTRY_LANGUAGES as readonly string[]).includes(value);

/** Stored translations, defensively: well-formed ones only, one per UN language, in language order. */
export function toTranslations(value: unknown): EntryTranslation[] {
  if (!Array.isArray(value)) return [];
  const byLanguage = new Map<string, EntryTranslation>();
  for (const item of value) {
    if (!item || typeof item !== "object") continue;
    const { language, title, description } = item as Record<string, unknown>;
    if (!isEntryLanguage(language) || byLanguage.has(language) || typeof title !== "string" || !title)
      continue;
    byLanguage.set(language, {
      language,
      title,
      description: typeof description === "string" ? description : "",
    });
  }
  return ENTRY_LANGUAGES.flatMap((language) => byLanguage.get(language) ?? []);
}

/**
 * A translation as one item of a revision diff: every part of it, so an edited description shows
 * as a change too. `translationOfDiffItem` reads it back for display.
 */
export const translationDiffItem = (translation: EntryTranslation): string =>
  JSON.stringify([translation.language, translation.title, translation.description]);
export function translationOfDiffItem(item: string | number): EntryTranslation {
  try {
    const [language, title, description] = JSON.parse(String(item)) as unknown[];
    return {
      language: String(language ?? ""),
      title: String(title ?? ""),
      description: String(description ?? ""),
    };
  } catch {
    return { language: "", title: String(item), description: "" };
  }
}

/**
 * An image as one item of a revision diff: its id and alt text together, so a replaced alt text
 * shows as a change too. `imageOfDiffItem` reads it back for display.
 */
export const imageDiffItem = (ref: EntryImageRef): string => `${ref.id} ${ref.alt}`;
export function imageOfDiffItem(item: string | number): EntryImageRef {
  const text = String(item);
  const space = text.indexOf(" ");
  return space < 0 ? { id: text, alt: "" } : { id: text.slice(0, space), alt: text.slice(space + 1) };
}

/**
 * Reads a revision's stored JSON defensively, so a row written by an older version of the code
 * (or edited by hand) still renders instead of failing the page.
 */
export function toEntryDraft(json: unknown): EntryDraft {
  const data = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const coverage = (COVERAGES as readonly unknown[]).includes(data.coverage)
    ? (data.coverage as Coverage)
    : null;
  const projectStatus = (PROJECT_STATUSES as readonly unknown[]).includes(data.projectStatus)
    ? (data.projectStatus as ProjectStatus)
    : null;
  return {
    title: text(data.title),
    description: text(data.description),
    language: text(data.language),
    organisationName: text(data.organisationName),
    stakeholderType: text(data.stakeholderType),
    coverage,
    countries: isStringList(data.countries) ? data.countries : [],
    actionLines: isStringList(data.actionLines) ? data.actionLines : [],
    sdgs: Array.isArray(data.sdgs) ? data.sdgs.filter((n): n is number => Number.isInteger(n)) : [],
    targetGroups: isStringList(data.targetGroups) ? data.targetGroups : [],
    projectStatus,
    startDate: nullableText(data.startDate),
    endDate: nullableText(data.endDate),
    website: nullableText(data.website),
    contactName: nullableText(data.contactName),
    contactEmail: nullableText(data.contactEmail),
    images: toImageRefs(data.images),
    translations: toTranslations(data.translations),
  };
}
