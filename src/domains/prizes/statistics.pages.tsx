import type { ChartBar } from "../../ui/bar-chart.tsx";
import { ChartWithTable } from "../../ui/chart-with-table.tsx";
import { formatQualifiedFigure } from "../../ui/figures.ts";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { Figure, Share } from "./past-editions.ts";
import type { CodeCount, EditionStatistics } from "./statistics.service.ts";

/** Names for the codes the splits use, in the reader's language. */
export interface StatisticsLabels {
  region(code: string): string;
  stakeholder(code: string): string;
  category(code: string): string;
  country(code: string): string;
}

/** "973", "1,000+", "~500" in the reader's language: a figure keeps its source's precision. */
export const formatFigure = (ctx: PageContext, figure: Figure): string =>
  formatQualifiedFigure(ctx, figure, {
    atLeast: "prizes.results.stats.atLeast",
    about: "prizes.results.stats.about",
  });

function countBars(
  ctx: PageContext,
  counts: readonly CodeCount[],
  label: (code: string) => string,
): ChartBar[] {
  return counts.map((item) => ({
    key: item.code || "none",
    label: item.code ? label(item.code) : ctx.t("prizes.results.stats.notStated"),
    value: item.count,
    display: ctx.formatNumber(item.count),
  }));
}

function shareBars(ctx: PageContext, shares: readonly Share[], label: (code: string) => string): ChartBar[] {
  const percent = new Intl.NumberFormat(ctx.lang, { style: "percent", maximumFractionDigits: 1 });
  return shares.map((share) => ({
    key: share.code,
    label: label(share.code),
    value: share.percent,
    display: percent.format(share.percent / 100),
  }));
}

/** `/prizes/:year/statistics`: the edition's submissions split four ways, and the history. */
export function StatisticsPage({
  ctx,
  stats,
  labels,
}: {
  ctx: PageContext;
  stats: EditionStatistics;
  labels: StatisticsLabels;
}) {
  const { t } = ctx;
  const year = stats.edition.year;
  const past = stats.pastFigures;
  const splitLabel = (code: string, named: (code: string) => string) =>
    code === "international"
      ? t("prizes.results.stats.international")
      : code === "others"
        ? t("prizes.results.stats.others")
        : named(code);
  const countCharts = [
    { id: "by-region", key: "byRegion", counts: stats.byRegion, label: labels.region, header: "colRegion" },
    {
      id: "by-stakeholder",
      key: "byStakeholder",
      counts: stats.byStakeholder,
      label: labels.stakeholder,
      header: "colStakeholder",
    },
    {
      id: "by-category",
      key: "byCategory",
      counts: stats.byCategory,
      label: labels.category,
      header: "colCategory",
    },
    {
      id: "by-country",
      key: "byCountry",
      counts: stats.byCountry,
      label: labels.country,
      header: "colCountry",
    },
  ] as const;
  const history: ChartBar[] = stats.history.map((point) => ({
    key: String(point.year),
    label: String(point.year),
    value: point.figure.value,
    display: formatFigure(ctx, point.figure),
  }));
  return (
    <Layout ctx={ctx} title={t("prizes.results.stats.title", { year })}>
      <h1>{t("prizes.results.stats.title", { year })}</h1>
      <p>
        <a href={`/prizes/${year}`}>{t("prizes.results.backToEdition", { year })}</a> ·{" "}
        <a href={`/prizes/${year}/results`}>{t("prizes.results.resultsLink")}</a>
      </p>
      {past ? (
        <>
          <p class="lead">{t("prizes.results.stats.pastIntro")}</p>
          <ul class="stats">
            {past.submissions ? (
              <li>
                <strong>
                  <bdi>{formatFigure(ctx, past.submissions)}</bdi>
                </strong>{" "}
                {t("prizes.results.stats.submitted")}
              </li>
            ) : null}
            {past.nominated ? (
              <li>
                <strong>
                  <bdi>{formatFigure(ctx, past.nominated)}</bdi>
                </strong>{" "}
                {t("prizes.results.stats.nominated")}
              </li>
            ) : null}
            {past.voters ? (
              <li>
                <strong>
                  <bdi>{formatFigure(ctx, past.voters)}</bdi>
                </strong>{" "}
                {t("prizes.results.stats.voters")}
              </li>
            ) : null}
            {past.votes ? (
              <li>
                <strong>
                  <bdi>{formatFigure(ctx, past.votes)}</bdi>
                </strong>{" "}
                {t("prizes.results.stats.votes")}
              </li>
            ) : null}
          </ul>
          {past.submissionsByRegion ? (
            <ChartWithTable
              ctx={ctx}
              id="past-by-region"
              heading={t("prizes.results.stats.pastByRegion")}
              description={t("prizes.results.stats.chartDescription")}
              labelHeader={t("prizes.results.stats.colRegion")}
              valueHeader={t("prizes.results.stats.colShare")}
              bars={shareBars(ctx, past.submissionsByRegion, (code) => splitLabel(code, labels.region))}
              empty=""
            />
          ) : null}
          {past.nominatedByStakeholder ? (
            <ChartWithTable
              ctx={ctx}
              id="past-by-stakeholder"
              heading={t("prizes.results.stats.pastByStakeholder")}
              description={t("prizes.results.stats.chartDescription")}
              labelHeader={t("prizes.results.stats.colStakeholder")}
              valueHeader={t("prizes.results.stats.colShare")}
              bars={shareBars(ctx, past.nominatedByStakeholder, (code) =>
                splitLabel(code, labels.stakeholder),
              )}
              empty=""
            />
          ) : null}
        </>
      ) : null}
      {!past || stats.total > 0 ? (
        <>
          <ul class="stats">
            <li>
              <strong>{ctx.formatNumber(stats.total)}</strong> {t("prizes.results.stats.submitted")}
            </li>
            <li>
              <strong>{ctx.formatNumber(stats.nominated)}</strong> {t("prizes.results.stats.nominated")}
            </li>
          </ul>
          <p class="muted">{t("prizes.results.stats.countedHint")}</p>
          {countCharts.map((chart) => (
            <ChartWithTable
              key={chart.id}
              ctx={ctx}
              id={chart.id}
              heading={t(`prizes.results.stats.${chart.key}`)}
              description={t("prizes.results.stats.chartDescription")}
              labelHeader={t(`prizes.results.stats.${chart.header}`)}
              valueHeader={t("prizes.results.stats.colSubmissions")}
              bars={countBars(ctx, chart.counts, chart.label)}
              empty={t("prizes.results.stats.none")}
            />
          ))}
        </>
      ) : null}
      <ChartWithTable
        ctx={ctx}
        id="history"
        heading={t("prizes.results.stats.history")}
        description={t("prizes.results.stats.historyDescription")}
        labelHeader={t("prizes.results.stats.colYear")}
        valueHeader={t("prizes.results.stats.colSubmissions")}
        bars={history}
        empty={t("prizes.results.stats.none")}
      >
        <p class="muted">{t("prizes.results.stats.historyHint")}</p>
      </ChartWithTable>
    </Layout>
  );
}
