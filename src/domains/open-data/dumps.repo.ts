import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Database, OpenDataDumpsTable, OpenDataRunsTable } from "../../db/schema.ts";
import { parseIdList } from "./export.repo.ts";

/** The only SQL of the open-data dumps. Leases are computed on the database's clock, never a process's. */

type Db = Kysely<Database> | Transaction<Database>;

export type DumpRun = Selectable<OpenDataRunsTable>;
export type Dump = Selectable<OpenDataDumpsTable>;
export type DumpFormat = OpenDataDumpsTable["format"];

const leaseEnd = (leaseMs: number) => sql<Date>`now() + make_interval(secs => ${leaseMs / 1000})`;

/**
 * Every published entry's id, lowest first (a dump's order: stable from one day to the next, so
 * two dumps compare line by line). One aggregate, as `matchingIdsSql` does.
 */
export async function publishedIds(db: Db): Promise<Float64Array> {
  const result = await sql<{ ids: string | null }>`
    select string_agg(id::text, ',' order by id) as ids
    from entries where published_revision_id is not null`.execute(db);
  return parseIdList(result.rows[0]?.ids ?? "");
}

/**
 * Marks runs whose builder stopped renewing its lease (a stopped or killed instance) as failed,
 * and deletes the dumps they left half written, so the next run may start.
 */
export async function abandonStaleRuns(db: Db): Promise<number> {
  const stale = await db
    .updateTable("open_data_runs")
    .set({ status: "failed", finished_at: sql<Date>`now()`, error: "abandoned: its lease ran out" })
    .where("status", "=", "running")
    .where("lease_until", "<", sql<Date>`now()`)
    .returning("id")
    .execute();
  if (stale.length > 0)
    await db
      .deleteFrom("open_data_dumps")
      .where(
        "run_id",
        "in",
        stale.map((row) => row.id),
      )
      .where("status", "=", "building")
      .execute();
  return stale.length;
}

/**
 * Starts the daily run unless one is running or a run (not a failed one) has started since
 * `slot`. Two instances asking at once both pass the check, and the unique index on the running
 * row lets one insert win; the other gets nothing (it waits for the winner's commit if need be).
 */
export async function claimDailyRun(db: Db, slot: Date, leaseMs: number): Promise<DumpRun | null> {
  const result = await sql<DumpRun>`
    insert into open_data_runs (trigger, lease_until)
    select 'daily', ${leaseEnd(leaseMs)}
    where not exists (
      select 1 from open_data_runs where status in ('running', 'done') and started_at >= ${slot}
    )
    on conflict (status) where status = 'running' do nothing
    returning *`.execute(db);
  return result.rows[0] ?? null;
}

/** Starts a run for an admin (or a benchmark: no user); null when one is running already. */
export async function claimAdminRun(db: Db, userId: string | null, leaseMs: number): Promise<DumpRun | null> {
  const result = await sql<DumpRun>`
    insert into open_data_runs (trigger, requested_by, lease_until)
    values ('admin', ${userId}, ${leaseEnd(leaseMs)})
    on conflict (status) where status = 'running' do nothing
    returning *`.execute(db);
  return result.rows[0] ?? null;
}

/** Extends the run's lease; false when the run is no longer this builder's (taken as abandoned). */
export async function renewLease(db: Db, runId: string, leaseMs: number): Promise<boolean> {
  const rows = await db
    .updateTable("open_data_runs")
    .set({ lease_until: leaseEnd(leaseMs) })
    .where("id", "=", runId)
    .where("status", "=", "running")
    .returning("id")
    .execute();
  return rows.length > 0;
}

/** Ends a running run; false when it had been taken as abandoned meanwhile. */
export async function finishRun(
  db: Db,
  runId: string,
  outcome: { status: "done" } | { status: "failed"; error: string },
): Promise<boolean> {
  const rows = await db
    .updateTable("open_data_runs")
    .set({
      status: outcome.status,
      finished_at: sql<Date>`now()`,
      error: outcome.status === "failed" ? outcome.error.slice(0, 500) : null,
    })
    .where("id", "=", runId)
    .where("status", "=", "running")
    .returning("id")
    .execute();
  return rows.length > 0;
}

