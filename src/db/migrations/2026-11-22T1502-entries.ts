import { type Kysely, sql } from "kysely";

/**
 * `entries` holds the workflow state and a copy of the *published* revision's fields, which is
 * what search reads. Every save appends an immutable row to `entry_revisions`, so history is
 * complete and a published entry stays public while its next revision is under review.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table entries (
      id bigint generated always as identity primary key,
      owner_id bigint not null references users (id),
      state text not null default 'draft'
        check (state in ('draft', 'submitted', 'returned', 'published', 'rejected')),
      latest_revision_id bigint,
      published_revision_id bigint,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_at timestamptz,
      published_at timestamptz,
      title text,
      description text,
      organisation_name text,
      stakeholder_type text,
      coverage text,
      countries text[] not null default '{}',
      regions text[] not null default '{}',
      action_lines text[] not null default '{}',
      sdgs int[] not null default '{}',
      target_groups text[] not null default '{}',
      project_status text,
      start_year int,
      language text,
      search_vector tsvector generated always as (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(organisation_name, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(description, '')), 'C')
      ) stored
    );
    create index entries_owner on entries (owner_id, updated_at desc);
    create index entries_queue on entries (submitted_at) where state = 'submitted';
    create index entries_published on entries (published_at desc, id desc) where published_revision_id is not null;
    create index entries_search on entries using gin (search_vector);
    create index entries_action_lines on entries using gin (action_lines);
    create index entries_sdgs on entries using gin (sdgs);
    create index entries_countries on entries using gin (countries);
    create index entries_regions on entries using gin (regions);
    create index entries_target_groups on entries using gin (target_groups);

    create table entry_revisions (
      id bigint generated always as identity primary key,
      entry_id bigint not null references entries (id) on delete cascade,
      number int not null,
      author_id bigint not null references users (id),
      data jsonb not null,
      created_at timestamptz not null default now(),
      unique (entry_id, number)
    );
    alter table entries
      add constraint entries_latest_revision foreign key (latest_revision_id) references entry_revisions (id),
      add constraint entries_published_revision foreign key (published_revision_id) references entry_revisions (id);

    create table moderation_decisions (
      id bigint generated always as identity primary key,
      entry_id bigint not null references entries (id) on delete cascade,
      revision_id bigint not null references entry_revisions (id),
      moderator_id bigint not null references users (id),
      decision text not null check (decision in ('publish', 'return', 'reject')),
      comment text not null default '',
      created_at timestamptz not null default now()
    );
    create index moderation_decisions_entry on moderation_decisions (entry_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table moderation_decisions, entry_revisions, entries cascade`.execute(db);
}
