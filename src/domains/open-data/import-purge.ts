import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { deleteFinishedJobs } from "./import-jobs.repo.ts";

/** Finished import jobs are kept this long: long enough to look back at what an import did. */
export const IMPORT_KEEP_DAYS = 30;
/**
 * Jobs purged per run at most: one transaction holds every row of the jobs it deletes (a job may
 * have a hundred thousand), so a backlog is worked off an hourly run at a time.
 */
export const IMPORT_PURGE_BATCH = 20;

/**
 * Housekeeping's purge of old import jobs (`deleteFinishedJobs`), audited once per run that
 * deleted any, in the same transaction. Safe from several instances at once. Returns how many.
 */
export async function purgeOldImports(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ids = await deleteFinishedJobs(trx, IMPORT_KEEP_DAYS, IMPORT_PURGE_BATCH);
    if (ids.length > 0)
      await recordAudit(trx, {
        actorId: null,
        action: "import.purge",
        subjectType: "import",
        subjectId: null,
        after: { count: ids.length, ids, olderThanDays: IMPORT_KEEP_DAYS },
      });
    return ids.length;
  });
}
