/**
 * Shared reference pools for the demo stocktaking generator (`demo-entries.ts`):
 * taxonomy codes, per-theme metadata (WSIS-SDG Matrix links, related Action Lines,
 * typical target groups) and weighted countries. Organisation and contact names and the
 * English phrase pack live in `demo-phrases-en.ts`, other languages in `demo-phrases-intl*.ts`;
 * `demo-phrases-load.ts` compiles them.
 *
 * Phrase packs are plain text so that translators can read them: `@CODE` starts an
 * Action Line theme (`T` = title cores, `G` = goal clauses), `#name` starts a
 * generic section; items are separated by new lines or ` | `. Within a theme, goal
 * clause i describes title core i (and cores beyond the last goal wrap around: core n
 * goes with goal n mod goals), so keep both lists in matching order.
 */

export const ACTION_LINES = [
  "C1",
  "C2",
  "C3",
  "C4",
  "C5",
  "C6",
  "C7-egov",
  "C7-ebus",
  "C7-elearn",
  "C7-ehealth",
  "C7-eemploy",
  "C7-eenv",
  "C7-eagri",
  "C7-esci",
  "C8",
  "C9",
  "C10",
  "C11",
] as const;
export type ActionLineCode = (typeof ACTION_LINES)[number];

export const STAKEHOLDER_TYPES = [
  "government",
  "private_sector",
  "civil_society",
  "international_organization",
  "academia",
  "technical_community",
  "other",
] as const;
export type StakeholderType = (typeof STAKEHOLDER_TYPES)[number];
/** Share of organisations per stakeholder type (2017 nominations: government 41.7%, business 22.4%...). */
export const STAKEHOLDER_WEIGHTS = [40, 21, 16, 6, 8, 5, 4] as const;

export const TARGET_GROUPS = [
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
] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export const LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

/** ITU regions, in the order used by every `regions` phrase section. */
export const REGION_CODES = ["AFR", "AMS", "ARB", "ASP", "CIS", "EUR"] as const;
/** 2018 prize submissions by region (Africa 14.1%, Americas 12.9%, Arab States 22.4%...). */
export const REGION_WEIGHTS = [14.1, 12.9, 22.4, 25.3, 11.8, 12.1] as const;

/**
 * Countries per region: ISO alpha-2 code, relative weight, then the languages other than
 * English in which local organisations often write (a = ar, f = fr, s = es, r = ru, z = zh).
 */
export const COUNTRY_TABLE: readonly string[] = [
  "NG6 KE6 ZA5 GH5 ET4 TZ4 UG4 RW4 SN4f CI3f CM3f ZM2 ZW3 MZ2 AO2 BW2 NA2 MW2 ML2f BF2f NE1f BJ2f TG1f GN1f MG2f CD2f CG1f GA1f TD1f MU2 LR1 SL1 GM1 CV1 SZ1 LS1 BI1f",
  "US5 CA3 MX5s BR6 AR4s CO4s CL3s PE3s VE2s EC2s BO2s PY1s UY2s CR2s PA1s GT2s HN1s SV1s NI1s DO2s CU1s HT1f JM1 TT1 BB1 BS1 GY1 BZ1",
  "EG6a SA6a AE6a MA4af DZ3af TN4af JO4a LB3af QA4a KW3a BH3a OM3a IQ3a SY2a YE2a PS3a SD3a LY2a MR1af DJ1af SO1a KM1af",
  "CN8z IN7 ID5 PK4 BD4 JP4 KR4 PH4 VN3 TH3 MY3 SG3 LK2 NP2 AU3 NZ2 IR3 AF2 MN1 KH1 LA1 MM1 BT1 MV1 FJ1 PG1 WS1 TO1 VU1 TL1",
  "RU6r KZ4r UZ3r BY3r KG2r TJ2r AZ2r AM2r MD1r TM1r",
  "FR4f DE4 GB4 IT3 ES4s PT3 NL3 BE2f CH4f AT2 SE2 NO2 DK2 FI2 PL3 RO2 HU2 CZ2 GR2 IE2 EE2 LT1 LV1 SI1 HR1 RS2 BG1 SK1 AL1 MK1 BA1 ME1 MT1 CY1 LU1f UA3 GE2 TR4 IS1",
];

