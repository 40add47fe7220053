import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ActionLineFigure, HomeModel } from "./home.presenter.ts";
import { SEARCH_LIMITS } from "./search.params.ts";

const BAR = { row: 24, height: 16, labelWidth: 96, chartWidth: 420, countWidth: 64 } as const;

/**
 * Entries per Action Line as horizontal bars. Server-drawn SVG with no script or inline style;
 * the table beside it holds the same figures for screen readers and for copying.
 */
function ActionLineChart({ ctx, lines }: { ctx: PageContext; lines: ActionLineFigure[] }) {
  const max = Math.max(1, ...lines.map((line) => line.count));
  const width = BAR.labelWidth + BAR.chartWidth + BAR.countWidth;
  const height = lines.length * BAR.row;
  const rtl = ctx.dir === "rtl";
  return (
    <svg
      class="bar-chart"
      direction="ltr"
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      role="img"
      aria-labelledby="chart-title"
    >
      <title id="chart-title">{ctx.t("home.chartTitle")}</title>
      {lines.map((line, index) => {
        const y = index * BAR.row;
        const barWidth = line.count === 0 ? 0 : Math.max(2, Math.round((line.count / max) * BAR.chartWidth));
        // The SVG is laid out left to right (see `direction` above); right-to-left pages mirror it.
        const x = (left: number, size = 0) => (rtl ? width - left - size : left);
        return (
          <g key={line.code}>
            <text
              x={x(BAR.labelWidth - 8)}
              y={y + BAR.height - 3}
              text-anchor={rtl ? "start" : "end"}
              class="bar-chart__label"
            >
              {line.code}
            </text>
            <rect
              x={x(BAR.labelWidth, barWidth)}
              y={y}
              width={barWidth}
              height={BAR.height}
              class="bar-chart__bar"
            />
            <text
              x={x(BAR.labelWidth + barWidth + 6)}
              y={y + BAR.height - 3}
              text-anchor={rtl ? "end" : "start"}
              class="bar-chart__value"
            >
              {ctx.formatNumber(line.count)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** The public front page: what the database is, live figures, a search box, ways to take part. */
export function HomePage({ ctx, model }: { ctx: PageContext; model: HomeModel }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("home.title")}>
      <h1>{t("home.heading")}</h1>
      <p class="lead">{t("home.intro")}</p>
      <p>{t("home.introMore")}</p>

      <search class="home-search">
        <form method="get" action="/entries">
          <div class="field">
            <label for="home-q">{t("home.searchLabel")}</label>
            <div class="search-bar__row">
              <input type="search" id="home-q" name="q" maxLength={SEARCH_LIMITS.queryMax} />
              <button type="submit">{t("home.searchButton")}</button>
            </div>
          </div>
        </form>
      </search>
      <p>
        <a href="/entries">{t("home.browseAll")}</a>
      </p>

      <h2>{t("home.figuresHeading")}</h2>
      <ul class="stats">
        <li>
          <strong>{ctx.formatNumber(model.entries)}</strong> {t("home.statEntries", { count: model.entries })}
        </li>
        <li>
          <strong>{ctx.formatNumber(model.countries)}</strong>{" "}
          {t("home.statCountries", { count: model.countries })}
        </li>
        <li>
          <strong>{ctx.formatNumber(model.organisations)}</strong>{" "}
          {t("home.statOrganisations", { count: model.organisations })}
        </li>
      </ul>

      <h2 id="per-action-line">{t("home.perActionLineHeading")}</h2>
      <p class="muted">{t("home.perActionLineHint")}</p>
      <div class="home-chart">
        <div class="table-scroll">
          <table aria-labelledby="per-action-line">
            <thead>
              <tr>
                <th scope="col">{t("home.colActionLine")}</th>
                <th scope="col" class="numeric">
                  {t("home.colEntries")}
                </th>
              </tr>
            </thead>
            <tbody>
              {model.actionLines.map((line) => (
                <tr key={line.code}>
                  <th scope="row">
                    <a href={line.href}>
                      {line.code} {line.name}
                    </a>
                  </th>
                  <td class="numeric">{ctx.formatNumber(line.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ActionLineChart ctx={ctx} lines={model.actionLines} />
      </div>

      <h2>{t("home.takePartHeading")}</h2>
      <p>{t("home.takePart")}</p>
      <p class="actions">
        {ctx.actor ? null : (
          <a class="button" href="/register">
            {t("home.register")}
          </a>
        )}
        <a class={ctx.actor ? "button" : "button button--secondary"} href="/entries/new">
          {t("home.submit")}
        </a>
      </p>
    </Layout>
  );
}
