import { type Kysely, sql } from "kysely";

/**
 * Session outcomes and the Outcome Document of a Forum edition.
 *
 * - `forum_session_outcomes`: what a session's organisers report once it has ended: key messages
 *   and the Action Lines and SDGs it spoke to (checked against the reference data by the service).
 *   `draft` → `submitted`; organisers may edit either until the secretariat compiles the edition's
 *   Outcome Document. One row per session.
 * - `forum_editions.outcomes_compiled_at`: set when the secretariat compiles the document; from then
 *   on outcomes are frozen. `outcomes_published_at`: set when it is published (public from then on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table forum_editions
      add column outcomes_compiled_at timestamptz,
      add column outcomes_published_at timestamptz,
      add constraint forum_editions_outcomes_order
        check (outcomes_published_at is null or outcomes_compiled_at is not null);

    create table forum_session_outcomes (
      session_id bigint primary key references forum_sessions (id) on delete cascade,
      key_messages text not null default '' check (length(key_messages) <= 10000),
      action_lines text[] not null default '{}',
      sdgs int[] not null default '{}',
      status text not null default 'draft' check (status in ('draft', 'submitted')),
      submitted_at timestamptz,
      updated_by bigint references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'submitted') = (submitted_at is not null)),
      check (status = 'draft' or length(key_messages) > 0)
    );
    create index forum_session_outcomes_updated_by on forum_session_outcomes (updated_by);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table forum_session_outcomes;
    alter table forum_editions
      drop constraint forum_editions_outcomes_order,
      drop column outcomes_published_at,
      drop column outcomes_compiled_at;
  `.execute(db);
}
