import type { Kysely } from "kysely";
import type { Database, LocalisedNames } from "../../db/schema.ts";

export interface ActionLineRow {
  code: string;
  names: LocalisedNames;
  facilitator: string;
  group_code: string | null;
  description: string;
  sort_order: number;
}
export interface SdgRow {
  number: number;
  names: LocalisedNames;
  colour: string;
}
export interface CodeListRow {
  code: string;
  names: LocalisedNames;
  sort_order: number;
}
export interface CountryRow {
  code: string;
  region_code: string | null;
}
export interface MatrixLinkRow {
  action_line_code: string;
  sdg_number: number;
  rationale: string;
}

/** All reference data in display order; a few hundred rows, read in one round of queries. */
export interface ReferenceData {
  actionLines: ActionLineRow[];
  sdgs: SdgRow[];
  matrix: MatrixLinkRow[];
  regions: CodeListRow[];
  countries: CountryRow[];
  stakeholderTypes: CodeListRow[];
  targetGroups: CodeListRow[];
}

export async function loadReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const [actionLines, sdgs, matrix, regions, countries, stakeholderTypes, targetGroups] = await Promise.all([
    db.selectFrom("action_lines").selectAll().orderBy("sort_order").orderBy("code").execute(),
    db.selectFrom("sdgs").selectAll().orderBy("number").execute(),
    db.selectFrom("action_line_sdgs").selectAll().orderBy("action_line_code").orderBy("sdg_number").execute(),
    db.selectFrom("regions").selectAll().orderBy("sort_order").execute(),
    db.selectFrom("countries").selectAll().orderBy("code").execute(),
    db.selectFrom("stakeholder_types").selectAll().orderBy("sort_order").execute(),
    db.selectFrom("target_groups").selectAll().orderBy("sort_order").execute(),
  ]);
  return { actionLines, sdgs, matrix, regions, countries, stakeholderTypes, targetGroups };
}
