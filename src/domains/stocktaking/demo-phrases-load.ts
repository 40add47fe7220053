/**
 * Turns the phrase and name pools of `demo-phrases*.ts` into ready-to-use tables for
 * `demo-entries.ts`: compiled templates per language, weighted countries with their names,
 * organisation templates, contact names and a day table. Everything here runs once, at
 * module load, and throws if a pack is incomplete.
 */
import countries from "i18n-iso-countries";
import {
  ACTION_LINES,
  type ActionLineCode,
  COUNTRY_NAME_OVERRIDES,
  COUNTRY_TABLE,
  LANGUAGES,
  type Language,
  type LanguagePackSource,
  REGION_CODES,
  REGION_WEIGHTS,
  STAKEHOLDER_TYPES,
  TARGET_GROUPS,
  THEMES,
} from "./demo-phrases.ts";
import { EN_PACK, ORG_TEXT, PEOPLE_TEXT } from "./demo-phrases-en.ts";
import { ES_PACK, FR_PACK } from "./demo-phrases-intl.ts";
import { AR_PACK, RU_PACK } from "./demo-phrases-intl-2.ts";
import { ZH_PACK } from "./demo-phrases-intl-3.ts";

export type Random = () => number;

export const pick = <T>(items: readonly T[], rnd: Random): T => items[Math.floor(rnd() * items.length)] as T;

/** Cumulative weights, for `pickIndex`. */
export function cumulate(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}

export function pickIndex(cum: Float64Array, rnd: Random): number {
  const x = rnd() * (cum[cum.length - 1] as number);
  let i = 0;
  while (i < cum.length - 1 && (cum[i] as number) <= x) i++;
  return i;
}

/** ASCII slug of at most `max` characters, cut at a word boundary when possible. */
export function slugify(text: string, max: number): string {
  // Strip accents only when needed: normalize() is slow and most text is ASCII.
  const src = (
    /[\u0080-\uffff]/.test(text) ? text.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : text
  ).toLowerCase();
  let slug = "";
  let start = -1;
  for (let i = 0; i <= src.length && slug.length <= max; i++) {
    const c = i < src.length ? src.charCodeAt(i) : 0;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      slug += (slug ? "-" : "") + src.slice(start, i);
      start = -1;
    }
  }
  if (slug.length > max) {
    const cut = slug.lastIndexOf("-", max);
    slug = slug.slice(0, cut > max / 2 ? cut : max).replace(/-+$|-(of|the|and|for|in)$/, "");
  }
  return slug || "org";
}

/** A compiled template: literals at even indexes, variable names at odd ones. */
export type Tpl = readonly string[];
export type Vars = Record<string, string>;

export const compile = (pattern: string): Tpl => pattern.split(/\{(\w+)\}/);

export function fill(tpl: Tpl, vars: Vars): string {
  let out = tpl[0] as string;
  for (let i = 1; i < tpl.length; i += 2) out += (vars[tpl[i] as string] ?? "") + (tpl[i + 1] as string);
  return out;
}

export function joinList(items: readonly string[], sep: readonly [string, string]): string {
  let out = items[0] ?? "";
  for (let i = 1; i < items.length; i++) out += (i === items.length - 1 ? sep[1] : sep[0]) + items[i];
  return out;
}

export function formatNumber(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

// ---------------------------------------------------------------- phrase text

interface ParsedText {
  sections: Map<string, string[]>;
  themes: Map<string, { titles: string[]; goals: string[] }>;
}

function parseText(text: string): ParsedText {
  const sections = new Map<string, string[]>();
  const themes = new Map<string, { titles: string[]; goals: string[] }>();
  let items: string[] | null = null;
  let theme: { titles: string[]; goals: string[] } | null = null;
  const split = (s: string) => s.split(" | ").map((x) => x.trim());
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith("@")) {
      theme = { titles: [], goals: [] };
      themes.set(line.slice(1), theme);
      items = null;
    } else if (line.startsWith("#")) {
      items = [];
      sections.set(line.slice(1), items);
      theme = null;
    } else if (theme && line.startsWith("T ")) theme.titles.push(...split(line.slice(2)));
    else if (theme && line.startsWith("G ")) theme.goals.push(line.slice(2).trim());
    else if (items) items.push(...split(line));
    else throw new Error(`demo phrases: unexpected line "${line}"`);
  }
  return { sections, themes };
}

function section(parsed: ParsedText, name: string, lang = "en"): string[] {
  const items = parsed.sections.get(name);
  if (!items || items.length === 0) throw new Error(`demo phrases (${lang}): missing section #${name}`);
  return items;
}

function keyed(parsed: ParsedText, name: string, keys: readonly string[], lang: string): string[] {
  const map = new Map(section(parsed, name, lang).map((item) => item.split(" = ") as [string, string]));
  return keys.map((key) => {
    const value = map.get(key);
    if (!value) throw new Error(`demo phrases (${lang}): #${name} lacks ${key}`);
    return value;
  });
}

// ---------------------------------------------------------------- countries

