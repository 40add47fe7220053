import { type Insertable, type Kysely, type Selectable, sql, type Transaction } from "kysely";
import type { Database, ImportJobsTable, ImportOutcome, ImportStatus } from "../../db/schema.ts";
import { type EntryDraft, type PublishedColumns, toEntryDraft } from "../stocktaking/entry-fields.ts";
import type { RowError, StagedRow, TargetEntry } from "./import-rows.ts";

/** The only SQL of bulk import. Batches are one statement with one JSON parameter each. */

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

/** external id → entry id, for those of `externalIds` this source already imported. */
export async function findMappedIds(
  db: Db,
  source: string,
  externalIds: string[],
): Promise<Map<string, string>> {
  if (externalIds.length === 0) return new Map();
  const rows = await sql<{ external_id: string; entry_id: string }>`
    select external_id, entry_id from import_external_ids
    where source = ${source} and external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))
  `.execute(db);
  return new Map(rows.rows.map((row) => [row.external_id, row.entry_id]));
}

/** The entries rows may update, with their latest revision's content. */
export async function findTargetEntries(db: Db, ids: string[]): Promise<Map<string, TargetEntry>> {
  if (ids.length === 0) return new Map();
  const rows = await sql<{
    id: string;
    state: string;
    owner_id: string;
    latest_revision_id: string;
    published_revision_id: string | null;
    data: unknown;
  }>`
    select e.id, e.state, e.owner_id, e.latest_revision_id, e.published_revision_id, v.data
    from entries e join entry_revisions v on v.id = e.latest_revision_id
    where e.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)
  `.execute(db);
  return new Map(
    rows.rows.map((row) => [
      row.id,
      {
        id: row.id,
        state: row.state,
        ownerId: row.owner_id,
        latestRevisionId: row.latest_revision_id,
        publishedRevisionId: row.published_revision_id,
        latest: toEntryDraft(typeof row.data === "string" ? JSON.parse(row.data) : row.data),
      },
    ]),
  );
}

/** lower-cased email → user id, for the addresses that have an account. */
export async function findUsersByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await sql<{ id: string; email: string }>`
    select id, lower(email) as email from users
    where lower(email) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
  `.execute(db);
  return new Map(rows.rows.map((row) => [row.email, row.id]));
}

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

// ---- commit -----------------------------------------------------------------------------------

/**
 * Settings for the commit's transaction: batches are one statement over a few megabytes of JSON
 * (kept in memory), and new rows' GIN index entries wait in the pending list instead of being
 * merged batch by batch (vacuum merges them later, as it does for any insert).
 */
export async function tuneCommitTransaction(trx: Transaction<Database>): Promise<void> {
  await sql`set local work_mem = '64MB'`.execute(trx);
  await sql`set local gin_pending_list_limit = '256MB'`.execute(trx);
}

