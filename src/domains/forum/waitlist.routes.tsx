import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, notFound } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { findSessionIdByNumber } from "./agenda.repo.ts";
import { formatVenueTime, parseForumYear } from "./ocp-edition.ts";
import { parseSessionNumber } from "./programme.service.ts";
import { loadRegistrationEdition } from "./registration-edition.ts";
import { PlacesPage } from "./waitlist.pages.tsx";
import { leaveSession, placesOpen, placesView, registerForSession } from "./waitlist.service.ts";

const params = (request: FastifyRequest) => request.params as Record<string, unknown>;

/** Joining and leaving a session with limited places (`forum.participate`). */
export async function waitlistRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const path = "/forum/:year/sessions/:number/places";

  async function render(request: FastifyRequest, reply: FastifyReply, problem: string | null, status = 200) {
    const ctx = pageContext(request, reply);
    const year = parseForumYear(params(request).year);
    const edition = await loadRegistrationEdition(db, year);
    const view = await placesView(
      db,
      request.actor?.id ?? null,
      edition.id,
      parseSessionNumber(params(request).number),
    );
    const { session } = view;
    return sendPage(
      reply,
      <PlacesPage
        ctx={ctx}
        year={year}
        session={{
          number: session.number,
          title: session.title,
          room: session.room_name,
          startsAt: session.starts_at
            ? formatVenueTime(new Date(session.starts_at), edition.timeZone, ctx.lang)
            : null,
          capacity: session.capacity,
          limited: session.places_limited && session.capacity !== null,
          open: placesOpen(session),
        }}
        counts={view.counts}
        place={view.place}
        problem={problem}
      />,
      status,
    );
  }

  /** The session's id from the year and number in the URL (404 when either names nothing). */
  async function sessionIdOf(request: FastifyRequest): Promise<string> {
    const edition = await loadRegistrationEdition(db, parseForumYear(params(request).year));
    const session = await findSessionIdByNumber(db, edition.id, parseSessionNumber(params(request).number));
    if (!session) throw notFound("forum_session_not_found");
    return session.id;
  }

  const back = (request: FastifyRequest) =>
    `/forum/${String(params(request).year)}/sessions/${String(params(request).number)}/places`;

  app.get(path, { config: { permission: "forum.participate" } }, async (request, reply) =>
    render(request, reply, null),
  );

  app.post(path, { config: { permission: "forum.participate" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "forum.participate");
    try {
      const outcome = await registerForSession(db, actor, await sessionIdOf(request), {
        ip: clientIp(request),
        baseUrl: config.baseUrl,
      });
      return redirectWithFlash(
        reply,
        back(request),
        outcome.already
          ? "flash.forum.registration.places.already"
          : outcome.status === "confirmed"
            ? "flash.forum.registration.places.confirmed"
            : "flash.forum.registration.places.waitlisted",
      );
    } catch (error) {
      if (error instanceof AppError && error.status === 409)
        return render(request, reply, request.t(`errors.${error.code}`, error.params), 409);
      throw error;
    }
  });

  app.post(`${path}/leave`, { config: { permission: "forum.participate" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "forum.participate");
    await leaveSession(db, actor, await sessionIdOf(request), {
      ip: clientIp(request),
      baseUrl: config.baseUrl,
    });
    return redirectWithFlash(reply, back(request), "flash.forum.registration.places.left");
  });
}
