import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { clientIp } from "../../platform/http/request-context.ts";
import { localName } from "../../platform/i18n.ts";
import {
  defaultSort,
  type RawQuery,
  SEARCH_LIMITS,
  searchQueryString,
  searchUrl,
} from "../stocktaking/search.params.ts";
import { ProblemSchema } from "../stocktaking/search.schema.ts";
import { engineExportReader } from "./export.repo.ts";
import { EXPORT_DESCRIPTION, ExportQuerySchema, ExportResponses } from "./export.schema.ts";
import { EXPORT_LIMITS, type ExportDeps, ExportGate, startExport } from "./export.service.ts";
import { atomXml } from "./feed.atom.ts";
import { newestOfSearch } from "./feed.service.ts";

/** `exportEntries` (`GET /api/v1/entries/export`) and the Atom feed of any search (`/entries/feed.atom`). */
export async function openDataRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config, search, engine } = app.deps;
  const gate = new ExportGate();
  // On PostgreSQL, exports read through a pool of their own, opened at the first export.
  const reader = engineExportReader(db, {
    engine,
    url: config.databaseReadUrl ?? config.databaseUrl,
    max: gate.max * EXPORT_LIMITS.readAhead,
  });
  app.addHook("onClose", reader.close);
  const deps: ExportDeps = { db, search, baseUrl: config.baseUrl, read: reader.read };

  // Untyped on purpose: the typed reply expects the schema's JSON, and this one sends a stream.
  base.get(
    "/api/v1/entries/export",
    {
      config: { permission: "public" },
      schema: {
        operationId: "exportEntries",
        tags: ["open-data"],
        summary: "Download every result of a search as CSV, JSON, NDJSON or XLSX",
        description: EXPORT_DESCRIPTION,
        querystring: ExportQuerySchema,
        response: {
          200: {
            description:
              "The file, streamed, with `Content-Disposition: attachment; filename=wsis-stocktaking-YYYY-MM-DD.<format>`.",
            headers: {
              "x-total-count": {
                type: "integer",
                description: "Results the export started with.",
              },
            },
            content: ExportResponses,
          },
          400: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const started = await startExport(deps, request.query as RawQuery, {
        ip: clientIp(request),
        lang: request.lang,
        t: request.t,
        gate,
      });
      return reply
        .code(200)
        .header("content-type", started.contentType)
        .header("content-disposition", `attachment; filename="${started.filename}"`)
        .header("x-total-count", String(started.total))
        .header("cache-control", "no-store")
        .send(started.body);
    },
  );

  app.get("/entries/feed.atom", { config: { permission: "public" } }, async (request, reply) => {
    const query = request.query as RawQuery;
    const outcome = await newestOfSearch(deps, query);
    const { criteria } = outcome;
    const canonical = searchQueryString({
      ...criteria,
      sort: defaultSort(criteria.q),
      pageSize: SEARCH_LIMITS.pageSizeDefault,
    });
    const lang = typeof query.lang === "string" && query.lang ? query.lang : null;
    const selfQuery = lang
      ? `${canonical}${canonical ? "&" : "?"}lang=${encodeURIComponent(lang)}`
      : canonical;
    const actionLines = new Map(
      outcome.reference.actionLines.map((row) => [row.code, localName(row.names, request.lang)]),
    );
    const t = request.t;
    const xml = atomXml({
      id: `${config.baseUrl}/entries/feed.atom${canonical}`,
      selfUrl: `${config.baseUrl}/entries/feed.atom${selfQuery}`,
      htmlUrl: `${config.baseUrl}${searchUrl({ ...criteria, sort: "newest" })}`,
      title: criteria.q ? t("openData.feed.titleFor", { q: criteria.q }) : t("openData.feed.title"),
      lang: request.lang,
      generator: t("site.name"),
      baseUrl: config.baseUrl,
      entries: outcome.entries,
      actionLineName: (code) => actionLines.get(code) ?? code,
      now: new Date(),
    });
    return reply
      .header("content-type", "application/atom+xml; charset=utf-8")
      .header("cache-control", "public, max-age=300")
      .send(xml);
  });
}
