import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { notFound, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { sendImage } from "../stocktaking/entry-images.routes.tsx";
import { parseRenditionFile } from "../stocktaking/entry-images.service.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { MyPhotosPage } from "./photo-entry.pages.tsx";
import { EMPTY_PHOTO_FORM, PHOTO_FORM_FIELDS, type PhotoForm, readPhotoUpload } from "./photo-input.ts";
import { photoJuryRole } from "./photo-jurors.service.ts";
import { photoJuryRoutes } from "./photo-jury.routes.tsx";
import { photoApiRoutes } from "./photos.api.ts";
import { GalleryPage } from "./photos.pages.tsx";
import { contestStatus, presentPhoto } from "./photos.presenter.ts";
import { readPhotoBytes, readPhotoRenditionBytes } from "./photos.repo.ts";
import {
  enterPhoto,
  getPhotoForReader,
  listGallery,
  listMyPhotos,
  parsePhotoId,
  parseYear,
  removePhoto,
} from "./photos.service.ts";

const params = (request: FastifyRequest) => request.params as Record<string, unknown>;

async function renderMine(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  year: number,
  {
    form = EMPTY_PHOTO_FORM,
    errors = {},
    status = 200,
  }: { form?: PhotoForm; errors?: FormErrors; status?: number } = {},
) {
  const ctx = pageContext(request, reply);
  const [{ contest, photos }, reference] = await Promise.all([
    listMyPhotos(db, actor, year),
    loadReferenceData(db),
  ]);
  const show = { sdgs: reference.sdgs, lang: ctx.lang, showRank: contest.resultsPublishedAt !== null };
  return sendPage(
    reply,
    <MyPhotosPage
      ctx={ctx}
      year={year}
      status={contestStatus(contest, ctx.lang)}
      photos={photos.map((photo) => presentPhoto(year, photo, show))}
      form={form}
      errors={errors}
      maxBytes={request.server.deps.config.photoMaxBytes}
      sdgOptions={reference.sdgs.map((sdg) => ({
        value: String(sdg.number),
        label: ctx.t("prizes.photos.sdg", {
          number: sdg.number,
          name: sdg.names[ctx.lang] ?? sdg.names.en ?? String(sdg.number),
        }),
      }))}
    />,
    status,
  );
}

/** The Photo Contest: the public gallery, an entrant's own photos and entry form, and the photo files. */
export async function prizePhotoRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;

  app.get("/prizes/:year/photos", { config: { permission: "public" } }, async (request, reply) => {
    const year = parseYear(params(request).year);
    const ctx = pageContext(request, reply);
    const [{ contest, photos }, reference] = await Promise.all([
      listGallery(db, year),
      loadReferenceData(db),
    ]);
    const published = contest.resultsPublishedAt !== null;
    const show = { sdgs: reference.sdgs, lang: ctx.lang, showRank: published };
    const juryRole = await photoJuryRole(db, contest.edition.id, request.actor);
    return sendPage(
      reply,
      <GalleryPage
        ctx={ctx}
        year={year}
        status={contestStatus(contest, ctx.lang)}
        published={published}
        photos={photos.map((photo) => presentPhoto(year, photo, show))}
        juryLink={juryRole !== null}
      />,
    );
  });

  app.get(
    "/prizes/:year/photos/mine",
    { config: { permission: "prizes.submit" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.submit");
      return renderMine(db, request, reply, actor, parseYear(params(request).year));
    },
  );

  app.post(
    "/prizes/:year/photos",
    {
      config: {
        permission: "prizes.submit",
        multipart: { fileSize: config.photoMaxBytes, fields: PHOTO_FORM_FIELDS },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.submit");
      const year = parseYear(params(request).year);
      const upload = readPhotoUpload(request.body);
      try {
        await enterPhoto(db, actor, year, upload, { maxBytes: config.photoMaxBytes, ip: clientIp(request) });
        return redirectWithFlash(reply, `/prizes/${year}/photos/mine`, "flash.prizes.photos.entered");
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderMine(db, request, reply, actor, year, {
          form: upload.form,
          errors: toFormErrors(error.fieldErrors),
          status: 400,
        });
      }
    },
  );

  app.post(
    "/prizes/:year/photos/:id/remove",
    { config: { permission: "prizes.submit" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.submit");
      const year = parseYear(params(request).year);
      await removePhoto(db, actor, year, parsePhotoId(params(request).id), { ip: clientIp(request) });
      return redirectWithFlash(reply, `/prizes/${year}/photos/mine`, "flash.prizes.photos.removed");
    },
  );

  /** The photo as stored: re-encoded without metadata, in its uploaded format. */
  app.get("/prizes/:year/photos/:id/image", { config: { permission: "public" } }, async (request, reply) => {
    const year = parseYear(params(request).year);
    const { photo, isPublic } = await getPhotoForReader(
      db,
      request.actor,
      year,
      parsePhotoId(params(request).id),
    );
    return sendImage(request, reply, {
      etag: `"${photo.sha256}"`,
      isPublic,
      type: photo.content_type,
      bytes: async () => (await readPhotoBytes(db, photo.id)) ?? Buffer.alloc(0),
    });
  });

  /** A WebP rendition, `<width>.webp`; only the widths made at upload exist. */
  app.get("/prizes/:year/photos/:id/:file", { config: { permission: "public" } }, async (request, reply) => {
    const year = parseYear(params(request).year);
    const width = parseRenditionFile(params(request).file);
    const { photo, isPublic } = await getPhotoForReader(
      db,
      request.actor,
      year,
      parsePhotoId(params(request).id),
    );
    const bytes = await readPhotoRenditionBytes(db, photo.id, width);
    if (!bytes) throw notFound("photo_not_found");
    return sendImage(request, reply, {
      etag: `"${photo.sha256}-${width}w"`,
      isPublic,
      type: "image/webp",
      bytes: async () => bytes,
    });
  });

  await app.register(photoJuryRoutes);
  await app.register(photoApiRoutes);
}
