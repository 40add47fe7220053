import fc from "fast-check";
import countries from "i18n-iso-countries";
import { describe, expect, it } from "vitest";
import { createRandom, type DemoEntry, generateDemoEntries, makeDemoOrganisations } from "./demo-entries.ts";
import {
  ACTION_LINES,
  COUNTRY_TABLE,
  LANGUAGES,
  REGION_CODES,
  STAKEHOLDER_TYPES,
  TARGET_GROUPS,
  THEMES,
} from "./demo-phrases.ts";

const ISO_CODES = new Set(Object.keys(countries.getAlpha2Codes()));
const REGION_OF = new Map(
  COUNTRY_TABLE.flatMap((row, i) => row.split(" ").map((t) => [t.slice(0, 2), REGION_CODES[i] as string])),
);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[a-z][a-z0-9.-]*@example\.(org|net)$/;
const WEBSITE = /^https:\/\/(example\.org\/|www\.example\.org\/|[a-z0-9-]+\.example\/)[a-z0-9/-]*$/;

/** Every rule an entry must follow; returns the broken ones. */
function problems(e: DemoEntry, orgs: Map<string, string>): string[] {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) out.push(what);
  };
  const distinct = (xs: readonly unknown[]) => new Set(xs).size === xs.length;
  check((LANGUAGES as readonly string[]).includes(e.language), "language");
  check(orgs.get(e.organisationKey) === e.stakeholderType, "organisation and its stakeholder type");
  check((STAKEHOLDER_TYPES as readonly string[]).includes(e.stakeholderType), "stakeholderType");
  check(["local", "national", "regional", "international"].includes(e.coverage), "coverage");
  check(e.countries.every((c) => ISO_CODES.has(c)) && distinct(e.countries), "countries");
  check(e.countries.length > 0 || e.coverage === "international", "empty countries only when international");
  check(!["local", "national"].includes(e.coverage) || e.countries.length === 1, "one country when national");
  check(
    e.actionLines.length >= 1 && e.actionLines.length <= 3 && distinct(e.actionLines),
    "actionLines count",
  );
  check(
    e.actionLines.every((a) => (ACTION_LINES as readonly string[]).includes(a)),
    "actionLines codes",
  );
  check(e.sdgs.length >= 1 && e.sdgs.length <= 4 && distinct(e.sdgs), "sdgs count");
  check(
    e.sdgs.every((s) => Number.isInteger(s) && s >= 1 && s <= 17),
    "sdgs range",
  );
  check(e.targetGroups.length <= 3 && distinct(e.targetGroups), "targetGroups count");
  check(
    e.targetGroups.every((g) => (TARGET_GROUPS as readonly string[]).includes(g)),
    "targetGroups codes",
  );
  check(["planned", "ongoing", "completed"].includes(e.projectStatus), "projectStatus");
  check(DATE.test(e.startDate) && e.startDate >= "2004-01-01" && e.startDate <= "2026-06-30", "startDate");
  check(e.endDate === null || (DATE.test(e.endDate) && e.endDate >= e.startDate), "endDate");
  check(e.projectStatus !== "completed" || e.endDate !== null, "completed projects have an end date");
  check(e.website === null || WEBSITE.test(e.website), `website ${e.website}`);
  check(EMAIL.test(e.contactEmail), `contactEmail ${e.contactEmail}`);
  check(/^\S+ \S+$/.test(e.contactName), "contactName");
  check(Number.isInteger(e.submittedYear) && e.submittedYear >= 2004 && e.submittedYear <= 2026, "year");
  check(e.title.length >= 5 && e.title.length <= 150, `title length ${e.title}`);
  check(e.description.length >= 80 && e.description.length <= 600, `description length ${e.description}`);
  for (const text of [e.title, e.description]) {
    check(!/[{}]|undefined|NaN|\s{2}/.test(text) && text.trim() === text, `text artefact: ${text}`);
  }
  return out;
}

const ORGS = makeDemoOrganisations(7, 400);
const ORG_TYPES = new Map(ORGS.map((o) => [o.key, o.stakeholderType]));
const ENTRIES = [...generateDemoEntries(7, 2000, ORGS)];

function countBy<T>(
  items: readonly T[],
  key: (item: T) => readonly (string | number)[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const k of key(item)) counts.set(String(k), (counts.get(String(k)) ?? 0) + 1);
  return counts;
}

describe("createRandom", () => {
  it("is deterministic and stays in [0, 1)", () => {
    const a = createRandom(123);
    const b = createRandom(123);
    const c = createRandom(124);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });
});

