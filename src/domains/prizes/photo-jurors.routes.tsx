import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { effectiveTimeZone, formatInZone } from "../../platform/zoned-time.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { formText } from "./assignment.ts";
import { PhotoJurorsPage } from "./photo-jurors.pages.tsx";
import { assignPhotoJuror, photoJurorsView, removePhotoJuror } from "./photo-jurors.service.ts";
import { parseYear } from "./photos.service.ts";

const yearOf = (request: FastifyRequest) => parseYear((request.params as Record<string, unknown>).year);
const field = (request: FastifyRequest, name: string) =>
  formText((request.body as Record<string, unknown> | undefined)?.[name]);

/** The secretariat names an edition's Photo Contest jurors and removes them (`prizes.secretariat`). */
export async function photoJurorsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const path = "/prizes/:year/photos/jury/jurors";
  const pathOf = (year: number) => `/prizes/${year}/photos/jury/jurors`;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    form: { email: string; errors: FormErrors },
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    const { contest, jurors } = await photoJurorsView(db, year);
    const zone = effectiveTimeZone(contest.edition.time_zone);
    return sendPage(
      reply,
      <PhotoJurorsPage
        ctx={ctx}
        year={year}
        published={contest.resultsPublishedAt !== null}
        jurors={jurors.map((juror) => ({
          userId: juror.user_id,
          name: juror.name,
          email: juror.email,
          assignedAt: formatInZone(juror.assigned_at, ctx.lang, zone),
          shortlisted: juror.shortlisted,
          ranked: juror.ranked,
          ownPhotos: juror.own_photos,
        }))}
        email={form.email}
        errors={form.errors}
      />,
      status,
    );
  }

  app.get(path, { config: { permission: "prizes.secretariat" } }, async (request, reply) => {
    requirePermission(request.actor, "prizes.secretariat");
    return render(request, reply, yearOf(request), { email: "", errors: {} });
  });

  app.post(path, { config: { permission: "prizes.secretariat" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "prizes.secretariat");
    const year = yearOf(request);
    const email = field(request, "email");
    try {
      await assignPhotoJuror(db, actor, year, { email }, { ip: clientIp(request) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(request, reply, year, { email, errors: toFormErrors(error.fieldErrors) }, 400);
    }
    return redirectWithFlash(reply, pathOf(year), "flash.prizes.photos.jurorAssigned");
  });

  app.post(`${path}/remove`, { config: { permission: "prizes.secretariat" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "prizes.secretariat");
    const year = yearOf(request);
    await removePhotoJuror(db, actor, year, { userId: field(request, "userId") }, { ip: clientIp(request) });
    return redirectWithFlash(reply, pathOf(year), "flash.prizes.photos.jurorRemoved");
  });
}
