import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { IMPORT_LEASE_MS } from "./import.service.ts";
import { finishFollowUps, nextFollowUpRows, saveFollowUpProgress } from "./import-followups.repo.ts";
import { IMPORT_FOLLOW_UP_BATCH, IMPORT_FOLLOW_UPS } from "./import-hooks.ts";
import { findJob, type ImportJob } from "./import-jobs.repo.ts";

/**
 * Runs the follow-ups (`IMPORT_FOLLOW_UPS`: duplicate detection) over a committed job's written
 * entries, a batch per transaction, until all are done or the budget runs out; the worker does
 * what a request leaves. Resumes after the last batch that committed.
 */
export async function runFollowUps(
  db: Kysely<Database>,
  jobId: string,
  options: {
    budgetMs?: number;
    shouldStop?: () => boolean;
    onProgress?: (done: number, total: number) => void;
    /** Stop after this many entries (the benchmark's sample). */
    limit?: number;
  } = {},
): Promise<ImportJob | undefined> {
  const started = Date.now();
  let job = await findJob(db, jobId);
  if (!job?.followups_pending) return job;
  const total = job.creates + job.updates;
  let after = job.followups_row;
  let done = job.followups_done;
  options.onProgress?.(done, total);
  const stopAt = options.limit === undefined ? Number.POSITIVE_INFINITY : done + options.limit;
  for (;;) {
    if (options.shouldStop?.() || done >= stopAt) break;
    if (options.budgetMs !== undefined && Date.now() - started > options.budgetMs) break;
    const rows = await nextFollowUpRows(db, jobId, after, IMPORT_FOLLOW_UP_BATCH);
    if (rows.length === 0) {
      await finishFollowUps(db, jobId);
      break;
    }
    const to = (rows.at(-1) as { row_number: number }).row_number;
    const from = after;
    const saved = await db.transaction().execute(async (trx) => {
      const ids = rows.map((row) => row.entry_id);
      for (const followUp of IMPORT_FOLLOW_UPS) await followUp(trx, ids);
      return saveFollowUpProgress(trx, jobId, { from, to, count: rows.length }, IMPORT_LEASE_MS);
    });
    if (!saved) break;
    after = to;
    done += rows.length;
    options.onProgress?.(done, total);
  }
  job = await findJob(db, jobId);
  return job;
}
