import { type Kysely, sql } from "kysely";

/**
 * A project goes into one category of an edition (DOMAIN.md: "one category per submission"): the
 * same stocktaking entry may not be entered twice in one edition while an earlier entry of it is
 * live. A unique index, like the one-per-entity rule, so two racing requests cannot both pass a
 * check; a withdrawn submission frees the entry again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create unique index prize_submissions_one_per_entry
      on prize_submissions (edition_id, entry_id) where status <> 'withdrawn'
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index prize_submissions_one_per_entry`.execute(db);
}
