import { type Kysely, sql } from "kysely";

/**
 * Likely duplicates (see `duplicate-detection.ts`) and merging.
 *
 * 1. `pg_trgm` gives trigram similarity. Titles are compared folded (NFKD, nonspacing marks
 *    removed, lower case: what `foldText` in `search-text.ts` does), so "Éducation numérique" and
 *    "Education numerique" are the same text. The folding is an immutable SQL function, so the
 *    normalised title is an index expression rather than a stored column: every writer of revisions
 *    (forms, the API, imports, seeding) is covered without having to remember it.
 * 2. The trigram index is on `entry_revisions`, not `entries`: a submitted entry's text is only in
 *    its latest revision (`entries.title` holds the published one), and submitted entries must be
 *    compared with each other too. It is a two-column GIN index, "places" (the countries, plus `*`
 *    for international coverage) and the folded title: one scan then intersects "same place" with
 *    "similar title" inside the index, instead of building two large bitmaps and ANDing them.
 *    The functions use SQL-standard bodies, parsed once at creation, so they work under the
 *    restricted `search_path` PostgreSQL 17+ uses for index maintenance.
 * 3. A merged entry keeps its row and revisions, with state `merged` and the entry it was merged
 *    into; `duplicate_candidates` holds each flagged pair once (`entry_a < entry_b`, unique), so a
 *    pair marked "not a duplicate" is never flagged again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    -- The nonspacing marks of the combining-diacritics, Cyrillic, Hebrew and Arabic blocks and of
    -- the extended, supplement, symbol and half-mark blocks (PostgreSQL regexes have no \\p{Mn}).
    create function wsis_match_text(value text) returns text
      language sql immutable strict parallel safe
      return lower(regexp_replace(normalize(value, NFKD),
        '[\\u0300-\\u036f\\u0483-\\u0489\\u0591-\\u05c7\\u0610-\\u061a\\u064b-\\u065f\\u0670\\u06d6-\\u06ed\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]',
        '', 'g'));

    create function wsis_revision_places(data jsonb) returns text[]
      language sql immutable strict parallel safe
      return array(
        select jsonb_array_elements_text(
          case when jsonb_typeof(data -> 'countries') = 'array' then data -> 'countries' else '[]'::jsonb end)
        union all
        select '*' where data ->> 'coverage' = 'international'
      );

    create index entry_revisions_duplicate_match on entry_revisions
      using gin (wsis_revision_places(data), wsis_match_text(data ->> 'title') gin_trgm_ops);

    alter table entries
      drop constraint entries_state_check,
      add constraint entries_state_check
        check (state in ('draft', 'submitted', 'returned', 'published', 'rejected', 'withdrawn', 'merged')),
      add column merged_into_id bigint references entries (id),
      add constraint entries_merged_into check (
        (state = 'merged') = (merged_into_id is not null) and merged_into_id is distinct from id
      );
    create index entries_merged_into on entries (merged_into_id) where merged_into_id is not null;

    create table duplicate_candidates (
      id bigint generated always as identity primary key,
      entry_a bigint not null references entries (id) on delete cascade,
      entry_b bigint not null references entries (id) on delete cascade,
      title_score real not null,
      organisation_score real not null,
      description_score real not null,
      status text not null default 'open' check (status in ('open', 'not_duplicate', 'merged')),
      survivor_id bigint references entries (id),
      flagged_at timestamptz not null default now(),
      decided_by bigint references users (id),
      decided_at timestamptz,
      constraint duplicate_candidates_ordered check (entry_a < entry_b),
      constraint duplicate_candidates_pair unique (entry_a, entry_b),
      constraint duplicate_candidates_decided check ((status = 'open') = (decided_at is null)),
      constraint duplicate_candidates_survivor check (
        (status = 'merged') = (survivor_id is not null) and
        (survivor_id is null or survivor_id in (entry_a, entry_b))
      )
    );
    create index duplicate_candidates_open on duplicate_candidates (id) where status = 'open';
    create index duplicate_candidates_entry_b on duplicate_candidates (entry_b);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // A merged entry cannot be in the older state list; it goes back to being its owner's draft.
  await sql`
    drop table duplicate_candidates;
    update entries set state = 'draft' where state = 'merged';
    drop index entries_merged_into;
    alter table entries
      drop constraint entries_merged_into,
      drop column merged_into_id,
      drop constraint entries_state_check,
      add constraint entries_state_check
        check (state in ('draft', 'submitted', 'returned', 'published', 'rejected', 'withdrawn'));
    drop index entry_revisions_duplicate_match;
    drop function wsis_revision_places(jsonb);
    drop function wsis_match_text(text);
  `.execute(db);
}
