import { BarChart, type ChartBar } from "../../ui/bar-chart.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { formatForumFigure, Recorded } from "./edition-components.tsx";
import type { ForumEditionSummary } from "./edition-read.service.ts";
import { PARTICIPATION_KINDS, type ParticipationKind, participationTotal } from "./past-forums.ts";

/**
 * `/forum/history`: the past editions with their themes, chairs and real participant figures, as a
 * table and as a chart of participation over the years. Each bar is one kind of participation
 * (onsite, remote, virtual, or the total when the source does not split it), so the chart says
 * how people took part, not only how many; the table beside it is the data in full.
 */

const LAYOUT = { labelWidth: 170, chartWidth: 360, valueWidth: 110 };

/** One bar per year and kind of participation the source gives, oldest year first. */
export function participationBars(ctx: PageContext, editions: readonly ForumEditionSummary[]): ChartBar[] {
  return [...editions]
    .sort((a, b) => a.year - b.year)
    .flatMap((edition) =>
      PARTICIPATION_KINDS.flatMap((kind) => {
        const figure = edition.pastFigures?.participants[kind];
        if (!figure) return [];
        return [
          {
            key: `${edition.year}-${kind}`,
            label: ctx.t("forum.history.barLabel", {
              year: String(edition.year),
              kind: ctx.t(`forum.history.kind.${kind}`),
            }),
            value: figure.value,
            display: formatForumFigure(ctx, figure),
          },
        ];
      }),
    );
}

function FigureCell({
  ctx,
  edition,
  kind,
}: {
  ctx: PageContext;
  edition: ForumEditionSummary;
  kind: ParticipationKind;
}) {
  const figure = edition.pastFigures?.participants[kind];
  return <td class="numeric">{figure ? <bdi>{formatForumFigure(ctx, figure)}</bdi> : "—"}</td>;
}

export function ForumHistoryPage({ ctx, editions }: { ctx: PageContext; editions: ForumEditionSummary[] }) {
  const { t } = ctx;
  const past = editions.filter((edition) => edition.pastFigures).sort((a, b) => a.year - b.year);
  const bars = participationBars(ctx, past);
  const first = past[0]?.year;
  const last = past[past.length - 1]?.year;
  return (
    <Layout ctx={ctx} title={t("forum.history.title")}>
      <p>
        <a href="/forum">{t("forum.editions.index.back")}</a>
      </p>
      <h1>{t("forum.history.title")}</h1>
      <p class="lead">{t("forum.history.lead")}</p>
      {past.length === 0 ? (
        <p>{t("forum.history.none")}</p>
      ) : (
        <>
          <section aria-labelledby="history-table">
            <h2 id="history-table">{t("forum.history.tableTitle")}</h2>
            <div class="table-scroll">
              <table>
                <caption class="muted">{t("forum.history.tableCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("forum.editions.field.year")}</th>
                    <th scope="col">{t("forum.editions.field.theme")}</th>
                    <th scope="col">{t("forum.editions.field.chair")}</th>
                    {PARTICIPATION_KINDS.map((kind) => (
                      <th scope="col" class="numeric" key={kind}>
                        {t(`forum.history.kind.${kind}`)}
                      </th>
                    ))}
                    <th scope="col" class="numeric">
                      {t("forum.history.charted")}
                    </th>
                    <th scope="col" class="numeric">
                      {t("forum.history.countries")}
                    </th>
                    <th scope="col" class="numeric">
                      {t("forum.history.sessions")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {past.map((edition) => {
                    const figures = edition.pastFigures;
                    const total = figures ? participationTotal(figures) : null;
                    return (
                      <tr key={edition.year}>
                        <th scope="row">
                          <a href={`/forum/${edition.year}`}>{edition.year}</a>
                        </th>
                        <td>
                          <Recorded ctx={ctx} value={edition.theme} />
                        </td>
                        <td>
                          <Recorded ctx={ctx} value={edition.chair} />
                        </td>
                        {PARTICIPATION_KINDS.map((kind) => (
                          <FigureCell key={kind} ctx={ctx} edition={edition} kind={kind} />
                        ))}
                        <td class="numeric">{total ? <bdi>{formatForumFigure(ctx, total)}</bdi> : "—"}</td>
                        <td class="numeric">
                          {figures?.countries ? <bdi>{formatForumFigure(ctx, figures.countries)}</bdi> : "—"}
                        </td>
                        <td class="numeric">
                          {figures?.sessions ? <bdi>{formatForumFigure(ctx, figures.sessions)}</bdi> : "—"}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p class="muted">{t("forum.history.chartedNote")}</p>
          </section>
          <section class="stats-chart" aria-labelledby="participation-heading">
            <h2 id="participation-heading">{t("forum.history.chartTitle")}</h2>
            <p>{t("forum.history.chartHint")}</p>
            <div class="home-chart">
              <div class="table-scroll">
                <table aria-labelledby="participation-heading">
                  <thead>
                    <tr>
                      <th scope="col">{t("forum.history.barHeader")}</th>
                      <th scope="col" class="numeric">
                        {t("forum.history.participants")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {bars.map((bar) => (
                      <tr key={bar.key}>
                        <th scope="row">{bar.label}</th>
                        <td class="numeric">
                          <bdi>{bar.display}</bdi>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <BarChart
                ctx={ctx}
                id="participation"
                title={t("forum.history.chartTitle")}
                description={t("forum.history.chartDescription", {
                  first: String(first ?? ""),
                  last: String(last ?? ""),
                })}
                bars={bars}
                layout={LAYOUT}
              />
            </div>
          </section>
        </>
      )}
    </Layout>
  );
}
