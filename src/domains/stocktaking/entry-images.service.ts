import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, EntryState } from "../../db/schema.ts";
import { notFound, ValidationError } from "../../platform/errors.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import type { Actor } from "../../platform/permissions.ts";
import { consumeRateLimit } from "../../platform/rate-limit.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { isModerator } from "./entries.policy.ts";
import { assertOwnEntry, type WriteOptions } from "./entries.service.ts";
import { changeOwnDraft } from "./entry-drafts.service.ts";
import { ENTRY_LIMITS } from "./entry-fields.ts";
import {
  findImageAccess,
  type ImageAccess,
  insertImage,
  insertRenditions,
  readImageBytes,
  readRenditionBytes,
} from "./entry-images.repo.ts";
import { type ImageInfo, sniffImage } from "./image-format.ts";
import { makeRenditions } from "./image-renditions.ts";

/** What an entry image may be. Bytes are counted exactly; 5 MB is 5 × 1024 × 1024. */
export const IMAGE_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  /** Larger images are refused: they cost readers' memory to decode and no page needs them. */
  maxSide: 8000,
  perEntry: ENTRY_LIMITS.imagesMax,
  altMax: ENTRY_LIMITS.imageAltMax,
  /** Per user and hour: every upload is kept (revisions point at it), so storage is rationed. */
  uploadsPerHour: 60,
} as const;

/** An upload as the route received it: the file's bytes (or none), whether it was cut at the size limit, and the alt text. */
export interface ImageUpload {
  data: Buffer | null;
  truncated: boolean;
  alt: unknown;
}

export interface ValidImage {
  info: ImageInfo;
  data: Buffer;
  alt: string;
  sha256: string;
}

/** Image ids are positive bigints; anything else names no image (404). */
export function parseImageId(raw: unknown): string {
  if (!isRowId(raw)) throw notFound("image_not_found");
  return raw;
}

/**
 * Checks an upload by its content: the magic bytes must be PNG, JPEG, WebP or GIF (the declared
 * type and the file name are ignored), the size within the limits, and the alt text present.
 * Every problem is reported at once, on the `file` and `alt` fields.
 */
export function validateImageUpload(upload: ImageUpload): ValidImage {
  const errors = new FieldErrors();
  const alt = errors.line("alt", typeof upload.alt === "string" ? upload.alt : "", IMAGE_LIMITS.altMax);

  const data = upload.data;
  let info: ImageInfo | null = null;
  if (!data || data.length === 0) errors.add("file", "required");
  else if (upload.truncated || data.length > IMAGE_LIMITS.maxBytes)
    errors.add("file", "too_long", { max: IMAGE_LIMITS.maxBytes });
  else {
    info = sniffImage(data);
    if (!info) errors.add("file", "invalid_value");
    else if (info.width > IMAGE_LIMITS.maxSide || info.height > IMAGE_LIMITS.maxSide)
      errors.add("file", "out_of_range", { min: 1, max: IMAGE_LIMITS.maxSide });
  }
  if (!errors.ok || !info || !data) throw new ValidationError(errors.list);
  return { info, data, alt, sha256: createHash("sha256").update(data).digest("hex") };
}

export interface ImageOutcome {
  entryId: string;
  imageId: string;
  state: EntryState;
  revisionNumber: number;
}

/**
 * Stores an image and its WebP renditions and adds it, last, to the owner's working draft as a new
 * revision, in one transaction with its audit record. The published version is untouched: the
 * public keeps seeing its own images until a moderator publishes the new revision. A file whose
 * header passes but whose pixels cannot be decoded is refused like any other non-image.
 */
