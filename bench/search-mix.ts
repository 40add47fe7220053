/**
 * Pure parts of the search benchmark: the seeded query mix and the ratio arithmetic, kept apart
 * from the database and the child process so they can be unit-tested.
 */

/** Per facet (named as its query parameter), value → published entries carrying it. */
export type FacetValueCounts = Record<string, ReadonlyMap<string, number>>;

export interface MixQuery {
  name: string;
  /** The query string without `?`, as `GET /api/v1/entries` takes it. */
  query: string;
}

/**
 * Words the demo generator writes often (see `demo-phrases-en.ts`); the full-text queries use
 * these because a word with no hits would make both searches trivially fast.
 */
export const COMMON_WORDS = [
  "digital",
  "community",
  "training",
  "health",
  "rural",
  "online",
  "women",
  "data",
];

/** mulberry32: a tiny deterministic generator, so the same seed always gives the same mix. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A value of a facet picked from its more common half: a filter on a value almost nobody uses
 * is the rare-country case, measured on its own. Order is by count, then value, so ties cannot
 * make the pick depend on map order.
 */
export function pickCommonValue(
  counts: ReadonlyMap<string, number> | undefined,
  random: () => number,
): string {
  const ranked = [...(counts ?? new Map<string, number>())]
    .filter(([, count]) => count > 0)
    .sort(([a, ca], [b, cb]) => cb - ca || a.localeCompare(b));
  if (ranked.length === 0) throw new Error("no facet value occurs in the published entries");
  const pool = ranked.slice(0, Math.ceil(ranked.length / 2));
  return (pool[Math.floor(random() * pool.length)] as [string, number])[0];
}

/** The value with the fewest (but at least one) entries; ties go to the first in code order. */
export function rarestValue(counts: ReadonlyMap<string, number> | undefined): string {
  let best: [string, number] | undefined;
  for (const [value, count] of counts ?? []) {
    if (count < 1) continue;
    if (!best || count < best[1] || (count === best[1] && value.localeCompare(best[0]) < 0))
      best = [value, count];
  }
  if (!best) throw new Error("no facet value occurs in the published entries");
  return best[0];
}

/** The deep-page query: page 200 of 20, inside the API's 10,000-result window. */
export const DEEP_PAGE = { page: 200, pageSize: 20 } as const;

/**
 * The fixed query mix of issue 3, chosen from the facet counts of the unfiltered search so every
 * filter names values present in the data.
 */
export function pickSearchMix(counts: FacetValueCounts, seed: number): MixQuery[] {
  const random = createRng(seed);
  const pick = (facet: string) => pickCommonValue(counts[facet], random);
  const word = () => COMMON_WORDS[Math.floor(random() * COMMON_WORDS.length)] as string;
  const qs = (params: Array<[string, string | number]>) =>
    new URLSearchParams(params.map(([k, v]) => [k, String(v)])).toString();

  const textWord = word();
  const comboWord = word();
  return [
    { name: "no_filter", query: "" },
    { name: "one_facet", query: qs([["actionLine", pick("actionLine")]]) },
    {
      name: "two_facets",
      query: qs([
        ["region", pick("region")],
        ["sdg", pick("sdg")],
      ]),
    },
    { name: "full_text", query: qs([["q", textWord]]) },
    {
      name: "text_two_facets",
      query: qs([
        ["q", comboWord],
        ["stakeholderType", pick("stakeholderType")],
        ["status", pick("status")],
      ]),
    },
    {
      name: "deep_page",
      query: qs([
        ["page", DEEP_PAGE.page],
        ["pageSize", DEEP_PAGE.pageSize],
      ]),
    },
    { name: "rare_country", query: qs([["country", rarestValue(counts.country)]]) },
  ];
}

/** A query string as the search service's raw query: repeated parameters become lists. */
export function rawQueryOf(query: string): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const existing = raw[key];
    if (existing === undefined) raw[key] = value;
    else raw[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return raw;
}

/** The middle value (the mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 === 1
    ? (finite[mid] as number)
    : ((finite[mid - 1] as number) + (finite[mid] as number)) / 2;
}

/** How many times faster ours is than the reference; NaN when either time is missing or zero. */
export function speedup(baselineMs: number, oursMs: number): number {
  if (!(baselineMs > 0) || !(oursMs > 0)) return Number.NaN;
  return baselineMs / oursMs;
}
