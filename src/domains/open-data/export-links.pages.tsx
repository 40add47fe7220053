import type { PageContext } from "../../ui/page-context.ts";
import {
  defaultSort,
  SEARCH_LIMITS,
  type SearchCriteria,
  searchQueryString,
} from "../stocktaking/search.params.ts";
import type { EXPORT_FORMATS } from "./export.schema.ts";

/** Formats in the order people look for them: spreadsheets first. */
const LINK_ORDER = [
  "csv",
  "xlsx",
  "json",
  "ndjson",
] as const satisfies readonly (typeof EXPORT_FORMATS)[number][];

/** The query of a search without its page size, which exports and feeds ignore. */
function wholeSearchQuery(criteria: SearchCriteria): string {
  return searchQueryString({ ...criteria, pageSize: SEARCH_LIMITS.pageSizeDefault });
}

/** `exportEntries` for this search in `format`. */
export function exportHref(criteria: SearchCriteria, format: (typeof EXPORT_FORMATS)[number]): string {
  const query = wholeSearchQuery(criteria);
  return `/api/v1/entries/export${query}${query ? "&" : "?"}format=${format}`;
}

/** The Atom feed of this search (always newest first, so the order is left out). */
export function feedHref(criteria: SearchCriteria): string {
  return `/entries/feed.atom${searchQueryString({
    ...criteria,
    sort: defaultSort(criteria.q),
    pageSize: SEARCH_LIMITS.pageSizeDefault,
  })}`;
}

/** What the search page puts in its head so feed readers find the feed of the search shown. */
export function feedHeadLink(ctx: PageContext, criteria: SearchCriteria) {
  return {
    rel: "alternate",
    type: "application/atom+xml",
    href: feedHref(criteria),
    title: criteria.q ? ctx.t("openData.feed.titleFor", { q: criteria.q }) : ctx.t("openData.feed.title"),
  };
}

/** "Download these results" under a search's results: the same search in every format, and its feed. */
export function ExportLinks({
  ctx,
  criteria,
  total,
}: {
  ctx: PageContext;
  criteria: SearchCriteria;
  total: number;
}) {
  const { t } = ctx;
  if (total === 0) return null;
  return (
    <section class="export-links" aria-labelledby="export-links-title">
      <h3 id="export-links-title">{t("openData.downloads.heading")}</h3>
      <p class="muted">{t("openData.downloads.hint")}</p>
      <ul class="inline-list">
        {LINK_ORDER.map((format) => (
          <li key={format}>
            <a href={exportHref(criteria, format)} download="">
              {t(`openData.downloads.${format}`)}
            </a>
          </li>
        ))}
        <li>
          <a href={feedHref(criteria)} type="application/atom+xml">
            {t("openData.downloads.feed")}
          </a>
        </li>
        <li>
          <a href="/open-data">{t("openDataPage.searchLink")}</a>
        </li>
      </ul>
    </section>
  );
}
