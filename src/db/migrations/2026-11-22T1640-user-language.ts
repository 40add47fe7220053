import { type Kysely, sql } from "kysely";

/**
 * The language a user reads mail in. Mail is written when someone else acts (a moderator's
 * decision), so it cannot follow the request; it follows the user's own choice, kept here. Existing
 * accounts start in English, the language every mail was in before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column language text not null default 'en'
        constraint users_language_check check (language in ('ar', 'zh', 'en', 'fr', 'ru', 'es'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column language`.execute(db);
}
