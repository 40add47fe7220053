import { type Kysely, sql } from "kysely";

/**
 * The published revision's translations, copied beside its title and description so search
 * results can show each reader the language they read without opening every revision. The
 * translations themselves live in the revisions (screened and kept like every other field);
 * their words are in `search_vector`, which the application writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table entries
      add column translations jsonb not null default '[]'
        constraint entries_translations_is_array check (jsonb_typeof(translations) = 'array')
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table entries drop column translations`.execute(db);
}
