/**
 * Deterministic generator of realistic demo WSIS Stocktaking entries, used by
 * `npm run wsis -- seed --entries N [--seed S]`. Only the seeded PRNG below is used
 * (no Math.random, no clock), so the same seed and count always give the same output,
 * and a longer run starts with the entries of a shorter one. The pools are prepared once
 * at module load (`demo-phrases-load.ts`) and texts are composed by `demo-phrases-compose.ts`;
 * an entry costs a few string concatenations.
 */
import {
  ACTION_LINES,
  type ActionLineCode,
  LANGUAGES,
  type Language,
  ORG_FOCUS,
  STAKEHOLDER_THEME_BOOST,
  STAKEHOLDER_TYPES,
  STAKEHOLDER_WEIGHTS,
  TARGET_GROUPS,
  THEMES,
} from "./demo-phrases.ts";
import { newDraft, writeText } from "./demo-phrases-compose.ts";
import {
  COUNTRIES,
  COUNTRY_INDEX,
  COUNTRY_SLUGS,
  type Country,
  contact,
  cumulate,
  DAYS,
  LAST_START,
  orgName,
  PACKS,
  pick,
  pickCountry,
  pickIndex,
  type Random,
  regionOf,
  slugify,
  type Vars,
  yearStart,
} from "./demo-phrases-load.ts";

export interface DemoOrganisation {
  key: string;
  name: string;
  stakeholderType: string;
  countryCode: string;
}

export interface DemoEntry {
  title: string;
  description: string;
  language: "ar" | "en" | "es" | "fr" | "ru" | "zh";
  organisationKey: string;
  stakeholderType: string;
  coverage: "local" | "national" | "regional" | "international";
  countries: string[];
  actionLines: string[];
  sdgs: number[];
  targetGroups: string[];
  projectStatus: "planned" | "ongoing" | "completed";
  startDate: string;
  endDate: string | null;
  website: string | null;
  contactName: string;
  contactEmail: string;
  submittedYear: number;
}

type Coverage = DemoEntry["coverage"];
type Status = DemoEntry["projectStatus"];

/** mulberry32: a small, fast 32-bit PRNG returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = (Math.trunc(seed) ^ Math.trunc(seed / 4294967296) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Creates `count` organisations with plausible names, weighted by stakeholder type and region. */
export function makeDemoOrganisations(seed: number, count: number): DemoOrganisation[] {
  const rnd = createRandom(seed ^ 0x6f726773);
  const stakeholderCum = cumulate(STAKEHOLDER_WEIGHTS);
  const names = new Map<string, number>();
  const keys = new Set<string>();
  const out: DemoOrganisation[] = [];
  const vars: Vars = {};
  for (let i = 0; i < count; i++) {
    const type = pickIndex(stakeholderCum, rnd);
    let name = "";
    let country = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
      country = pickCountry(rnd);
      name = orgName(type, country, rnd, vars);
      if (!names.has(name)) break;
    }
    const seen = names.get(name) ?? 0;
    names.set(name, seen + 1);
    if (seen > 0) name = `${name} (${seen + 1})`;
    let key = slugify(name, 60);
    for (let n = 2; keys.has(key); n++) key = `${slugify(name, 56)}-${n}`;
    keys.add(key);
    out.push({
      key,
      name,
      stakeholderType: STAKEHOLDER_TYPES[type] as string,
      countryCode: (COUNTRIES[country] as Country).code,
    });
  }
  return out;
}

// ---------------------------------------------------------------- distributions

const THEME_CUM = STAKEHOLDER_THEME_BOOST.map((boost) =>
  cumulate(ACTION_LINES.map((code) => THEMES[code].weight * (boost[code] ?? 1))),
);
const COVERAGES = ["local", "national", "regional", "international"] as const;
const IO = STAKEHOLDER_TYPES.indexOf("international_organization");
const COVERAGE_CUM = STAKEHOLDER_TYPES.map((t) =>
  cumulate(
    t === "government"
      ? [15, 65, 10, 10]
      : t === "international_organization"
        ? [5, 20, 40, 35]
        : [30, 45, 12, 13],
  ),
);
/** Submissions per year, 2004..2026: few early entries, growth after 2015, a partial 2026. */
const YEAR_CUM = cumulate([3, 4, 2, 2, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 7, 8, 9, 10, 11, 11, 10, 10, 9, 4]);
/** Completed / ongoing / planned shares for entries submitted up to 2018, 2019-2023, from 2024. */
const STATUSES = ["completed", "ongoing", "planned"] as const;
const STATUS_CUM = [cumulate([72, 26, 2]), cumulate([42, 53, 5]), cumulate([12, 63, 25])];
const SDG_COUNT_CUM = cumulate([30, 35, 25, 10]);
const GROUP_COUNT_CUM = cumulate([12, 38, 35, 15]);