/** Serialises commits of one source, so two uploads of the same file cannot both create. */
export async function lockSource(trx: Transaction<Database>, source: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`wsis.import:${source}`}, 0))`.execute(trx);
}

/**
 * Locks every entry the job updates (or found unchanged) and counts those that moved since the
 * dry run looked at them: a new revision, a publication, a withdrawal, or gone.
 */
export async function lockTargetsAndCountStale(trx: Transaction<Database>, jobId: string): Promise<number> {
  await sql`
    with locked as (
      select e.id from entries e
      where e.id in (
        select entry_id from import_rows where job_id = ${jobId} and outcome in ('update', 'unchanged')
      )
      order by e.id for update
    )
    select count(*) from locked
  `.execute(trx);
  const stale = await sql<{ n: number }>`
    select count(*)::int as n from import_rows r left join entries e on e.id = r.entry_id
    where r.job_id = ${jobId} and r.outcome in ('update', 'unchanged')
      and (e.id is null or e.state in ('withdrawn', 'merged')
        or e.latest_revision_id is distinct from r.base_revision_id
        or e.published_revision_id is distinct from r.base_published_revision_id
        or (r.outcome = 'unchanged' and e.state <> 'published'))
  `.execute(trx);
  return stale.rows[0]?.n ?? 0;
}

/** How many of the external ids this job would record are taken by now (a concurrent import). */
export async function countTakenExternalIds(
  trx: Transaction<Database>,
  jobId: string,
  source: string,
): Promise<number> {
  const taken = await sql<{ n: number }>`
    select count(*)::int as n from import_rows r
    join import_external_ids m on m.source = ${source} and m.external_id = r.external_id
    where r.job_id = ${jobId} and r.map_external_id
  `.execute(trx);
  return taken.rows[0]?.n ?? 0;
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

/** Ids for new entries and their first revisions, drawn before the batch is sent. */
export async function allocateEntryIds(trx: Transaction<Database>, count: number) {
  const result = await sql<{ entry_id: string; revision_id: string }>`
    select nextval(pg_get_serial_sequence('entries', 'id')) as entry_id,
      nextval(pg_get_serial_sequence('entry_revisions', 'id')) as revision_id
    from generate_series(1, ${count}::int)
  `.execute(trx);
  return result.rows;
}

/** What every written row of one commit shares. */
export interface CommitContext {
  jobId: string;
  source: string;
  actorId: string;
  /** The moderation decision's note ("bulk import #n"), in the importer's language. */
  comment: string;
  ip: string | null;
}

/**
 * The search columns of a written row, without the title and description: the statements read
 * those from the revision's `data`, so the batch's JSON carries each text once.
 */
export type RecordColumns = Omit<PublishedColumns, "title" | "description">;

export interface CreateRecord extends RecordColumns {
  row_number: number;
  entry_id: string;
  revision_id: string;
  owner_id: string;
  external_id: string | null;
  data: EntryDraft;
}

/**
 * New entries, published: the entry, its first revision (by the committer), the publication
 * decision, the source's id and an audit record each, in one statement.
 */
export async function insertCreatedEntries(
  trx: Transaction<Database>,
  records: CreateRecord[],
  context: CommitContext,
): Promise<void> {
  if (records.length === 0) return;
  await sql`
    with r as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
        row_number int, entry_id bigint, revision_id bigint, owner_id bigint, external_id text,
        organisation_name text, stakeholder_type text, coverage text,
        countries text[], regions text[], action_lines text[], sdgs int[], target_groups text[],
        project_status text, start_year int, language text, translations text, search_vector tsvector,
        data jsonb)
    ),
    inserted_entries as (
      insert into entries (id, owner_id, state, latest_revision_id, published_revision_id, created_at,
        updated_at, submitted_at, published_at, title, description, organisation_name, stakeholder_type,
        coverage, countries, regions, action_lines, sdgs, target_groups, project_status, start_year,
        language, translations, search_vector)
      overriding system value
      select entry_id, owner_id, 'published', revision_id, revision_id, now(), now(), now(), now(),
        data->>'title', data->>'description', organisation_name, stakeholder_type, coverage, countries, regions,
        action_lines, sdgs, target_groups, project_status, start_year, language, translations::jsonb,
        search_vector
      from r
    ),
    inserted_revisions as (
      insert into entry_revisions (id, entry_id, number, author_id, data)
      overriding system value
      select revision_id, entry_id, 1, ${context.actorId}::bigint, data from r
    ),
    decisions as (
      insert into moderation_decisions (entry_id, revision_id, moderator_id, decision, comment)
      select entry_id, revision_id, ${context.actorId}::bigint, 'publish', ${context.comment} from r
    ),
    mapped as (
      insert into import_external_ids (source, external_id, entry_id, job_id)
      select ${context.source}, external_id, entry_id, ${context.jobId}::bigint from r
      where external_id is not null
    ),
    written as (
      insert into import_written (job_id, row_number, entry_id)
      select ${context.jobId}::bigint, row_number, entry_id from r
    ),
    audited as (
      insert into audit_log (actor_id, action, subject_type, subject_id, before, after, ip)
      select ${context.actorId}::bigint, 'entry.import', 'entry', entry_id::text, null,
        jsonb_build_object('job', ${context.jobId}::bigint, 'row', row_number, 'state', 'published',
          'revision', 1, 'title', data->>'title'),
        ${context.ip}
      from r
    )
    select count(*) from r
  `.execute(trx);
}

export interface UpdateRecord extends RecordColumns {
  row_number: number;
  entry_id: string;
  external_id: string | null;
  map_external_id: boolean;
  data: EntryDraft;
}

/**
 * Existing entries: a new revision each (numbered after their last), published at once, with the
 * decision, the source's id when it is new, and an audit record of the state before and after.
 */
export async function applyUpdatedEntries(
  trx: Transaction<Database>,
  records: UpdateRecord[],
  context: CommitContext,
): Promise<void> {
  if (records.length === 0) return;
  await sql`
    with r as materialized (
      select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
        row_number int, entry_id bigint, external_id text, map_external_id boolean,
        organisation_name text, stakeholder_type text, coverage text,
        countries text[], regions text[], action_lines text[], sdgs int[], target_groups text[],
        project_status text, start_year int, language text, translations text, search_vector tsvector,
        data jsonb)
    ),
    old as materialized (
      select e.id, e.state, e.published_revision_id,
        (select max(v.number) from entry_revisions v where v.entry_id = e.id) as number
      from entries e where e.id in (select entry_id from r)
    ),
    revisions as (
      insert into entry_revisions (entry_id, number, author_id, data)
      select r.entry_id, old.number + 1, ${context.actorId}::bigint, r.data
      from r join old on old.id = r.entry_id
      returning id, entry_id, number
    ),
    updated as (
      update entries e set state = 'published', latest_revision_id = revisions.id,
        published_revision_id = revisions.id, published_at = now(), updated_at = now(),
        title = r.data->>'title', description = r.data->>'description',
        organisation_name = r.organisation_name,
        stakeholder_type = r.stakeholder_type, coverage = r.coverage, countries = r.countries,
        regions = r.regions, action_lines = r.action_lines, sdgs = r.sdgs,
        target_groups = r.target_groups, project_status = r.project_status, start_year = r.start_year,
        language = r.language, translations = r.translations::jsonb, search_vector = r.search_vector
      from r join revisions on revisions.entry_id = r.entry_id
      where e.id = r.entry_id
      returning e.id
    ),
    decisions as (
      insert into moderation_decisions (entry_id, revision_id, moderator_id, decision, comment)
      select entry_id, id, ${context.actorId}::bigint, 'publish', ${context.comment} from revisions
    ),
    mapped as (
      insert into import_external_ids (source, external_id, entry_id, job_id)
      select ${context.source}, external_id, entry_id, ${context.jobId}::bigint from r
      where map_external_id
    ),
    written as (
      insert into import_written (job_id, row_number, entry_id)
      select ${context.jobId}::bigint, row_number, entry_id from r
    ),
    audited as (
      insert into audit_log (actor_id, action, subject_type, subject_id, before, after, ip)
      select ${context.actorId}::bigint, 'entry.import', 'entry', r.entry_id::text,
        jsonb_build_object('state', old.state, 'publishedRevision', old.published_revision_id),
        jsonb_build_object('job', ${context.jobId}::bigint, 'row', r.row_number, 'state', 'published',
          'revision', revisions.number, 'title', r.data->>'title'),
        ${context.ip}
      from r join old on old.id = r.entry_id join revisions on revisions.entry_id = r.entry_id
    )
    select count(*) from updated
  `.execute(trx);
}

/** Records the source's id of rows whose entry needed no change (matched by `id`). */
export async function mapUnchangedRows(trx: Transaction<Database>, context: CommitContext): Promise<void> {
  await sql`
    insert into import_external_ids (source, external_id, entry_id, job_id)
    select ${context.source}, external_id, entry_id, ${context.jobId}::bigint from import_rows
    where job_id = ${context.jobId} and outcome = 'unchanged' and map_external_id
  `.execute(trx);
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

// ---- follow-ups after the commit ---------------------------------------------------------------

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
