import { type Kysely, sql } from "kysely";

/**
 * Full dumps of the published database for the `/open-data` page.
 *
 * - `open_data_runs`: one regeneration (daily or asked by an admin). At most one row is
 *   `running` (unique partial index), which is what keeps two instances from building at once;
 *   the builder renews `lease_until` while it works, so a run left by a stopped instance is seen
 *   as abandoned and does not block the next one forever.
 * - `open_data_dumps`: one file of a run (a format), with what the page shows: when the data were
 *   read, rows, byte size and the sha256 of the bytes served. Only `ready` dumps are listed.
 * - `open_data_dump_chunks`: the gzip bytes in 1 MB pieces, in the database rather than in
 *   `DATA_DIR`, so every instance on the same PostgreSQL serves every dump. Storage `external`:
 *   gzip does not compress again, so PostgreSQL should not try.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table open_data_runs (
      id bigint generated always as identity primary key,
      trigger text not null check (trigger in ('daily', 'admin')),
      requested_by bigint references users (id),
      status text not null default 'running' check (status in ('running', 'done', 'failed')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      lease_until timestamptz not null,
      error text
    );
    create unique index open_data_runs_one_running on open_data_runs (status) where status = 'running';
    create index open_data_runs_started on open_data_runs (started_at desc);

    create table open_data_dumps (
      id bigint generated always as identity primary key,
      run_id bigint not null references open_data_runs (id) on delete cascade,
      format text not null check (format in ('csv', 'ndjson')),
      status text not null default 'building' check (status in ('building', 'ready')),
      generated_at timestamptz not null,
      row_count bigint not null default 0,
      byte_size bigint not null default 0,
      sha256 text,
      chunk_count int not null default 0,
      created_at timestamptz not null default now(),
      ready_at timestamptz
    );
    create index open_data_dumps_ready on open_data_dumps (format, id desc) where status = 'ready';

    create table open_data_dump_chunks (
      dump_id bigint not null references open_data_dumps (id) on delete cascade,
      seq int not null,
      data bytea not null,
      primary key (dump_id, seq)
    );
    alter table open_data_dump_chunks alter column data set storage external;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table open_data_dump_chunks; drop table open_data_dumps; drop table open_data_runs;`.execute(
    db,
  );
}
