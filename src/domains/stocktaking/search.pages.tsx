import type { ComponentChildren } from "preact";
import type { FieldError } from "../../platform/errors.ts";
import { ASSETS } from "../../ui/assets.ts";
import { fieldErrorText, fieldId } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import { ExportLinks, feedHeadLink } from "../open-data/export-links.pages.tsx";
import {
  defaultSort,
  FACETS,
  hasFilters,
  SEARCH_LIMITS,
  type SearchCriteria,
  type SearchSort,
  SORTS,
  searchUrl,
  withoutValue,
} from "./search.params.ts";
import type { Facets, SearchItem } from "./search.presenter.ts";
import {
  FacetsPanel,
  InvalidFacetsPanel,
  rawQuery,
  SEARCH_REGION,
  YEAR_FIELDS,
} from "./search-facets.pages.tsx";

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

const COUNTRIES_SHOWN = 5;

function yearRangeText(ctx: PageContext, from: number | null, to: number | null): string | null {
  if (from !== null && to !== null)
    return ctx.t("search.yearRange.between", { from: String(from), to: String(to) });
  if (from !== null) return ctx.t("search.yearRange.from", { from: String(from) });
  if (to !== null) return ctx.t("search.yearRange.to", { to: String(to) });
  return null;
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
  const range = yearRangeText(ctx, criteria.yearFrom, criteria.yearTo);
  if (range) {
    chips.push({
      key: "yearRange",
      text: `${t("search.facet.year")}: ${range}`,
      href: searchUrl({ ...criteria, yearFrom: null, yearTo: null }),
    });
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

/** The description passage with the matched words in `<mark>`, built as nodes so all text stays escaped. */
function Snippet({ snippet, lang }: { snippet: SearchItem["snippet"]; lang: string | undefined }) {
  const { text, highlights } = snippet;
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    // Ranges come ascending and apart; anything else is skipped rather than garbling the text.
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <p class="snippet" dir="auto" lang={lang}>
      {parts}
    </p>
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
  // An entry shown in another language than the page's says which, to readers and screen readers.
  const textLang = item.language && item.language !== ctx.lang ? item.language : undefined;
  return (
    <li>
      {/* Entries are written in any of the six languages; each takes its own direction. */}
      <h3 dir="auto" lang={textLang}>
        <a href={item.url}>{item.title}</a>
      </h3>
      <p class="muted">
        {item.organisation} · {place}
        {item.startYear ? ` · ${t("search.since", { year: String(item.startYear) })}` : ""}
        {item.status ? ` · ${item.status.name}` : ""}
        {textLang ? ` · ${t("search.inLanguage", { language: t(`entries.language.${textLang}`) })}` : ""}
        {item.language !== item.originalLanguage ? ` · ${t("search.translated")}` : ""}
      </p>
      <Snippet snippet={item.snippet} lang={textLang} />
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
        {errors.map((error) => {
          const field = error.field.split(".")[0] ?? error.field;
          const text = `${t(`search.param.${field}`)}: ${fieldErrorText(ctx, error)}`;
          return (
            <li key={`${error.field}-${error.code}`}>
              {(YEAR_FIELDS as readonly string[]).includes(field) ? (
                <a href={`#${fieldId(field)}`}>{text}</a>
              ) : (
                text
              )}
            </li>
          );
        })}
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
  facets,
}: {
  ctx: PageContext;
  model: SearchPageModel;
  criteria: SearchCriteria;
  facets: Facets;
}) {
  const { t } = ctx;
  const first = (criteria.page - 1) * criteria.pageSize + 1;
  const last = first + model.items.length - 1;
  return (
    <div id={SEARCH_REGION.results} class="search-results__body">
      {/* Where focus goes when a page link is followed in place: the link itself is gone. */}
      <h2 id={SEARCH_REGION.resultsTitle} class="visually-hidden" tabIndex={-1}>
        {t("search.resultsHeading")}
      </h2>
      <ActiveFilters ctx={ctx} criteria={criteria} facets={facets} />
      {model.items.length > 0 && model.pageCount > 1 ? (
        <p class="muted">
          {t("search.showing", {
            first: ctx.formatNumber(first),
            last: ctx.formatNumber(last),
            total: ctx.formatNumber(model.total),
          })}
        </p>
      ) : null}
      {model.items.length > 0 ? (
        <ol class="results" aria-labelledby={SEARCH_REGION.resultsTitle} start={first}>
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
      <ExportLinks ctx={ctx} criteria={criteria} total={model.total} />
    </div>
  );
}

/**
 * The search page: one GET form whose URL is the whole state. Without JavaScript the buttons
 * submit it; with `search.js` a ticked box, a new order or a submit fetches the same page and swaps
 * the facets and results regions in place (see `SEARCH_REGION`).
 */
export function SearchPage({ ctx, model }: { ctx: PageContext; model: SearchPageModel }) {
  const { t } = ctx;
  const { criteria, facets } = model;
  const rawSort = rawQuery(ctx).get("sort");
  const sort: SearchSort =
    criteria?.sort ??
    ((SORTS as readonly string[]).includes(rawSort ?? "")
      ? (rawSort as SearchSort)
      : defaultSort(model.q || null));
  return (
    <Layout
      ctx={ctx}
      title={criteria?.q ? t("search.titleFor", { q: criteria.q }) : t("search.title")}
      scripts={[ASSETS.searchJs.url]}
      headLinks={criteria ? [feedHeadLink(ctx, criteria)] : []}
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
              {SORTS.map((option) => (
                <option key={option} value={option} selected={option === sort}>
                  {t(`search.sort.${option}`)}
                </option>
              ))}
            </select>
          </div>
        </search>
        <div class="search-layout">
          {criteria && facets ? (
            <FacetsPanel ctx={ctx} criteria={criteria} facets={facets} errors={{}} />
          ) : (
            <InvalidFacetsPanel ctx={ctx} errors={model.errors} />
          )}
          <div class="search-results">
            <p
              id={SEARCH_REGION.status}
              class="result-count"
              role="status"
              aria-live="polite"
              aria-atomic="true"
            >
              {t("search.resultCount", { count: model.total })}
            </p>
            {criteria && facets ? (
              <Results ctx={ctx} model={model} criteria={criteria} facets={facets} />
            ) : (
              <div id={SEARCH_REGION.results} class="search-results__body">
                <InvalidSearch ctx={ctx} errors={model.errors} />
              </div>
            )}
          </div>
        </div>
      </form>
    </Layout>
  );
}
