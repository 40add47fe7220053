import type { LocalisedNames } from "../../db/schema.ts";
import type { Language } from "../../platform/i18n.ts";
import { localName } from "../../platform/i18n.ts";
import { countryName } from "../taxonomy/country-names.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";

/**
 * Reference data as the admin forms show it: the English name admins edit, and which other
 * languages carry a translation that the edit keeps.
 */
export interface EditableNames {
  /** The English name, the form's value. */
  name: string;
  /** The name in the reader's language, for headings and lists. */
  label: string;
  otherLanguages: string[];
}

function editable(names: LocalisedNames, lang: Language): EditableNames {
  return {
    name: names.en ?? "",
    label: localName(names, lang),
    otherLanguages: Object.keys(names)
      .filter((key) => key !== "en")
      .sort(),
  };
}

export interface ActionLineEditView extends EditableNames {
  code: string;
  facilitator: string;
  description: string;
  linkCount: number;
}

export function presentActionLinesForEdit(ref: ReferenceData, lang: Language): ActionLineEditView[] {
  return ref.actionLines.map((line) => ({
    ...editable(line.names, lang),
    code: line.code,
    facilitator: line.facilitator,
    description: line.description,
    linkCount: ref.matrix.filter((link) => link.action_line_code === line.code).length,
  }));
}

export interface SdgEditView extends EditableNames {
  number: number;
  colour: string;
}

export function presentSdgsForEdit(ref: ReferenceData, lang: Language): SdgEditView[] {
  return ref.sdgs.map((sdg) => ({ ...editable(sdg.names, lang), number: sdg.number, colour: sdg.colour }));
}

export interface MatrixLinkEditView {
  sdg: number;
  sdgLabel: string;
  rationale: string;
}

export function presentLinksOf(ref: ReferenceData, code: string, lang: Language): MatrixLinkEditView[] {
  const sdgNames = new Map(ref.sdgs.map((sdg) => [sdg.number, localName(sdg.names, lang)]));
  return ref.matrix
    .filter((link) => link.action_line_code === code)
    .map((link) => ({
      sdg: link.sdg_number,
      sdgLabel: sdgNames.get(link.sdg_number) ?? "",
      rationale: link.rationale,
    }))
    .sort((a, b) => a.sdg - b.sdg);
}

export interface RegionEditView extends EditableNames {
  code: string;
  countries: { code: string; name: string }[];
}

/** Regions in display order, each with its countries sorted by name; `null` code collects unmapped ones. */
export function presentRegionsForEdit(
  ref: ReferenceData,
  lang: Language,
): { regions: RegionEditView[]; unmapped: { code: string; name: string }[] } {
  const collator = new Intl.Collator(lang);
  const byRegion = new Map<string | null, { code: string; name: string }[]>();
  for (const country of ref.countries) {
    const list = byRegion.get(country.region_code) ?? [];
    list.push({ code: country.code, name: countryName(country.code, lang) });
    byRegion.set(country.region_code, list);
  }
  for (const list of byRegion.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  return {
    regions: ref.regions.map((region) => ({
      ...editable(region.names, lang),
      code: region.code,
      countries: byRegion.get(region.code) ?? [],
    })),
    unmapped: byRegion.get(null) ?? [],
  };
}

export interface CountryEditView {
  code: string;
  name: string;
  region: string | null;
}

export function presentCountryForEdit(
  ref: ReferenceData,
  code: string,
  lang: Language,
): CountryEditView | null {
  const country = ref.countries.find((row) => row.code === code);
  return country
    ? { code: country.code, name: countryName(country.code, lang), region: country.region_code }
    : null;
}

export interface CodeListEditView extends EditableNames {
  code: string;
}

export function presentCodeListForEdit(
  rows: ReferenceData["targetGroups"],
  lang: Language,
): CodeListEditView[] {
  return rows.map((row) => ({ ...editable(row.names, lang), code: row.code }));
}
