import { isRowId } from "../../platform/validation.ts";
import { searchVectorLiteral } from "./search-text.ts";

export const COVERAGES = ["local", "national", "regional", "international"] as const;
export type Coverage = (typeof COVERAGES)[number];
export const PROJECT_STATUSES = ["planned", "ongoing", "completed"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** The language the entry is written in: any of the six UN languages. */
export const ENTRY_LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"] as const;

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
  /** A tsvector literal of the folded words (see `search-text.ts`). */
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
    search_vector: searchVectorLiteral({
      title: data.title,
      organisation: data.organisationName,
      description: data.description,
    }),
  };
}

/**
 * A revision's content as saved: a draft may leave any field but the title empty (`""`, `null`
 * or `[]`). A revision that passed the submit rules is a complete `EntryData`.
 */
export interface EntryDraft extends Omit<EntryData, "coverage" | "projectStatus" | "images"> {
  coverage: Coverage | null;
  projectStatus: ProjectStatus | null;
  images: EntryImageRef[];
}

/** The fields people type (form and API); images are managed by their own operations. */
export type EntryTypedDraft = Omit<EntryDraft, "images">;

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
] as const satisfies readonly (keyof EntryData)[];
export type EntryField = (typeof ENTRY_FIELDS)[number];

/** The fields holding lists of codes; the others hold one value. */
export const ENTRY_LIST_FIELDS: ReadonlySet<EntryField> = new Set([
  "countries",
  "actionLines",
  "sdgs",
  "targetGroups",
  "images",
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
  };
}
