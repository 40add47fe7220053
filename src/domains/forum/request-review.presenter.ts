import type { Translate } from "../../platform/i18n.ts";
import { labelOf, type OcpOptions } from "./ocp-options.ts";
import { type AnalysisCounts, DIMENSIONS, type Dimension } from "./request-analysis.repo.ts";
import type { AnalysisResponse, ReviewRequest } from "./request-review.schema.ts";
import { iso, presentRequestFields } from "./requests.presenter.ts";
import type { RequestRecord } from "./requests.repo.ts";

/** A request as the secretariat reviews it: its fields, who asked, and the profile counted. */
export function presentReviewRequest(request: RequestRecord): ReviewRequest {
  return {
    ...presentRequestFields(request),
    requester: { name: request.requester_name },
    stakeholderType: request.stakeholder_type,
    countryCode: request.country_code,
    region: request.region_code,
    decidedAt: iso(request.decided_at),
    links: { html: `/forum/${request.year}/secretariat/requests/${request.id}` },
  };
}

/** The label of a key of the analysis in the reader's language ("" is the unknown one). */
export function analysisLabel(
  options: OcpOptions,
  t: Translate,
): (dimension: Dimension, key: string) => string {
  const choices: Record<Dimension, OcpOptions[keyof OcpOptions]> = {
    stakeholderType: options.stakeholderTypes,
    region: options.regions,
    actionLine: options.actionLines,
    sdg: options.sdgs,
  };
  return (dimension, key) =>
    key === "" ? t("forum.ocp.analysis.unknown") : labelOf(choices[dimension], key);
}

/** The analysis as JSON: the same counts as the page's charts, each key with its label. */
export function presentAnalysis(
  year: number,
  counts: { submissions: AnalysisCounts; requests: AnalysisCounts },
  label: (dimension: Dimension, key: string) => string,
): AnalysisResponse {
  const source = (of: AnalysisCounts) => ({
    total: of.total,
    ...Object.fromEntries(
      DIMENSIONS.map((dimension) => [
        dimension,
        of[dimension].map(({ key, count }) => ({ key, label: label(dimension, key), count })),
      ]),
    ),
  });
  return {
    year,
    submissions: source(counts.submissions) as AnalysisResponse["submissions"],
    requests: source(counts.requests) as AnalysisResponse["requests"],
  };
}
