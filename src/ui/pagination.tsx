import type { PageContext } from "./page-context.ts";

/** Page links keep every other query parameter, so a shared URL always reproduces the page. */
export function Pagination({
  ctx,
  page,
  pageCount,
  hrefFor,
}: {
  ctx: PageContext;
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const pages = new Set([1, pageCount, page - 2, page - 1, page, page + 1, page + 2]);
  const shown = [...pages].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  return (
    <nav class="pagination" aria-label={ctx.t("pagination.label")}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={hrefFor(page - 1)} rel="prev">
              {ctx.t("pagination.previous")}
            </a>
          </li>
        ) : null}
        {shown.map((p, index) => (
          <li key={p}>
            {index > 0 && p - (shown[index - 1] ?? p) > 1 ? <span aria-hidden="true">…</span> : null}
            {p === page ? (
              <span aria-current="page">
                <span class="visually-hidden">{ctx.t("pagination.page")} </span>
                {ctx.formatNumber(p)}
              </span>
            ) : (
              <a href={hrefFor(p)} aria-label={ctx.t("pagination.goTo", { page: p })}>
                {ctx.formatNumber(p)}
              </a>
            )}
          </li>
        ))}
        {page < pageCount ? (
          <li>
            <a href={hrefFor(page + 1)} rel="next">
              {ctx.t("pagination.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