interface OrgInfo {
  org: DemoOrganisation;
  country: number;
  stakeholder: number;
  focus: number;
  slug: string;
}

function orgInfo(org: DemoOrganisation): OrgInfo {
  const stakeholder = (STAKEHOLDER_TYPES as readonly string[]).indexOf(org.stakeholderType);
  const focus = ORG_FOCUS.find(([word]) => org.name.includes(word));
  return {
    org,
    country: COUNTRY_INDEX.get(org.countryCode) ?? -1,
    stakeholder: stakeholder < 0 ? STAKEHOLDER_TYPES.length - 1 : stakeholder,
    focus: focus ? ACTION_LINES.indexOf(focus[1]) : -1,
    slug: slugify(org.key, 40),
  };
}

/** Country indexes for the coverage; empty for a global international project. */
function choosePlaces(rnd: Random, coverage: Coverage, orgCountry: number, isIO: boolean): number[] {
  const places: number[] = [];
  const region = regionOf(orgCountry);
  if (coverage === "local" || coverage === "national") {
    places.push(rnd() < (isIO ? 0.3 : 0.92) ? orgCountry : pickCountry(rnd, isIO ? undefined : region));
    return places;
  }
  if (coverage === "international" && rnd() < (isIO ? 0.5 : 0.2)) return places;
  const wanted = coverage === "regional" ? 2 + Math.floor(rnd() * 4) : 3 + Math.floor(rnd() * 4);
  if (coverage === "international" || rnd() < 0.8) places.push(orgCountry);
  for (let k = 0; places.length < wanted && k < 30; k++) {
    const c = pickCountry(rnd, coverage === "regional" ? region : undefined);
    if (!places.includes(c)) places.push(c);
  }
  return places;
}

/** Indexes into ACTION_LINES: the theme plus, often, related lines; sorted. */
function chooseActionLines(rnd: Random, theme: number): number[] {
  let mask = 1 << theme;
  if (rnd() < 0.45) {
    const other =
      rnd() < 0.8
        ? pick(THEMES[ACTION_LINES[theme] as ActionLineCode].related, rnd)
        : pick(ACTION_LINES, rnd);
    mask |= 1 << ACTION_LINES.indexOf(other);
  }
  if (rnd() < 0.15) mask |= 1 << Math.floor(rnd() * ACTION_LINES.length);
  const out: number[] = [];
  for (let k = 0; k < ACTION_LINES.length; k++) if (mask & (1 << k)) out.push(k);
  return out;
}

/** 1-4 SDGs, mostly linked (WSIS-SDG Matrix) to the chosen lines, the theme's main SDG first in weight. */
function chooseSdgs(rnd: Random, theme: number, lines: readonly number[]): number[] {
  const main = THEMES[ACTION_LINES[theme] as ActionLineCode].sdgs;
  const count = 1 + pickIndex(SDG_COUNT_CUM, rnd);
  let mask = 1 << (main[Math.floor(rnd() ** 2 * main.length)] as number);
  for (let k = 0, n = 1; n < count && k < 30; k++) {
    const linked = THEMES[ACTION_LINES[pick(lines, rnd)] as ActionLineCode].sdgs;
    const sdg =
      rnd() < 0.8 ? (linked[Math.floor(rnd() ** 1.5 * linked.length)] as number) : 1 + Math.floor(rnd() * 17);
    if (!(mask & (1 << sdg))) {
      mask |= 1 << sdg;
      n++;
    }
  }
  const out: number[] = [];
  for (let k = 1; k <= 17; k++) if (mask & (1 << k)) out.push(k);
  return out;
}

/** 0-3 indexes into TARGET_GROUPS, mostly typical of the theme; sorted. */
function chooseGroups(rnd: Random, theme: number): number[] {
  const typical = THEMES[ACTION_LINES[theme] as ActionLineCode].groups;
  const count = pickIndex(GROUP_COUNT_CUM, rnd);
  let mask = 0;
  for (let k = 0, n = 0; n < count && k < 20; k++) {
    const g =
      rnd() < 0.75 ? TARGET_GROUPS.indexOf(pick(typical, rnd)) : Math.floor(rnd() * TARGET_GROUPS.length);
    if (!(mask & (1 << g))) {
      mask |= 1 << g;
      n++;
    }
  }
  const out: number[] = [];
  for (let k = 0; k < TARGET_GROUPS.length; k++) if (mask & (1 << k)) out.push(k);
  return out;
}

interface Timing {
  submittedYear: number;
  status: Status;
  start: number;
  end: number;
}

