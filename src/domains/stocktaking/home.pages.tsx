import { BarChart } from "../../ui/bar-chart.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { HomeModel } from "./home.presenter.ts";
import { SEARCH_LIMITS } from "./search.params.ts";

/** Entry counts are short numbers and Action Line codes short labels: a narrower layout. */
const ACTION_LINE_CHART = { labelWidth: 96, chartWidth: 420, valueWidth: 64 } as const;

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
        <BarChart
          ctx={ctx}
          id="chart"
          title={t("home.chartTitle")}
          layout={ACTION_LINE_CHART}
          bars={model.actionLines.map((line) => ({
            key: line.code,
            label: line.code,
            value: line.count,
            display: ctx.formatNumber(line.count),
          }))}
        />
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
