import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { cursorKey } from "../../platform/signed-cursor.ts";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { SearchPage } from "./search.pages.tsx";
import type { RawQuery } from "./search.params.ts";
import {
  labelsFor,
  pageCount,
  presentFacets,
  presentSearchItem,
  presentSearchResult,
} from "./search.presenter.ts";
import { ProblemSchema, SearchQuerySchema, SearchResultSchema } from "./search.schema.ts";
import { searchEntries } from "./search.service.ts";

/** `GET /entries` (the search page) and `GET /api/v1/entries` (`searchEntries`), one service. */
export async function searchRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config, search } = app.deps;
  const cursors = { cursorKey: cursorKey(config.sessionSecret) };

  app.get(
    "/api/v1/entries",
    {
      config: { permission: "public" },
      schema: {
        operationId: "searchEntries",
        tags: ["entries"],
        summary: "Search published entries, with a count for every filter value",
        description:
          "Filters AND across parameters and OR within a repeated one. Each facet value's `count` is the number of results the search would have with that value picked (the other facets' filters applied). Bad input answers 400 `validation_failed` with field errors. Page with `page` (up to the result window) or, to walk a whole result set, with the `nextCursor` of each answer (also sent as `Link: <…>; rel=\"next\"`).",
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const outcome = await searchEntries(db, request.query as RawQuery, search, cursors);
      if (outcome.nextCursor) {
        // The same search with the cursor instead of a page number.
        const params = new URLSearchParams(request.url.split("?")[1] ?? "");
        params.delete("page");
        params.set("cursor", outcome.nextCursor);
        reply.header("link", `<${config.baseUrl}/api/v1/entries?${params}>; rel="next"`);
      }
      return presentSearchResult(outcome, request.lang, request.t, config.baseUrl);
    },
  );

  app.get("/entries", { config: { permission: "public" } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const query = request.query as RawQuery;
    try {
      const outcome = await searchEntries(db, query, search);
      const labels = labelsFor(outcome.reference, ctx.lang, ctx.t);
      const model = {
        q: outcome.criteria.q ?? "",
        criteria: outcome.criteria,
        total: outcome.total,
        pageCount: pageCount(outcome.total, outcome.criteria),
        items: outcome.rows.map((row) => presentSearchItem(row, labels, outcome.criteria.terms)),
        facets: presentFacets(outcome, labels, ctx.lang),
        errors: [],
      };
      return sendPage(reply, <SearchPage ctx={ctx} model={model} />);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const model = {
        q: formText(query, "q"), // the first value, to refill the search box after bad input
        criteria: null,
        total: 0,
        pageCount: 0,
        items: [],
        facets: null,
        errors: error.fieldErrors,
      };
      return sendPage(reply, <SearchPage ctx={ctx} model={model} />, 400);
    }
  });
}
