import { type Kysely, sql } from "kysely";

/**
 * Indexes on the revision foreign keys that had none. PostgreSQL indexes the referenced side of a
 * foreign key, not the referencing one: without these, deleting or re-keying a revision scans
 * `entries` and `moderation_decisions` whole to check nothing still points at it, and "which
 * entry/decision names this revision" has no path but a sequential scan. `if not exists`, so a
 * database where an operator already added them by hand migrates all the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index if not exists moderation_decisions_revision_id on moderation_decisions (revision_id);
    create index if not exists entries_latest_revision_id on entries (latest_revision_id);
    create index if not exists entries_published_revision_id on entries (published_revision_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists entries_published_revision_id;
    drop index if exists entries_latest_revision_id;
    drop index if exists moderation_decisions_revision_id;
  `.execute(db);
}
