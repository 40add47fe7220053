import { type Kysely, sql } from "kysely";

/**
 * Reference data is read on every search and form, but changes only when an admin edits it. Each
 * instance caches it and checks one number per read: statement triggers bump `reference_version`
 * on any change to a reference table, whoever makes it, so every instance sees an edit at once.
 */
const TABLES = [
  "action_lines",
  "sdgs",
  "action_line_sdgs",
  "regions",
  "countries",
  "stakeholder_types",
  "target_groups",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reference_version (
      id int primary key default 1 check (id = 1),
      version bigint not null default 0
    );
    insert into reference_version (id, version) values (1, 0);
    create function bump_reference_version() returns trigger language plpgsql as $$
    begin
      update reference_version set version = version + 1 where id = 1;
      return null;
    end
    $$;
  `.execute(db);
  for (const table of TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_bump_reference_version`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function bump_reference_version()
    `.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await sql`drop trigger ${sql.id(`${table}_bump_reference_version`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function bump_reference_version(); drop table reference_version;`.execute(db);
}
