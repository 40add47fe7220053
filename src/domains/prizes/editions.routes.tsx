import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { notFound } from "../../platform/errors.ts";
import { hasPermission } from "../../platform/permissions.ts";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editionAdminRoutes } from "./edition-admin.routes.tsx";
import { parseYear, readEditionDetail, readEditionSummaries } from "./edition-read.service.ts";
import { EditionPage, PrizesIndexPage } from "./editions.pages.tsx";
import { presentEditionApi, presentEditionDetailApi } from "./editions.presenter.ts";
import { EditionDetailSchema, EditionListSchema, EditionParamsSchema } from "./editions.schema.ts";

const TAGS = ["prizes"];
const publicConfig = { permission: "public" } as const;

const yearOf = (raw: string): number => {
  const year = parseYear(raw);
  if (year === null) throw notFound("prize_edition_not_found");
  return year;
};

/**
 * The prize editions: public pages (`/prizes`, `/prizes/:year`), the API (`listPrizeEditions`,
 * `getPrizeEdition`) and the admin set-up under `/admin/prizes`. Which phase is open is computed
 * from the clock on every request; nothing stores a "current phase".
 */
export async function editionsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.deps.db;

  app.get("/prizes", { config: publicConfig }, async (request, reply) => {
    const editions = await readEditionSummaries(db, request.lang);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <PrizesIndexPage
        ctx={ctx}
        editions={editions}
        canAdminister={hasPermission(request.actor, "prizes.administer")}
      />,
    );
  });

  app.get<{ Params: { year: string } }>("/prizes/:year", { config: publicConfig }, async (request, reply) => {
    const edition = await readEditionDetail(db, yearOf(request.params.year), request.lang);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <EditionPage
        ctx={ctx}
        edition={edition}
        canAdminister={hasPermission(request.actor, "prizes.administer")}
        isSecretariat={hasPermission(request.actor, "prizes.secretariat")}
      />,
    );
  });

  app.get(
    "/api/v1/prizes/editions",
    {
      config: publicConfig,
      schema: {
        operationId: "listPrizeEditions",
        tags: TAGS,
        summary: "List the WSIS Prizes editions, newest first, with their phases and the phase open now",
        description:
          "Every edition with its theme, time zone, phase windows (ISO 8601 instants, open from `startsAt` included to `endsAt` excluded), the phase open now by the server's clock, its categories and, for editions run before this platform (2012–2025), their real figures with the source's precision.",
        response: { 200: EditionListSchema },
      },
    },
    async (request) => ({
      items: (await readEditionSummaries(db, request.lang)).map(presentEditionApi),
    }),
  );

  app.get(
    "/api/v1/prizes/editions/:year",
    {
      config: publicConfig,
      schema: {
        operationId: "getPrizeEdition",
        tags: TAGS,
        summary: "One WSIS Prizes edition in full: phases, categories, criteria, rules, special prizes",
        description:
          "404 `prize_edition_not_found` when no edition has this year. Jurors of special prizes are given by name only.",
        params: EditionParamsSchema,
        response: { 200: EditionDetailSchema },
      },
    },
    async (request) =>
      presentEditionDetailApi(await readEditionDetail(db, yearOf(request.params.year), request.lang)),
  );

  await app.register(editionAdminRoutes);
}
