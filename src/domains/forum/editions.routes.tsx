import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { hasPermission } from "../../platform/permissions.ts";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { forumEditionAdminRoutes } from "./edition-admin.routes.tsx";
import { readForumEdition, readForumEditions } from "./edition-read.service.ts";
import { ForumEditionPage, ForumIndexPage } from "./editions.pages.tsx";
import { presentForumEditionApi, presentForumEditionDetailApi } from "./editions.presenter.ts";
import {
  ForumEditionDetailSchema,
  ForumEditionListSchema,
  ForumYearParamsSchema,
} from "./editions.schema.ts";
import { ForumHistoryPage } from "./history.pages.tsx";
import { parseForumYear } from "./ocp-edition.ts";
import { forumOutcomeRoutes } from "./outcomes.routes.tsx";
import { readMyOutcomeSessions } from "./outcomes.service.ts";
import { readVisitorZone } from "./programme-filters.ts";

const TAGS = ["forum"];
const publicConfig = { permission: "public" } as const;

/**
 * The Forum editions: `/forum`, `/forum/history`, `/forum/:year`, the API (`listForumEditions`,
 * `getForumEdition`), the admin set-up under `/admin/forum` and the outcomes. Which OCP step is
 * open is computed from the clock on every request.
 */
export async function forumEditionsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.deps.db;

  app.get("/forum", { config: publicConfig }, async (request, reply) => {
    const editions = await readForumEditions(db, request.lang);
    return sendPage(
      reply,
      <ForumIndexPage
        ctx={pageContext(request, reply)}
        editions={editions}
        canAdminister={hasPermission(request.actor, "forum.administer")}
      />,
    );
  });

  app.get("/forum/history", { config: publicConfig }, async (request, reply) => {
    const editions = await readForumEditions(db, request.lang);
    return sendPage(reply, <ForumHistoryPage ctx={pageContext(request, reply)} editions={editions} />);
  });

  app.get<{ Params: { year: string } }>("/forum/:year", { config: publicConfig }, async (request, reply) => {
    const edition = await readForumEdition(db, parseForumYear(request.params.year), request.lang);
    const myOutcomes =
      request.actor && !edition.pastFigures
        ? await readMyOutcomeSessions(db, edition.id, request.actor.id)
        : [];
    return sendPage(
      reply,
      <ForumEditionPage
        ctx={pageContext(request, reply)}
        edition={edition}
        canAdminister={hasPermission(request.actor, "forum.administer")}
        isSecretariat={hasPermission(request.actor, "forum.secretariat")}
        myOutcomes={myOutcomes}
        visitorZone={readVisitorZone(request.query as Record<string, unknown>).zone}
      />,
    );
  });

  app.get(
    "/api/v1/forum/editions",
    {
      config: publicConfig,
      schema: {
        operationId: "listForumEditions",
        tags: TAGS,
        summary: "List the WSIS Forum editions with their dates, venue, OCP steps and past figures",
        description:
          "Running and upcoming editions first, then past ones, newest first. Times are ISO 8601 instants; `timeZone` is the venue's zone they are shown in. The OCP step open now is decided by the server's clock (windows open from `startsAt` included to `endsAt` excluded). Editions run before this platform (2009–2024) carry their real participant figures with the source's precision; what the sources do not state is empty.",
        response: { 200: ForumEditionListSchema },
      },
    },
    async (request) => ({ items: (await readForumEditions(db, request.lang)).map(presentForumEditionApi) }),
  );

  app.get(
    "/api/v1/forum/editions/:year",
    {
      config: publicConfig,
      schema: {
        operationId: "getForumEdition",
        tags: TAGS,
        summary: "One WSIS Forum edition with its rooms and special tracks",
        description: "404 `forum_edition_not_found` when no edition has this year.",
        params: ForumYearParamsSchema,
        response: { 200: ForumEditionDetailSchema },
      },
    },
    async (request) =>
      presentForumEditionDetailApi(
        await readForumEdition(db, parseForumYear(request.params.year), request.lang),
      ),
  );

  await app.register(forumEditionAdminRoutes);
  await app.register(forumOutcomeRoutes);
}
