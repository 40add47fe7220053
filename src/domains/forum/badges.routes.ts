import type { FastifyInstance, FastifyRequest } from "fastify";
import { requirePermission } from "../../platform/permissions.ts";
import { badgePdf } from "./badges.service.ts";
import { badgeKey } from "./badges.token.ts";
import { parseForumYear } from "./ocp-edition.ts";

/** `/forum/:year/badge.pdf`: a confirmed onsite registrant's badge with its QR code. */
export async function badgeRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const key = badgeKey(config.sessionSecret);
  app.get(
    "/forum/:year/badge.pdf",
    { config: { permission: "forum.participate" } },
    async (request: FastifyRequest, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const year = parseForumYear((request.params as Record<string, unknown>).year);
      const pdf = await badgePdf(db, key, actor, year, request.lang, request.t);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename="wsis-forum-${year}-badge.pdf"`)
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );
}
