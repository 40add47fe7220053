import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { ActionLinesPage, MatrixPage, SdgsPage } from "./taxonomy.pages.tsx";
import {
  presentActionLines,
  presentCountries,
  presentMatrix,
  presentRegions,
  presentSdgs,
} from "./taxonomy.presenter.ts";
import {
  ActionLineListSchema,
  CountryListQuerySchema,
  CountryListSchema,
  RegionListSchema,
  SdgListSchema,
  SdgMatrixSchema,
} from "./taxonomy.schema.ts";
import { readReferenceData } from "./taxonomy.service.ts";

const TAGS = ["taxonomy"];

/** Public reference pages (Action Lines, SDGs, the WSIS-SDG Matrix) and their API. */
export async function taxonomyRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = app.deps.db;

  app.get("/action-lines", { config: { permission: "public" } }, async (request, reply) => {
    const ref = await readReferenceData(db);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ActionLinesPage
        ctx={ctx}
        lines={presentActionLines(ref, request.lang)}
        sdgs={presentSdgs(ref, request.lang)}
      />,
    );
  });

  app.get("/sdgs", { config: { permission: "public" } }, async (request, reply) => {
    const ref = await readReferenceData(db);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <SdgsPage ctx={ctx} sdgs={presentSdgs(ref, request.lang)} />);
  });

  app.get("/sdg-matrix", { config: { permission: "public" } }, async (request, reply) => {
    const ref = await readReferenceData(db);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <MatrixPage ctx={ctx} matrix={presentMatrix(ref, request.lang)} />);
  });

  app.get(
    "/api/v1/action-lines",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listActionLines",
        tags: TAGS,
        summary: "The 18 WSIS Action Lines with facilitators and linked SDGs",
        response: { 200: ActionLineListSchema },
      },
    },
    async (request) => ({ items: presentActionLines(await readReferenceData(db), request.lang) }),
  );

  app.get(
    "/api/v1/sdgs",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listSdgs",
        tags: TAGS,
        summary: "The 17 Sustainable Development Goals with linked Action Lines",
        response: { 200: SdgListSchema },
      },
    },
    async (request) => ({ items: presentSdgs(await readReferenceData(db), request.lang) }),
  );

  app.get(
    "/api/v1/sdg-matrix",
    {
      config: { permission: "public" },
      schema: {
        operationId: "getSdgMatrix",
        tags: TAGS,
        summary: "The WSIS-SDG Matrix: Action Lines, SDGs and the links between them with rationales",
        response: { 200: SdgMatrixSchema },
      },
    },
    async (request) => presentMatrix(await readReferenceData(db), request.lang),
  );

  app.get(
    "/api/v1/countries",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listCountries",
        tags: TAGS,
        summary: "ISO 3166-1 countries with their ITU region, sorted by name",
        querystring: CountryListQuerySchema,
        response: { 200: CountryListSchema },
      },
    },
    async (request) => {
      const countries = presentCountries(await readReferenceData(db), request.lang);
      const region = request.query.region;
      return { items: region ? countries.filter((country) => country.region === region) : countries };
    },
  );

  app.get(
    "/api/v1/regions",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listRegions",
        tags: TAGS,
        summary: "ITU regions with their number of countries",
        response: { 200: RegionListSchema },
      },
    },
    async (request) => ({ items: presentRegions(await readReferenceData(db), request.lang) }),
  );
}