/** Submission year, status and day indexes (end = -1 when open-ended). */
function chooseTiming(rnd: Random): Timing {
  const submittedYear = 2004 + pickIndex(YEAR_CUM, rnd);
  const era = submittedYear <= 2018 ? 0 : submittedYear <= 2023 ? 1 : 2;
  const status = STATUSES[pickIndex(STATUS_CUM[era] as Float64Array, rnd)] as Status;
  const planned = status === "planned";
  const lo = planned ? yearStart(submittedYear) : Math.max(0, yearStart(submittedYear) - 1095);
  const hi = Math.min(LAST_START, yearStart(submittedYear + (planned ? 2 : 1)) - 1);
  const start = lo + Math.floor(rnd() * (hi - lo + 1));
  let end = -1;
  if (status === "completed") {
    end = Math.max(start, Math.min(LAST_START, start + 90 + Math.floor(rnd() ** 1.5 * 1700)));
  } else if (rnd() < (status === "ongoing" ? 0.6 : 0.7)) {
    // Open projects end after their submission year.
    const earliest = Math.max(start + 365, yearStart(submittedYear + 1));
    end = Math.min(DAYS.length - 1, earliest + Math.floor(rnd() * 2190));
  }
  return { submittedYear, status, start, end };
}

/** Yields `count` entries deterministically from `seed`; same seed+count => identical output. */
export function* generateDemoEntries(
  seed: number,
  count: number,
  organisations: DemoOrganisation[],
): Generator<DemoEntry> {
  if (organisations.length === 0 && count > 0)
    throw new RangeError("generateDemoEntries needs organisations");
  const rnd = createRandom(seed ^ 0x656e7472);
  const infos = organisations.map(orgInfo);
  const draft = newDraft();
  for (let i = 0; i < count; i++) {
    // A few organisations submit many entries.
    const info = infos[Math.floor((rnd() < 0.5 ? rnd() : rnd() ** 2) * infos.length)] as OrgInfo;
    const theme =
      info.focus >= 0 && rnd() < 0.5
        ? info.focus
        : pickIndex(THEME_CUM[info.stakeholder] as Float64Array, rnd);
    const orgCountry = info.country >= 0 ? info.country : pickCountry(rnd);
    const coverage = COVERAGES[pickIndex(COVERAGE_CUM[info.stakeholder] as Float64Array, rnd)] as Coverage;
    const places = choosePlaces(rnd, coverage, orgCountry, info.stakeholder === IO);
    const home = places[0] ?? orgCountry;

    // Mostly English; otherwise a language used in the organisation's country.
    const langs = (COUNTRIES[orgCountry] as Country).langs;
    const lang: Language =
      langs.length > 0 ? (rnd() < 0.5 ? pick(langs, rnd) : "en") : rnd() < 0.06 ? pick(LANGUAGES, rnd) : "en";

    const lines = chooseActionLines(rnd, theme);
    const sdgs = chooseSdgs(rnd, theme, lines);
    const groups = chooseGroups(rnd, theme);
    const timing = chooseTiming(rnd);

    draft.pack = PACKS[lang];
    draft.theme = theme;
    draft.lines = lines;
    draft.coverage = coverage;
    draft.places = places;
    draft.groups = groups;
    draft.status = timing.status;
    draft.start = timing.start;
    writeText(rnd, draft);

    // Contact and website.
    const person = contact(regionOf(orgCountry), rnd);
    const w = rnd();
    let website: string | null = null;
    if (w >= 0.9) website = `https://${info.slug}.example/`;
    else if (w >= 0.22) {
      const core = (draft.pack.themeTitleSlugs[theme] as string[])[draft.coreIndex] as string;
      const slug = places.length === 1 ? `${core}-${COUNTRY_SLUGS[home]}` : `${core}-${timing.submittedYear}`;
      website =
        w < 0.65 ? `https://example.org/${info.slug}/${slug}` : `https://www.example.org/projects/${slug}`;
    }

    yield {
      title: draft.title,
      description: draft.description,
      language: lang,
      organisationKey: info.org.key,
      stakeholderType: STAKEHOLDER_TYPES[info.stakeholder] as string,
      coverage,
      countries: places.map((c) => (COUNTRIES[c] as Country).code),
      actionLines: lines.map((k) => ACTION_LINES[k] as string),
      sdgs,
      targetGroups: groups.map((g) => TARGET_GROUPS[g] as string),
      projectStatus: timing.status,
      startDate: DAYS[timing.start] as string,
      endDate: timing.end >= 0 ? (DAYS[timing.end] as string) : null,
      website,
      contactName: person.name,
      contactEmail: person.email,
      submittedYear: timing.submittedYear,
    };
  }
}
