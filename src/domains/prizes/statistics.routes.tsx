import type { FastifyInstance } from "fastify";
import { localName } from "../../platform/i18n.ts";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { countryName } from "../taxonomy/country-names.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { yearParam } from "./results-params.ts";
import { type StatisticsLabels, StatisticsPage } from "./statistics.pages.tsx";
import { editionStatistics } from "./statistics.service.ts";

/** `/prizes/:year/statistics`: public at any time (counts only, never a vote total). */
export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  app.get("/prizes/:year/statistics", { config: { permission: "public" } }, async (request, reply) => {
    const year = yearParam(request);
    const reference = await loadReferenceData(db);
    const stats = await editionStatistics(db, year, {
      regions: reference.regions.map((region) => region.code),
      stakeholderTypes: reference.stakeholderTypes.map((type) => type.code),
      categories: reference.actionLines.map((line) => line.code),
    });
    const lang = request.lang;
    const named = (list: ReadonlyArray<{ code: string; names: Record<string, string> }>) => {
      const names = new Map(list.map((item) => [item.code, localName(item.names, lang)]));
      return (code: string) => names.get(code) ?? code;
    };
    const actionLine = named(reference.actionLines);
    const labels: StatisticsLabels = {
      region: named(reference.regions),
      stakeholder: named(reference.stakeholderTypes),
      category: (code) => `${code} ${actionLine(code)}`,
      country: (code) => countryName(code, lang),
    };
    const ctx = pageContext(request, reply);
    return sendPage(reply, <StatisticsPage ctx={ctx} stats={stats} labels={labels} />);
  });
}
