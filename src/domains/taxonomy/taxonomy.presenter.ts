import { type Language, localName } from "../../platform/i18n.ts";
import { countryName } from "./country-names.ts";
import type { CodeListRow, ReferenceData } from "./taxonomy.repo.ts";

/** Shapes of reference data for pages and the API, with names in the reader's language. */

export interface ActionLineView {
  code: string;
  name: string;
  facilitator: string;
  /** The parent line for the eight C7 applications ("C7"), else null. */
  group: string | null;
  description: string;
  sdgs: number[];
}

export interface SdgView {
  number: number;
  name: string;
  /** Decorative only: pages always show the number and name beside it. */
  colour: string;
  actionLines: string[];
}

export interface MatrixLinkView {
  actionLine: string;
  sdg: number;
  rationale: string;
}

export interface MatrixView {
  actionLines: { code: string; name: string; group: string | null }[];
  sdgs: { number: number; name: string; colour: string }[];
  links: MatrixLinkView[];
}

export interface CountryView {
  code: string;
  name: string;
  region: string | null;
}

export interface RegionView {
  code: string;
  name: string;
  countryCount: number;
}

export interface CodeListItemView {
  code: string;
  name: string;
}

function sdgsByLine(ref: ReferenceData): Map<string, number[]> {
  const map = new Map<string, number[]>();
  for (const link of ref.matrix) {
    const list = map.get(link.action_line_code) ?? [];
    list.push(link.sdg_number);
    map.set(link.action_line_code, list);
  }
  for (const list of map.values()) list.sort((a, b) => a - b);
  return map;
}

export function presentActionLines(ref: ReferenceData, lang: Language): ActionLineView[] {
  const sdgs = sdgsByLine(ref);
  return ref.actionLines.map((line) => ({
    code: line.code,
    name: localName(line.names, lang),
    facilitator: line.facilitator,
    group: line.group_code,
    description: line.description,
    sdgs: sdgs.get(line.code) ?? [],
  }));
}

export function presentSdgs(ref: ReferenceData, lang: Language): SdgView[] {
  const order = new Map(ref.actionLines.map((line, index) => [line.code, index]));
  return ref.sdgs.map((sdg) => ({
    number: sdg.number,
    name: localName(sdg.names, lang),
    colour: sdg.colour,
    actionLines: ref.matrix
      .filter((link) => link.sdg_number === sdg.number)
      .map((link) => link.action_line_code)
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  }));
}

/** Links follow the Action Lines' display order, then SDG number. */
export function presentMatrix(ref: ReferenceData, lang: Language): MatrixView {
  const order = new Map(ref.actionLines.map((line, index) => [line.code, index]));
  return {
    actionLines: ref.actionLines.map((line) => ({
      code: line.code,
      name: localName(line.names, lang),
      group: line.group_code,
    })),
    sdgs: ref.sdgs.map((sdg) => ({
      number: sdg.number,
      name: localName(sdg.names, lang),
      colour: sdg.colour,
    })),
    links: ref.matrix
      .map((link) => ({ actionLine: link.action_line_code, sdg: link.sdg_number, rationale: link.rationale }))
      .sort((a, b) => (order.get(a.actionLine) ?? 0) - (order.get(b.actionLine) ?? 0) || a.sdg - b.sdg),
  };
}

/** Countries sorted by their name in the reader's language. */
export function presentCountries(ref: ReferenceData, lang: Language): CountryView[] {
  const collator = new Intl.Collator(lang);
  return ref.countries
    .map((country) => ({
      code: country.code,
      name: countryName(country.code, lang),
      region: country.region_code,
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

export function presentRegions(ref: ReferenceData, lang: Language): RegionView[] {
  return ref.regions.map((region) => ({
    code: region.code,
    name: localName(region.names, lang),
    countryCount: ref.countries.filter((country) => country.region_code === region.code).length,
  }));
}

export function presentCodeList(rows: readonly CodeListRow[], lang: Language): CodeListItemView[] {
  return rows.map((row) => ({ code: row.code, name: localName(row.names, lang) }));
}

/** Top-level Action Lines in order, with the C7 applications gathered under their group. */
export type ActionLineGroup =
  | { kind: "line"; line: ActionLineView }
  | { kind: "group"; code: string; lines: ActionLineView[] };

export function groupActionLines(lines: readonly ActionLineView[]): ActionLineGroup[] {
  const out: ActionLineGroup[] = [];
  for (const line of lines) {
    if (!line.group) {
      out.push({ kind: "line", line });
      continue;
    }
    const last = out.at(-1);
    if (last?.kind === "group" && last.code === line.group) last.lines.push(line);
    else out.push({ kind: "group", code: line.group, lines: [line] });
  }
  return out;
}
