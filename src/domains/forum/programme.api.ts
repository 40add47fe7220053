import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { requirePermission } from "../../platform/permissions.ts";
import { getMyAgenda } from "./agenda.service.ts";
import { parseForumYear } from "./ocp-edition.ts";
import { presentAgenda, presentProgrammeSession } from "./programme.presenter.ts";
import { AgendaResponse, PROGRAMME_PAGE_SIZE, SessionsQuery, SessionsResponse } from "./programme.schema.ts";
import { getProgramme } from "./programme.service.ts";

const TAGS = ["forum"];

/** The public programme and the personal agenda as API operations. */
export async function programmeApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;

  app.get(
    "/api/v1/forum/sessions",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listForumSessions",
        tags: TAGS,
        summary: "The published programme of a Forum edition, filtered and searched",
        description:
          "Lists the sessions of the edition's latest PUBLISHED programme version (never unpublished changes), by start time. Filters combine (AND). Refusals (problem+json `code`): `forum_edition_not_found`, and `validation_failed` with field codes `invalid_value` (`day` not a day of the edition), `unknown_code` (`track`, `type`, `actionLine`, `sdg` not known), `too_long`.",
        querystring: SessionsQuery,
        response: { 200: SessionsResponse },
      },
    },
    async (request) => {
      const year = parseForumYear(request.query.year);
      const view = await getProgramme(db, year, request.query, { strict: true });
      const page = Math.max(1, Number(request.query.page ?? "1"));
      const items = view.sessions.slice((page - 1) * PROGRAMME_PAGE_SIZE, page * PROGRAMME_PAGE_SIZE);
      return {
        year,
        timeZone: view.edition.timeZone,
        version: view.programme?.version ?? null,
        publishedAt: view.programme?.publishedAt.toISOString() ?? null,
        total: view.sessions.length,
        page,
        pageSize: PROGRAMME_PAGE_SIZE,
        items: items.map((session) =>
          presentProgrammeSession(session, year, view.tracks, request.t, request.lang),
        ),
      };
    },
  );

  app.get(
    "/api/v1/forum/my-agenda",
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "getMyAgenda",
        tags: TAGS,
        summary: "Your personal Forum agenda: starred sessions with clash warnings",
        description:
          "Starred sessions as the latest published programme of their edition has them; `clashesWith` names the other starred sessions overlapping each one (back-to-back sessions do not clash).",
        response: { 200: AgendaResponse },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "forum.participate");
      return presentAgenda(await getMyAgenda(db, actor));
    },
  );
}
