import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Follow-ups after a commit walk the written rows (`import_written`) a batch per transaction. */

type Db = Kysely<Database> | Transaction<Database>;

/** The next written entries after row `afterRow`, in row order. */
export async function nextFollowUpRows(
  db: Db,
  jobId: string,
  afterRow: number,
  limit: number,
): Promise<Array<{ row_number: number; entry_id: string }>> {
  return db
    .selectFrom("import_written")
    .select(["row_number", "entry_id"])
    .where("job_id", "=", jobId)
    .where("row_number", ">", afterRow)
    .orderBy("row_number")
    .limit(limit)
    .execute();
}

/**
 * Records that follow-ups ran up to row `to` (in the batch's transaction); false when the job was
 * no longer at `from` (another worker did this batch).
 */
export async function saveFollowUpProgress(
  trx: Transaction<Database>,
  jobId: string,
  progress: { from: number; to: number; count: number },
  leaseMs: number,
): Promise<boolean> {
  const result = await trx
    .updateTable("import_jobs")
    .set((eb) => ({
      followups_row: progress.to,
      followups_done: eb("followups_done", "+", progress.count),
      lease_until: new Date(Date.now() + leaseMs),
    }))
    .where("id", "=", jobId)
    .where("followups_pending", "=", true)
    .where("followups_row", "=", progress.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishFollowUps(db: Db, jobId: string): Promise<void> {
  await db.updateTable("import_jobs").set({ followups_pending: false }).where("id", "=", jobId).execute();
}
