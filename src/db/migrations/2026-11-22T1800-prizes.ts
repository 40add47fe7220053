import { type Kysely, sql } from "kysely";

/**
 * The WSIS Prizes core: editions, their phases, categories and criteria, submissions and votes.
 * Review, vote screening, results and the photo contest add their own tables in later migrations.
 *
 * - `prize_editions`: one contest a year. `time_zone` is the IANA zone the phase dates are shown
 *   and entered in (the instants are stored in UTC); Geneva has no zone of its own in the tz database and keeps
 *   `Europe/Zurich` time. `rules` holds the per-edition switches
 *   (`PrizeRules`). `past_figures` holds the real figures of editions run before this platform
 *   (DOMAIN.md); such an edition has no submissions of its own.
 * - `prize_phases`: the six phases with their instants. Which phase is open is decided by the
 *   server's clock against these rows, never by a stored "current phase".
 * - `prize_categories`: the 18 categories of an edition (one per Action Line, the C7 lines split).
 * - `prize_criteria`: the nomination criteria with their weights (experts score against them).
 * - `prize_submissions`: a project in one category. One per entity (organisation) per category and
 *   edition is a unique index, not an if. A submission is built from a stocktaking entry.
 * - `prize_votes`: one per voter per category and edition (unique index: racing requests cannot
 *   vote twice). The vote's nominee must belong to the vote's category and edition: the foreign key
 *   on (submission, edition, category) makes a vote for another category's nominee impossible.
 *   Invalidated votes are kept with their reason; the count excludes them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_editions (
      id bigint generated always as identity primary key,
      year int not null unique check (year between 2000 and 2100),
      theme jsonb not null default '{}'::jsonb check (jsonb_typeof(theme) = 'object'),
      time_zone text not null default 'Europe/Zurich' check (length(time_zone) between 1 and 64),
      rules jsonb not null default '{}'::jsonb check (jsonb_typeof(rules) = 'object'),
      past_figures jsonb check (past_figures is null or jsonb_typeof(past_figures) = 'object'),
      nominees_published_at timestamptz,
      results_published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table prize_phases (
      edition_id bigint not null references prize_editions (id) on delete cascade,
      phase text not null
        check (phase in ('submission', 'review', 'nomination', 'voting', 'evaluation', 'results')),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      primary key (edition_id, phase),
      check (ends_at > starts_at)
    );

    create table prize_categories (
      edition_id bigint not null references prize_editions (id) on delete cascade,
      code text not null references action_lines (code) on update cascade,
      sort_order int not null,
      primary key (edition_id, code)
    );

    create table prize_criteria (
      edition_id bigint not null references prize_editions (id) on delete cascade,
      code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      names jsonb not null check (names ? 'en'),
      weight numeric(5, 2) not null check (weight > 0 and weight <= 100),
      sort_order int not null,
      primary key (edition_id, code)
    );

    create table prize_submissions (
      id bigint generated always as identity primary key,
      edition_id bigint not null references prize_editions (id) on delete cascade,
      category_code text not null,
      entry_id bigint not null references entries (id),
      organisation_id bigint not null references organisations (id),
      submitter_id bigint not null references users (id),
      status text not null default 'draft'
        check (status in ('draft', 'submitted', 'ineligible', 'nominated', 'not_nominated', 'withdrawn')),
      project_stage text check (project_stage in ('completed', 'major_phase_end')),
      title text not null default '' check (length(title) <= 300),
      short_description text not null default '' check (length(short_description) <= 4000),
      action_line_sdg_links text not null default '' check (length(action_line_sdg_links) <= 8000),
      gdc_objectives int[] not null default '{}',
      impact text not null default '' check (length(impact) <= 8000),
      partnerships text not null default '' check (length(partnerships) <= 8000),
      challenges text not null default '' check (length(challenges) <= 8000),
      status_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_at timestamptz,
      foreign key (edition_id, category_code) references prize_categories (edition_id, code),
      unique (id, edition_id, category_code)
    );
    create unique index prize_submissions_one_per_entity
      on prize_submissions (edition_id, category_code, organisation_id) where status <> 'withdrawn';
    create index prize_submissions_submitter on prize_submissions (submitter_id, edition_id);
    create index prize_submissions_entry on prize_submissions (entry_id);
    create index prize_submissions_nominees on prize_submissions (edition_id, category_code)
      where status = 'nominated';

    create table prize_votes (
      id bigint generated always as identity primary key,
      edition_id bigint not null,
      category_code text not null,
      submission_id bigint not null,
      voter_id bigint not null references users (id),
      receipt text not null unique,
      ip text,
      cast_at timestamptz not null default now(),
      invalidated_at timestamptz,
      invalidated_by bigint references users (id),
      invalidation_reason text,
      foreign key (submission_id, edition_id, category_code)
        references prize_submissions (id, edition_id, category_code),
      check ((invalidated_at is null) = (invalidation_reason is null))
    );
    create unique index prize_votes_one_per_category on prize_votes (edition_id, category_code, voter_id);
    create index prize_votes_submission on prize_votes (submission_id) where invalidated_at is null;
    create index prize_votes_voter on prize_votes (voter_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prize_votes, prize_submissions, prize_criteria, prize_categories, prize_phases, prize_editions`.execute(
    db,
  );
}
