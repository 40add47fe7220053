import type { Language, Translate } from "../../platform/i18n.ts";
import { localName } from "../../platform/i18n.ts";
import { countryName } from "../taxonomy/country-names.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { COVERAGES, PROJECT_STATUSES, toTranslations } from "./entry-fields.ts";
import { chooseReadingText } from "./entry-translations.presenter.ts";
import type { FacetName, SearchCriteria } from "./search.params.ts";
import type { SearchRow } from "./search.repo.ts";
import type { SearchOutcome } from "./search.service.ts";
import { buildSnippet, type Snippet } from "./search-snippet.ts";

/** Turns search rows and counts into the shapes the API returns and the page shows. */

export interface Coded {
  code: string;
  name: string;
}

export interface SearchItem {
  id: string;
  /** In the reader's language when the owner translated the entry into it, else the original. */
  title: string;
  /** The language of the title and snippet shown. */
  language: string;
  originalLanguage: string;
  snippet: Snippet;
  organisation: string;
  stakeholderType: Coded | null;
  countries: Coded[];
  actionLines: Coded[];
  sdgs: Array<{ number: number; name: string }>;
  status: Coded | null;
  startYear: number | null;
  publishedAt: string | null;
  url: string;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
  selected: boolean;
}

export type Facets = Record<FacetName, FacetValue[]>;

export interface SearchResultBody {
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  sort: SearchCriteria["sort"];
  /** The `cursor` of the next page; null on the last one. */
  nextCursor: string | null;
  items: SearchItem[];
  facets: Facets;
}

/** Names of every code in the reader's language, looked up once per request. */
export interface Labels {
  lang: Language;
  actionLine: Map<string, string>;
  sdg: Map<number, string>;
  region: Map<string, string>;
  stakeholderType: Map<string, string>;
  targetGroup: Map<string, string>;
  status: Map<string, string>;
  coverage: Map<string, string>;
  country(code: string): string;
}

export function labelsFor(reference: ReferenceData, lang: Language, t: Translate): Labels {
  const names = (rows: Array<{ code: string; names: Record<string, string> }>) =>
    new Map(rows.map((row) => [row.code, localName(row.names, lang)]));
  const countryNames = new Map<string, string>();
  return {
    lang,
    actionLine: new Map(
      reference.actionLines.map((row) => [
        row.code,
        t("search.actionLineLabel", {
          code: row.code.split("-")[0] ?? row.code,
          name: localName(row.names, lang),
        }),
      ]),
    ),
    sdg: new Map(
      reference.sdgs.map((row) => [
        row.number,
        t("search.sdgLabel", { number: row.number, name: localName(row.names, lang) }),
      ]),
    ),
    region: names(reference.regions),
    stakeholderType: names(reference.stakeholderTypes),
    targetGroup: names(reference.targetGroups),
    status: new Map(PROJECT_STATUSES.map((status) => [status, t(`search.status.${status}`)])),
    coverage: new Map(COVERAGES.map((coverage) => [coverage, t(`entries.coverage.${coverage}`)])),
    country(code) {
      let name = countryNames.get(code);
      if (name === undefined) {
        name = countryName(code, lang);
        countryNames.set(code, name);
      }
      return name;
    },
  };
}

const coded = (code: string, names: Map<string, string>): Coded => ({ code, name: names.get(code) ?? code });

export function presentSearchItem(
  row: SearchRow,
  labels: Labels,
  terms: readonly string[],
  baseUrl = "",
): SearchItem {
  const reading = chooseReadingText(
    {
      title: row.title ?? "",
      description: row.description ?? "",
      language: row.language ?? "",
      translations: toTranslations(row.translations),
    },
    labels.lang,
  );
  return {
    id: row.id,
    title: reading.title,
    language: reading.language,
    originalLanguage: reading.originalLanguage,
    snippet: buildSnippet(reading.description, terms),
    organisation: row.organisation_name ?? "",
    stakeholderType: row.stakeholder_type ? coded(row.stakeholder_type, labels.stakeholderType) : null,
    countries: row.countries.map((code) => ({ code, name: labels.country(code) })),
    actionLines: row.action_lines.map((code) => coded(code, labels.actionLine)),
    sdgs: row.sdgs.map((number) => ({ number, name: labels.sdg.get(number) ?? String(number) })),
    status: row.project_status ? coded(row.project_status, labels.status) : null,
    startYear: row.start_year,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    url: `${baseUrl}/entries/${row.id}`,
  };
}

/**
 * Every facet's values with labels and counts. Short code lists show every value, zero counts
 * included, in reference order; countries and years show only values with results, plus any the
 * visitor ticked, so a ticked value can always be unticked.
 */
export function presentFacets(outcome: SearchOutcome, labels: Labels, lang: Language): Facets {
  const { facetCounts, criteria, reference } = outcome;
  const selected = (facet: FacetName) => new Set(criteria.filters[facet].map(String));
  const list = (facet: FacetName, entries: Array<[string, string]>): FacetValue[] => {
    const chosen = selected(facet);
    return entries.map(([value, label]) => ({
      value,
      label,
      count: facetCounts[facet].get(value) ?? 0,
      selected: chosen.has(value),
    }));
  };
  const present = (facet: FacetName) => new Set([...facetCounts[facet].keys(), ...selected(facet)]);
  const collator = new Intl.Collator(lang);

  const facets: Facets = {
    actionLine: list(
      "actionLine",
      reference.actionLines.map((row) => [row.code, labels.actionLine.get(row.code) ?? row.code]),
    ),
    sdg: list(
      "sdg",
      reference.sdgs.map((row) => [String(row.number), labels.sdg.get(row.number) ?? String(row.number)]),
    ),
    region: list(
      "region",
      reference.regions.map((row) => [row.code, labels.region.get(row.code) ?? row.code]),
    ),
    country: list(
      "country",
      [...present("country")]
        .map((code): [string, string] => [code, labels.country(code)])
        .sort((a, b) => collator.compare(a[1], b[1])),
    ),
    stakeholderType: list(
      "stakeholderType",
      reference.stakeholderTypes.map((row) => [row.code, labels.stakeholderType.get(row.code) ?? row.code]),
    ),
    targetGroup: list(
      "targetGroup",
      reference.targetGroups.map((row) => [row.code, labels.targetGroup.get(row.code) ?? row.code]),
    ),
    status: list(
      "status",
      PROJECT_STATUSES.map((status) => [status, labels.status.get(status) ?? status]),
    ),
    coverage: list(
      "coverage",
      COVERAGES.map((coverage) => [coverage, labels.coverage.get(coverage) ?? coverage]),
    ),
    year: list(
      "year",
      [...present("year")]
        .sort((a, b) => Number(b) - Number(a))
        .map((year): [string, string] => [year, year]),
    ),
  };
  return facets;
}

export function pageCount(total: number, criteria: SearchCriteria): number {
  return Math.max(1, Math.ceil(total / criteria.pageSize));
}

/** The body of `GET /api/v1/entries`. */
export function presentSearchResult(
  outcome: SearchOutcome,
  lang: Language,
  t: Translate,
  baseUrl: string,
): SearchResultBody {
  const labels = labelsFor(outcome.reference, lang, t);
  return {
    total: outcome.total,
    page: outcome.criteria.page,
    pageSize: outcome.criteria.pageSize,
    pageCount: pageCount(outcome.total, outcome.criteria),
    sort: outcome.criteria.sort,
    nextCursor: outcome.nextCursor ?? null,
    items: outcome.rows.map((row) => presentSearchItem(row, labels, outcome.criteria.terms, baseUrl)),
    facets: presentFacets(outcome, labels, lang),
  };
}
