import type { ComponentChildren } from "preact";
import type { FieldError } from "../../platform/errors.ts";
import { FieldNotes, type FormErrors, fieldId, toFormErrors } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { FACETS, type FacetName, SEARCH_LIMITS, type SearchCriteria } from "./search.params.ts";
import type { Facets, FacetValue } from "./search.presenter.ts";

// The filters column of the search page (`search.pages.tsx`), and the ids its script relies on.

/**
 * Ids `search.js` relies on: it fetches the next page of the same URL and swaps these regions in
 * place, and writes the live region's text. The live region stays outside the swapped regions so
 * screen readers keep listening to it.
 */
export const SEARCH_REGION = {
  facets: "search-facets",
  results: "search-results",
  status: "search-status",
  resultsTitle: "results-title",
} as const;

/** Facets listed open; the long lists start folded unless one of their values is ticked. */
const FOLDED: ReadonlySet<FacetName> = new Set(["country", "year", "targetGroup"]);

export const YEAR_FIELDS = ["yearFrom", "yearTo"] as const;

/** The query string as sent; only the 400 page reads it, to give back what the visitor typed. */
export function rawQuery(ctx: PageContext): URLSearchParams {
  const at = ctx.path.indexOf("?");
  return new URLSearchParams(at < 0 ? "" : ctx.path.slice(at + 1));
}

function FacetGroup({
  ctx,
  facet,
  values,
  open,
  children,
}: {
  ctx: PageContext;
  facet: FacetName;
  values: FacetValue[];
  /** Kept open whatever the default, e.g. while the year range has a value or an error. */
  open?: boolean;
  /** Shown above the values (the year range). */
  children?: ComponentChildren;
}) {
  const { t } = ctx;
  const chosen = values.filter((value) => value.selected).length;
  const legend = t(`search.facet.${facet}`);
  return (
    <details class="facet" data-facet={facet} open={open || !FOLDED.has(facet) || chosen > 0}>
      <summary>
        {legend}
        {chosen > 0 ? <span class="muted"> {t("search.selectedCount", { count: chosen })}</span> : null}
      </summary>
      <fieldset>
        <legend class="visually-hidden">{legend}</legend>
        {children}
        {values.length === 0 ? (
          children ? null : (
            <p class="muted">{t("search.facetEmpty")}</p>
          )
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

/**
 * "From year" and "To year": typed, so they can be wrong; errors show beside them. Text inputs with
 * a numeric keyboard rather than `type="number"`, which changes value on a stray scroll and lets
 * the browser refuse the form before the server can explain.
 */
function YearRange({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: Record<(typeof YEAR_FIELDS)[number], string>;
  errors: FormErrors;
}) {
  const { t } = ctx;
  return (
    <div class="year-range">
      <p class="hint" id="year-range-hint">
        {t("search.yearRangeHint")}
      </p>
      {YEAR_FIELDS.map((name) => {
        const error = errors[name];
        return (
          <div class="field" key={name}>
            <label for={fieldId(name)}>{t(`search.${name}`)}</label>
            <FieldNotes ctx={ctx} name={name} error={error} />
            <input
              type="text"
              inputmode="numeric"
              autocomplete="off"
              id={fieldId(name)}
              name={name}
              value={values[name]}
              maxLength={4}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={["year-range-hint", error ? `${name}-error` : null].filter(Boolean).join(" ")}
            />
          </div>
        );
      })}
    </div>
  );
}

function ApplyButton({ ctx }: { ctx: PageContext }) {
  return (
    <p class="actions">
      <button type="submit" id="search-apply">
        {ctx.t("search.apply")}
      </button>
    </p>
  );
}

/** Every facet with its counts; the year facet also takes a typed range. */
export function FacetsPanel({
  ctx,
  criteria,
  facets,
  errors,
}: {
  ctx: PageContext;
  criteria: SearchCriteria;
  facets: Facets;
  errors: FormErrors;
}) {
  const years = {
    yearFrom: criteria.yearFrom === null ? "" : String(criteria.yearFrom),
    yearTo: criteria.yearTo === null ? "" : String(criteria.yearTo),
  };
  return (
    <div id={SEARCH_REGION.facets} class="facets">
      <h2>{ctx.t("search.filters")}</h2>
      {criteria.pageSize !== SEARCH_LIMITS.pageSizeDefault ? (
        <input type="hidden" name="pageSize" value={String(criteria.pageSize)} />
      ) : null}
      {FACETS.map((facet) =>
        facet === "year" ? (
          <FacetGroup
            ctx={ctx}
            facet={facet}
            values={facets[facet]}
            key={facet}
            open={years.yearFrom !== "" || years.yearTo !== ""}
          >
            <YearRange ctx={ctx} values={years} errors={errors} />
          </FacetGroup>
        ) : (
          <FacetGroup ctx={ctx} facet={facet} values={facets[facet]} key={facet} />
        ),
      )}
      <ApplyButton ctx={ctx} />
    </div>
  );
}

/**
 * The filters column of a search that could not be run: the year range as typed, with its errors,
 * so it can be corrected, and the other filters that were valid kept as hidden fields.
 */
export function InvalidFacetsPanel({ ctx, errors }: { ctx: PageContext; errors: FieldError[] }) {
  const raw = rawQuery(ctx);
  const wrong = new Set(errors.map((error) => error.field.split(".")[0]));
  const kept: Array<[string, string]> = [];
  for (const name of [...FACETS, "pageSize"]) {
    if (wrong.has(name)) continue;
    for (const value of raw.getAll(name)) if (value.trim() !== "") kept.push([name, value]);
  }
  return (
    <div id={SEARCH_REGION.facets} class="facets">
      <h2>{ctx.t("search.filters")}</h2>
      {kept.map(([name, value]) => (
        <input type="hidden" name={name} value={value} key={`${name}=${value}`} />
      ))}
      <FacetGroup ctx={ctx} facet="year" values={[]} open>
        <YearRange
          ctx={ctx}
          values={{ yearFrom: raw.get("yearFrom") ?? "", yearTo: raw.get("yearTo") ?? "" }}
          errors={toFormErrors(errors)}
        />
      </FacetGroup>
      <ApplyButton ctx={ctx} />
    </div>
  );
}