export async function addEntryImage(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  upload: ImageUpload,
  options: WriteOptions = {},
): Promise<Idempotent<ImageOutcome>> {
  await assertOwnEntry(db, actor, entryId);
  const image = validateImageUpload(upload);
  await consumeRateLimit(db, `entry-image-upload:${actor.id}`, IMAGE_LIMITS.uploadsPerHour, 3_600_000);
  // Decoding costs CPU, so it comes after the rate limit; and before the transaction, which must
  // not hold its connection and the entry's lock while the pixels are worked on.
  const renditions = await makeRenditions(image.data);
  if (!renditions) throw new ValidationError([{ field: "file", code: "invalid_value" }]);
  const scope = `entries.images.add:${entryId}`;
  const content = { sha256: image.sha256, alt: image.alt };
  return changeOwnDraft(db, actor, entryId, options, { scope, content }, async (latest, trx) => {
    if (latest.data.images.length >= IMAGE_LIMITS.perEntry) {
      throw new ValidationError([
        { field: "file", code: "too_many", params: { max: IMAGE_LIMITS.perEntry } },
      ]);
    }
    const imageId = await insertImage(trx, {
      entryId,
      uploaderId: actor.id,
      contentType: image.info.type,
      bytes: image.data,
      width: image.info.width,
      height: image.info.height,
      sha256: image.sha256,
    });
    await insertRenditions(trx, imageId, renditions);
    return {
      data: { ...latest.data, images: [...latest.data.images, { id: imageId, alt: image.alt }] },
      audit: {
        action: "entry.image_add",
        details: {
          image: imageId,
          contentType: image.info.type,
          bytes: image.data.length,
          sha256: image.sha256,
        },
      },
      outcome: { imageId },
    };
  });
}

/** Takes an image off the owner's working draft as a new revision; earlier revisions keep it. */
export async function removeEntryImage(
  db: Kysely<Database>,
  actor: Actor,
  entryId: string,
  imageId: string,
  options: WriteOptions = {},
): Promise<Idempotent<ImageOutcome>> {
  await assertOwnEntry(db, actor, entryId);
  const scope = `entries.images.remove:${entryId}`;
  return changeOwnDraft(db, actor, entryId, options, { scope, content: { imageId } }, (latest) => {
    if (!latest.data.images.some((image) => image.id === imageId)) throw notFound("image_not_found");
    return {
      data: { ...latest.data, images: latest.data.images.filter((image) => image.id !== imageId) },
      audit: { action: "entry.image_remove", details: { image: imageId } },
      outcome: { imageId },
    };
  });
}

/** An image a reader may fetch, and whether anyone may (so it may be cached publicly). */
export interface ReadableImage {
  meta: ImageAccess;
  isPublic: boolean;
}

/**
 * Anyone sees an image of the published revision of a published entry; the entry's owner and
 * moderators see every image of it (drafts, history). Everyone else gets a 404, so the ids of
 * unpublished images are not confirmed.
 */
export async function getImageForReader(
  db: Kysely<Database>,
  actor: Actor | null,
  imageId: string,
): Promise<ReadableImage> {
  const meta = await findImageAccess(db, imageId);
  if (!meta) throw notFound("image_not_found");
  if (meta.in_published_revision) return { meta, isPublic: true };
  if ((actor !== null && actor.id === meta.owner_id) || isModerator(actor)) return { meta, isPublic: false };
  throw notFound("image_not_found");
}

export async function imageBytes(db: Kysely<Database>, imageId: string): Promise<Buffer> {
  const bytes = await readImageBytes(db, imageId);
  if (!bytes) throw notFound("image_not_found");
  return bytes;
}

/**
 * A rendition's file name, `<width>.webp`, as its width; anything else names no rendition (404).
 * Five digits at most: no rendition is wider than the widest original.
 */
export function parseRenditionFile(raw: unknown): number {
  const match = typeof raw === "string" ? /^([1-9][0-9]{0,4})\.webp$/.exec(raw) : null;
  if (!match?.[1]) throw notFound("image_not_found");
  return Number(match[1]);
}

/** The WebP bytes of an image at one of its rendition widths; a width it was not made at is a 404. */
export async function renditionBytes(db: Kysely<Database>, imageId: string, width: number): Promise<Buffer> {
  const bytes = await readRenditionBytes(db, imageId, width);
  if (!bytes) throw notFound("image_not_found");
  return bytes;
}
