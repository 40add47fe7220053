import countries from "i18n-iso-countries";
import { describe, expect, it } from "vitest";
import { UN_LANGUAGES } from "../../platform/i18n.ts";
import {
  ACTION_LINES,
  COUNTRY_REGIONS,
  REGIONS,
  SDG_MATRIX,
  SDGS,
  STAKEHOLDER_TYPES,
  TARGET_GROUPS,
} from "./taxonomy.data.ts";

const ALL_SDGS = Array.from({ length: 17 }, (_, i) => i + 1);

/** The WSIS-SDG Matrix exactly as DOMAIN.md lists it. */
const EXPECTED_MATRIX: Record<string, number[]> = {
  C1: [1, 3, 5, 10, 16, 17],
  C2: [1, 8, 9, 11],
  C3: ALL_SDGS.filter((n) => n !== 4),
  C4: [1, 2, 3, 4, 5, 6, 12, 13, 14, 16, 17],
  C5: [1, 4, 5, 7, 8, 9, 11, 16, 17],
  C6: [2, 4, 5, 8, 9, 10, 11, 16, 17],
  "C7-egov": [9, 16, 17],
  "C7-ebus": [1, 2, 5, 8, 9, 17],
  "C7-elearn": [4],
  "C7-ehealth": [1, 2, 3, 5, 17],
  "C7-eemploy": [4, 8, 10, 12, 17],
  "C7-eenv": [9, 11, 13, 14, 15],
  "C7-eagri": [1, 2, 3, 4, 5, 8, 9, 12, 13, 17],
  "C7-esci": [1, 4, 6, 7, 13, 14, 15, 17],
  C8: [2, 4, 6, 8, 9, 11, 12],
  C9: [5, 9, 12, 16],
  C10: [1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 16, 17],
  C11: [17],
};

// C1 6 + C2 4 + C3 16 + C4 11 + C5 9 + C6 9 + egov 3 + ebus 6 + elearn 1 + ehealth 5
// + eemploy 5 + eenv 5 + eagri 10 + esci 8 + C8 7 + C9 4 + C10 13 + C11 1 = 123
const EXPECTED_LINK_COUNT = 123;

