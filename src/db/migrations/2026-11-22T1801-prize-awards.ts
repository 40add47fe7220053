import { type Kysely, sql } from "kysely";

/**
 * What each nominee won: `champion` (the most votes in its category, `rank` 1–5 by the count) or
 * `winner` (the expert group's pick among the champions). One winner per category and edition is
 * a unique index. Submissions' eligibility reads it ("previous winners are not eligible"), the
 * results page and certificates read it; it is written when the secretariat records the results.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_awards (
      edition_id bigint not null,
      category_code text not null,
      submission_id bigint not null,
      award text not null check (award in ('champion', 'winner')),
      rank int check (rank between 1 and 100),
      votes int,
      decided_by bigint references users (id),
      decided_at timestamptz not null default now(),
      primary key (submission_id, award),
      foreign key (submission_id, edition_id, category_code)
        references prize_submissions (id, edition_id, category_code) on delete cascade
    );
    create unique index prize_awards_one_winner on prize_awards (edition_id, category_code) where award = 'winner';
    create index prize_awards_edition on prize_awards (edition_id, category_code, award);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prize_awards`.execute(db);
}
