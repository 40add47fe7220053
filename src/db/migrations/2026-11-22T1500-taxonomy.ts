import { type Kysely, sql } from "kysely";

// Names are kept per language in `names` ({"en": "..."}) so translations are data, not code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table action_lines (
      code text primary key check (code ~ '^C[0-9]{1,2}(-[a-z]+)?$'),
      names jsonb not null check (names ? 'en'),
      facilitator text not null,
      group_code text,
      description text not null default '',
      sort_order int not null
    );
    create table sdgs (
      number int primary key check (number between 1 and 17),
      names jsonb not null check (names ? 'en'),
      colour text not null check (colour ~ '^#[0-9A-Fa-f]{6}$')
    );
    create table action_line_sdgs (
      action_line_code text not null references action_lines (code) on update cascade on delete cascade,
      sdg_number int not null references sdgs (number) on delete cascade,
      rationale text not null default '',
      primary key (action_line_code, sdg_number)
    );
    create table regions (
      code text primary key check (code ~ '^[A-Z]{3}$'),
      names jsonb not null check (names ? 'en'),
      sort_order int not null
    );
    create table countries (
      code char(2) primary key check (code ~ '^[A-Z]{2}$'),
      region_code text references regions (code) on update cascade on delete set null
    );
    create index countries_region on countries (region_code);
    create table stakeholder_types (
      code text primary key check (code ~ '^[a-z_]+$'),
      names jsonb not null check (names ? 'en'),
      sort_order int not null
    );
    create table target_groups (
      code text primary key check (code ~ '^[a-z_]+$'),
      names jsonb not null check (names ? 'en'),
      sort_order int not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table target_groups, stakeholder_types, countries, regions, action_line_sdgs, sdgs, action_lines`.execute(
    db,
  );
}
