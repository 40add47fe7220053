import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, ImportOutcome, ImportStatus } from "../../db/schema.ts";
import type { RowError, StagedRow } from "./import-rows.ts";

/**
 * The dry run's verdicts (`import_rows`): stored a batch at a time, counted, listed, and read
 * back by the commit.
 */

type Db = Kysely<Database> | Transaction<Database>;

const stagedJson = (rows: StagedRow[]) =>
  JSON.stringify(
    rows.map((row) => ({
      row_number: row.rowNumber,
      outcome: row.outcome,
      external_id: row.externalId,
      entry_id: row.entryId,
      base_revision_id: row.baseRevisionId,
      base_published_revision_id: row.basePublishedRevisionId,
      owner_id: row.ownerId,
      map_external_id: row.mapExternalId,
      title: row.title,
      errors: row.errors,
    })),
  );

/**
 * Stores one batch's verdicts and moves the job's progress from `from` to `to`, in the caller's
 * transaction. Returns false (and the caller rolls back) when the job is no longer at `from`:
 * someone else processed this batch, or the dry run was restarted.
 */
export async function saveValidatedBatch(
  trx: Transaction<Database>,
  jobId: string,
  rows: StagedRow[],
  progress: { from: number; to: number },
  leaseMs: number,
): Promise<boolean> {
  const moved = await trx
    .updateTable("import_jobs")
    .set({
      rows_done: progress.to,
      updated_at: new Date(),
      lease_until: new Date(Date.now() + leaseMs),
    })
    .where("id", "=", jobId)
    .where("status", "=", "validating")
    .where("rows_done", "=", progress.from)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) return false;
  if (rows.length === 0) return true;
  await sql`
    insert into import_rows (job_id, row_number, outcome, external_id, entry_id, base_revision_id,
      base_published_revision_id, owner_id, map_external_id, title, errors)
    select ${jobId}::bigint, row_number, outcome, external_id, entry_id, base_revision_id,
      base_published_revision_id, owner_id, map_external_id, title, errors
    from jsonb_to_recordset(${stagedJson(rows)}::jsonb) as x(row_number int, outcome text,
      external_id text, entry_id bigint, base_revision_id bigint, base_published_revision_id bigint,
      owner_id bigint, map_external_id boolean, title text, errors jsonb)
    on conflict (job_id, row_number) do update set outcome = excluded.outcome,
      external_id = excluded.external_id, entry_id = excluded.entry_id,
      base_revision_id = excluded.base_revision_id,
      base_published_revision_id = excluded.base_published_revision_id, owner_id = excluded.owner_id,
      map_external_id = excluded.map_external_id, title = excluded.title, errors = excluded.errors
  `.execute(trx);
  return true;
}

/**
 * Ends a dry run: a later row aiming at an entry an earlier row already updates is an error
 * (one revision per entry per import), then the counts are taken from the stored verdicts.
 */
