import { type Kysely, sql } from "kysely";

/**
 * The WSIS Photo Contest of a prize edition.
 *
 * - `prize_photos`: one entered photo. An entrant has at most five per edition: each photo takes
 *   one of five numbered slots, and (edition, entrant, slot) is unique, so no race can store a
 *   sixth. The consents are columns that can only be true: a row exists only with them given.
 *   `bytes` is the photo as served, re-encoded without any metadata (EXIF location, camera,
 *   comments) and turned upright; the uploaded file itself is never stored. A winner (`winner_rank`
 *   1–3, unique per edition) must be shortlisted.
 * - `prize_photo_renditions`: WebP renditions at the widths the gallery offers in `srcset`.
 * - `prize_photo_results`: when the jury published its three winners; until then the public
 *   gallery shows the shortlist without ranks, and afterwards the picks no longer change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prize_photos (
      id bigint generated always as identity primary key,
      edition_id bigint not null references prize_editions (id) on delete cascade,
      entrant_id bigint not null references users (id),
      slot smallint not null check (slot between 1 and 5),
      caption text not null check (length(caption) between 1 and 300),
      sdgs int[] not null
        check (cardinality(sdgs) between 1 and 17 and sdgs <@ '{1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17}'::int[]),
      licence text not null check (licence in ('CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0')),
      owns_rights boolean not null check (owns_rights),
      persons_consented boolean not null check (persons_consented),
      adult_confirmed boolean not null check (adult_confirmed),
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      bytes bytea not null,
      byte_size int not null check (byte_size > 0 and byte_size = octet_length(bytes)),
      width int not null check (width > 0),
      height int not null check (height > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      shortlisted_at timestamptz,
      shortlisted_by bigint references users (id),
      winner_rank smallint check (winner_rank between 1 and 3),
      created_at timestamptz not null default now(),
      unique (edition_id, entrant_id, slot),
      check (winner_rank is null or shortlisted_at is not null)
    );
    create unique index prize_photos_one_per_rank on prize_photos (edition_id, winner_rank)
      where winner_rank is not null;
    create index prize_photos_shortlist on prize_photos (edition_id, id) where shortlisted_at is not null;
    alter table prize_photos alter column bytes set storage external;

    create table prize_photo_renditions (
      photo_id bigint not null references prize_photos (id) on delete cascade,
      width int not null check (width > 0),
      height int not null check (height > 0),
      bytes bytea not null,
      byte_size int not null check (byte_size > 0 and byte_size = octet_length(bytes)),
      primary key (photo_id, width)
    );
    alter table prize_photo_renditions alter column bytes set storage external;

    create table prize_photo_results (
      edition_id bigint primary key references prize_editions (id) on delete cascade,
      published_at timestamptz not null default now(),
      published_by bigint not null references users (id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prize_photo_results, prize_photo_renditions, prize_photos`.execute(db);
}
