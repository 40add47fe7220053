import {
  Choice,
  CsrfField,
  ErrorSummary,
  FieldNotes,
  type FormErrors,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { CategorySummary } from "./nominations.presenter.ts";
import { CUTOFF_MAX, CUTOFF_MIN, type RankedSubmission } from "./nominations.service.ts";
import type { CategoryRow } from "./review.repo.ts";
import { categoryLabel, editionTime, formatScore, ReviewPhaseNotice } from "./review-components.tsx";
import type { ReviewEdition } from "./review-edition.ts";

export const nominationsBase = (edition: ReviewEdition) => `/prizes/${edition.year}/secretariat/nominations`;

export interface OverviewForms {
  cutoff: { values: { count: string }; errors: FormErrors };
  publish: { errors: FormErrors };
}

/** Per category: experts, projects, scores, flags and the selection; the cut-off and publish forms. */
export function NominationsOverviewPage({
  ctx,
  edition,
  categories,
  summaries,
  total,
  reviewEnded,
  forms,
}: {
  ctx: PageContext;
  edition: ReviewEdition;
  categories: CategoryRow[];
  summaries: CategorySummary[];
  total: Omit<CategorySummary, "code">;
  reviewEnded: boolean;
  forms: OverviewForms;
}) {
  const { t } = ctx;
  const base = nominationsBase(edition);
  const title = t("prizes.review.nominations.title", { year: edition.year });
  const published = edition.nomineesPublishedAt !== null;
  const cells = (row: Omit<CategorySummary, "code">) => (
    <>
      <td>{ctx.formatNumber(row.experts)}</td>
      <td>{ctx.formatNumber(row.inRunning)}</td>
      <td>{ctx.formatNumber(row.scored)}</td>
      <td>{ctx.formatNumber(row.flagged)}</td>
      <td>{ctx.formatNumber(row.ineligible)}</td>
      <td>{ctx.formatNumber(published ? row.nominated : row.selected)}</td>
    </>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.review.nominations.lead")}</p>
      <ReviewPhaseNotice ctx={ctx} edition={edition} />
      <p>
        <a href={`${base}/experts`}>{t("prizes.review.nominations.expertsLink")}</a>
      </p>
      <div class="table-scroll">
        <table>
          <caption>{t("prizes.review.nominations.byCategory")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("prizes.review.categoryColumn")}</th>
              <th scope="col">{t("prizes.review.nominations.experts")}</th>
              <th scope="col">{t("prizes.review.nominations.inRunning")}</th>
              <th scope="col">{t("prizes.review.nominations.scored")}</th>
              <th scope="col">{t("prizes.review.nominations.flagged")}</th>
              <th scope="col">{t("prizes.review.nominations.ineligible")}</th>
              <th scope="col">
                {published
                  ? t("prizes.review.nominations.nominated")
                  : t("prizes.review.nominations.selected")}
              </th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((summary) => (
              <tr key={summary.code}>
                <th scope="row">
                  <a href={`${base}/${encodeURIComponent(summary.code)}`}>
                    {categoryLabel(ctx, categories, summary.code)}
                  </a>
                </th>
                {cells(summary)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("prizes.review.nominations.total")}</th>
              {cells(total)}
            </tr>
          </tfoot>
        </table>
      </div>
      {published ? (
        <p>
          <a href={`/prizes/${edition.year}/nominees`}>{t("prizes.review.nomineesLink")}</a>
        </p>
      ) : (
        <>
          <form method="post" action={`${base}/cutoff`} class="stack" noValidate>
            <h2>{t("prizes.review.nominations.cutoffTitle")}</h2>
            <p>{t("prizes.review.nominations.cutoffLead")}</p>
            <CsrfField ctx={ctx} />
            <ErrorSummary ctx={ctx} errors={forms.cutoff.errors} />
            <TextInput
              ctx={ctx}
              name="count"
              type="number"
              label={t("prizes.review.nominations.cutoffCount", { min: CUTOFF_MIN, max: CUTOFF_MAX })}
              value={forms.cutoff.values.count}
              errors={forms.cutoff.errors}
              required
            />
            <div class="actions">
              <button type="submit" class="button button--secondary">
                {t("prizes.review.nominations.cutoffSubmit")}
              </button>
            </div>
          </form>
          <form method="post" action={`${base}/publish`} class="stack" noValidate>
            <h2>{t("prizes.review.nominations.publishTitle")}</h2>
            <p>
              {reviewEnded
                ? t("prizes.review.nominations.publishLead", { count: total.selected })
                : t("prizes.review.nominations.publishWait")}
            </p>
            <CsrfField ctx={ctx} />
            <ErrorSummary ctx={ctx} errors={forms.publish.errors} />
            <fieldset
              class="field"
              aria-invalid={forms.publish.errors.confirm ? "true" : undefined}
              aria-describedby={forms.publish.errors.confirm ? "confirm-error" : undefined}
            >
              <legend>{t("prizes.review.nominations.publishConfirmLegend")}</legend>
              <FieldNotes ctx={ctx} name="confirm" error={forms.publish.errors.confirm} />
              <Choice
                id="field-confirm"
                name="confirm"
                value="yes"
                label={t("prizes.review.nominations.publishConfirm", { count: total.selected })}
                checked={false}
              />
            </fieldset>
            <div class="actions">
              <button type="submit" class="button">
                {t("prizes.review.nominations.publishSubmit")}
              </button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}

/** A flag's short label, or a dash. */
function Flags({ ctx, row }: { ctx: PageContext; row: RankedSubmission }) {
  if (row.aggregate.flags.length === 0) return <>–</>;
  return (
    <ul class="tags">
      {row.aggregate.flags.map((flag) => (
        <li class="tag" key={flag}>
          {ctx.t(`prizes.review.flag.${flag}`)}
        </li>
      ))}
    </ul>
  );
}

/** One category's ranking with the selection form (ticked = on the nominated list). */
export function NominationsCategoryPage({
  ctx,
  edition,
  categories,
  code,
  rows,
  errors,
}: {
  ctx: PageContext;
  edition: ReviewEdition;
  categories: CategoryRow[];
  code: string;
  rows: RankedSubmission[];
  errors: FormErrors;
}) {
  const { t } = ctx;
  const base = nominationsBase(edition);
  const label = categoryLabel(ctx, categories, code);
  const title = t("prizes.review.nominations.categoryTitle", { category: label, year: edition.year });
  const published = edition.nomineesPublishedAt !== null;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={base}>{t("prizes.review.nominations.backToOverview")}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.review.nominations.categoryLead")}</p>
      {published ? (
        <p class="notice notice--info">
          {t("prizes.review.published", {
            date: editionTime(ctx, edition, edition.nomineesPublishedAt as Date),
          })}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>{t("prizes.review.nominations.noSubmissions")}</p>
      ) : (
        <form method="post" action={`${base}/${encodeURIComponent(code)}`} class="stack" noValidate>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} errors={errors} />
          <FieldNotes ctx={ctx} name="nominees" error={errors.nominees} />
          <div class="table-scroll">
            <table class="prize-ranking">
              <caption>{t("prizes.review.nominations.rankingCaption", { count: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("prizes.review.nominations.select")}</th>
                  <th scope="col">{t("prizes.review.nominations.rank")}</th>
                  <th scope="col">{t("prizes.review.project")}</th>
                  <th scope="col">{t("prizes.review.nominations.score")}</th>
                  <th scope="col">{t("prizes.review.nominations.expertsScored")}</th>
                  <th scope="col">{t("prizes.review.nominations.range")}</th>
                  <th scope="col">{t("prizes.review.nominations.stdDev")}</th>
                  <th scope="col">{t("prizes.review.nominations.flags")}</th>
                  <th scope="col">{t("prizes.review.nominations.status")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={row.id}>
                    <td>
                      {row.status === "submitted" && !published ? (
                        <>
                          <input
                            type="checkbox"
                            name="nominees"
                            value={row.id}
                            id={index === 0 ? "field-nominees" : `field-nominees-${row.id}`}
                            checked={row.selected}
                          />
                          <label
                            for={index === 0 ? "field-nominees" : `field-nominees-${row.id}`}
                            class="visually-hidden"
                          >
                            {t("prizes.review.nominations.selectProject", { title: row.title })}
                          </label>
                        </>
                      ) : row.selected ? (
                        "✓"
                      ) : (
                        "–"
                      )}
                    </td>
                    <td>{row.rank === null ? "–" : ctx.formatNumber(row.rank)}</td>
                    <th scope="row">
                      <a href={`${base}/submissions/${row.id}`}>
                        <bdi>{row.title}</bdi>
                      </a>
                      <br />
                      <span class="muted">
                        <bdi>{row.organisation_name}</bdi>
                      </span>
                    </th>
                    <td>{formatScore(ctx, row.aggregate.score)}</td>
                    <td>
                      {t("prizes.review.nominations.expertsOf", {
                        scored: row.aggregate.experts,
                        reviewers: row.reviewers,
                      })}
                    </td>
                    <td>
                      {row.aggregate.min === null
                        ? "–"
                        : t("prizes.review.nominations.rangeValue", {
                            min: formatScore(ctx, row.aggregate.min),
                            max: formatScore(ctx, row.aggregate.max),
                          })}
                    </td>
                    <td>{formatScore(ctx, row.aggregate.stdDev)}</td>
                    <td>
                      <Flags ctx={ctx} row={row} />
                    </td>
                    <td>{t(`prizes.review.status.${row.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {published ? null : (
            <div class="actions">
              <button type="submit" class="button">
                {t("prizes.review.nominations.saveSelection")}
              </button>
            </div>
          )}
        </form>
      )}
    </Layout>
  );
}