describe("ACTION_LINES", () => {
  it("has 18 action lines with unique codes in sort order", () => {
    expect(ACTION_LINES).toHaveLength(18);
    expect(new Set(ACTION_LINES.map((a) => a.code)).size).toBe(18);
    expect(ACTION_LINES.map((a) => a.sortOrder)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(ACTION_LINES.map((a) => a.code)).toEqual(Object.keys(EXPECTED_MATRIX));
  });

  it("groups exactly the eight C7 applications under C7", () => {
    const c7 = ACTION_LINES.filter((a) => a.groupCode === "C7");
    expect(c7).toHaveLength(8);
    for (const a of c7) {
      expect(a.code.startsWith("C7-")).toBe(true);
      expect(a.names.en.startsWith("ICT applications: E-")).toBe(true);
    }
    expect(ACTION_LINES.filter((a) => a.groupCode === null)).toHaveLength(10);
  });

  it("has a name, facilitator and description for every line", () => {
    for (const a of ACTION_LINES) {
      expect(a.names.en.trim()).not.toBe("");
      expect(a.facilitator.trim()).not.toBe("");
      expect(a.description.trim().length).toBeGreaterThan(20);
    }
  });
});

describe("SDGS", () => {
  it("has the 17 goals numbered 1..17 with hex colours", () => {
    expect(SDGS.map((s) => s.number)).toEqual(ALL_SDGS);
    for (const s of SDGS) {
      expect(s.colour).toMatch(/^#[0-9A-F]{6}$/);
      expect(s.names.en.trim()).not.toBe("");
    }
    expect(new Set(SDGS.map((s) => s.colour)).size).toBe(17);
  });
});

describe("SDG_MATRIX", () => {
  const actionLineCodes = new Set(ACTION_LINES.map((a) => a.code));
  const sdgNumbers = new Set(SDGS.map((s) => s.number));

  it("has the DOMAIN.md link count", () => {
    const fromExpected = Object.values(EXPECTED_MATRIX).reduce((sum, l) => sum + l.length, 0);
    expect(fromExpected).toBe(EXPECTED_LINK_COUNT);
    expect(SDG_MATRIX).toHaveLength(EXPECTED_LINK_COUNT);
  });

  it("references only known action lines and SDGs, without duplicate pairs", () => {
    const pairs = new Set<string>();
    for (const link of SDG_MATRIX) {
      expect(actionLineCodes.has(link.actionLineCode)).toBe(true);
      expect(sdgNumbers.has(link.sdgNumber)).toBe(true);
      pairs.add(`${link.actionLineCode}:${link.sdgNumber}`);
    }
    expect(pairs.size).toBe(SDG_MATRIX.length);
  });

  it("matches the DOMAIN.md links for every action line", () => {
    for (const [code, sdgs] of Object.entries(EXPECTED_MATRIX)) {
      const actual = SDG_MATRIX.filter((l) => l.actionLineCode === code)
        .map((l) => l.sdgNumber)
        .sort((a, b) => a - b);
      expect(actual, code).toEqual(sdgs);
    }
  });

  it("has a unique, non-empty rationale under 200 characters for every link", () => {
    for (const link of SDG_MATRIX) {
      expect(link.rationale.trim()).not.toBe("");
      expect(link.rationale.length).toBeLessThan(200);
    }
    expect(new Set(SDG_MATRIX.map((l) => l.rationale)).size).toBe(SDG_MATRIX.length);
  });
});

describe("REGIONS and COUNTRY_REGIONS", () => {
  const regionCodes = REGIONS.map((r) => r.code);

  it("has the six ITU regions", () => {
    expect(regionCodes).toEqual(["AFR", "AMS", "ARB", "ASP", "CIS", "EUR"]);
  });

  it("maps every alpha-2 code from i18n-iso-countries to a known region", () => {
    const alpha2 = Object.keys(countries.getAlpha2Codes());
    expect(alpha2.length).toBeGreaterThan(240);
    const unmapped = alpha2.filter((code) => !regionCodes.includes(COUNTRY_REGIONS[code] ?? ""));
    expect(unmapped).toEqual([]);
  });

  it("maps only real alpha-2 codes", () => {
    const alpha2 = new Set(Object.keys(countries.getAlpha2Codes()));
    for (const code of Object.keys(COUNTRY_REGIONS)) {
      expect(alpha2.has(code), code).toBe(true);
    }
  });

  it("has plausible region sizes", () => {
    const size = (region: string) => Object.values(COUNTRY_REGIONS).filter((r) => r === region).length;
    expect(size("CIS")).toBeGreaterThanOrEqual(9);
    expect(size("CIS")).toBeLessThanOrEqual(13);
    expect(size("ARB")).toBeGreaterThanOrEqual(20);
    expect(size("ARB")).toBeLessThanOrEqual(23);
    expect(size("AFR")).toBeGreaterThanOrEqual(44);
    expect(size("AMS")).toBeGreaterThanOrEqual(35);
    expect(size("ASP")).toBeGreaterThanOrEqual(38);
    expect(size("EUR")).toBeGreaterThanOrEqual(45);
  });

  it("follows ITU groupings for known edge cases", () => {
    const expected: Record<string, string> = {
      EG: "ARB",
      DZ: "ARB",
      MA: "ARB",
      SD: "ARB",
      MR: "ARB",
      SO: "ARB",
      DJ: "ARB",
      KM: "ARB",
      LY: "ARB",
      TN: "ARB",
      PS: "ARB",
      RU: "CIS",
      KZ: "CIS",
      MD: "CIS",
      AM: "CIS",
      UA: "EUR",
      GE: "EUR",
      IL: "EUR",
      TR: "EUR",
      IR: "ASP",
      NG: "AFR",
      ZA: "AFR",
      US: "AMS",
      GL: "AMS",
    };
    for (const [code, region] of Object.entries(expected)) {
      expect(COUNTRY_REGIONS[code], code).toBe(region);
    }
  });
});

describe("STAKEHOLDER_TYPES and TARGET_GROUPS", () => {
  it("has the seven stakeholder types", () => {
    expect(STAKEHOLDER_TYPES.map((s) => s.code)).toEqual([
      "government",
      "private_sector",
      "civil_society",
      "international_organization",
      "academia",
      "technical_community",
      "other",
    ]);
  });

  it("has the twelve target groups", () => {
    expect(TARGET_GROUPS.map((t) => t.code)).toEqual([
      "youth",
      "children",
      "women_girls",
      "older_persons",
      "persons_with_disabilities",
      "indigenous_peoples",
      "rural_remote",
      "low_income",
      "refugees_migrants",
      "msme",
      "teachers_students",
      "public_officials",
    ]);
    for (const list of [STAKEHOLDER_TYPES, TARGET_GROUPS]) {
      expect(list.map((x) => x.sortOrder)).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));
    }
  });
});

describe("names in the six UN languages", () => {
  const lists = {
    ACTION_LINES: ACTION_LINES.map((a) => ({ key: a.code, names: a.names })),
    SDGS: SDGS.map((s) => ({ key: String(s.number), names: s.names })),
    REGIONS: REGIONS.map((r) => ({ key: r.code, names: r.names })),
    STAKEHOLDER_TYPES: STAKEHOLDER_TYPES.map((s) => ({ key: s.code, names: s.names })),
    TARGET_GROUPS: TARGET_GROUPS.map((t) => ({ key: t.code, names: t.names })),
  };

  it.each(Object.entries(lists))(
    "%s has exactly the six languages, each non-empty and trimmed",
    (_, items) => {
      for (const { key, names } of items) {
        expect(Object.keys(names).sort(), key).toEqual([...UN_LANGUAGES].sort());
        for (const lang of UN_LANGUAGES) {
          const name = names[lang];
          expect(name.trim(), `${key} ${lang}`).toBe(name);
          expect(name, `${key} ${lang}`).not.toBe("");
        }
      }
    },
  );

  it("uses the UN short titles of the Goals", () => {
    expect(SDGS[0]?.names).toEqual({
      en: "No poverty",
      ar: "القضاء على الفقر",
      zh: "无贫穷",
      fr: "Pas de pauvreté",
      ru: "Ликвидация нищеты",
      es: "Fin de la pobreza",
    });
  });

  it("gives the eight C7 applications one shared prefix per language", () => {
    const c7 = ACTION_LINES.filter((a) => a.groupCode === "C7");
    for (const lang of UN_LANGUAGES) {
      const prefixes = new Set(c7.map((a) => a.names[lang].split(/\s*[:：]\s*/)[0]));
      expect(prefixes.size, lang).toBe(1);
    }
  });
});
