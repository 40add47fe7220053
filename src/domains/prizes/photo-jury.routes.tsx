import type { FastifyInstance, FastifyRequest } from "fastify";
import { clientIp } from "../../platform/http/request-context.ts";
import { hasPermission, requirePermission } from "../../platform/permissions.ts";
import { effectiveTimeZone, formatInZone } from "../../platform/zoned-time.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { photoJurorsRoutes } from "./photo-jurors.routes.tsx";
import { JuryPage, type JuryPhoto } from "./photo-jury.pages.tsx";
import { juryView, parseRank, publishPhotoWinners, rankPhoto, shortlistPhoto } from "./photo-jury.service.ts";
import { contestStatus, presentPhoto } from "./photos.presenter.ts";
import type { PhotoRow } from "./photos.repo.ts";
import { parsePhotoId, parseYear } from "./photos.service.ts";

const params = (request: FastifyRequest) => request.params as Record<string, unknown>;
const field = (request: FastifyRequest, name: string): unknown =>
  (request.body as Record<string, unknown> | undefined)?.[name];

/** A page number from the query: a positive whole number, anything else is the first page. */
function pageOf(raw: unknown): number {
  return typeof raw === "string" && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1;
}

/**
 * The Photo Contest jury: the list of entries, shortlisting, ranks and publication. Every signed-in
 * account reaches the routes (`prizes.review`); the service lets the edition's jurors and the
 * secretariat (acting for the jury) in, and refuses everyone else with 403 `photo_not_juror`.
 */
export async function photoJuryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const juryUrl = (year: number) => `/prizes/${year}/photos/jury`;

  app.get(
    "/prizes/:year/photos/jury",
    { config: { permission: "prizes.review" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.review");
      const year = parseYear(params(request).year);
      const query = request.query as Record<string, unknown>;
      const ctx = pageContext(request, reply);
      const [view, reference] = await Promise.all([
        juryView(db, actor, year, { page: pageOf(query.page), shortlistedOnly: query.shortlisted === "1" }),
        loadReferenceData(db),
      ]);
      // The jury sees its own ranks before they are published.
      const show = { sdgs: reference.sdgs, lang: ctx.lang, showRank: true };
      const forJury = (photo: PhotoRow): JuryPhoto => ({
        ...presentPhoto(year, photo, show),
        own: photo.entrant_id === actor.id,
        shortlistedBy: view.decidedBy.get(photo.id)?.shortlistedBy ?? null,
        rankedBy: view.decidedBy.get(photo.id)?.rankedBy ?? null,
      });
      const published = view.contest.resultsPublishedAt;
      return sendPage(
        reply,
        <JuryPage
          ctx={ctx}
          year={year}
          status={contestStatus(view.contest, ctx.lang)}
          judgingOpen={view.contest.judgingOpen}
          publishedAt={
            published
              ? formatInZone(published, ctx.lang, effectiveTimeZone(view.contest.edition.time_zone))
              : null
          }
          role={view.role}
          jurors={view.jurors.map((juror) => ({ id: juror.user_id, name: juror.name }))}
          canManageJurors={hasPermission(actor, "prizes.secretariat")}
          counts={view.counts}
          winners={view.winners.map(forJury)}
          photos={view.photos.map(forJury)}
          page={view.page}
          pageCount={view.pageCount}
          shortlistedOnly={view.shortlistedOnly}
        />,
      );
    },
  );

  app.post(
    "/prizes/:year/photos/:id/shortlist",
    { config: { permission: "prizes.review" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.review");
      const year = parseYear(params(request).year);
      const on = field(request, "shortlisted") !== "no";
      await shortlistPhoto(db, actor, year, parsePhotoId(params(request).id), on, { ip: clientIp(request) });
      return redirectWithFlash(
        reply,
        juryUrl(year),
        on ? "flash.prizes.photos.shortlisted" : "flash.prizes.photos.unshortlisted",
      );
    },
  );

  app.post(
    "/prizes/:year/photos/:id/rank",
    { config: { permission: "prizes.review" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.review");
      const year = parseYear(params(request).year);
      const photoId = parsePhotoId(params(request).id);
      await rankPhoto(db, actor, year, photoId, parseRank(field(request, "rank")), { ip: clientIp(request) });
      return redirectWithFlash(reply, juryUrl(year), "flash.prizes.photos.ranked");
    },
  );

  app.post(
    "/prizes/:year/photos/jury/publish",
    { config: { permission: "prizes.review" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.review");
      const year = parseYear(params(request).year);
      await publishPhotoWinners(db, actor, year, { ip: clientIp(request) });
      return redirectWithFlash(reply, `/prizes/${year}/photos`, "flash.prizes.photos.published");
    },
  );

  await app.register(photoJurorsRoutes);
}
