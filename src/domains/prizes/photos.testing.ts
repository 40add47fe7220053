import type { Kysely } from "kysely";
import sharp from "sharp";
import type { App } from "../../app.ts";
import type { Database } from "../../db/schema.ts";
import { photoImage } from "../../testing/image-fixtures.ts";
import type { Browser } from "../../testing/test-app.ts";
import { type FilePart, multipartBody } from "../stocktaking/entry-images.testing.ts";
import { preparePhoto } from "./photo-files.ts";
import { insertPhoto } from "./photos.repo.ts";
import type { TestEdition } from "./prizes.testing.ts";

/** The entry form filled in correctly, as a browser sends it (an adult born in 1990). */
export function validPhotoFields(
  overrides: Record<string, string | string[] | null> = {},
): Array<[string, string]> {
  const fields: Record<string, string | string[] | null> = {
    caption: "A nurse checks a patient record on a tablet in a rural clinic",
    sdgs: ["3", "9"],
    licence: "CC-BY-4.0",
    ownsRights: "yes",
    personsConsented: "yes",
    birthDate: "1990-05-17",
    ...overrides,
  };
  return Object.entries(fields).flatMap(([name, value]) =>
    value === null
      ? []
      : (Array.isArray(value) ? value : [value]).map((item): [string, string] => [name, item]),
  );
}

/** A real JPEG of a few kilobytes; with `gps`, its EXIF holds a GPS position and a camera make. */
export async function jpegPhoto(
  options: { gps?: boolean; width?: number; height?: number } = {},
): Promise<Buffer> {
  const photo = await photoImage("jpeg", options.width ?? 480, options.height ?? 320);
  if (!options.gps) return photo;
  return sharp(photo)
    .withExif({
      IFD0: { Make: "TestCam", Model: "Phone 9", Copyright: "Entrant" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "46/1 12/1 30/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "6/1 8/1 0/1",
      },
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * Whether an EXIF block (as sharp's `metadata().exif` gives it: "Exif\0\0" then TIFF) points at a
 * GPS directory: IFD0's tag 0x8825, read in the block's own byte order.
 */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const tiff = exif.subarray(exif.subarray(0, 4).toString("latin1") === "Exif" ? 6 : 0);
  const little = tiff.subarray(0, 2).toString("latin1") === "II";
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? tiff.readUInt32LE(offset) : tiff.readUInt32BE(offset));
  const ifd = u32(4);
  const count = u16(ifd);
  for (let index = 0; index < count; index += 1) if (u16(ifd + 2 + index * 12) === 0x8825) return true;
  return false;
}

/** Posts the entry form of `/prizes/<year>/photos/mine` (multipart), as a browser does. */
export async function postPhoto(
  app: App,
  browser: Browser,
  year: number,
  options: {
    fields?: Array<[string, string]>;
    file?: FilePart | null;
    csrf?: string | null;
    url?: string;
  } = {},
) {
  const csrf =
    options.csrf === undefined ? await browser.csrfToken(`/prizes/${year}/photos/mine`) : options.csrf;
  const fields: Array<[string, string]> = [];
  if (csrf !== null) fields.push(["_csrf", csrf]);
  fields.push(...(options.fields ?? validPhotoFields()));
  const file =
    options.file === undefined
      ? { data: await jpegPhoto(), filename: "clinic.jpg", type: "image/jpeg" }
      : options.file;
  const { payload, contentType } = multipartBody(fields, file ? [file] : []);
  return app.inject({
    method: "POST",
    url: options.url ?? `/prizes/${year}/photos`,
    headers: { accept: "text/html", "content-type": contentType, cookie: browser.cookieHeader() },
    payload,
  });
}

/** The same upload through the API with a bearer token (`prizes:write`). */
export async function apiPostPhoto(
  app: App,
  token: string,
  year: number,
  options: { fields?: Array<[string, string]>; file?: FilePart | null } = {},
) {
  const file =
    options.file === undefined
      ? { data: await jpegPhoto(), filename: "clinic.jpg", type: "image/jpeg" }
      : options.file;
  const { payload, contentType } = multipartBody(options.fields ?? validPhotoFields(), file ? [file] : []);
  return app.inject({
    method: "POST",
    url: `/api/v1/prizes/editions/${year}/photos`,
    headers: { "content-type": contentType, authorization: `Bearer ${token}` },
    payload,
  });
}

let slotSequence = 0;

/**
 * A photo stored directly (no HTTP, no clock check), for editions whose entries have closed:
 * a real small JPEG with its renditions, in the entrant's next free slot.
 */
export async function makePrizePhoto(
  db: Kysely<Database>,
  edition: TestEdition,
  entrantId: string,
  options: { shortlisted?: boolean; rank?: number; caption?: string } = {},
): Promise<string> {
  const file = await preparePhoto(await jpegPhoto({ width: 360, height: 240 }), "image/jpeg");
  if (!file) throw new Error("the test photo did not decode");
  slotSequence += 1;
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("prize_photos")
      .select("slot")
      .where("edition_id", "=", edition.id)
      .where("entrant_id", "=", entrantId)
      .execute();
    const slot = [1, 2, 3, 4, 5].find((candidate) => !taken.some((row) => row.slot === candidate)) ?? 6;
    const id = await insertPhoto(trx, {
      editionId: edition.id,
      entrantId,
      slot,
      caption: options.caption ?? `Test photo ${slotSequence}`,
      sdgs: [4, 17],
      licence: "CC-BY-4.0",
      file,
    });
    if (options.shortlisted || options.rank)
      await trx
        .updateTable("prize_photos")
        .set({ shortlisted_at: new Date(), winner_rank: options.rank ?? null })
        .where("id", "=", id)
        .execute();
    return id;
  });
}

/** How many photos are stored in an edition, to prove a refused request stored nothing. */
export async function photoCount(db: Kysely<Database>, editionId: string): Promise<number> {
  const row = await db
    .selectFrom("prize_photos")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The audit actions recorded about a subject, oldest first. */
export async function auditActions(
  db: Kysely<Database>,
  subjectType: string,
  subjectId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select("action")
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}
