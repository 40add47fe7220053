import { type Kysely, sql } from "kysely";

/**
 * The secretariat's counting work before and at publication.
 *
 * - `prize_winner_picks`: the expert group's winner of a category, recorded by the secretariat
 *   while the results are being prepared. It is kept apart from `prize_awards` so that table holds
 *   only published results (submissions read it for "previous winners are not eligible"); one
 *   pick per category, replaced when the secretariat records another.
 * - `prize_results`: the count as published, frozen with the awards in the publishing
 *   transaction: votes counted, valid votes not counted under the edition's rules and invalidated
 *   votes by reason. A later invalidation cannot change what was announced without a new
 *   decision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_winner_picks (
      edition_id bigint not null,
      category_code text not null,
      submission_id bigint not null,
      decided_by bigint not null references users (id),
      decided_at timestamptz not null default now(),
      primary key (edition_id, category_code),
      foreign key (submission_id, edition_id, category_code)
        references prize_submissions (id, edition_id, category_code) on delete cascade
    );

    create table prize_results (
      edition_id bigint primary key references prize_editions (id) on delete cascade,
      counted int not null check (counted >= 0),
      not_counted int not null check (not_counted >= 0),
      invalidated jsonb not null default '[]'::jsonb check (jsonb_typeof(invalidated) = 'array'),
      published_by bigint not null references users (id),
      published_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prize_results, prize_winner_picks`.execute(db);
}
