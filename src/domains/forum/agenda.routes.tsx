import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { AgendaPage } from "./agenda.pages.tsx";
import { getMyAgenda, starSession, unstarSession } from "./agenda.service.ts";
import { createIcalFeed, listIcalFeeds, renderIcalFeed, revokeIcalFeed } from "./ical.service.ts";
import { parseForumYear } from "./ocp-edition.ts";
import { parseSessionNumber } from "./programme.service.ts";

const params = (request: FastifyRequest) => request.params as Record<string, unknown>;
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

async function renderAgenda(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  { createdUrl = null, status = 200 }: { createdUrl?: string | null; status?: number } = {},
) {
  const [items, feeds] = await Promise.all([getMyAgenda(db, actor), listIcalFeeds(db, actor)]);
  const ctx = pageContext(request, reply);
  return sendPage(
    reply,
    <AgendaPage ctx={ctx} items={items} feeds={feeds} createdUrl={createdUrl} />,
    status,
  );
}

/** The personal agenda (stars, clashes) and its iCal feeds. */
export async function agendaRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;

  app.get("/forum/my-agenda", { config: { permission: "forum.participate" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "forum.participate");
    return renderAgenda(db, request, reply, actor);
  });

  app.post(
    "/forum/:year/sessions/:number/star",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const year = parseForumYear(params(request).year);
      const number = parseSessionNumber(params(request).number);
      await starSession(db, actor, year, number, { ip: clientIp(request) });
      return redirectWithFlash(reply, `/forum/${year}/sessions/${number}`, "flash.forum.programme.starred");
    },
  );

  app.post(
    "/forum/:year/sessions/:number/unstar",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const year = parseForumYear(params(request).year);
      const number = parseSessionNumber(params(request).number);
      await unstarSession(db, actor, year, number, { ip: clientIp(request) });
      const back =
        body(request).return === "agenda" ? "/forum/my-agenda" : `/forum/${year}/sessions/${number}`;
      return redirectWithFlash(reply, back, "flash.forum.programme.unstarred");
    },
  );

  app.post(
    "/forum/my-agenda/ical",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const { token } = await createIcalFeed(db, actor, { ip: clientIp(request) });
      // The address is shown in this answer and never again (only its hash is kept): no redirect.
      return renderAgenda(db, request, reply, actor, {
        createdUrl: `${config.baseUrl}/forum/ical/${token}.ics`,
        status: 201,
      });
    },
  );

  app.post(
    "/forum/my-agenda/ical/:id/revoke",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      await revokeIcalFeed(db, actor, String(params(request).id ?? ""), { ip: clientIp(request) });
      return redirectWithFlash(reply, "/forum/my-agenda", "flash.forum.programme.icalRevoked");
    },
  );

  /** The feed itself: the secret in the address is the only credential (calendar apps cannot sign in). */
  app.get("/forum/ical/:file", { config: { permission: "public" } }, async (request, reply) => {
    const file = String(params(request).file ?? "");
    const token = file.endsWith(".ics") ? file.slice(0, -4) : "";
    const text = await renderIcalFeed(db, token, { baseUrl: config.baseUrl });
    return reply
      .header("content-type", "text/calendar; charset=utf-8")
      .header("content-disposition", 'inline; filename="wsis-forum-agenda.ics"')
      .header("cache-control", "private, no-store")
      .header("x-robots-tag", "noindex")
      .send(text);
  });
}