export interface Country {
  code: string;
  region: number;
  /** Languages other than English often used there. */
  langs: Language[];
}
const LANG_LETTERS: Record<string, Language> = { a: "ar", f: "fr", s: "es", r: "ru", z: "zh" };
export const COUNTRIES: Country[] = [];
const REGION_COUNTRIES: number[][] = [];
const REGION_COUNTRY_CUM: Float64Array[] = [];
COUNTRY_TABLE.forEach((row, region) => {
  const members: number[] = [];
  const weights: number[] = [];
  for (const token of row.split(" ")) {
    const m = /^([A-Z]{2})(\d+)([a-z]*)$/.exec(token);
    if (!m) throw new Error(`demo countries: bad token ${token}`);
    members.push(COUNTRIES.length);
    weights.push(Number(m[2]));
    const langs = [...(m[3] ?? "")].map((c) => LANG_LETTERS[c] as Language);
    COUNTRIES.push({ code: m[1] as string, region, langs });
  }
  REGION_COUNTRIES.push(members);
  REGION_COUNTRY_CUM.push(cumulate(weights));
});
export const COUNTRY_INDEX = new Map(COUNTRIES.map((c, i) => [c.code, i]));
const REGION_CUM = cumulate(REGION_WEIGHTS);

/** Country names usable in running text, per language, indexed like COUNTRIES. */
export const COUNTRY_NAMES = Object.fromEntries(
  LANGUAGES.map((lang) => [
    lang,
    COUNTRIES.map((c) => COUNTRY_NAME_OVERRIDES[lang]?.[c.code] ?? countries.getName(c.code, lang) ?? c.code),
  ]),
) as Record<Language, string[]>;
const EN_BARE_NAMES = COUNTRY_NAMES.en.map((n) => n.replace(/^the /, ""));
/** URL slugs of the English country names. */
export const COUNTRY_SLUGS = EN_BARE_NAMES.map((n) => slugify(n, 40));

/** A country index, weighted by region (2018 shares) and then by country. */
export function pickCountry(rnd: Random, region = pickIndex(REGION_CUM, rnd)): number {
  const members = REGION_COUNTRIES[region] as number[];
  return members[pickIndex(REGION_COUNTRY_CUM[region] as Float64Array, rnd)] as number;
}

export const regionOf = (country: number): number => (COUNTRIES[country] as Country).region;

// ---------------------------------------------------------------- language packs

export interface Pack {
  lang: Language;
  themeTitles: string[][];
  /** URL slugs of the title cores (English) or of the theme (other languages). */
  themeTitleSlugs: string[][];
  themeGoals: string[][];
  brands: string[];
  titles: Tpl[];
  subjects: Tpl[];
  also: Tpl[];
  areas: string[];
  coverage: Record<"local" | "national" | "regional" | "international" | "global", Tpl[]>;
  regions: string[];
  regionsTitle: string[];
  groups: string[];
  titleGroups: string[] | null;
  groupLines: Tpl[];
  noGroup: string[];
  impact: Record<"planned" | "ongoing" | "completed", Tpl[]>;
  partners: Tpl[];
  partnerPool: string[];
  src: LanguagePackSource;
}

function buildPack(lang: Language, src: LanguagePackSource): Pack {
  const p = parseText(src.text);
  const tpls = (name: string) => section(p, name, lang).map(compile);
  const themeTitles: string[][] = [];
  const themeGoals: string[][] = [];
  for (const code of ACTION_LINES) {
    const theme = p.themes.get(code);
    if (!theme || theme.titles.length === 0 || theme.goals.length < 2) {
      throw new Error(`demo phrases (${lang}): theme ${code} needs titles and at least two goals`);
    }
    themeTitles.push(theme.titles);
    themeGoals.push(theme.goals);
  }
  const names = p.sections.has("brandNames")
    ? section(p, "brandNames", lang)
    : section(p, "brandAdj").flatMap((a) => section(p, "brandNoun").map((n) => `${a} ${n}`));
  const brandTpl = compile(section(p, "brand", lang)[0] as string);
  const kinds = section(p, "brandKinds", lang);
  const brands = names.flatMap((name) => kinds.map((kind) => fill(brandTpl, { name, kind })));
  const regions = section(p, "regions", lang);
  const regionsTitle = section(p, "regionsTitle", lang);
  if (regions.length !== 6 || regionsTitle.length !== 6) throw new Error(`demo phrases (${lang}): 6 regions`);
  return {
    lang,
    themeTitles,
    themeTitleSlugs: themeTitles.map((titles, t) =>
      titles.map((title) =>
        lang === "en" ? slugify(title, 50) : THEMES[ACTION_LINES[t] as ActionLineCode].slug,
      ),
    ),
    themeGoals,
    brands,
    titles: tpls("titles"),
    subjects: tpls("subjects"),
    also: tpls("also"),
    areas: section(p, "areas", lang),
    coverage: {
      local: tpls("local"),
      national: tpls("national"),
      regional: tpls("regional"),
      international: tpls("international"),
      global: tpls("global"),
    },
    regions,
    regionsTitle,
    groups: keyed(p, "groups", TARGET_GROUPS, lang),
    titleGroups: p.sections.has("titleGroups") ? keyed(p, "titleGroups", TARGET_GROUPS, lang) : null,
    groupLines: tpls("groupLines"),
    noGroup: section(p, "noGroup", lang),
    impact: { planned: tpls("planned"), ongoing: tpls("ongoing"), completed: tpls("completed") },
    partners: tpls("partners"),
    partnerPool: section(p, "partnerPool", lang),
    src,
  };
}

