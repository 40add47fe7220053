import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { PreparedPhoto } from "./photo-files.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** A contest photo without its bytes, with its entrant's name and its renditions' sizes. */
export interface PhotoRow {
  id: string;
  edition_id: string;
  entrant_id: string;
  entrant_name: string;
  slot: number;
  caption: string;
  sdgs: number[];
  licence: string;
  content_type: string;
  byte_size: number;
  width: number;
  height: number;
  sha256: string;
  shortlisted_at: Date | null;
  winner_rank: number | null;
  created_at: Date;
  renditions: Array<{ width: number; height: number }>;
}

const COLUMNS = [
  "prize_photos.id",
  "prize_photos.edition_id",
  "prize_photos.entrant_id",
  "users.name as entrant_name",
  "prize_photos.slot",
  "prize_photos.caption",
  "prize_photos.sdgs",
  "prize_photos.licence",
  "prize_photos.content_type",
  "prize_photos.byte_size",
  "prize_photos.width",
  "prize_photos.height",
  "prize_photos.sha256",
  "prize_photos.shortlisted_at",
  "prize_photos.winner_rank",
  "prize_photos.created_at",
] as const;

function selectPhotos(db: Db) {
  return db
    .selectFrom("prize_photos")
    .innerJoin("users", "users.id", "prize_photos.entrant_id")
    .select(COLUMNS);
}

type SelectedPhoto = Omit<PhotoRow, "renditions">;

/** Adds each photo's rendition sizes, narrowest first, in one query. */
async function withRenditions(db: Db, rows: SelectedPhoto[]): Promise<PhotoRow[]> {
  const photos = rows.map((row) => ({
    ...row,
    // Both drivers read int[] as numbers; the sort keeps their order stable for pages.
    sdgs: [...row.sdgs].map(Number),
    renditions: [] as PhotoRow["renditions"],
  }));
  if (photos.length === 0) return photos;
  const byId = new Map(photos.map((photo) => [photo.id, photo]));
  const sizes = await db
    .selectFrom("prize_photo_renditions")
    .select(["photo_id", "width", "height"])
    .where("photo_id", "in", [...byId.keys()])
    .orderBy("photo_id")
    .orderBy("width")
    .execute();
  for (const size of sizes)
    byId.get(size.photo_id)?.renditions.push({ width: size.width, height: size.height });
  return photos;
}

export async function findPhoto(db: Db, editionId: string, id: string): Promise<PhotoRow | undefined> {
  const row = await selectPhotos(db)
    .where("prize_photos.edition_id", "=", editionId)
    .where("prize_photos.id", "=", id)
    .executeTakeFirst();
  return row ? (await withRenditions(db, [row]))[0] : undefined;
}

/** An entrant's photos in an edition, in the order they were entered. */
export async function findEntrantPhotos(db: Db, editionId: string, entrantId: string): Promise<PhotoRow[]> {
  const rows = await selectPhotos(db)
    .where("prize_photos.edition_id", "=", editionId)
    .where("prize_photos.entrant_id", "=", entrantId)
    .orderBy("prize_photos.id")
    .execute();
  return withRenditions(db, rows);
}