describe("makeDemoOrganisations", () => {
  it("is deterministic, with unique keys and names and valid fields", () => {
    expect(makeDemoOrganisations(7, 400)).toEqual(ORGS);
    expect(makeDemoOrganisations(8, 400)).not.toEqual(ORGS);
    const many = makeDemoOrganisations(1, 5000);
    expect(many).toHaveLength(5000);
    expect(new Set(many.map((o) => o.key)).size).toBe(5000);
    expect(new Set(many.map((o) => o.name)).size).toBe(5000);
    for (const o of many) {
      expect(o.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(ISO_CODES.has(o.countryCode)).toBe(true);
      expect(STAKEHOLDER_TYPES).toContain(o.stakeholderType);
    }
    expect(new Set(many.map((o) => o.stakeholderType)).size).toBe(STAKEHOLDER_TYPES.length);
    expect(many.some((o) => /^Ministry of .+ of .+/.test(o.name))).toBe(true);
  });
});

describe("generateDemoEntries", () => {
  it("is deterministic: same seed and count give identical output, a longer run extends a shorter one", () => {
    expect([...generateDemoEntries(7, 2000, ORGS)]).toEqual(ENTRIES);
    expect([...generateDemoEntries(7, 300, ORGS)]).toEqual(ENTRIES.slice(0, 300));
    expect([...generateDemoEntries(8, 300, ORGS)]).not.toEqual(ENTRIES.slice(0, 300));
  });

  it("produces valid entries", () => {
    const broken = ENTRIES.map((e) => problems(e, ORG_TYPES)).filter((p) => p.length > 0);
    expect(broken).toEqual([]);
  });

  it("produces valid entries for any seed", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 30 }), (seed, orgCount) => {
        const orgs = makeDemoOrganisations(seed, orgCount);
        const types = new Map(orgs.map((o) => [o.key, o.stakeholderType]));
        for (const e of generateDemoEntries(seed, 40, orgs)) expect(problems(e, types)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("covers every action line, SDG, stakeholder type, target group, region, status and coverage", () => {
    expect(countBy(ENTRIES, (e) => e.actionLines).size).toBe(18);
    expect(countBy(ENTRIES, (e) => e.sdgs).size).toBe(17);
    expect(countBy(ENTRIES, (e) => [e.stakeholderType]).size).toBe(7);
    expect(countBy(ENTRIES, (e) => e.targetGroups).size).toBe(12);
    expect(countBy(ENTRIES, (e) => [e.projectStatus]).size).toBe(3);
    expect(countBy(ENTRIES, (e) => [e.coverage]).size).toBe(4);
    const regions = countBy(ENTRIES, (e) => [...new Set(e.countries.map((c) => REGION_OF.get(c) ?? "?"))]);
    expect([...regions.keys()].sort()).toEqual([...REGION_CODES].sort());
    // Non-trivial spread: every action line in at least 1% of entries, every SDG in at least 0.5%.
    for (const n of countBy(ENTRIES, (e) => e.actionLines).values()) expect(n).toBeGreaterThanOrEqual(20);
    for (const n of countBy(ENTRIES, (e) => e.sdgs).values()) expect(n).toBeGreaterThanOrEqual(10);
    expect(ENTRIES.some((e) => e.coverage === "international" && e.countries.length === 0)).toBe(true);
  });

  it("weights regions like the 2018 submissions: Asia-Pacific and Arab States first", () => {
    const orgs = makeDemoOrganisations(3, 3000);
    const shares = countBy(orgs, (o) => [REGION_OF.get(o.countryCode) ?? "?"]);
    const ranked = [...shares.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
    expect(ranked.slice(0, 2).sort()).toEqual(["ARB", "ASP"]);
    expect(shares.get("?")).toBeUndefined();
  });

  it("writes mostly English text, with at least five languages", () => {
    const languages = countBy(ENTRIES, (e) => [e.language]);
    expect(languages.size).toBeGreaterThanOrEqual(5);
    const english = (languages.get("en") ?? 0) / ENTRIES.length;
    expect(english).toBeGreaterThan(0.6);
    expect(english).toBeLessThan(0.82);
    const sample = (lang: string, pattern: RegExp) =>
      ENTRIES.filter((e) => e.language === lang).every((e) => pattern.test(e.description));
    expect(sample("ar", /[\u0600-\u06ff]/)).toBe(true);
    expect(sample("ru", /[\u0400-\u04ff]/)).toBe(true);
    expect(sample("zh", /[\u4e00-\u9fff]/)).toBe(true);
  });

  it("keeps titles mostly distinct", () => {
    expect(new Set(ENTRIES.map((e) => e.title)).size).toBeGreaterThanOrEqual(0.9 * ENTRIES.length);
    expect(new Set(ENTRIES.map((e) => e.description)).size).toBeGreaterThanOrEqual(0.95 * ENTRIES.length);
  });

  it("correlates SDGs with the action lines (WSIS-SDG Matrix) and skews submissions to recent years", () => {
    let linked = 0;
    let total = 0;
    for (const e of ENTRIES) {
      const matrix = new Set(e.actionLines.flatMap((a) => THEMES[a as keyof typeof THEMES].sdgs));
      for (const s of e.sdgs) {
        total++;
        if (matrix.has(s)) linked++;
      }
    }
    expect(linked / total).toBeGreaterThan(0.8);
    const recent = ENTRIES.filter((e) => e.submittedYear >= 2015).length;
    expect(recent / ENTRIES.length).toBeGreaterThan(0.6);
  });

  it("generates 100,000 entries quickly", () => {
    const orgs = makeDemoOrganisations(1, 5000);
    // CPU time rather than wall time, so that a busy machine does not make the test flaky.
    const started = process.cpuUsage();
    let n = 0;
    for (const e of generateDemoEntries(1, 100_000, orgs)) n += e.actionLines.length > 0 ? 1 : 0;
    const used = process.cpuUsage(started);
    expect(n).toBe(100_000);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
  });

  it("rejects an empty organisation list", () => {
    expect(() => [...generateDemoEntries(1, 1, [])]).toThrow(RangeError);
    expect([...generateDemoEntries(1, 0, [])]).toEqual([]);
  });
});
