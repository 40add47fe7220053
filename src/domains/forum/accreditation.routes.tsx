import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { AccreditationPage } from "./accreditation.pages.tsx";
import {
  accreditationView,
  decideAccreditation,
  nameFocalPoint,
  removeFocalPoint,
} from "./accreditation.service.ts";
import { formatVenueTime, parseForumYear } from "./ocp-edition.ts";

const params = (request: FastifyRequest) => request.params as Record<string, unknown>;
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const yearOf = (request: FastifyRequest) => parseForumYear(params(request).year);

/**
 * Accreditation decisions and focal points. The page is open to `forum.participate` because a
 * focal point is any account the secretariat named: the service lets the secretariat see all
 * requests and a focal point their organisations' only (403 `forum_not_focal_point` otherwise).
 */
export async function accreditationRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const path = "/forum/:year/secretariat/registrations";
  const pathOf = (year: number) => `/forum/${year}/secretariat/registrations`;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { email: string; errors: FormErrors },
    status = 200,
  ) {
    const actor = requirePermission(request.actor, "forum.participate");
    const ctx = pageContext(request, reply);
    const year = yearOf(request);
    const view = await accreditationView(db, actor, year);
    return sendPage(
      reply,
      <AccreditationPage
        ctx={ctx}
        year={year}
        secretariat={view.secretariat}
        items={view.requests.map((row) => ({
          id: row.id,
          name: row.name,
          email: row.email,
          organisation: row.organisation_name,
          interest: row.interest,
          status: row.status,
          reason: row.decision_reason,
          sentAt: formatVenueTime(new Date(row.created_at), view.edition.timeZone, ctx.lang),
        }))}
        focalPoints={view.focalPoints.map((row) => ({
          userId: row.user_id,
          organisationId: row.organisation_id,
          name: row.name,
          email: row.email,
          organisation: row.organisation_name,
        }))}
        counts={view.counts.map((row) => ({
          attendance: row.attendance,
          status: row.status,
          count: Number(row.count),
        }))}
        email={form.email}
        errors={form.errors}
      />,
      status,
    );
  }

  app.get(path, { config: { permission: "forum.participate" } }, async (request, reply) =>
    render(request, reply, { email: "", errors: {} }),
  );

  app.post(
    `${path}/:id/decision`,
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const year = yearOf(request);
      const id = String(params(request).id);
      try {
        const decided = await decideAccreditation(db, actor, year, id, body(request), {
          ip: clientIp(request),
          baseUrl: config.baseUrl,
        });
        return redirectWithFlash(
          reply,
          pathOf(year),
          decided === "approved"
            ? "flash.forum.registration.accreditation.approved"
            : "flash.forum.registration.accreditation.declined",
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // The reason box is one per request on the page: its error is keyed by the request.
        const errors = toFormErrors(
          error.fieldErrors.map((item) =>
            item.field === "reason" ? { ...item, field: `reason-${id}` } : item,
          ),
        );
        return render(request, reply, { email: "", errors }, 400);
      }
    },
  );

  app.post(
    `${path}/focal-points`,
    { config: { permission: "forum.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const year = yearOf(request);
      const email = typeof body(request).email === "string" ? (body(request).email as string) : "";
      try {
        await nameFocalPoint(db, actor, year, { email }, { ip: clientIp(request) });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return render(request, reply, { email, errors: toFormErrors(error.fieldErrors) }, 400);
      }
      return redirectWithFlash(reply, pathOf(year), "flash.forum.registration.focal.named");
    },
  );

  app.post(
    `${path}/focal-points/remove`,
    { config: { permission: "forum.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.secretariat");
      const year = yearOf(request);
      await removeFocalPoint(db, actor, year, body(request), { ip: clientIp(request) });
      return redirectWithFlash(reply, pathOf(year), "flash.forum.registration.focal.removed");
    },
  );
}