export async function finishValidation(
  trx: Transaction<Database>,
  jobId: string,
  referenceVersion: string,
): Promise<ImportStatus> {
  await sql`
    update import_rows r set outcome = 'error',
      errors = jsonb_build_array(jsonb_build_object('column', 'id', 'code', 'duplicate_row'))
    from (
      select entry_id, min(row_number) as first from import_rows
      where job_id = ${jobId} and entry_id is not null and outcome <> 'error'
      group by entry_id having count(*) > 1
    ) d
    where r.job_id = ${jobId} and r.entry_id = d.entry_id and r.row_number > d.first
  `.execute(trx);
  const counts = await trx
    .selectFrom("import_rows")
    .select(["outcome", (eb) => eb.fn.countAll<string>().as("n")])
    .where("job_id", "=", jobId)
    .groupBy("outcome")
    .execute();
  const count = (outcome: ImportOutcome) => Number(counts.find((row) => row.outcome === outcome)?.n ?? 0);
  const job = await trx
    .selectFrom("import_jobs")
    .select("auto_commit")
    .where("id", "=", jobId)
    .executeTakeFirstOrThrow();
  const errors = count("error");
  const status: ImportStatus = errors > 0 ? "invalid" : job.auto_commit ? "committing" : "ready";
  await trx
    .updateTable("import_jobs")
    .set({
      status,
      creates: count("create"),
      updates: count("update"),
      unchanged: count("unchanged"),
      error_rows: errors,
      reference_version: referenceVersion,
      validated_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", jobId)
    .execute();
  return status;
}

/** Throws the verdicts away and starts the dry run again (data changed since it ran). */
export async function restartValidation(
  db: Db,
  jobId: string,
  error: { code: string } | null,
): Promise<void> {
  await db.deleteFrom("import_rows").where("job_id", "=", jobId).execute();
  await db
    .updateTable("import_jobs")
    .set({
      status: "validating",
      rows_done: 0,
      creates: 0,
      updates: 0,
      unchanged: 0,
      error_rows: 0,
      validated_at: null,
      lease_until: null,
      error: error ? JSON.stringify(error) : null,
      updated_at: new Date(),
    })
    .where("id", "=", jobId)
    .execute();
}

export interface ImportRowRecord {
  row_number: number;
  outcome: ImportOutcome;
  external_id: string | null;
  entry_id: string | null;
  title: string;
  errors: RowError[] | null;
}

/** One page of a job's verdicts in row order, optionally of one outcome. */
export async function listRows(
  db: Db,
  jobId: string,
  outcome: ImportOutcome | null,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: ImportRowRecord[] }> {
  let count = db
    .selectFrom("import_rows")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("job_id", "=", jobId);
  let rows = db
    .selectFrom("import_rows")
    .leftJoin("import_written", (join) =>
      join
        .onRef("import_written.job_id", "=", "import_rows.job_id")
        .onRef("import_written.row_number", "=", "import_rows.row_number"),
    )
    .select([
      "import_rows.row_number",
      "import_rows.outcome",
      "import_rows.external_id",
      (eb) => eb.fn.coalesce("import_written.entry_id", "import_rows.entry_id").as("entry_id"),
      "import_rows.title",
      "import_rows.errors",
    ])
    .where("import_rows.job_id", "=", jobId)
    .orderBy("import_rows.row_number")
    .limit(limit)
    .offset(offset);
  if (outcome) {
    count = count.where("outcome", "=", outcome);
    rows = rows.where("import_rows.outcome", "=", outcome);
  }
  const [total, list] = await Promise.all([count.executeTakeFirstOrThrow(), rows.execute()]);
  return {
    total: Number(total.n),
    rows: list.map((row) => ({
      ...row,
      errors: (typeof row.errors === "string" ? JSON.parse(row.errors) : row.errors) as RowError[] | null,
    })),
  };
}

/** A row the commit writes, as the dry run decided it. */
export interface StagedWrite {
  row_number: number;
  outcome: "create" | "update";
  external_id: string | null;
  entry_id: string | null;
  owner_id: string | null;
  map_external_id: boolean;
}

/** The rows to write among row numbers `from` < n <= `to`, in row order (the primary key's). */
export async function readStagedWrites(
  trx: Transaction<Database>,
  jobId: string,
  range: { from: number; to: number },
): Promise<StagedWrite[]> {
  const rows = await trx
    .selectFrom("import_rows")
    .select(["row_number", "outcome", "external_id", "entry_id", "owner_id", "map_external_id"])
    .where("job_id", "=", jobId)
    .where("row_number", ">", range.from)
    .where("row_number", "<=", range.to)
    .where("outcome", "in", ["create", "update"])
    .orderBy("row_number")
    .execute();
  return rows.map((row) => ({ ...row, outcome: row.outcome as "create" | "update" }));
}

/** The last row number of a job (the commit walks row numbers up to it). */
export async function lastRowNumber(trx: Transaction<Database>, jobId: string): Promise<number> {
  const row = await trx
    .selectFrom("import_rows")
    .select((eb) => eb.fn.max("row_number").as("last"))
    .where("job_id", "=", jobId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
