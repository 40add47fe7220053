import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { type Actor, hasPermission } from "../../platform/permissions.ts";
import { consumeRateLimit } from "../../platform/rate-limit.ts";
import { isRowId } from "../../platform/validation.ts";
import { findEditionByYear, findPhaseWindows, type PrizeEditionRow } from "./editions.repo.ts";
import { preparePhoto } from "./photo-files.ts";
import {
  dateInZone,
  PHOTO_LIMITS,
  type PhotoFile,
  type PhotoForm,
  validatePhotoInput,
} from "./photo-input.ts";
import { isPhotoJuror } from "./photo-jurors.repo.ts";
import {
  countEntrantPhotos,
  deletePhoto,
  findEntrantPhotos,
  findPhoto,
  findResultsPublishedAt,
  findShortlist,
  insertPhoto,
  lockEntrant,
  type PhotoRow,
  takenSlots,
} from "./photos.repo.ts";
import { isPhaseOpen, type PhaseWindow } from "./prize-phases.ts";

/** An edition with what the Photo Contest needs to know of its clock. */
export interface PhotoEdition {
  edition: PrizeEditionRow;
  /** The submission phase's window: entries are open inside it. */
  entries: PhaseWindow | null;
  entriesOpen: boolean;
  /** The jury decides once entries have closed. */
  judgingOpen: boolean;
  resultsPublishedAt: Date | null;
}

export interface WriteOptions {
  ip?: string | null;
  /** The server's clock unless a test sets it. */
  now?: Date;
}

/** An edition's year from a URL: four digits, anything else names no edition (404). */
export function parseYear(raw: unknown): number {
  if (typeof raw !== "string" || !/^[0-9]{4}$/.test(raw)) throw notFound();
  return Number(raw);
}

/** Photo ids are positive bigints; anything else names no photo (404). */
export function parsePhotoId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("photo_not_found");
  return raw;
}

/** The edition of `year` and where its Photo Contest stands by the server's clock; 404 when there is none. */
export async function loadPhotoEdition(
  db: Kysely<Database>,
  year: number,
  now = new Date(),
): Promise<PhotoEdition> {
  const edition = await findEditionByYear(db, year);
  if (!edition) throw notFound();
  const windows = await findPhaseWindows(db, edition.id);
  const entries = windows.find((window) => window.phase === "submission") ?? null;
  return {
    edition,
    entries,
    entriesOpen: isPhaseOpen(windows, "submission", now),
    judgingOpen: entries !== null && entries.endsAt <= now,
    resultsPublishedAt: await findResultsPublishedAt(db, edition.id),
  };
}