export async function countEntrantPhotos(db: Db, editionId: string, entrantId: string): Promise<number> {
  const row = await db
    .selectFrom("prize_photos")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId)
    .where("entrant_id", "=", entrantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The shortlisted photos of an edition: winners (when `ranked`) by rank first, then in entry order. */
export async function findShortlist(db: Db, editionId: string, ranked: boolean): Promise<PhotoRow[]> {
  let query = selectPhotos(db)
    .where("prize_photos.edition_id", "=", editionId)
    .where("prize_photos.shortlisted_at", "is not", null);
  if (ranked) query = query.orderBy(sql`prize_photos.winner_rank asc nulls last`);
  const rows = await query.orderBy("prize_photos.id").execute();
  return withRenditions(db, rows);
}

/** A page of every photo of an edition for the jury, optionally the shortlist only, with the total. */
export async function findJuryPage(
  db: Db,
  editionId: string,
  { shortlistedOnly, limit, offset }: { shortlistedOnly: boolean; limit: number; offset: number },
): Promise<{ rows: PhotoRow[]; total: number }> {
  let base = db.selectFrom("prize_photos").where("prize_photos.edition_id", "=", editionId);
  if (shortlistedOnly) base = base.where("prize_photos.shortlisted_at", "is not", null);
  const count = await base.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  let query = selectPhotos(db).where("prize_photos.edition_id", "=", editionId);
  if (shortlistedOnly) query = query.where("prize_photos.shortlisted_at", "is not", null);
  const rows = await query.orderBy("prize_photos.id").limit(limit).offset(offset).execute();
  return { rows: await withRenditions(db, rows), total: Number(count.n) };
}

/** Counts of an edition's photos, entrants and shortlist, for the jury's overview. */
export async function countEditionPhotos(
  db: Db,
  editionId: string,
): Promise<{ photos: number; entrants: number; shortlisted: number }> {
  const row = await db
    .selectFrom("prize_photos")
    .select((eb) => [
      eb.fn.countAll<string>().as("photos"),
      sql<string>`count(distinct entrant_id)`.as("entrants"),
      sql<string>`count(*) filter (where shortlisted_at is not null)`.as("shortlisted"),
    ])
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return { photos: Number(row.photos), entrants: Number(row.entrants), shortlisted: Number(row.shortlisted) };
}

/**
 * Serialises one entrant's entries in an edition for the rest of the transaction, so choosing a
 * free slot and taking it cannot interleave with a parallel upload (the unique slot still holds
 * the limit if anything else writes).
 */
export async function lockEntrant(
  trx: Transaction<Database>,
  editionId: string,
  entrantId: string,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`wsis.prize-photos:${editionId}:${entrantId}`}, 0))`.execute(
    trx,
  );
}

export async function takenSlots(
  trx: Transaction<Database>,
  editionId: string,
  entrantId: string,
): Promise<number[]> {
  const rows = await trx
    .selectFrom("prize_photos")
    .select("slot")
    .where("edition_id", "=", editionId)
    .where("entrant_id", "=", entrantId)
    .execute();
  return rows.map((row) => row.slot);
}

export async function insertPhoto(
  trx: Transaction<Database>,
  photo: {
    editionId: string;
    entrantId: string;
    slot: number;
    caption: string;
    sdgs: number[];
    licence: string;
    file: PreparedPhoto;
  },
): Promise<string> {
  const row = await trx
    .insertInto("prize_photos")
    .values({
      edition_id: photo.editionId,
      entrant_id: photo.entrantId,
      slot: photo.slot,
      caption: photo.caption,
      sdgs: sql<number[]>`${`{${photo.sdgs.join(",")}}`}::int[]`,
      licence: photo.licence,
      owns_rights: true,
      persons_consented: true,
      adult_confirmed: true,
      content_type: photo.file.type,
      bytes: photo.file.bytes,
      byte_size: photo.file.bytes.length,
      width: photo.file.width,
      height: photo.file.height,
      sha256: photo.file.sha256,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (photo.file.renditions.length > 0) {
    await trx
      .insertInto("prize_photo_renditions")
      .values(
        photo.file.renditions.map((rendition) => ({
          photo_id: row.id,
          width: rendition.width,
          height: rendition.height,
          bytes: rendition.bytes,
          byte_size: rendition.bytes.length,
        })),
      )
      .execute();
  }
  return row.id;
}

/** Deletes an entrant's own photo (its renditions go with it); false when there is no such photo of theirs. */
export async function deletePhoto(
  trx: Transaction<Database>,
  editionId: string,
  id: string,
  entrantId: string,
): Promise<boolean> {
  const row = await trx
    .deleteFrom("prize_photos")
    .where("edition_id", "=", editionId)
    .where("id", "=", id)
    .where("entrant_id", "=", entrantId)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function findResultsPublishedAt(db: Db, editionId: string): Promise<Date | null> {
  const row = await db
    .selectFrom("prize_photo_results")
    .select("published_at")
    .where("edition_id", "=", editionId)
    .executeTakeFirst();
  return row ? new Date(row.published_at) : null;
}

// `pg` answers a Buffer, PGlite a plain Uint8Array: share the memory, do not copy.
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export async function readPhotoBytes(db: Db, id: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom("prize_photos").select("bytes").where("id", "=", id).executeTakeFirst();
  return row ? asBuffer(row.bytes) : undefined;
}

export async function readPhotoRenditionBytes(
  db: Db,
  id: string,
  width: number,
): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom("prize_photo_renditions")
    .select("bytes")
    .where("photo_id", "=", id)
    .where("width", "=", width)
    .executeTakeFirst();
  return row ? asBuffer(row.bytes) : undefined;
}
