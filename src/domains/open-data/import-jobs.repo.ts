import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Database, ImportJobsTable, ImportStatus } from "../../db/schema.ts";

/**
 * Import jobs (`import_jobs`, with their file in `import_files`): stored, found, listed, leased,
 * moved between states, purged.
 */

type Db = Kysely<Database> | Transaction<Database>;

export type ImportJob = Selectable<ImportJobsTable>;

export async function insertJob(
  trx: Transaction<Database>,
  values: Insertable<ImportJobsTable>,
  gzip: Buffer,
  leaseMs: number,
): Promise<ImportJob> {
  const job = await trx
    .insertInto("import_jobs")
    .values({ ...values, lease_until: leaseMs > 0 ? new Date(Date.now() + leaseMs) : null })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto("import_files").values({ job_id: job.id, gzip }).execute();
  return job;
}

export async function findJob(db: Db, id: string): Promise<ImportJob | undefined> {
  return db.selectFrom("import_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The job row locked until the transaction ends: commits and status changes serialise on it. */
export async function lockJob(trx: Transaction<Database>, id: string): Promise<ImportJob | undefined> {
  return trx.selectFrom("import_jobs").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export interface ImportJobListRow extends ImportJob {
  user_name: string;
}

/** Newest first; `userId` null lists everyone's (admins). */
export async function listJobs(
  db: Db,
  userId: string | null,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: ImportJobListRow[] }> {
  let count = db.selectFrom("import_jobs").select((eb) => eb.fn.countAll<string>().as("n"));
  let rows = db
    .selectFrom("import_jobs")
    .innerJoin("users", "users.id", "import_jobs.user_id")
    .selectAll("import_jobs")
    .select("users.name as user_name")
    .orderBy("import_jobs.id", "desc")
    .limit(limit)
    .offset(offset);
  if (userId !== null) {
    count = count.where("user_id", "=", userId);
    rows = rows.where("import_jobs.user_id", "=", userId);
  }
  const [total, list] = await Promise.all([count.executeTakeFirstOrThrow(), rows.execute()]);
  return { total: Number(total.n), rows: list };
}

export async function readJobFile(db: Db, jobId: string): Promise<Buffer> {
  const row = await db
    .selectFrom("import_files")
    .select("gzip")
    .where("job_id", "=", jobId)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.gzip);
}

/**
 * Takes the oldest job that needs work and that no one holds (a lease that ran out counts as
 * free: its holder died), for `leaseMs`. Rows locked by a running commit are skipped.
 */
export async function claimNextJob(db: Db, leaseMs: number): Promise<ImportJob | undefined> {
  const result = await sql<ImportJob>`
    update import_jobs set lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    where id = (
      select id from import_jobs
      where (status in ('validating', 'committing') or followups_pending)
        and (lease_until is null or lease_until < now())
      order by id limit 1
      for update skip locked
    )
    returning *
  `.execute(db);
  return result.rows[0];
}

export async function setLease(db: Db, jobId: string, leaseMs: number | null): Promise<void> {
  await db
    .updateTable("import_jobs")
    .set({ lease_until: leaseMs === null ? null : new Date(Date.now() + leaseMs) })
    .where("id", "=", jobId)
    .execute();
}

export async function setReferenceVersion(db: Db, jobId: string, version: string): Promise<void> {
  await db.updateTable("import_jobs").set({ reference_version: version }).where("id", "=", jobId).execute();
}

export async function currentReferenceVersion(db: Db): Promise<string> {
  const row = await db.selectFrom("reference_version").select("version").executeTakeFirst();
  return String(row?.version ?? "");
}

/** Moves a job between states, only from the one expected; false when it was elsewhere. */
export async function moveJob(
  db: Db,
  jobId: string,
  from: ImportStatus,
  values: { status: ImportStatus; committed_by?: string; error?: { code: string } | null },
): Promise<boolean> {
  const result = await db
    .updateTable("import_jobs")
    .set({
      status: values.status,
      ...(values.committed_by ? { committed_by: values.committed_by } : {}),
      ...(values.error !== undefined ? { error: values.error ? JSON.stringify(values.error) : null } : {}),
      updated_at: new Date(),
    })
    .where("id", "=", jobId)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markCommitted(
  trx: Transaction<Database>,
  jobId: string,
  actorId: string,
  followUps: boolean,
): Promise<void> {
  await trx
    .updateTable("import_jobs")
    .set({
      status: "committed",
      followups_pending: followUps,
      committed_at: new Date(),
      committed_by: actorId,
      lease_until: null,
      error: null,
      updated_at: new Date(),
    })
    .where("id", "=", jobId)
    .execute();
}

/**
 * Deletes up to `limit` jobs whose work is over and that have not changed for `days` days:
 * committed (follow-ups done), failed, or a dry run never committed (`ready`, `invalid`). Their
 * file, verdicts and written rows go with them (foreign keys cascade); the source's external ids
 * stay (their `job_id` becomes null), so re-importing still updates instead of duplicating. A job
 * that is running, waiting, held by a lease or locked by a commit is never touched.
 */
export async function deleteFinishedJobs(db: Db, days: number, limit: number): Promise<string[]> {
  const result = await sql<{ id: string }>`
    delete from import_jobs where id in (
      select id from import_jobs
      where status in ('committed', 'failed', 'ready', 'invalid') and not followups_pending
        and updated_at < now() - make_interval(days => ${days})
        and (lease_until is null or lease_until < now())
      order by id limit ${limit}
      for update skip locked
    )
    returning id
  `.execute(db);
  return result.rows.map((row) => row.id);
}
