import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ImageType } from "./image-format.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Everything about a stored image but its bytes. */
export interface ImageMeta {
  id: string;
  entry_id: string;
  content_type: string;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
}

const META_COLUMNS = [
  "entry_images.id",
  "entry_images.entry_id",
  "entry_images.content_type",
  "entry_images.byte_size",
  "entry_images.width",
  "entry_images.height",
  "entry_images.sha256",
] as const;

export async function insertImage(
  trx: Transaction<Database>,
  image: {
    entryId: string;
    uploaderId: string;
    contentType: ImageType;
    bytes: Buffer;
    width: number;
    height: number;
    sha256: string;
  },
): Promise<string> {
  const row = await trx
    .insertInto("entry_images")
    .values({
      entry_id: image.entryId,
      uploader_id: image.uploaderId,
      content_type: image.contentType,
      bytes: image.bytes,
      byte_size: image.bytes.length,
      width: image.width,
      height: image.height,
      sha256: image.sha256,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The images of one entry among `ids`; an id of another entry's image is left out. */
export async function findImageMetas(
  db: Db,
  entryId: string,
  ids: readonly string[],
): Promise<Map<string, ImageMeta>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("entry_images")
    .select(META_COLUMNS)
    .where("entry_images.entry_id", "=", entryId)
    .where("entry_images.id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** What deciding who may see an image needs: its entry's owner, and whether the public revision shows it. */
export interface ImageAccess extends ImageMeta {
  owner_id: string;
  in_published_revision: boolean;
}

export async function findImageAccess(db: Db, id: string): Promise<ImageAccess | undefined> {
  return db
    .selectFrom("entry_images")
    .innerJoin("entries", "entries.id", "entry_images.entry_id")
    .select(META_COLUMNS)
    .select([
      "entries.owner_id",
      // jsonb containment: the published revision's `images` holds an element with this id.
      sql<boolean>`exists (
        select 1 from entry_revisions r
        where r.id = entries.published_revision_id
          and r.data -> 'images' @> jsonb_build_array(jsonb_build_object('id', entry_images.id::text))
      )`.as("in_published_revision"),
    ])
    .where("entry_images.id", "=", id)
    .executeTakeFirst();
}

export async function readImageBytes(db: Db, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom("entry_images").select("bytes").where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  // `pg` answers a Buffer, PGlite a plain Uint8Array: share the memory, do not copy.
  const bytes = row.bytes;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
