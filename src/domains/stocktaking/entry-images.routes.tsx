import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound } from "../../platform/errors.ts";
import { isUploadedFile } from "../../platform/http/multipart.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { redirectWithFlash } from "../../ui/render.tsx";
import { renderEditForm } from "./entries.routes.tsx";
import { getEditableEntry, parseEntryId } from "./entries.service.ts";
import { formField, formWriteOptions, idParam, submitForm } from "./entry-http.ts";
import {
  addEntryImage,
  getImageForReader,
  imageBytes,
  parseImageId,
  parseRenditionFile,
  removeEntryImage,
  renditionBytes,
} from "./entry-images.service.ts";
import { IMAGE_TYPES } from "./image-format.ts";

const PUBLIC_CACHE = "public, max-age=31536000, immutable";
const PRIVATE_CACHE = "private, no-store";

/** The file part named `name` of a multipart body; absent, or sent as a plain field, reads as none. */
function uploadedFile(body: unknown, name: string) {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return isUploadedFile(value) ? value : null;
}

/**
 * Sends image bytes with headers that keep a browser from treating them as anything but an image
 * (no sniffing, no scripts, no plugins), even when the address is opened directly. Stored bytes
 * never change for an id, so a published one is cached for good and revalidated by its ETag.
 */
export async function sendImage(
  request: FastifyRequest,
  reply: FastifyReply,
  image: { etag: string; isPublic: boolean; type: string; bytes: () => Promise<Buffer> },
) {
  reply
    .header("etag", image.etag)
    .header("cache-control", image.isPublic ? PUBLIC_CACHE : PRIVATE_CACHE)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'")
    .header("content-disposition", "inline");
  const match = request.headers["if-none-match"];
  if (
    typeof match === "string" &&
    match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === image.etag)
  ) {
    return reply.code(304).send();
  }
  return reply.type(image.type).send(await image.bytes());
}

/** Entry images: upload to and removal from the owner's draft, and serving the bytes. */
export async function entryImagesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.post(
    "/entries/:id/images",
    { config: { permission: "entries.create", multipart: true } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(idParam(request));
      const file = uploadedFile(request.body, "file");
      const alt = formField(request.body, "alt");
      const upload = { data: file?.data ?? null, truncated: file?.truncated ?? false, alt };
      return submitForm(
        request,
        alt,
        async (write) => {
          await addEntryImage(db, actor, entryId, upload, write);
          return redirectWithFlash(reply, `/entries/${entryId}/edit#images`, "flash.entries.imageAdded");
        },
        async ({ values, errors, key, status }) =>
          renderEditForm(request, reply, await getEditableEntry(db, actor, entryId), {
            status,
            imageForm: { alt: values, errors, key },
          }),
      );
    },
  );

  app.post(
    "/entries/:id/images/:imageId/remove",
    { config: { permission: "entries.create" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.create");
      const entryId = parseEntryId(idParam(request));
      const imageId = parseImageId((request.params as Record<string, unknown>).imageId);
      await removeEntryImage(db, actor, entryId, imageId, formWriteOptions(request));
      return redirectWithFlash(reply, `/entries/${entryId}/edit#images`, "flash.entries.imageRemoved");
    },
  );

  /** The bytes, as stored, under the content type read from their magic bytes. */
  app.get("/images/:id", { config: { permission: "public" } }, async (request, reply) => {
    const imageId = parseImageId(idParam(request));
    const { meta, isPublic } = await getImageForReader(db, request.actor, imageId);
    // The database refuses other types already; this keeps a hand-edited row from serving SVG or HTML.
    if (!(IMAGE_TYPES as readonly string[]).includes(meta.content_type)) throw notFound("image_not_found");
    return sendImage(request, reply, {
      etag: `"${meta.sha256}"`,
      isPublic,
      type: meta.content_type,
      bytes: () => imageBytes(db, imageId),
    });
  });

  /**
   * A WebP rendition, `/images/<id>/<width>.webp`, to whoever may see the original, cached as it
   * is. Only the widths made at upload exist; any other is a 404.
   */
  app.get("/images/:id/:file", { config: { permission: "public" } }, async (request, reply) => {
    const imageId = parseImageId(idParam(request));
    const width = parseRenditionFile((request.params as Record<string, unknown>).file);
    const { meta, isPublic } = await getImageForReader(db, request.actor, imageId);
    const bytes = await renditionBytes(db, imageId, width);
    return sendImage(request, reply, {
      // Renditions are derived from the original, so its digest and the width name them.
      etag: `"${meta.sha256}-${width}w"`,
      isPublic,
      type: "image/webp",
      bytes: async () => bytes,
    });
  });
}
