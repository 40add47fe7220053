import { sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { EntryDraft, PublishedColumns } from "../stocktaking/entry-fields.ts";

/**
 * The commit's SQL, all in its one transaction: locks, checks that the dry run still holds, and
 * the writes, a batch per statement with one JSON parameter.
 */

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
 * A batch of written rows as a table: the row number, the statement's own `columns`, then what
 * every written row carries (the search columns and the revision's data).
 */
function batchRows(records: Array<CreateRecord | UpdateRecord>, columns: string) {
  return sql`select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
    row_number int, ${sql.raw(columns)},
    organisation_name text, stakeholder_type text, coverage text,
    countries text[], regions text[], action_lines text[], sdgs int[], target_groups text[],
    project_status text, start_year int, language text, translations text, search_vector tsvector,
    data jsonb)`;
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
      ${batchRows(records, "entry_id bigint, revision_id bigint, owner_id bigint, external_id text")}
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
      ${batchRows(records, "entry_id bigint, external_id text, map_external_id boolean")}
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
