import type { EntryState } from "../../db/schema.ts";
import { type Language, localName, type Translate } from "../../platform/i18n.ts";
import { countryName } from "../taxonomy/country-names.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { RevisionRecord } from "./entries.repo.ts";
import type { EntryForReader } from "./entries.service.ts";
import {
  type EntryField,
  type EntryImageRef,
  imageOfDiffItem,
  translationOfDiffItem,
} from "./entry-fields.ts";
import type { ImageMeta } from "./entry-images.repo.ts";

/** A code with its name in the reader's language. */
export interface Named {
  code: string;
  name: string;
}

/** An image as pages and the API show it. */
export interface PresentedImage {
  id: string;
  /** Carries a prefix of the content's sha256, so the URL of other bytes is another URL. */
  url: string;
  alt: string;
  width: number;
  height: number;
  /** The WebP renditions as an `srcset` ("<url> 320w, …"), or null when the image has none (pages only). */
  srcset: string | null;
}

export const imageUrl = (image: { id: string; sha256: string }): string =>
  `/images/${image.id}?v=${image.sha256.slice(0, 16)}`;

/** The `srcset` of an image's WebP renditions, or null when it has none (the page shows the original alone). */
export const imageSrcset = (image: ImageMeta): string | null =>
  image.renditions.length === 0
    ? null
    : image.renditions
        .map(({ width }) => `/images/${image.id}/${width}.webp?v=${image.sha256.slice(0, 16)} ${width}w`)
        .join(", ");

/**
 * The size a page reserves for an image: the original's, turned when its EXIF orientation turns
 * it (its renditions are stored upright, and are what the browser shows).
 */
function shownSize(meta: ImageMeta): { width: number; height: number } {
  const widest = meta.renditions.at(-1);
  const turned = widest !== undefined && widest.width > widest.height !== meta.width > meta.height;
  return turned && meta.width !== meta.height
    ? { width: meta.height, height: meta.width }
    : { width: meta.width, height: meta.height };
}

/** A revision's images in their order; one whose row is missing (or belongs elsewhere) is left out. */
export function presentImages(
  refs: EntryImageRef[],
  metas: ReadonlyMap<string, ImageMeta>,
): PresentedImage[] {
  return refs.flatMap((ref) => {
    const meta = metas.get(ref.id);
    return meta
      ? [{ id: ref.id, url: imageUrl(meta), alt: ref.alt, ...shownSize(meta), srcset: imageSrcset(meta) }]
      : [];
  });
}

/** One revision's content as pages and the API show it: codes together with their names. */
export interface EntryContent {
  revisionNumber: number;
  title: string;
  description: string;
  language: Named | null;
  organisationName: string | null;
  stakeholderType: Named | null;
  coverage: Named | null;
  countries: Named[];
  regions: Named[];
  actionLines: Named[];
  sdgs: Array<{ number: number; name: string }>;
  targetGroups: Named[];
  projectStatus: Named | null;
  startDate: string | null;
  endDate: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  images: PresentedImage[];
  /** The owner's translations of the title and description, in language order. */
  translations: Array<{ language: Named; title: string; description: string }>;
}

/** Name look-ups over the reference data, built once per request. */
export interface Labels {
  lang: Language;
  t: Translate;
  actionLine(code: string): string;
  sdg(number: number): string;
  region(code: string): string;
  stakeholderType(code: string): string;
  targetGroup(code: string): string;
  country(code: string): string;
  /** Regions of the given countries, in reference order. */
  regionsOf(countries: readonly string[]): string[];
}

export function makeLabels(ref: ReferenceData, t: Translate, lang: Language): Labels {
  const names = (rows: Array<{ code: string; names: Record<string, string> }>) =>
    new Map(rows.map((row) => [row.code, localName(row.names, lang)]));
  const actionLines = names(ref.actionLines);
  const sdgs = new Map(ref.sdgs.map((row) => [row.number, localName(row.names, lang)]));
  const regions = names(ref.regions);
  const regionOrder = new Map(ref.regions.map((row, index) => [row.code, index]));
  const stakeholderTypes = names(ref.stakeholderTypes);
  const targetGroups = names(ref.targetGroups);
  const countryRegion = new Map(ref.countries.map((row) => [row.code, row.region_code]));
  return {
    lang,
    t,
    actionLine: (code) => actionLines.get(code) ?? code,
    sdg: (number) => sdgs.get(number) ?? String(number),
    region: (code) => regions.get(code) ?? code,
    stakeholderType: (code) => stakeholderTypes.get(code) ?? code,
    targetGroup: (code) => targetGroups.get(code) ?? code,
    country: (code) => countryName(code, lang),
    regionsOf: (countries) => {
      const found = new Set<string>();
      for (const code of countries) {
        const region = countryRegion.get(code);
        if (region) found.add(region);
      }
      return [...found].sort((a, b) => (regionOrder.get(a) ?? 0) - (regionOrder.get(b) ?? 0));
    },
  };
}

