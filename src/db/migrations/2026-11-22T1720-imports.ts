import { type Kysely, sql } from "kysely";

/**
 * Bulk import of stocktaking entries (CSV or XLSX).
 *
 * - `import_jobs`: one upload, its dry-run progress and counts, and its state. Batches are
 *   processed by a worker that holds a short lease (`lease_until`), so any instance may pick up
 *   a job another one left, and a restart resumes where the last committed batch ended.
 * - `import_files`: the uploaded bytes (gzip), apart so listing jobs never reads them.
 * - `import_rows`: the dry run's verdict per data row (create / update / unchanged / error with
 *   the errors by column) and what it was decided against (the entry's revisions, the owner). The
 *   commit derives each row's content from the stored file again, with the same rules, and
 *   checks that the verdicts still hold; it writes everything in one transaction.
 * - `import_written`: the entry each committed row created or updated. Follow-ups (duplicate
 *   detection) run over them after the commit, a batch per transaction; `followups_row` on the
 *   job is how far they got.
 * - `import_external_ids`: which entry a source's own id became. The primary key is what makes
 *   re-importing a file update entries instead of duplicating them, whatever runs concurrently.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table import_jobs (
      id bigint generated always as identity primary key,
      user_id bigint not null references users (id),
      source text not null check (length(source) between 1 and 100),
      filename text not null default '' check (length(filename) <= 255),
      format text not null check (format in ('csv', 'xlsx')),
      byte_size bigint not null,
      sha256 text not null,
      language text not null default 'en',
      status text not null default 'validating'
        check (status in ('validating', 'ready', 'invalid', 'committing', 'committed', 'failed')),
      auto_commit boolean not null default false,
      rows_total int not null default 0,
      rows_done int not null default 0,
      creates int not null default 0,
      updates int not null default 0,
      unchanged int not null default 0,
      error_rows int not null default 0,
      reference_version text,
      error jsonb,
      lease_until timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      validated_at timestamptz,
      committed_at timestamptz,
      committed_by bigint references users (id),
      followups_pending boolean not null default false,
      followups_row int not null default 0,
      followups_done int not null default 0
    );
    create index import_jobs_user on import_jobs (user_id, id desc);
    create index import_jobs_pending on import_jobs (id)
      where status in ('validating', 'committing') or followups_pending;

    create table import_files (
      job_id bigint primary key references import_jobs (id) on delete cascade,
      gzip bytea not null
    );

    create table import_rows (
      job_id bigint not null references import_jobs (id) on delete cascade,
      row_number int not null,
      outcome text not null check (outcome in ('create', 'update', 'unchanged', 'error')),
      external_id text,
      entry_id bigint,
      base_revision_id bigint,
      base_published_revision_id bigint,
      owner_id bigint,
      map_external_id boolean not null default false,
      title text not null default '',
      errors jsonb,
      primary key (job_id, row_number)
    );
    create index import_rows_outcome on import_rows (job_id, outcome, row_number);

    -- What a commit wrote, row by row (an insert is far cheaper than updating the verdicts).
    create table import_written (
      job_id bigint not null references import_jobs (id) on delete cascade,
      row_number int not null,
      entry_id bigint not null,
      primary key (job_id, row_number)
    );

    create table import_external_ids (
      source text not null,
      external_id text not null,
      entry_id bigint not null references entries (id) on delete cascade,
      job_id bigint references import_jobs (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (source, external_id)
    );
    create index import_external_ids_entry on import_external_ids (entry_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_external_ids, import_written, import_rows, import_files, import_jobs`.execute(
    db,
  );
}
