import type { FastifyInstance, FastifyRequest } from "fastify";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { effectiveTimeZone, formatInZone } from "../../platform/zoned-time.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { JuryPage } from "./photo-jury.pages.tsx";
import { juryView, parseRank, publishPhotoWinners, rankPhoto, shortlistPhoto } from "./photo-jury.service.ts";
import { contestStatus, presentPhoto } from "./photos.presenter.ts";
import { parsePhotoId, parseYear } from "./photos.service.ts";

const params = (request: FastifyRequest) => request.params as Record<string, unknown>;
const field = (request: FastifyRequest, name: string): unknown =>
  (request.body as Record<string, unknown> | undefined)?.[name];

/** A page number from the query: a positive whole number, anything else is the first page. */
function pageOf(raw: unknown): number {
  return typeof raw === "string" && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1;
}

/** The Photo Contest jury (the secretariat): the list of entries, shortlisting, ranks and publication. */
export async function photoJuryRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const juryUrl = (year: number) => `/prizes/${year}/photos/jury`;

  app.get(
    "/prizes/:year/photos/jury",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      requirePermission(request.actor, "prizes.secretariat");
      const year = parseYear(params(request).year);
      const query = request.query as Record<string, unknown>;
      const ctx = pageContext(request, reply);
      const [view, reference] = await Promise.all([
        juryView(db, year, { page: pageOf(query.page), shortlistedOnly: query.shortlisted === "1" }),
        loadReferenceData(db),
      ]);
      // The jury sees its own ranks before they are published.
      const show = { sdgs: reference.sdgs, lang: ctx.lang, showRank: true };
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
          counts={view.counts}
          winners={view.winners.map((photo) => presentPhoto(year, photo, show))}
          photos={view.photos.map((photo) => presentPhoto(year, photo, show))}
          page={view.page}
          pageCount={view.pageCount}
          shortlistedOnly={view.shortlistedOnly}
        />,
      );
    },
  );

  app.post(
    "/prizes/:year/photos/:id/shortlist",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
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
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const year = parseYear(params(request).year);
      const photoId = parsePhotoId(params(request).id);
      await rankPhoto(db, actor, year, photoId, parseRank(field(request, "rank")), { ip: clientIp(request) });
      return redirectWithFlash(reply, juryUrl(year), "flash.prizes.photos.ranked");
    },
  );

  app.post(
    "/prizes/:year/photos/jury/publish",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const year = parseYear(params(request).year);
      await publishPhotoWinners(db, actor, year, { ip: clientIp(request) });
      return redirectWithFlash(reply, `/prizes/${year}/photos`, "flash.prizes.photos.published");
    },
  );
}
