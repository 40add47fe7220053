import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import {
  ACTION_LINES,
  COUNTRY_REGIONS,
  type CodeNameSeed,
  REGIONS,
  SDG_MATRIX,
  SDGS,
  type SeedNames,
  STAKEHOLDER_TYPES,
  TARGET_GROUPS,
} from "./taxonomy.data.ts";

const namesJson = (seed: SeedNames) => JSON.stringify(seed);
const codeList = (items: readonly CodeNameSeed[]) =>
  items.map((item) => ({ code: item.code, names: namesJson(item.names), sort_order: item.sortOrder }));

type ReferenceTable =
  | "action_lines"
  | "sdgs"
  | "action_line_sdgs"
  | "regions"
  | "countries"
  | "stakeholder_types"
  | "target_groups";

async function isEmpty(trx: Transaction<Database>, table: ReferenceTable): Promise<boolean> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.lit(1).as("one"))
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

/**
 * Fills each reference table only while it is empty, so running it again changes nothing and
 * admins' corrections and deletions survive every restart: after the first start the database
 * copy is authoritative.
 */
export async function seedReferenceData(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await isEmpty(trx, "action_lines")) {
      await trx
        .insertInto("action_lines")
        .values(
          ACTION_LINES.map((line) => ({
            code: line.code,
            names: namesJson(line.names),
            facilitator: line.facilitator,
            group_code: line.groupCode,
            description: line.description,
            sort_order: line.sortOrder,
          })),
        )
        .execute();
    }
    if (await isEmpty(trx, "sdgs")) {
      await trx
        .insertInto("sdgs")
        .values(SDGS.map((sdg) => ({ number: sdg.number, names: namesJson(sdg.names), colour: sdg.colour })))
        .execute();
    }
    if (await isEmpty(trx, "action_line_sdgs")) {
      await trx
        .insertInto("action_line_sdgs")
        .values(
          SDG_MATRIX.map((link) => ({
            action_line_code: link.actionLineCode,
            sdg_number: link.sdgNumber,
            rationale: link.rationale,
          })),
        )
        .execute();
    }
    if (await isEmpty(trx, "regions")) await trx.insertInto("regions").values(codeList(REGIONS)).execute();
    if (await isEmpty(trx, "countries")) {
      await trx
        .insertInto("countries")
        .values(Object.entries(COUNTRY_REGIONS).map(([code, region]) => ({ code, region_code: region })))
        .execute();
    }
    if (await isEmpty(trx, "stakeholder_types"))
      await trx.insertInto("stakeholder_types").values(codeList(STAKEHOLDER_TYPES)).execute();
    if (await isEmpty(trx, "target_groups"))
      await trx.insertInto("target_groups").values(codeList(TARGET_GROUPS)).execute();
  });
}
