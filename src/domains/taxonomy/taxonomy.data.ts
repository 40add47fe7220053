import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Language } from "../../platform/i18n.ts";

/**
 * WSIS reference taxonomies (Action Lines, SDGs, WSIS-SDG Matrix, ITU regions,
 * country -> region mapping, stakeholder types, target groups).
 *
 * The data sits in `data/*.json`, reviewed files used to seed the database. Administrators can
 * correct any of these values in the admin UI; after seeding, the database copy
 * is authoritative and this file is only the initial state.
 *
 * Sources: /work/shared/DOMAIN.md ("Taxonomies"), the Geneva Plan of Action (2003)
 * and ITU-D regional groupings. The WSIS-SDG Matrix links come from a third-party
 * compilation presented at WSIS Forum 2018 and are marked "(verify)" in DOMAIN.md;
 * their rationale texts are editorial and may be edited by administrators.
 *
 * Names are given in the six UN languages: the SDG short titles are the UN's own, the Action
 * Lines follow the Geneva Plan of Action / ITU WSIS wording. Descriptions and rationales are
 * English only, as the schema keeps one text for them.
 */

/** A name in each of the six UN languages, English included. */
export type SeedNames = Readonly<Record<Language, string>>;

export interface ActionLineSeed {
  code: string;
  names: SeedNames;
  facilitator: string;
  groupCode: string | null;
  sortOrder: number;
  description: string;
}

export interface SdgSeed {
  number: number;
  names: SeedNames;
  /** Official UN SDG colour, as "#RRGGBB". */
  colour: string;
}

export interface MatrixLinkSeed {
  actionLineCode: string;
  sdgNumber: number;
  rationale: string;
}

export interface CodeNameSeed {
  code: string;
  names: SeedNames;
  sortOrder: number;
}

/** The 18 WSIS Action Lines (C7 split into its eight applications), which are also the 18 WSIS Prize categories. */
function load<T>(file: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, file), "utf8")) as T;
}

const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "data");

export const ACTION_LINES = load<readonly ActionLineSeed[]>("action-lines.json");
export const SDGS = load<readonly SdgSeed[]>("sdgs.json");
export const SDG_MATRIX = load<readonly MatrixLinkSeed[]>("sdg-matrix.json");
export const REGIONS = load<readonly CodeNameSeed[]>("regions.json");
/** ISO 3166-1 alpha-2 -> ITU region. Judgement calls worth reviewing: EH -> ARB, XK -> EUR, AQ -> ASP. */
export const COUNTRY_REGIONS = load<Readonly<Record<string, string>>>("country-regions.json");
export const STAKEHOLDER_TYPES = load<readonly CodeNameSeed[]>("stakeholder-types.json");
export const TARGET_GROUPS = load<readonly CodeNameSeed[]>("target-groups.json");