/** Country names that read better than the `i18n-iso-countries` defaults; a leading "the " is dropped in prefixes. */
export const COUNTRY_NAME_OVERRIDES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  en: {
    TZ: "the United Republic of Tanzania",
    CI: "Côte d'Ivoire",
    CD: "the Democratic Republic of the Congo",
    CG: "the Republic of the Congo",
    GM: "the Gambia",
    CV: "Cabo Verde",
    US: "the United States",
    DO: "the Dominican Republic",
    BS: "the Bahamas",
    AE: "the United Arab Emirates",
    SY: "the Syrian Arab Republic",
    PS: "the State of Palestine",
    KM: "the Comoros",
    CN: "China",
    KR: "the Republic of Korea",
    PH: "the Philippines",
    IR: "Iran",
    LA: "the Lao PDR",
    MV: "the Maldives",
    RU: "the Russian Federation",
    MD: "the Republic of Moldova",
    GB: "the United Kingdom",
    NL: "the Netherlands",
    CZ: "Czechia",
    MK: "North Macedonia",
  },
  fr: {
    CI: "Côte d'Ivoire",
    US: "États-Unis",
    SZ: "Eswatini",
    DO: "République dominicaine",
    AE: "Émirats arabes unis",
    SA: "Arabie saoudite",
    CZ: "Tchéquie",
  },
  es: { CD: "República Democrática del Congo", LA: "Laos", SY: "Siria" },
  ru: { CN: "Китай", PG: "Папуа – Новая Гвинея" },
  ar: {},
  zh: {},
};

export interface ThemeMeta {
  /** Relative frequency among entries. */
  weight: number;
  /** URL-friendly slug. */
  slug: string;
  /** WSIS-SDG Matrix links of this Action Line, most relevant first. */
  sdgs: readonly number[];
  /** Action Lines often ticked together with this one. */
  related: readonly ActionLineCode[];
  /** Target groups typically served by such projects. */
  groups: readonly TargetGroup[];
}

export const THEMES: Readonly<Record<ActionLineCode, ThemeMeta>> = {
  C1: {
    weight: 6,
    slug: "digital-policy",
    sdgs: [16, 17, 10, 5, 1, 3],
    related: ["C6", "C11", "C7-egov"],
    groups: ["public_officials", "women_girls", "youth"],
  },
  C2: {
    weight: 7,
    slug: "connectivity",
    sdgs: [9, 11, 8, 1],
    related: ["C6", "C3", "C7-elearn"],
    groups: ["rural_remote", "low_income", "teachers_students"],
  },
  C3: {
    weight: 7,
    slug: "access-to-information",
    sdgs: [16, 10, 9, 5, 11, 1, 2, 3, 6, 7, 8, 12, 13, 14, 15, 17],
    related: ["C8", "C4", "C7-elearn"],
    groups: ["rural_remote", "persons_with_disabilities", "older_persons", "low_income"],
  },
  C4: {
    weight: 9,
    slug: "digital-skills",
    sdgs: [4, 5, 17, 1, 16, 3, 2, 6, 12, 13, 14],
    related: ["C7-elearn", "C7-eemploy", "C3"],
    groups: ["youth", "women_girls", "teachers_students", "older_persons", "public_officials"],
  },
  C5: {
    weight: 5,
    slug: "cybersecurity",
    sdgs: [16, 9, 17, 8, 5, 4, 11, 1, 7],
    related: ["C6", "C4", "C10"],
    groups: ["children", "msme", "public_officials", "older_persons"],
  },
  C6: {
    weight: 5,
    slug: "enabling-environment",
    sdgs: [9, 16, 17, 8, 10, 5, 4, 11, 2],
    related: ["C1", "C2", "C7-ebus"],
    groups: ["msme", "public_officials", "low_income"],
  },
  "C7-egov": {
    weight: 8,
    slug: "e-government",
    sdgs: [16, 9, 17],
    related: ["C1", "C5", "C3"],
    groups: ["public_officials", "rural_remote", "older_persons", "persons_with_disabilities"],
  },
  "C7-ebus": {
    weight: 6,
    slug: "e-business",
    sdgs: [8, 9, 5, 1, 17, 2],
    related: ["C6", "C7-eemploy", "C4"],
    groups: ["msme", "women_girls", "youth", "low_income"],
  },
  "C7-elearn": {
    weight: 9,
    slug: "e-learning",
    sdgs: [4],
    related: ["C4", "C2", "C3"],
    groups: ["teachers_students", "children", "youth", "rural_remote", "refugees_migrants"],
  },
  "C7-ehealth": {
    weight: 7,
    slug: "e-health",
    sdgs: [3, 5, 1, 17, 2],
    related: ["C2", "C4", "C7-esci"],
    groups: ["women_girls", "older_persons", "rural_remote", "children", "persons_with_disabilities"],
  },
  "C7-eemploy": {
    weight: 4,
    slug: "e-employment",
    sdgs: [8, 4, 10, 17, 12],
    related: ["C4", "C7-ebus", "C10"],
    groups: ["youth", "women_girls", "persons_with_disabilities", "refugees_migrants"],
  },
  "C7-eenv": {
    weight: 4,
    slug: "e-environment",
    sdgs: [13, 11, 15, 14, 9],
    related: ["C7-esci", "C7-eagri", "C2"],
    groups: ["rural_remote", "indigenous_peoples", "low_income"],
  },
  "C7-eagri": {
    weight: 5,
    slug: "e-agriculture",
    sdgs: [2, 1, 8, 5, 13, 12, 9, 3, 4, 17],
    related: ["C7-eenv", "C7-ebus", "C4"],
    groups: ["rural_remote", "msme", "women_girls", "low_income", "indigenous_peoples"],
  },
  "C7-esci": {
    weight: 3,
    slug: "e-science",
    sdgs: [4, 17, 13, 6, 7, 14, 15, 1],
    related: ["C2", "C3", "C7-eenv"],
    groups: ["teachers_students", "youth"],
  },
  C8: {
    weight: 3,
    slug: "cultural-diversity",
    sdgs: [11, 4, 8, 9, 12, 2, 6],
    related: ["C3", "C9", "C10"],
    groups: ["indigenous_peoples", "older_persons", "youth"],
  },
  C9: {
    weight: 3,
    slug: "media",
    sdgs: [16, 5, 9, 12],
    related: ["C8", "C10", "C3"],
    groups: ["youth", "persons_with_disabilities", "rural_remote", "women_girls"],
  },
  C10: {
    weight: 2,
    slug: "ethics",
    sdgs: [16, 10, 5, 4, 3, 9, 1, 2, 8, 11, 12, 13, 17],
    related: ["C5", "C9", "C1"],
    groups: ["youth", "children", "public_officials"],
  },
  C11: {
    weight: 3,
    slug: "international-cooperation",
    sdgs: [17],
    related: ["C1", "C6", "C2"],
    groups: ["public_officials"],
  },
};

