import { type Kysely, sql } from "kysely";

/**
 * Entry images live in the database, not on disk: the service is stateless and may run as several
 * instances. Rows are immutable (a replaced image is a new row with a new id), so revisions keep
 * pointing at the exact bytes they showed, and a URL for one id can be cached forever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table entry_images (
      id bigint generated always as identity primary key,
      entry_id bigint not null references entries (id) on delete cascade,
      uploader_id bigint not null references users (id),
      -- Only raster formats we sniff ourselves; SVG (script-capable) can never get in.
      content_type text not null
        check (content_type in ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
      bytes bytea not null,
      byte_size int not null check (byte_size > 0 and byte_size = octet_length(bytes)),
      width int not null check (width > 0),
      height int not null check (height > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      created_at timestamptz not null default now()
    );
    create index entry_images_entry on entry_images (entry_id);
    -- The formats are compressed already; TOAST compression would only cost CPU.
    alter table entry_images alter column bytes set storage external;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table entry_images`.execute(db);
}