const SOURCES: Record<Language, LanguagePackSource> = {
  ar: AR_PACK,
  en: EN_PACK,
  es: ES_PACK,
  fr: FR_PACK,
  ru: RU_PACK,
  zh: ZH_PACK,
};
export const PACKS = Object.fromEntries(LANGUAGES.map((l) => [l, buildPack(l, SOURCES[l])])) as Record<
  Language,
  Pack
>;

// ---------------------------------------------------------------- organisations and people

const ORG = parseText(ORG_TEXT);
const ORG_TEMPLATES = STAKEHOLDER_TYPES.map((t) => section(ORG, t).map(compile));
const ORG_POOLS = {
  brand: section(ORG, "brand"),
  portfolio: section(ORG, "portfolio"),
  sector: section(ORG, "sector"),
  regionAdj: section(ORG, "regionAdj"),
  suffix: REGION_CODES.map((r) => section(ORG, `suffix_${r}`)),
};

/** A plausible English organisation name of the given stakeholder type (index) based in `country`. */
export function orgName(type: number, country: number, rnd: Random, vars: Vars): string {
  const region = regionOf(country);
  vars.c = COUNTRY_NAMES.en[country] as string;
  vars.cb = EN_BARE_NAMES[country] as string;
  vars.w = pick(ORG_POOLS.brand, rnd);
  vars.p = pick(ORG_POOLS.portfolio, rnd);
  vars.s = pick(ORG_POOLS.sector, rnd);
  vars.x = pick(ORG_POOLS.suffix[region] as string[], rnd);
  vars.r = ORG_POOLS.regionAdj[region] as string;
  return fill(pick(ORG_TEMPLATES[type] as Tpl[], rnd), vars);
}

interface People {
  first: string[];
  last: string[];
  firstLower: string[];
  lastLower: string[];
  /** For gendered surnames (CIS): first names below this index are male; -1 otherwise. */
  male: number;
}
const PEOPLE = parseText(PEOPLE_TEXT);
const lower = (names: string[]) => names.map((n) => n.toLowerCase().replace(/[^a-z-]/g, ""));
const PEOPLE_BY_REGION: People[] = REGION_CODES.map((r) => {
  if (r !== "CIS")
    return { first: section(PEOPLE, `first_${r}`), last: section(PEOPLE, `last_${r}`), male: -1 };
  const pairs = section(PEOPLE, "last_CIS").map((pair) => pair.split("|"));
  const male = section(PEOPLE, "first_CIS_m");
  const last = [...pairs.map((l) => l[0] as string), ...pairs.map((l) => (l[1] ?? l[0]) as string)];
  return { first: [...male, ...section(PEOPLE, "first_CIS_f")], last, male: male.length };
}).map((p) => ({ ...p, firstLower: lower(p.first), lastLower: lower(p.last) }));

/** A contact person from the region: display name and e-mail on example.org / example.net. */
export function contact(region: number, rnd: Random): { name: string; email: string } {
  const people = PEOPLE_BY_REGION[region] as People;
  const fi = Math.floor(rnd() * people.first.length);
  const half = people.last.length / 2;
  let li = Math.floor(rnd() * (people.male < 0 ? people.last.length : half));
  if (people.male >= 0 && fi >= people.male) li += half;
  const first = people.firstLower[fi] as string;
  const last = people.lastLower[li] as string;
  const style = rnd();
  const local =
    style < 0.6
      ? `${first}.${last}`
      : style < 0.8
        ? `${first.charAt(0)}.${last}`
        : `${first}.${last}${1 + Math.floor(rnd() * 98)}`;
  return {
    name: `${people.first[fi]} ${people.last[li]}`,
    email: `${local}@${rnd() < 0.75 ? "example.org" : "example.net"}`,
  };
}

// ---------------------------------------------------------------- dates

/** ISO dates from 2004-01-01 (index 0) to 2031-12-31. */
export const DAYS: string[] = [];
const YEAR_START: number[] = [];
for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2031, 11, 31); t += 86400000) {
  const iso = new Date(t).toISOString().slice(0, 10);
  if (iso.endsWith("-01-01")) YEAR_START.push(DAYS.length);
  DAYS.push(iso);
}
/** The last allowed start date (and end date of completed projects): 2026-06-30. */
export const LAST_START = DAYS.indexOf("2026-06-30");
export const yearStart = (year: number): number => YEAR_START[Math.min(year, 2031) - 2004] as number;
