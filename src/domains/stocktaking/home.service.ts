import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { loadReferenceData, type ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { countPublishedFigures, type PublishedFigures } from "./home.repo.ts";
import type { SearchIndexService } from "./search-index/search-index.service.ts";

export interface HomeData {
  figures: PublishedFigures;
  reference: ReferenceData;
}

/**
 * What the home page needs: live counts of the public register and the names to show them by. The
 * search index keeps these counts anyway; SQL counts them only while it builds.
 */
export async function loadHome(db: Kysely<Database>, search: SearchIndexService): Promise<HomeData> {
  const [figures, reference] = await Promise.all([
    search.figures().then((fromIndex) => fromIndex ?? countPublishedFigures(db)),
    loadReferenceData(db),
  ]);
  return { figures, reference };
}
