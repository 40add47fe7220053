import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { ImageType } from "./image-format.ts";
import type { Rendition } from "./image-renditions.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Everything about a stored image but its bytes. */
export interface StoredImage {
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

/** The size of one WebP rendition. */
export interface RenditionSize {
  width: number;
  height: number;
}

/** An image as a page shows it: its row, and its renditions narrowest first (none for an image that could not be decoded). */
export interface ImageMeta extends StoredImage {
  renditions: RenditionSize[];
}

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

export async function insertRenditions(
  trx: Transaction<Database>,
  imageId: string,
  renditions: readonly Rendition[],
): Promise<void> {
  if (renditions.length === 0) return;
  await trx
    .insertInto("entry_image_renditions")
    .values(
      renditions.map((rendition) => ({
        image_id: imageId,
        width: rendition.width,
        height: rendition.height,
        bytes: rendition.bytes,
        byte_size: rendition.bytes.length,
      })),
    )
    .execute();
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
  const metas = new Map<string, ImageMeta>(rows.map((row) => [row.id, { ...row, renditions: [] }]));
  if (metas.size === 0) return metas;
  const sizes = await db
    .selectFrom("entry_image_renditions")
    .select(["image_id", "width", "height"])
    .where("image_id", "in", [...metas.keys()])
    .orderBy("image_id")
    .orderBy("width")
    .execute();
  for (const size of sizes)
    metas.get(size.image_id)?.renditions.push({ width: size.width, height: size.height });
  return metas;
}

/** What deciding who may see an image needs: its entry's owner, and whether the public revision shows it. */
export interface ImageAccess extends StoredImage {
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

// `pg` answers a Buffer, PGlite a plain Uint8Array: share the memory, do not copy.
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export async function readImageBytes(db: Db, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom("entry_images").select("bytes").where("id", "=", id).executeTakeFirst();
  return row ? asBuffer(row.bytes) : undefined;
}

/** The bytes of an image's rendition at exactly `width`, if it has one. */
export async function readRenditionBytes(
  db: Db,
  imageId: string,
  width: number,
): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom("entry_image_renditions")
    .select("bytes")
    .where("image_id", "=", imageId)
    .where("width", "=", width)
    .executeTakeFirst();
  return row ? asBuffer(row.bytes) : undefined;
}
