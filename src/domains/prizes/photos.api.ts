import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { PHOTO_FORM_FIELDS, PHOTO_LIMITS, readPhotoUpload } from "./photo-input.ts";
import { type PresentedPhoto, presentPhoto } from "./photos.presenter.ts";
import type { PhotoRow } from "./photos.repo.ts";
import {
  ENTER_DESCRIPTION,
  EnteredResponse,
  GalleryResponse,
  MyPhotosResponse,
  PhotoParams,
  YearParams,
} from "./photos.schema.ts";
import {
  enterPhoto,
  listGallery,
  listMyPhotos,
  parsePhotoId,
  parseYear,
  removePhoto,
} from "./photos.service.ts";

const TAGS = ["prizes"];

/** A presented photo in the API's shape: renditions as a list rather than an `srcset`. */
function apiPhoto(presented: PresentedPhoto, row: PhotoRow, year: number) {
  const { srcset: _srcset, shortlisted: _shortlisted, ...rest } = presented;
  const version = row.sha256.slice(0, 16);
  return {
    ...rest,
    renditions: row.renditions.map(({ width }) => ({
      width,
      url: `/prizes/${year}/photos/${row.id}/${width}.webp?v=${version}`,
    })),
  };
}

/** The Photo Contest as API operations: the public gallery, one's own photos, entering and removing. */
export async function photoApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.deps;

  app.get(
    "/api/v1/prizes/editions/:year/photos",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listPrizePhotos",
        tags: TAGS,
        summary: "The Photo Contest gallery of an edition: the shortlist, winners first once published",
        params: YearParams,
        response: { 200: GalleryResponse },
      },
    },
    async (request) => {
      const year = parseYear(request.params.year);
      const [{ contest, photos }, reference] = await Promise.all([
        listGallery(db, year),
        loadReferenceData(db),
      ]);
      const published = contest.resultsPublishedAt !== null;
      const show = { sdgs: reference.sdgs, lang: request.lang, showRank: published };
      return {
        year,
        entriesOpen: contest.entriesOpen,
        entriesClose: contest.entries ? contest.entries.endsAt.toISOString() : null,
        timeZone: effectiveTimeZone(contest.edition.time_zone),
        winnersPublished: published,
        items: photos.map((row) => apiPhoto(presentPhoto(year, row, show), row, year)),
      };
    },
  );

  app.get(
    "/api/v1/prizes/editions/:year/photos/mine",
    {
      config: { permission: "prizes.submit" },
      schema: {
        operationId: "listMyPrizePhotos",
        tags: TAGS,
        summary: "Your own Photo Contest entries in an edition",
        params: YearParams,
        response: { 200: MyPhotosResponse },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "prizes.submit");
      const year = parseYear(request.params.year);
      const [{ contest, photos }, reference] = await Promise.all([
        listMyPhotos(db, actor, year),
        loadReferenceData(db),
      ]);
      const show = {
        sdgs: reference.sdgs,
        lang: request.lang,
        showRank: contest.resultsPublishedAt !== null,
      };
      return {
        year,
        entriesOpen: contest.entriesOpen,
        max: PHOTO_LIMITS.perEntrant,
        items: photos.map((row) => apiPhoto(presentPhoto(year, row, show), row, year)),
      };
    },
  );

  app.post(
    "/api/v1/prizes/editions/:year/photos",
    {
      config: {
        permission: "prizes.submit",
        multipart: { fileSize: config.photoMaxBytes, fields: PHOTO_FORM_FIELDS },
      },
      schema: {
        operationId: "enterPrizePhoto",
        tags: TAGS,
        summary: "Enter a photo in an edition's Photo Contest (multipart)",
        description: ENTER_DESCRIPTION,
        params: YearParams,
        response: { 201: EnteredResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.submit");
      const year = parseYear(request.params.year);
      const entered = await enterPhoto(db, actor, year, readPhotoUpload(request.body), {
        maxBytes: config.photoMaxBytes,
        ip: clientIp(request),
      });
      return reply
        .code(201)
        .header("location", `/api/v1/prizes/editions/${year}/photos/mine`)
        .send({ ...entered, links: { mine: `/api/v1/prizes/editions/${year}/photos/mine` } });
    },
  );

  app.delete(
    "/api/v1/prizes/editions/:year/photos/:id",
    {
      config: { permission: "prizes.submit" },
      schema: {
        operationId: "removePrizePhoto",
        tags: TAGS,
        summary: "Remove one of your photos while entries are open",
        description:
          "Someone else's photo, or one that does not exist, is a 404 `photo_not_found`; after the submission phase, 409 `photo_entries_closed`.",
        params: PhotoParams,
        response: { 204: { type: "null", description: "Removed." } },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.submit");
      const year = parseYear(request.params.year);
      await removePhoto(db, actor, year, parsePhotoId(request.params.id), { ip: clientIp(request) });
      return reply.code(204).send(null);
    },
  );
}