/** Theme multipliers per stakeholder type (same order as STAKEHOLDER_TYPES). */
export const STAKEHOLDER_THEME_BOOST: readonly Readonly<Partial<Record<ActionLineCode, number>>>[] = [
  { C1: 2.5, C6: 2.5, "C7-egov": 3, C11: 1.5, C5: 1.5 },
  { C2: 3, "C7-ebus": 3, C5: 1.5, "C7-eemploy": 1.5 },
  { C4: 2, C3: 1.5, C8: 2, C10: 1.5, "C7-eemploy": 1.5 },
  { C11: 4, C1: 1.5, C6: 1.5 },
  { "C7-esci": 4, "C7-elearn": 2, C10: 2, C4: 1.5 },
  { C2: 2, C5: 3, C6: 1.5, "C7-esci": 1.5 },
  { C9: 3, C8: 2, C3: 1.5 },
];

/** Keywords of organisation names that reveal a thematic focus. */
export const ORG_FOCUS: readonly (readonly [string, ActionLineCode])[] = [
  ["Health", "C7-ehealth"],
  ["Education", "C7-elearn"],
  ["Agri", "C7-eagri"],
  ["Environment", "C7-eenv"],
  ["Labour", "C7-eemploy"],
  ["Culture", "C8"],
  ["Cyber", "C5"],
  ["Emergency Response", "C5"],
  ["Librar", "C3"],
  ["Radio", "C9"],
  ["Media", "C9"],
  ["Regulatory", "C6"],
  ["Research", "C7-esci"],
  ["Telecom", "C2"],
  ["Digital Government", "C7-egov"],
  ["Public Administration", "C7-egov"],
];

/** A language pack: phrase text plus the separators its grammar needs. */
export interface LanguagePackSource {
  text: string;
  /** Separator between list items and before the last one (countries, partners). */
  list: readonly [string, string];
  /** The same for target-group lists. */
  groupList: readonly [string, string];
  sentenceSep: string;
  thousands: string;
}
