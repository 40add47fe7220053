import type { FieldError } from "../../platform/errors.ts";
import { ASSETS } from "../../ui/assets.ts";
import { fieldErrorText, Pagination } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import {
  FACETS,
  type FacetName,
  hasFilters,
  SEARCH_LIMITS,
  type SearchCriteria,
  searchUrl,
  withoutValue,
} from "./search.params.ts";
import type { Facets, FacetValue, SearchItem } from "./search.presenter.ts";

/** What the search page shows; `criteria` and `facets` are null when the request was invalid. */
export interface SearchPageModel {
  /** The text in the search box, as typed. */
  q: string;
  criteria: SearchCriteria | null;
  total: number;
  pageCount: number;
  items: SearchItem[];
  facets: Facets | null;
  errors: FieldError[];
}

/** Facets listed open; the long lists start folded unless one of their values is ticked. */
const FOLDED: ReadonlySet<FacetName> = new Set(["country", "year", "targetGroup"]);
const COUNTRIES_SHOWN = 5;

function FacetGroup({ ctx, facet, values }: { ctx: PageContext; facet: FacetName; values: FacetValue[] }) {
  const { t } = ctx;
  const chosen = values.filter((value) => value.selected).length;
  const legend = t(`search.facet.${facet}`);
  return (
    <details class="facet" open={!FOLDED.has(facet) || chosen > 0}>
      <summary>
        {legend}
        {chosen > 0 ? <span class="muted"> {t("search.selectedCount", { count: chosen })}</span> : null}
      </summary>
      <fieldset>
        <legend class="visually-hidden">{legend}</legend>
        {values.length === 0 ? (
          <p class="muted">{t("search.facetEmpty")}</p>
        ) : (
          <ul class="facet-values">
            {values.map((value) => (
              <li key={value.value}>
                <label>
                  <span>
                    <input type="checkbox" name={facet} value={value.value} checked={value.selected} />{" "}
                    {value.label}
                  </span>
                  <span class="count">
                    {ctx.formatNumber(value.count)}
                    <span class="visually-hidden"> {t("search.resultsSuffix", { count: value.count })}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    </details>
  );
}

function ActiveFilters({
  ctx,
  criteria,
  facets,
}: {
  ctx: PageContext;
  criteria: SearchCriteria;
  facets: Facets;
}) {
  const { t } = ctx;
  if (!criteria.q && !hasFilters(criteria)) return null;
  const chips: Array<{ key: string; text: string; href: string }> = [];
  if (criteria.q) {
    chips.push({
      key: "q",
      text: t("search.activeQuery", { q: criteria.q }),
      href: searchUrl({
        ...criteria,
        q: null,
        sort: criteria.sort === "relevance" ? "newest" : criteria.sort,
      }),
    });
  }
  for (const facet of FACETS) {
    for (const value of criteria.filters[facet]) {
      const label = facets[facet].find((item) => item.value === String(value))?.label ?? String(value);
      chips.push({
        key: `${facet}=${value}`,
        text: `${t(`search.facet.${facet}`)}: ${label}`,
        href: searchUrl(withoutValue(criteria, facet, value)),
      });
    }
  }
  return (
    <section class="active-filters" aria-labelledby="active-filters-title">
      <h3 id="active-filters-title">{t("search.activeFilters")}</h3>
      <ul class="tags">
        {chips.map((chip) => (
          <li class="tag" key={chip.key}>
            {chip.text}{" "}
            <a href={chip.href}>
              {t("search.remove")}
              <span class="visually-hidden"> {chip.text}</span>
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/entries">{t("search.clearAll")}</a>
      </p>
    </section>
  );
}

function ResultItem({ ctx, item }: { ctx: PageContext; item: SearchItem }) {
  const { t } = ctx;
  const countries = item.countries.slice(0, COUNTRIES_SHOWN).map((country) => country.name);
  const more = item.countries.length - countries.length;
  const place =
    item.countries.length === 0
      ? t("search.international")
      : more > 0
        ? t("search.countriesAndMore", { countries: countries.join(", "), count: more })
        : countries.join(", ");
  return (
    <li>
      <h3>
        <a href={item.url}>{item.title}</a>
      </h3>
      <p class="muted">
        {item.organisation} · {place}
        {item.startYear ? ` · ${t("search.since", { year: String(item.startYear) })}` : ""}
        {item.status ? ` · ${item.status.name}` : ""}
      </p>
      <p>{item.snippet.text}</p>
      <ul class="tags" aria-label={t("search.tagsLabel")}>
        {item.actionLines.map((line) => (
          <li class="tag" key={line.code}>
            {line.name}
          </li>
        ))}
        {item.sdgs.map((sdg) => (
          <li class="tag" key={`sdg-${sdg.number}`}>
            {sdg.name}
          </li>
        ))}
      </ul>
    </li>
  );
}

function InvalidSearch({ ctx, errors }: { ctx: PageContext; errors: FieldError[] }) {
  const { t } = ctx;
  return (
    <div class="notice notice--error" role="alert">
      <h2>{t("search.invalidTitle")}</h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.field}-${error.code}`}>
            {t(`search.param.${error.field.split(".")[0]}`)}: {fieldErrorText(ctx, error)}
          </li>
        ))}
      </ul>
      {errors.some((error) => error.field === "page" && error.code === "out_of_range") ? (
        <p>{t("search.windowHint", { max: SEARCH_LIMITS.resultWindow })}</p>
      ) : null}
      <p>
        <a href="/entries">{t("search.startAgain")}</a>
      </p>
    </div>
  );
}

function Results({
  ctx,
  model,
  criteria,
}: {
  ctx: PageContext;
  model: SearchPageModel;
  criteria: SearchCriteria;
}) {
  const { t } = ctx;
  const first = (criteria.page - 1) * criteria.pageSize + 1;
  const last = first + model.items.length - 1;
  return (
    <>
      <div role="status" class="result-count">
        <h2 id="results-title">{t("search.resultCount", { count: model.total })}</h2>
        {model.items.length > 0 && model.pageCount > 1 ? (
          <p class="muted">
            {t("search.showing", {
              first: ctx.formatNumber(first),
              last: ctx.formatNumber(last),
              total: ctx.formatNumber(model.total),
            })}
          </p>
        ) : null}
      </div>
      {model.items.length > 0 ? (
        <ol class="results" aria-labelledby="results-title" start={first}>
          {model.items.map((item) => (
            <ResultItem ctx={ctx} item={item} key={item.id} />
          ))}
        </ol>
      ) : model.total > 0 ? (
        <p>
          {t("search.pageEmpty")} <a href={searchUrl(criteria)}>{t("search.firstPage")}</a>
        </p>
      ) : (
        <div class="notice">
          <p>{t("search.noResults")}</p>
          {criteria.q || hasFilters(criteria) ? <p>{t("search.noResultsHint")}</p> : null}
        </div>
      )}
      <Pagination
        ctx={ctx}
        page={criteria.page}
        pageCount={Math.min(
          model.pageCount,
          Math.max(1, Math.floor(SEARCH_LIMITS.resultWindow / criteria.pageSize)),
        )}
        hrefFor={(page) => searchUrl(criteria, page)}
      />
    </>
  );
}

/**
 * The search page: one GET form whose URL is the whole state. Without JavaScript the buttons
 * submit it; `search.js` submits it when a box is ticked or the order changes.
 */
export function SearchPage({ ctx, model }: { ctx: PageContext; model: SearchPageModel }) {
  const { t } = ctx;
  const { criteria, facets } = model;
  const sort = criteria?.sort ?? "relevance";
  return (
    <Layout
      ctx={ctx}
      title={criteria?.q ? t("search.titleFor", { q: criteria.q }) : t("search.title")}
      scripts={[ASSETS.searchJs.url]}
    >
      <h1>{t("search.heading")}</h1>
      <form method="get" action="/entries" class="search-form" data-auto-submit="">
        <search class="search-bar">
          <div class="field">
            <label for="search-q">{t("search.queryLabel")}</label>
            <span class="hint" id="search-q-hint">
              {t("search.queryHint")}
            </span>
            <div class="search-bar__row">
              <input
                type="search"
                id="search-q"
                name="q"
                value={model.q}
                maxLength={SEARCH_LIMITS.queryMax}
                aria-describedby="search-q-hint"
              />
              <button type="submit">{t("search.submit")}</button>
            </div>
          </div>
          <div class="field search-sort">
            <label for="search-sort">{t("search.sortLabel")}</label>
            <select id="search-sort" name="sort" data-auto-submit="">
              {(["relevance", "newest", "title"] as const).map((option) => (
                <option key={option} value={option} selected={option === sort}>
                  {t(`search.sort.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </search>
        {criteria && criteria.pageSize !== SEARCH_LIMITS.pageSizeDefault ? (
          <input type="hidden" name="pageSize" value={String(criteria.pageSize)} />
        ) : null}
        {model.errors.length > 0 ? <InvalidSearch ctx={ctx} errors={model.errors} /> : null}
        {criteria && facets ? (
          <div class="search-layout">
            <div class="facets">
              <h2>{t("search.filters")}</h2>
              {FACETS.map((facet) => (
                <FacetGroup ctx={ctx} facet={facet} values={facets[facet]} key={facet} />
              ))}
              <p class="actions">
                <button type="submit">{t("search.apply")}</button>
              </p>
            </div>
            <div class="search-results">
              <ActiveFilters ctx={ctx} criteria={criteria} facets={facets} />
              <Results ctx={ctx} model={model} criteria={criteria} />
            </div>
          </div>
        ) : null}
      </form>
    </Layout>
  );
}
