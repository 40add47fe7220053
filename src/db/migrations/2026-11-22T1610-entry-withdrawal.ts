import { type Kysely, sql } from "kysely";

/**
 * A published entry can be withdrawn from the public database by its owner or a moderator: it
 * keeps its revisions and can be edited and submitted again. The state list lives in the column's
 * unnamed check constraint, which PostgreSQL (and PGlite) name `entries_state_check`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table entries
      drop constraint entries_state_check,
      add constraint entries_state_check
        check (state in ('draft', 'submitted', 'returned', 'published', 'rejected', 'withdrawn'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The older constraint cannot hold a withdrawn entry; it goes back to being the owner's draft.
  await sql`
    update entries set state = 'draft' where state = 'withdrawn';
    alter table entries
      drop constraint entries_state_check,
      add constraint entries_state_check
        check (state in ('draft', 'submitted', 'returned', 'published', 'rejected'))
  `.execute(db);
}