const named = (code: string | null | undefined, name: (code: string) => string): Named | null =>
  code ? { code, name: name(code) } : null;

export function presentContent(
  revision: RevisionRecord,
  labels: Labels,
  images: ReadonlyMap<string, ImageMeta>,
): EntryContent {
  const data = revision.data;
  const { t } = labels;
  return {
    revisionNumber: revision.number,
    title: data.title,
    description: data.description,
    language: named(data.language, (code) => t(`entries.language.${code}`)),
    organisationName: data.organisationName || null,
    stakeholderType: named(data.stakeholderType, labels.stakeholderType),
    coverage: named(data.coverage, (code) => t(`entries.coverage.${code}`)),
    countries: data.countries.map((code) => ({ code, name: labels.country(code) })),
    regions: labels.regionsOf(data.countries).map((code) => ({ code, name: labels.region(code) })),
    actionLines: data.actionLines.map((code) => ({ code, name: labels.actionLine(code) })),
    sdgs: data.sdgs.map((number) => ({ number, name: labels.sdg(number) })),
    targetGroups: data.targetGroups.map((code) => ({ code, name: labels.targetGroup(code) })),
    projectStatus: named(data.projectStatus, (code) => t(`entries.status.${code}`)),
    startDate: data.startDate,
    endDate: data.endDate,
    website: data.website,
    contactName: data.contactName,
    contactEmail: data.contactEmail,
    images: presentImages(data.images, images),
    translations: data.translations.map((translation) => ({
      language: { code: translation.language, name: t(`entries.language.${translation.language}`) },
      title: translation.title,
      description: translation.description,
    })),
  };
}

/** How one value of a field reads in a diff or a list: names for codes, text as typed. */
export function valueLabel(field: EntryField, value: string | number, labels: Labels): string {
  const code = String(value);
  switch (field) {
    case "language":
      return labels.t(`entries.language.${code}`);
    case "stakeholderType":
      return labels.stakeholderType(code);
    case "coverage":
      return labels.t(`entries.coverage.${code}`);
    case "projectStatus":
      return labels.t(`entries.status.${code}`);
    case "countries":
      return labels.country(code);
    case "actionLines":
      return `${code} ${labels.actionLine(code)}`;
    case "sdgs":
      return labels.t("entries.sdgLabel", { number: Number(value), name: labels.sdg(Number(value)) });
    case "targetGroups":
      return labels.targetGroup(code);
    case "images": {
      const image = imageOfDiffItem(value);
      return labels.t("entries.images.diffItem", { id: image.id, alt: image.alt });
    }
    case "translations": {
      const translation = translationOfDiffItem(value);
      return labels.t("entries.translations.diffItem", {
        language: labels.t(`entries.language.${translation.language}`),
        title: translation.title,
        description: translation.description,
      });
    }
    default:
      return code;
  }
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

/** The API shape of an entry: the shown revision's fields flat, with workflow data and links. */
export interface EntryResponse extends EntryContent {
  id: string;
  state: EntryState;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
  /** A newer revision than the public one; only for its owner and moderators. */
  pendingRevision: EntryContent | null;
  links: { self: string; html: string; history: string | null };
}

/** The API answer for an entry as `getEntryForReader` found it for this reader. */
export function presentEntry(reader: EntryForReader, labels: Labels): EntryResponse {
  const { entry } = reader;
  const shown = presentContent(reader.shown, labels, reader.images);
  const pending = reader.pending ? presentContent(reader.pending, labels, reader.images) : null;
  return {
    id: entry.id,
    state: entry.state,
    isPublic: entry.published_revision_id !== null,
    createdAt: iso(entry.created_at) as string,
    updatedAt: iso(entry.updated_at) as string,
    submittedAt: iso(entry.submitted_at),
    publishedAt: iso(entry.published_at),
    ...shown,
    pendingRevision: pending,
    links: {
      self: `/api/v1/entries/${entry.id}`,
      html: `/entries/${entry.id}`,
      history: reader.canSeeUnpublished ? `/entries/${entry.id}/history` : null,
    },
  };
}
