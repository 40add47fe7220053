import { type Kysely, sql } from "kysely";

/**
 * Published Forum programmes. Each publication is a version (1, 2, … per edition) holding a
 * snapshot of every scheduled session as it was published: what participants were told, whatever
 * happens to the live rows afterwards. The public programme, "what changed" and the iCal feeds read
 * these snapshots.
 *
 * Versions are immutable, and the database itself holds that line: a trigger refuses any UPDATE or
 * DELETE of a version row (and TRUNCATE of the table), whoever runs the statement. For the same
 * reason the edition reference has no cascade: an edition with a published programme cannot be
 * deleted. `published_by` is kept as a plain id with no foreign key, so no change to accounts can
 * ever need to touch a version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table forum_programme_versions (
      id bigint generated always as identity primary key,
      edition_id bigint not null references forum_editions (id),
      version int not null check (version >= 1),
      published_at timestamptz not null default now(),
      published_by bigint,
      sessions jsonb not null check (jsonb_typeof(sessions) = 'array'),
      unique (edition_id, version)
    );

    create function forum_programme_versions_immutable() returns trigger
    language plpgsql as $$
    begin
      raise exception 'forum programme versions are immutable (% refused)', tg_op
        using errcode = 'integrity_constraint_violation';
    end
    $$;

    create trigger forum_programme_versions_no_change
      before update or delete on forum_programme_versions
      for each row execute function forum_programme_versions_immutable();
    create trigger forum_programme_versions_no_truncate
      before truncate on forum_programme_versions
      for each statement execute function forum_programme_versions_immutable();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table forum_programme_versions;
    drop function forum_programme_versions_immutable();
  `.execute(db);
}
