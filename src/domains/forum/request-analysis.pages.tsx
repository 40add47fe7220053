import { BarChart } from "../../ui/bar-chart.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import {
  type AnalysisCount,
  type AnalysisCounts,
  DIMENSIONS,
  type Dimension,
} from "./request-analysis.repo.ts";

/** A row of a dimension's table: a key with its label and the counts of both sources. */
interface AnalysisRow {
  key: string;
  label: string;
  submissions: number;
  requests: number;
}

function rowsOf(
  submissions: AnalysisCount[],
  requests: AnalysisCount[],
  label: (key: string) => string,
): AnalysisRow[] {
  const rows = new Map<string, AnalysisRow>();
  for (const { key, count } of submissions)
    rows.set(key, { key, label: label(key), submissions: count, requests: 0 });
  for (const { key, count } of requests) {
    const row = rows.get(key) ?? { key, label: label(key), submissions: 0, requests: 0 };
    row.requests = count;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.submissions + b.requests - (a.submissions + a.requests));
}

/**
 * The secretariat's live analysis of an edition's OCP: official submissions and submitted binding
 * requests by stakeholder type, region, Action Line and SDG; each dimension is two bar charts with
 * the table of the same figures beside them.
 */
export function AnalysisPage({
  ctx,
  year,
  submissions,
  requests,
  label,
}: {
  ctx: PageContext;
  year: number;
  submissions: AnalysisCounts;
  requests: AnalysisCounts;
  label: (dimension: Dimension, key: string) => string;
}) {
  const { t } = ctx;
  const title = t("forum.ocp.analysis.title", { year });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${year}/secretariat/requests`}>{t("forum.ocp.review.back")}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        {t("forum.ocp.analysis.totals", { submissions: submissions.total, requests: requests.total })}
      </p>
      {DIMENSIONS.map((dimension) => {
        const rows = rowsOf(submissions[dimension], requests[dimension], (key) => label(dimension, key));
        const heading = t(`forum.ocp.analysis.by.${dimension}`);
        return (
          <section key={dimension} aria-labelledby={`analysis-${dimension}`}>
            <h2 id={`analysis-${dimension}`}>{heading}</h2>
            {rows.length === 0 ? (
              <p>{t("forum.ocp.analysis.none")}</p>
            ) : (
              <div class="home-chart">
                {(["submissions", "requests"] as const).map((source) => (
                  <BarChart
                    key={source}
                    ctx={ctx}
                    id={`chart-${dimension}-${source}`}
                    title={t(`forum.ocp.analysis.chart.${source}`, { dimension: heading })}
                    bars={rows.map((row) => ({
                      key: row.key || "unknown",
                      label: row.label,
                      value: row[source],
                      display: ctx.formatNumber(row[source]),
                    }))}
                  />
                ))}
                <TableScroll labelledBy={`table-${dimension}`}>
                  <table>
                    <caption id={`table-${dimension}`}>{heading}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t(`forum.ocp.analysis.column.${dimension}`)}</th>
                        <th scope="col">{t("forum.ocp.analysis.column.submissions")}</th>
                        <th scope="col">{t("forum.ocp.analysis.column.requests")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.map((row) => (
                        <tr key={row.key || "unknown"}>
                          <th scope="row">{row.label}</th>
                          <td class="numeric">{ctx.formatNumber(row.submissions)}</td>
                          <td class="numeric">{ctx.formatNumber(row.requests)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </div>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
