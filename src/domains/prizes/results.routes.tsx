import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { fieldErrorText } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { ProblemSchema } from "../stocktaking/search.schema.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { certificateRoutes } from "./certificates.routes.ts";
import { findPhaseWindows } from "./editions.repo.ts";
import { ResultsPage, ResultsPendingPage, type ResultsView } from "./results.pages.tsx";
import { categoryNames, presentResults } from "./results.presenter.ts";
import { RESULTS_DESCRIPTION, ResultsParams, ResultsResponse } from "./results.schema.ts";
import {
  editionForYear,
  publishedResults,
  publishResults,
  recordWinner,
  secretariatResults,
} from "./results.service.ts";
import { yearParam } from "./results-params.ts";
import { SecretariatResultsPage } from "./results-secretariat.pages.tsx";
import { statisticsRoutes } from "./statistics.routes.tsx";

/**
 * Counting and results (issue 6, points 5 and 6): the secretariat's results page (champions,
 * winners, publication), the public results page and `getPrizeResults`, and (registered from here)
 * the certificates and the statistics.
 */
export async function resultsRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.deps;

  async function view(request: FastifyRequest, timeZone: string): Promise<ResultsView> {
    return {
      names: categoryNames(await loadReferenceData(db), request.lang),
      timeZone: effectiveTimeZone(timeZone),
    };
  }

  app.get("/prizes/:year/results", { config: { permission: "public" } }, async (request, reply) => {
    const year = yearParam(request);
    const edition = await editionForYear(db, year);
    const ctx = pageContext(request, reply);
    if (!edition.results_published_at) {
      const windows = await findPhaseWindows(db, edition.id);
      const resultsFrom = windows.find((window) => window.phase === "results")?.startsAt ?? null;
      return sendPage(
        reply,
        <ResultsPendingPage
          ctx={ctx}
          year={year}
          past={edition.past_figures !== null}
          resultsFrom={resultsFrom}
          timeZone={effectiveTimeZone(edition.time_zone)}
        />,
      );
    }
    const results = await publishedResults(db, year);
    return sendPage(
      reply,
      <ResultsPage ctx={ctx} results={results} view={await view(request, edition.time_zone)} />,
    );
  });

  app.get(
    "/api/v1/prizes/editions/:year/results",
    {
      config: { permission: "public" },
      schema: {
        operationId: "getPrizeResults",
        tags: ["prizes"],
        summary: "The published results of an edition: winners, champions and the vote count",
        description: RESULTS_DESCRIPTION,
        params: ResultsParams,
        response: { 200: ResultsResponse, 404: ProblemSchema },
      },
    },
    async (request) => {
      const results = await publishedResults(db, request.params.year);
      return presentResults(results, await loadReferenceData(db), request.lang);
    },
  );

  async function renderSecretariat(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    problem: string | null,
    status: number,
  ) {
    const model = await secretariatResults(db, year);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <SecretariatResultsPage
        ctx={ctx}
        model={model}
        view={await view(request, model.edition.time_zone)}
        problem={problem}
      />,
      status,
    );
  }

  /** A refused decision re-renders the page with the reason on top (nothing was stored). */
  async function refused(request: FastifyRequest, reply: FastifyReply, year: number, error: unknown) {
    if (error instanceof ValidationError) {
      const ctx = pageContext(request, reply);
      const detail = error.fieldErrors.map((field) => fieldErrorText(ctx, field)).join(" ");
      return renderSecretariat(
        request,
        reply,
        year,
        `${request.t("errors.validation_failed")} ${detail}`,
        400,
      );
    }
    if (error instanceof AppError && error.code.startsWith("results_"))
      return renderSecretariat(
        request,
        reply,
        year,
        request.t(`errors.${error.code}`, error.params),
        error.status,
      );
    throw error;
  }

  app.get(
    "/prizes/:year/secretariat/results",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      requirePermission(request.actor, "prizes.secretariat");
      return renderSecretariat(request, reply, yearParam(request), null, 200);
    },
  );

  app.post(
    "/prizes/:year/secretariat/results/winner",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const year = yearParam(request);
      const body = (request.body ?? {}) as { category?: unknown; submission?: unknown };
      try {
        await recordWinner(db, actor, year, body, clientIp(request));
      } catch (error) {
        return refused(request, reply, year, error);
      }
      return redirectWithFlash(
        reply,
        `/prizes/${year}/secretariat/results`,
        "flash.prizes.results.winnerRecorded",
      );
    },
  );

  app.post(
    "/prizes/:year/secretariat/results/publish",
    { config: { permission: "prizes.secretariat" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.secretariat");
      const year = yearParam(request);
      try {
        await publishResults(db, actor, year, clientIp(request));
      } catch (error) {
        return refused(request, reply, year, error);
      }
      return redirectWithFlash(reply, `/prizes/${year}/results`, "flash.prizes.results.published");
    },
  );

  await certificateRoutes(app);
  await statisticsRoutes(app);
}