export interface EnteredPhoto {
  id: string;
  slot: number;
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "23505";

/**
 * Enters a photo: only while the edition's submission phase is open, at most five per entrant
 * (checked first, and again under a per-entrant lock in the transaction, with the database's
 * numbered slots behind both), with the form and the file checked (`validatePhotoInput`). The
 * file is decoded and re-encoded without metadata before the transaction, which must not hold a
 * connection while pixels are worked on. Stored with its audit record in one transaction.
 */
export async function enterPhoto(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  upload: { form: PhotoForm; file: PhotoFile },
  { maxBytes, ip = null, now = new Date() }: WriteOptions & { maxBytes: number },
): Promise<EnteredPhoto> {
  const contest = await loadPhotoEdition(db, year, now);
  const { edition } = contest;
  if (!contest.entriesOpen) throw conflict("photo_entries_closed");
  const limit = { max: PHOTO_LIMITS.perEntrant };
  if ((await countEntrantPhotos(db, edition.id, actor.id)) >= PHOTO_LIMITS.perEntrant)
    throw conflict("photo_limit_reached", limit);
  const input = validatePhotoInput(upload.form, upload.file, {
    maxBytes,
    today: dateInZone(now, edition.time_zone),
  });
  await consumeRateLimit(db, `prize-photo-upload:${actor.id}`, PHOTO_LIMITS.uploadsPerHour, 3_600_000);
  const file = await preparePhoto(input.data, input.type);
  if (!file) throw new ValidationError([{ field: "file", code: "not_an_image" }]);
  try {
    return await db.transaction().execute(async (trx) => {
      await lockEntrant(trx, edition.id, actor.id);
      const taken = new Set(await takenSlots(trx, edition.id, actor.id));
      const slot = Array.from({ length: PHOTO_LIMITS.perEntrant }, (_, index) => index + 1).find(
        (candidate) => !taken.has(candidate),
      );
      if (slot === undefined) throw conflict("photo_limit_reached", limit);
      const id = await insertPhoto(trx, {
        editionId: edition.id,
        entrantId: actor.id,
        slot,
        caption: input.caption,
        sdgs: input.sdgs,
        licence: input.licence,
        file,
      });
      await recordAudit(trx, {
        actorId: actor.id,
        action: "prize_photo.enter",
        subjectType: "prize_photo",
        subjectId: id,
        after: {
          edition: edition.year,
          slot,
          caption: input.caption,
          sdgs: input.sdgs,
          licence: input.licence,
          consents: { ownsRights: true, personsConsented: true, adult: true },
          contentType: file.type,
          bytes: file.bytes.length,
          sha256: file.sha256,
        },
        ip,
      });
      return { id, slot };
    });
  } catch (error) {
    // Only a writer that skipped the lock could take the slot first; the limit holds either way.
    if (isUniqueViolation(error)) throw conflict("photo_limit_reached", limit);
    throw error;
  }
}

/**
 * Removes one of the entrant's own photos while entries are open. Someone else's photo, or one of
 * another edition, is a 404 (its existence is not confirmed); nothing is removed.
 */
export async function removePhoto(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  photoId: string,
  { ip = null, now = new Date() }: WriteOptions = {},
): Promise<void> {
  const contest = await loadPhotoEdition(db, year, now);
  const { edition } = contest;
  const photo = await findPhoto(db, edition.id, photoId);
  if (!photo || photo.entrant_id !== actor.id) throw notFound("photo_not_found");
  if (!contest.entriesOpen) throw conflict("photo_entries_closed");
  await db.transaction().execute(async (trx) => {
    if (!(await deletePhoto(trx, edition.id, photoId, actor.id))) throw notFound("photo_not_found");
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize_photo.remove",
      subjectType: "prize_photo",
      subjectId: photoId,
      before: { edition: edition.year, slot: photo.slot, caption: photo.caption, sha256: photo.sha256 },
      ip,
    });
  });
}

/** The entrant's own photos in an edition and where the contest stands. */
export async function listMyPhotos(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
): Promise<{ contest: PhotoEdition; photos: PhotoRow[] }> {
  const contest = await loadPhotoEdition(db, year);
  return { contest, photos: await findEntrantPhotos(db, contest.edition.id, actor.id) };
}

/**
 * The public gallery: the shortlisted photos, with the winners ranked first once the jury has
 * published them (before that, nobody outside the jury learns the ranks).
 */
export async function listGallery(
  db: Kysely<Database>,
  year: number,
): Promise<{ contest: PhotoEdition; photos: PhotoRow[] }> {
  const contest = await loadPhotoEdition(db, year);
  const ranked = contest.resultsPublishedAt !== null;
  return { contest, photos: await findShortlist(db, contest.edition.id, ranked) };
}

/** A photo a reader may fetch, and whether anyone may (so it may be cached publicly). */
export interface ReadablePhoto {
  photo: PhotoRow;
  isPublic: boolean;
}

/**
 * Anyone sees a shortlisted photo; its entrant, the edition's jurors and the secretariat see every
 * one. Everyone else gets a 404, so the ids of photos not shown are not confirmed.
 */
export async function getPhotoForReader(
  db: Kysely<Database>,
  actor: Actor | null,
  year: number,
  photoId: string,
): Promise<ReadablePhoto> {
  const edition = await findEditionByYear(db, year);
  const photo = edition ? await findPhoto(db, edition.id, photoId) : undefined;
  if (!photo) throw notFound("photo_not_found");
  if (photo.shortlisted_at !== null) return { photo, isPublic: true };
  if ((actor && actor.id === photo.entrant_id) || hasPermission(actor, "prizes.secretariat"))
    return { photo, isPublic: false };
  if (actor && (await isPhotoJuror(db, photo.edition_id, actor.id))) return { photo, isPublic: false };
  throw notFound("photo_not_found");
}
