import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { countPublishedFigures, type PublishedFigures } from "./home.repo.ts";

export interface HomeData {
  figures: PublishedFigures;
  reference: ReferenceData;
}

/** What the home page needs: live counts of the public register and the names to show them by. */
export async function loadHome(db: Kysely<Database>): Promise<HomeData> {
  const [figures, reference] = await Promise.all([countPublishedFigures(db), loadReferenceData(db)]);
  return { figures, reference };
}
