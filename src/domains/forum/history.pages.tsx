import type { QualifiedFigure } from "../../platform/figures.ts";
import type { ChartBar } from "../../ui/bar-chart.tsx";
import { ChartWithTable } from "../../ui/chart-with-table.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import {
  type EditionColumn,
  EditionsTable,
  formatForumFigure,
  recordedColumn,
} from "./edition-components.tsx";
import type { ForumEditionSummary } from "./edition-read.service.ts";
import { PARTICIPATION_KINDS, type PastForumFigures, participationTotal } from "./past-forums.ts";

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

/** A numeric column of one figure per edition, "—" where the source gives none. */
function figureColumn(
  ctx: PageContext,
  header: string,
  pick: (figures: PastForumFigures) => QualifiedFigure | null | undefined,
): EditionColumn<ForumEditionSummary> {
  return {
    header,
    numeric: true,
    cell: (edition) => {
      const figure = edition.pastFigures ? pick(edition.pastFigures) : null;
      return figure ? <bdi>{formatForumFigure(ctx, figure)}</bdi> : "—";
    },
  };
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
            <EditionsTable
              ctx={ctx}
              caption={t("forum.history.tableCaption")}
              editions={past}
              href={(year) => `/forum/${year}`}
              columns={[
                recordedColumn(ctx, "theme"),
                recordedColumn(ctx, "chair"),
                ...PARTICIPATION_KINDS.map((kind) =>
                  figureColumn(ctx, t(`forum.history.kind.${kind}`), (figures) => figures.participants[kind]),
                ),
                figureColumn(ctx, t("forum.history.charted"), participationTotal),
                figureColumn(ctx, t("forum.history.countries"), (figures) => figures.countries),
                figureColumn(ctx, t("forum.history.sessions"), (figures) => figures.sessions),
              ]}
            />
            <p class="muted">{t("forum.history.chartedNote")}</p>
          </section>
          <ChartWithTable
            ctx={ctx}
            id="participation"
            heading={t("forum.history.chartTitle")}
            description={t("forum.history.chartDescription", {
              first: String(first ?? ""),
              last: String(last ?? ""),
            })}
            labelHeader={t("forum.history.barHeader")}
            valueHeader={t("forum.history.participants")}
            bars={bars}
            layout={LAYOUT}
          >
            <p>{t("forum.history.chartHint")}</p>
          </ChartWithTable>
        </>
      )}
    </Layout>
  );
}
