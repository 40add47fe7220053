import { type Kysely, sql } from "kysely";

/**
 * Special prizes of an edition (e.g. the Healthy Ageing Innovation Prize since 2021, the Digital
 * Service Design Prize since 2023): each has its own rules text, timeline, jury and finalists, so
 * it is a row of its own rather than a category.
 *
 * - `prize_special_prizes`: `code` is unique within the edition; `names` per language (`en`
 *   always); one window `[starts_at, ends_at)` (a special prize runs on its own timeline, not the
 *   edition's six phases); `finalists` is the jury's list as typed (project names, in order) and
 *   `winner`, when decided, is one of them (checked by the service, since an array element cannot
 *   be a foreign key).
 * - `prize_special_prize_jurors`: the jury, accounts of this platform.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_special_prizes (
      id bigint generated always as identity primary key,
      edition_id bigint not null references prize_editions (id) on delete cascade,
      code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      names jsonb not null check (jsonb_typeof(names) = 'object' and names ? 'en'),
      rules text not null default '' check (length(rules) <= 8000),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      finalists text[] not null default '{}' check (cardinality(finalists) <= 50),
      winner text check (winner is null or length(winner) between 1 and 300),
      sort_order int not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (edition_id, code),
      check (ends_at > starts_at)
    );

    create table prize_special_prize_jurors (
      special_prize_id bigint not null references prize_special_prizes (id) on delete cascade,
      user_id bigint not null references users (id),
      primary key (special_prize_id, user_id)
    );
    create index prize_special_prize_jurors_user on prize_special_prize_jurors (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prize_special_prize_jurors, prize_special_prizes`.execute(db);
}
