import { localName } from "../../platform/i18n.ts";
import { CsrfField, ErrorSummary, type FormErrors, TextArea } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { nominationsBase } from "./nominations.pages.tsx";
import type { RankedSubmission } from "./nominations.service.ts";
import { REASON_MAX } from "./nominations.service.ts";
import type { CategoryRow, CriterionRow } from "./review.repo.ts";
import { categoryLabel, formatScore } from "./review-components.tsx";
import type { ReviewEdition } from "./review-edition.ts";

/** One expert's review of the submission, as the secretariat (never another expert) reads it. */
export interface ExpertReview {
  expertId: string;
  name: string;
  weighted: number | null;
  scores: Array<{ criterion: string; score: number; comment: string }>;
}

/** A submission's figures: the aggregate, per criterion and per expert, and the eligibility form. */
export function NominationSubmissionPage({
  ctx,
  edition,
  categories,
  criteria,
  row,
  reviews,
  form,
}: {
  ctx: PageContext;
  edition: ReviewEdition;
  categories: CategoryRow[];
  criteria: CriterionRow[];
  row: RankedSubmission;
  reviews: ExpertReview[];
  form: { values: { reason: string }; errors: FormErrors };
}) {
  const { t } = ctx;
  const base = nominationsBase(edition);
  const criterionName = (code: string) => {
    const criterion = criteria.find((item) => item.code === code);
    return criterion ? localName(criterion.names, ctx.lang) : code;
  };
  const action = `${base}/submissions/${row.id}`;
  const frozen = edition.nomineesPublishedAt !== null;
  return (
    <Layout ctx={ctx} title={row.title || t("prizes.review.untitled")}>
      <p>
        <a href={`${base}/${encodeURIComponent(row.category_code)}`}>
          {t("prizes.review.nominations.backToCategory", {
            category: categoryLabel(ctx, categories, row.category_code),
          })}
        </a>
      </p>
      <h1>
        <bdi>{row.title || t("prizes.review.untitled")}</bdi>
      </h1>
      <dl class="fields">
        <dt>{t("prizes.review.organisation")}</dt>
        <dd>
          <bdi>{row.organisation_name}</bdi>
        </dd>
        <dt>{t("prizes.review.nominations.status")}</dt>
        <dd>{t(`prizes.review.status.${row.status}`)}</dd>
        {row.status_reason ? (
          <>
            <dt>{t("prizes.review.nominations.reason")}</dt>
            <dd class="prize-text">
              <bdi>{row.status_reason}</bdi>
            </dd>
          </>
        ) : null}
        <dt>{t("prizes.review.nominations.score")}</dt>
        <dd>
          {formatScore(ctx, row.aggregate.score)}
          {row.rank === null ? null : ` (${t("prizes.review.nominations.rankValue", { rank: row.rank })})`}
        </dd>
        <dt>{t("prizes.review.nominations.expertsScored")}</dt>
        <dd>
          {t("prizes.review.nominations.expertsOf", {
            scored: row.aggregate.experts,
            reviewers: row.reviewers,
          })}
        </dd>
      </dl>

      <h2>{t("prizes.review.nominations.perCriterion")}</h2>
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{t("prizes.review.nominations.perCriterion")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("prizes.review.nominations.criterion")}</th>
              <th scope="col">{t("prizes.review.nominations.weight")}</th>
              <th scope="col">{t("prizes.review.nominations.mean")}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((criterion) => (
              <tr key={criterion.code}>
                <th scope="row">{criterionName(criterion.code)}</th>
                <td>{ctx.formatNumber(criterion.weight)}</td>
                <td>{formatScore(ctx, row.aggregate.criteria[criterion.code] ?? null)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("prizes.review.nominations.perExpert")}</h2>
      {reviews.length === 0 ? (
        <p>{t("prizes.review.nominations.noReviews")}</p>
      ) : (
        reviews.map((review) => (
          <section key={review.expertId} class="prize-review">
            <h3>
              {t("prizes.review.nominations.expertScore", {
                name: review.name,
                score: formatScore(ctx, review.weighted),
              })}
            </h3>
            <ul>
              {review.scores.map((score) => (
                <li key={score.criterion}>
                  {t("prizes.review.nominations.criterionScore", {
                    criterion: criterionName(score.criterion),
                    score: score.score,
                  })}
                  {score.comment ? (
                    <>
                      {" "}
                      <q class="prize-text">
                        <bdi>{score.comment}</bdi>
                      </q>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}

      {frozen || !["submitted", "ineligible"].includes(row.status) ? null : (
        <form method="post" action={action} class="stack" noValidate>
          <h2>{t("prizes.review.nominations.eligibilityTitle")}</h2>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} errors={form.errors} />
          {row.status === "submitted" ? (
            <>
              <input type="hidden" name="decision" value="ineligible" />
              <TextArea
                ctx={ctx}
                name="reason"
                label={t("prizes.review.nominations.ineligibleReason")}
                value={form.values.reason}
                errors={form.errors}
                maxLength={REASON_MAX}
                required
              />
              <div class="actions">
                <button type="submit" class="button button--danger">
                  {t("prizes.review.nominations.markIneligible")}
                </button>
              </div>
            </>
          ) : (
            <>
              <input type="hidden" name="decision" value="restore" />
              <p>{t("prizes.review.nominations.restoreLead")}</p>
              <div class="actions">
                <button type="submit" class="button button--secondary">
                  {t("prizes.review.nominations.restore")}
                </button>
              </div>
            </>
          )}
        </form>
      )}
    </Layout>
  );
}