/** The run going on, if any; one whose lease ran out is not (the next claimer clears it). */
export async function runningRun(db: Db): Promise<DumpRun | undefined> {
  return db
    .selectFrom("open_data_runs")
    .selectAll()
    .where("status", "=", "running")
    .where("lease_until", ">=", sql<Date>`now()`)
    .executeTakeFirst();
}

/** When the newest run that counts for the daily schedule (running or done) started. */
export async function latestRunStart(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom("open_data_runs")
    .select((eb) => eb.fn.max("started_at").as("started_at"))
    .where((eb) =>
      eb.or([
        eb("status", "=", "done"),
        eb.and([eb("status", "=", "running"), eb("lease_until", ">=", sql<Date>`now()`)]),
      ]),
    )
    .executeTakeFirst();
  return row?.started_at ? new Date(row.started_at as Date | string) : null;
}

export async function insertDump(
  db: Db,
  values: { runId: string; format: DumpFormat; generatedAt: Date },
): Promise<string> {
  const row = await db
    .insertInto("open_data_dumps")
    .values({ run_id: values.runId, format: values.format, generated_at: values.generatedAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertChunk(db: Db, dumpId: string, seq: number, data: Buffer): Promise<void> {
  await db.insertInto("open_data_dump_chunks").values({ dump_id: dumpId, seq, data }).execute();
}

/** A written dump's figures; it stays unlisted until its run publishes it. */
export async function recordDumpFigures(
  db: Db,
  dumpId: string,
  figures: { rows: number; bytes: number; sha256: string; chunks: number },
): Promise<void> {
  await db
    .updateTable("open_data_dumps")
    .set({
      row_count: figures.rows,
      byte_size: figures.bytes,
      sha256: figures.sha256,
      chunk_count: figures.chunks,
    })
    .where("id", "=", dumpId)
    .execute();
}

/** Lists every dump of a finished run at once (call in the transaction that ends the run). */
export async function publishRunDumps(db: Db, runId: string): Promise<void> {
  await db
    .updateTable("open_data_dumps")
    .set({ status: "ready", ready_at: sql<Date>`now()` })
    .where("run_id", "=", runId)
    .where("status", "=", "building")
    .execute();
}

/** Deletes a run's unfinished dumps (their chunks go with them). */
export async function deleteUnfinishedDumps(db: Db, runId: string): Promise<void> {
  await db
    .deleteFrom("open_data_dumps")
    .where("run_id", "=", runId)
    .where("status", "=", "building")
    .execute();
}

/** Keeps the newest `keep` ready dumps of `format` and deletes the rest; returns how many went. */
export async function pruneDumps(db: Db, format: DumpFormat, keep: number): Promise<number> {
  const result = await sql`
    delete from open_data_dumps
    where format = ${format} and status = 'ready' and id not in (
      select id from open_data_dumps where format = ${format} and status = 'ready'
      order by id desc limit ${keep}
    )`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** Ready dumps, newest first. */
export async function listReadyDumps(db: Db): Promise<Dump[]> {
  return db
    .selectFrom("open_data_dumps")
    .selectAll()
    .where("status", "=", "ready")
    .orderBy("id", "desc")
    .execute();
}

export async function findReadyDump(db: Db, id: string): Promise<Dump | undefined> {
  return db
    .selectFrom("open_data_dumps")
    .selectAll()
    .where("id", "=", id)
    .where("status", "=", "ready")
    .executeTakeFirst();
}

/** A dump whatever its state (benchmarks read back what they built). */
export async function findDumpAnyState(db: Db, id: string): Promise<Dump | undefined> {
  return db.selectFrom("open_data_dumps").selectAll().where("id", "=", id).executeTakeFirst();
}

/** One piece of a dump's bytes; undefined when the dump was deleted meanwhile. */
export async function readChunk(db: Db, dumpId: string, seq: number): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom("open_data_dump_chunks")
    .select("data")
    .where("dump_id", "=", dumpId)
    .where("seq", "=", seq)
    .executeTakeFirst();
  return row?.data;
}
