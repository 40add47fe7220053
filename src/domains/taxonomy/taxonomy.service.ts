import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { loadReferenceData, type ReferenceData } from "./taxonomy.repo.ts";

/**
 * The reference pages, their API and the admin screens all read the whole reference data set:
 * a few hundred rows in one round of queries, always current after an admin edit.
 */
export async function readReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  return loadReferenceData(db);
}
