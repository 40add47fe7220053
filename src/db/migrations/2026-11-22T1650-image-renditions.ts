import { type Kysely, sql } from "kysely";
import { makeRenditions } from "../../domains/stocktaking/image-renditions.ts";

/**
 * WebP renditions of entry images at the widths pages offer in `srcset`, made at upload time in the
 * same transaction as the image row. Like the images, rows are immutable and live in the database,
 * so any instance serves them and a URL can be cached forever.
 *
 * Images stored before this migration get theirs here, once, rather than on first request: a
 * page then knows which renditions exist from one query, a GET never writes, and an old image
 * that cannot be decoded (uploads were checked by their header only) simply has none, so its
 * page keeps showing the original instead of pointing `srcset` at addresses that would fail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table entry_image_renditions (
      image_id bigint not null references entry_images (id) on delete cascade,
      width int not null check (width > 0),
      height int not null check (height > 0),
      bytes bytea not null,
      byte_size int not null check (byte_size > 0 and byte_size = octet_length(bytes)),
      primary key (image_id, width)
    );
    -- WebP is compressed already; TOAST compression would only cost CPU.
    alter table entry_image_renditions alter column bytes set storage external;
  `.execute(db);
  await backfillRenditions(db);
}

/**
 * Makes the renditions of every stored image that has none. An image that cannot be decoded is
 * left without, and tried again on a later call (there is none but in tests).
 */
export async function backfillRenditions(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    select i.id from entry_images i
    where not exists (select 1 from entry_image_renditions r where r.image_id = i.id)
    order by i.id
  `.execute(db);
  // One image at a time, so at most one original (5 MB at most) is in memory.
  for (const { id } of rows) {
    const image = await sql<{ bytes: Uint8Array }>`
      select bytes from entry_images where id = ${id}
    `.execute(db);
    const bytes = image.rows[0]?.bytes;
    const renditions = bytes ? await makeRenditions(bytes) : null;
    for (const rendition of renditions ?? []) {
      await sql`
        insert into entry_image_renditions (image_id, width, height, bytes, byte_size)
        values (${id}, ${rendition.width}, ${rendition.height}, ${rendition.bytes}, ${rendition.bytes.length})
      `.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table entry_image_renditions`.execute(db);
}
