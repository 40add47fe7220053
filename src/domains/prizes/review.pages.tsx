import { localName } from "../../platform/i18n.ts";
import { CsrfField, ErrorSummary, type FormErrors, Select, TextArea } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { CategoryRow } from "./review.repo.ts";
import {
  COMMENT_MAX,
  CONFLICT_REASON_MAX,
  commentField,
  type ReviewQueue,
  type ReviewView,
  scoreField,
} from "./review.service.ts";
import { SCORE_MAX, SCORE_MIN } from "./review-aggregate.ts";
import { categoryLabel, ReviewPhaseNotice } from "./review-components.tsx";
import type { ReviewEdition } from "./review-edition.ts";

const SCORE_OPTIONS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, index) =>
  String(SCORE_MIN + index),
).map((value) => ({ value, label: value }));

/** The expert's list: their categories, what they review and how far they got. */
export function ReviewQueuePage({
  ctx,
  edition,
  queue,
  categories,
}: {
  ctx: PageContext;
  edition: ReviewEdition;
  queue: ReviewQueue;
  categories: CategoryRow[];
}) {
  const { t } = ctx;
  const title = t("prizes.review.title", { year: edition.year });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.review.lead")}</p>
      <ReviewPhaseNotice ctx={ctx} edition={edition} />
      <h2>{t("prizes.review.yourCategories")}</h2>
      <ul>
        {queue.expert.categories.map((code) => (
          <li key={code}>{categoryLabel(ctx, categories, code)}</li>
        ))}
      </ul>
      <p>{t("prizes.review.blind")}</p>
      {queue.conflicts > 0 ? (
        <p class="muted">{t("prizes.review.conflictCount", { count: queue.conflicts })}</p>
      ) : null}
      {!queue.open ? null : queue.rows.length === 0 ? (
        <p>{t("prizes.review.empty")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{t("prizes.review.queueCaption", { count: queue.rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.review.project")}</th>
                <th scope="col">{t("prizes.review.organisation")}</th>
                <th scope="col">{t("prizes.review.categoryColumn")}</th>
                <th scope="col">{t("prizes.review.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <a href={`/prizes/${edition.year}/review/${row.id}`}>
                      <bdi>{row.title}</bdi>
                    </a>
                  </th>
                  <td>
                    <bdi>{row.organisation_name}</bdi>
                  </td>
                  <td>{categoryLabel(ctx, categories, row.category_code)}</td>
                  <td>
                    {row.scored === 0
                      ? t("prizes.review.notScored")
                      : row.scored >= queue.criteria
                        ? t("prizes.review.scored")
                        : t("prizes.review.partlyScored", { scored: row.scored, total: queue.criteria })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export interface ScoreFormState {
  values: Record<string, string>;
  errors: FormErrors;
}

function SubmissionText({ label, text }: { label: string; text: string }) {
  if (text.trim() === "") return null;
  return (
    <>
      <dt>{label}</dt>
      <dd class="prize-text">
        <bdi>{text}</bdi>
      </dd>
    </>
  );
}

/** One submission, the score form (every criterion, 0–10, with comments) and the conflict form. */
export function ReviewSubmissionPage({
  ctx,
  edition,
  view,
  categories,
  scoreForm,
  conflictForm,
}: {
  ctx: PageContext;
  edition: ReviewEdition;
  view: ReviewView;
  categories: CategoryRow[];
  scoreForm: ScoreFormState;
  conflictForm: ScoreFormState;
}) {
  const { t } = ctx;
  const { submission, criteria } = view;
  const action = `/prizes/${edition.year}/review/${submission.id}`;
  const criterionName = (name: string) => {
    const code = name.replace(/^(score|comment)-/, "");
    const criterion = criteria.find((item) => item.code === code);
    return criterion ? localName(criterion.names, ctx.lang) : undefined;
  };
  return (
    <Layout ctx={ctx} title={submission.title || t("prizes.review.untitled")}>
      <p>
        <a href={`/prizes/${edition.year}/review`}>{t("prizes.review.back")}</a>
      </p>
      <h1>
        <bdi>{submission.title || t("prizes.review.untitled")}</bdi>
      </h1>
      <dl class="fields">
        <dt>{t("prizes.review.organisation")}</dt>
        <dd>
          <bdi>{submission.organisation_name}</bdi>
        </dd>
        <dt>{t("prizes.review.categoryColumn")}</dt>
        <dd>{categoryLabel(ctx, categories, submission.category_code)}</dd>
        {submission.project_stage ? (
          <>
            <dt>{t("prizes.review.stageLabel")}</dt>
            <dd>{t(`prizes.review.stage.${submission.project_stage}`)}</dd>
          </>
        ) : null}
        <SubmissionText label={t("prizes.review.shortDescription")} text={submission.short_description} />
        <SubmissionText label={t("prizes.review.links")} text={submission.action_line_sdg_links} />
        {submission.gdc_objectives.length ? (
          <>
            <dt>{t("prizes.review.gdc")}</dt>
            <dd>{submission.gdc_objectives.map((number) => ctx.formatNumber(number)).join(", ")}</dd>
          </>
        ) : null}
        <SubmissionText label={t("prizes.review.impact")} text={submission.impact} />
        <SubmissionText label={t("prizes.review.partnerships")} text={submission.partnerships} />
        <SubmissionText label={t("prizes.review.challenges")} text={submission.challenges} />
      </dl>

      <h2 id="scores">{t("prizes.review.scoresTitle")}</h2>
      <p>{t("prizes.review.scoresLead", { min: SCORE_MIN, max: SCORE_MAX })}</p>
      <p class="muted">{t("prizes.review.blind")}</p>
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={scoreForm.errors} fieldLabel={criterionName} />
        {criteria.map((criterion) => {
          const name = localName(criterion.names, ctx.lang);
          return (
            <fieldset key={criterion.code} class="prize-criterion">
              <legend>{t("prizes.review.criterion", { name, weight: criterion.weight })}</legend>
              <Select
                ctx={ctx}
                name={scoreField(criterion.code)}
                label={t("prizes.review.score", { min: SCORE_MIN, max: SCORE_MAX })}
                value={scoreForm.values[scoreField(criterion.code)] ?? ""}
                errors={scoreForm.errors}
                options={SCORE_OPTIONS}
                required
              />
              <TextArea
                ctx={ctx}
                name={commentField(criterion.code)}
                label={t("prizes.review.comment")}
                value={scoreForm.values[commentField(criterion.code)] ?? ""}
                errors={scoreForm.errors}
                maxLength={COMMENT_MAX}
              />
            </fieldset>
          );
        })}
        <div class="actions">
          <button type="submit" class="button">
            {t("prizes.review.save")}
          </button>
        </div>
      </form>

      <h2 id="conflict">{t("prizes.review.conflictTitle")}</h2>
      <p>{t("prizes.review.conflictLead")}</p>
      <form method="post" action={`${action}/conflict`} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={conflictForm.errors} />
        <TextArea
          ctx={ctx}
          name="reason"
          label={t("prizes.review.conflictReason")}
          value={conflictForm.values.reason ?? ""}
          errors={conflictForm.errors}
          maxLength={CONFLICT_REASON_MAX}
          required
        />
        <div class="actions">
          <button type="submit" class="button button--secondary">
            {t("prizes.review.conflictSubmit")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
