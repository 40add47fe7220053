import { type Kysely, sql } from "kysely";

/**
 * The Photo Contest jury of each edition.
 *
 * - `prize_photo_jurors`: the accounts the secretariat named to an edition's Photo Contest jury,
 *   once each (primary key on edition and account). Removing a juror removes the row only: the
 *   shortlist and ranks they decided are the jury's decisions and stay, with their name on them.
 * - `prize_photos.ranked_by` / `ranked_at`: who gave a photo its current winner's rank and when,
 *   beside the existing `shortlisted_by` / `shortlisted_at`, so each decision standing on a photo
 *   names the juror (or the secretariat member recording for the jury) who took it. The audit log
 *   keeps every decision, including the ones later undone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_photo_jurors (
      edition_id bigint not null references prize_editions (id) on delete cascade,
      user_id bigint not null references users (id),
      assigned_by bigint references users (id),
      assigned_at timestamptz not null default now(),
      primary key (edition_id, user_id)
    );
    create index prize_photo_jurors_user on prize_photo_jurors (user_id, edition_id);

    alter table prize_photos
      add column ranked_by bigint references users (id),
      add column ranked_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table prize_photos drop column ranked_at, drop column ranked_by;
    drop table prize_photo_jurors;
  `.execute(db);
}
