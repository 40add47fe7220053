/**
 * Writes the title and description of a demo stocktaking entry in its language from the
 * compiled phrase packs (`demo-phrases-load.ts`). A single `Draft` is reused for every
 * entry so that composing text allocates little beyond the strings themselves.
 */
import type { Language } from "./demo-phrases.ts";
import {
  COUNTRY_NAMES,
  cumulate,
  DAYS,
  fill,
  formatNumber,
  joinList,
  PACKS,
  type Pack,
  pick,
  pickIndex,
  type Random,
  regionOf,
  type Tpl,
  type Vars,
} from "./demo-phrases-load.ts";

export interface Draft {
  // Inputs, set by the generator for each entry.
  pack: Pack;
  theme: number;
  /** Action Line indexes (the theme among them). */
  lines: readonly number[];
  coverage: "local" | "national" | "regional" | "international";
  /** Country indexes, empty for a global project. */
  places: readonly number[];
  /** Target group indexes. */
  groups: readonly number[];
  status: "planned" | "ongoing" | "completed";
  /** Start day index into DAYS. */
  start: number;
  // Outputs.
  title: string;
  description: string;
  /** Index of the title core within the theme, for URL slugs. */
  coreIndex: number;
  vars: Vars;
}

export const newDraft = (): Draft => ({
  pack: PACKS.en,
  theme: 0,
  lines: [],
  coverage: "national",
  places: [],
  groups: [],
  status: "ongoing",
  start: 0,
  title: "",
  description: "",
  coreIndex: 0,
  vars: {},
});

/** 0-3 optional sentences after the goal and place sentences. */
const EXTRA_SENTENCES_CUM = cumulate([15, 35, 35, 15]);

/** Sets `d.title`, `d.description` and `d.coreIndex`. */
export function writeText(rnd: Random, d: Draft): void {
  const { pack, vars, theme } = d;
  const names = COUNTRY_NAMES[pack.lang as Language];
  const home = d.places[0] ?? -1;
  const region = home >= 0 ? regionOf(home) : 0;

  // Title: a theme core, often with a programme brand, the place or a target group.
  const cores = pack.themeTitles[theme] as string[];
  d.coreIndex = Math.floor(rnd() * cores.length);
  vars.core = cores[d.coreIndex] as string;
  vars.brand = pick(pack.brands, rnd);
  vars.where =
    home < 0 || d.coverage === "international"
      ? ""
      : d.coverage === "regional"
        ? (pack.regionsTitle[region] as string)
        : (names[home] as string);
  const titleGroup = d.groups.length > 0 ? pick(d.groups, rnd) : -1;
  vars.group = titleGroup >= 0 && pack.titleGroups ? (pack.titleGroups[titleGroup] as string) : "";
  let titleTpl = pick(pack.titles, rnd);
  const noGroup = !vars.group || vars.core.includes(" for ");
  if ((titleTpl.includes("where") && !vars.where) || (titleTpl.includes("group") && noGroup)) {
    titleTpl = pack.titles[1] as Tpl;
  }
  d.title = fill(titleTpl, vars);
  if (d.title.length > 150) d.title = vars.core;

  // Description: goal i of a theme describes its title core i (see demo-phrases.ts).
  const goals = pack.themeGoals[theme] as string[];
  const goalIndex = d.coreIndex % goals.length;
  vars.g = goals[goalIndex] as string;
  const other = d.lines.find((t) => t !== theme);
  vars.g2 =
    other === undefined
      ? (goals[(goalIndex + 1 + Math.floor(rnd() * (goals.length - 1))) % goals.length] as string)
      : pick(pack.themeGoals[other] as string[], rnd);
  if (home >= 0) {
    vars.country = names[home] as string;
    vars.area = pick(pack.areas, rnd);
    vars.region = pack.regions[region] as string;
    vars.countries = joinList(
      d.places.map((c) => names[c] as string),
      pack.src.list,
    );
  }
  vars.place = fill(pick(pack.coverage[home < 0 ? "global" : d.coverage], rnd), vars);
  d.description = describe(rnd, d);
}

/** Beneficiary count between 200 and 500,000, rounded to two significant digits. */
function beneficiaries(rnd: Random, thousands: string): string {
  const raw = 200 * 2500 ** rnd();
  const unit = 10 ** Math.max(1, Math.floor(Math.log10(raw)) - 1);
  return formatNumber(Math.round(raw / unit) * unit, thousands);
}

/** Optional sentence `kind`: 0 second goal, 1 target groups, 2 impact, 3 partners. */
function optionalSentence(rnd: Random, d: Draft, kind: number): string {
  const { pack, vars } = d;
  if (kind === 0) {
    vars.g = vars.g2 as string;
    return fill(pick(pack.also, rnd), vars);
  }
  if (kind === 1) {
    if (d.groups.length === 0) return pick(pack.noGroup, rnd);
    vars.groups = joinList(
      d.groups.map((g) => pack.groups[g] as string),
      pack.src.groupList,
    );
    return fill(pick(pack.groupLines, rnd), vars);
  }
  if (kind === 2) {
    vars.n = beneficiaries(rnd, pack.src.thousands);
    vars.year = (DAYS[d.start] as string).slice(0, 4);
    return fill(pick(pack.impact[d.status], rnd), vars);
  }
  const pool = pack.partnerPool;
  const a = Math.floor(rnd() * pool.length);
  const b = (a + 1 + Math.floor(rnd() * (pool.length - 1))) % pool.length;
  vars.partners = joinList([pool[a] as string, pool[b] as string], pack.src.list);
  return fill(pick(pack.partners, rnd), vars);
}

/** 2-5 sentences, 80-600 characters: goal, [second goal], place, then some of groups, impact, partners. */
function describe(rnd: Random, d: Draft): string {
  const sep = d.pack.src.sentenceSep;
  const first = fill(pick(d.pack.subjects, rnd), d.vars);
  const place = d.vars.place as string;
  const extras = pickIndex(EXTRA_SENTENCES_CUM, rnd);
  const offset = Math.floor(rnd() * 4);
  const chosen: (string | null)[] = [null, null, null, null];
  let length = first.length + sep.length + place.length;
  for (let k = 0, taken = 0; k < 4 && (taken < extras || length < 80); k++) {
    const kind = (k + offset) % 4;
    const extra = optionalSentence(rnd, d, kind);
    if (length + sep.length + extra.length <= 600) {
      chosen[kind] = extra;
      length += sep.length + extra.length;
      taken++;
    }
  }
  let out = first;
  if (chosen[0]) out += sep + chosen[0];
  out += sep + place;
  for (let k = 1; k < 4; k++) if (chosen[k]) out += sep + chosen[k];
  return out;
}
