import type { PrizeSubmissionStatus } from "../../db/schema.ts";
import type { AppError } from "../../platform/errors.ts";
import { Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { SubmissionWindowText } from "./submission-eligibility.ts";
import { RefusalNotice, WithdrawForm } from "./submission-form.pages.tsx";
import { countWords } from "./submission-rules.ts";
import type { SubmissionRecord } from "./submissions.repo.ts";

export function SubmissionStatus({ ctx, status }: { ctx: PageContext; status: PrizeSubmissionStatus }) {
  return <span class={`state state--${status}`}>{ctx.t(`prizes.submissions.status.${status}`)}</span>;
}

/** One row of "my submissions": what it is, where it stands, and what can be done with it. */
export interface SubmissionListItem {
  submission: SubmissionRecord;
  categoryName: string;
  editable: boolean;
}

/** The submitter's submissions in every edition, with their status (and the reason when ineligible). */
export function MySubmissionsPage({ ctx, items }: { ctx: PageContext; items: SubmissionListItem[] }) {
  const { t } = ctx;
  const title = t("prizes.submissions.list.title");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {items.length === 0 ? (
        <p>{t("prizes.submissions.list.empty")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.submissions.list.project")}</th>
                <th scope="col">{t("prizes.submissions.list.edition")}</th>
                <th scope="col">{t("prizes.submissions.field.category")}</th>
                <th scope="col">{t("prizes.submissions.list.status")}</th>
                <th scope="col">{t("prizes.submissions.list.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map(({ submission, categoryName, editable }) => (
                <tr key={submission.id}>
                  <th scope="row">
                    <a href={`/prizes/submissions/${submission.id}`} dir="auto">
                      {submission.title}
                    </a>
                    {editable ? <span class="muted"> {t("prizes.submissions.list.editable")}</span> : null}
                  </th>
                  <td>{submission.year}</td>
                  <td>{categoryName}</td>
                  <td>
                    <SubmissionStatus ctx={ctx} status={submission.status} />
                    {submission.status === "ineligible" && submission.status_reason ? (
                      <p class="muted" dir="auto">
                        {t("prizes.submissions.list.reason", { reason: submission.status_reason })}
                      </p>
                    ) : null}
                  </td>
                  <td>{ctx.formatDate(submission.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** A submission the submitter can no longer change (submitted after the deadline, or decided on). */
export function SubmissionViewPage({
  ctx,
  submission,
  categoryName,
  window,
  canWithdraw,
  refusal,
}: {
  ctx: PageContext;
  submission: SubmissionRecord;
  categoryName: string;
  window: SubmissionWindowText | null;
  canWithdraw: boolean;
  refusal: AppError | null;
}) {
  const { t } = ctx;
  const text = (value: string) => (value ? <span dir="auto">{value}</span> : <span class="muted">—</span>);
  return (
    <Layout ctx={ctx} title={submission.title}>
      <h1 dir="auto">{submission.title}</h1>
      <RefusalNotice ctx={ctx} refusal={refusal} />
      <p>
        {t("prizes.submissions.view.status")} <SubmissionStatus ctx={ctx} status={submission.status} />
      </p>
      {submission.status === "ineligible" && submission.status_reason ? (
        <Notice kind="error">
          <p dir="auto">{t("prizes.submissions.list.reason", { reason: submission.status_reason })}</p>
        </Notice>
      ) : null}
      {window && (submission.status === "draft" || submission.status === "submitted") ? (
        <p>{t("prizes.submissions.view.closed", { deadline: window.closes, zone: window.zone })}</p>
      ) : null}
      <dl class="fields">
        <dt>{t("prizes.submissions.list.edition")}</dt>
        <dd>{submission.year}</dd>
        <dt>{t("prizes.submissions.field.category")}</dt>
        <dd>{categoryName}</dd>
        <dt>{t("prizes.submissions.form.entry")}</dt>
        <dd>
          <a href={`/entries/${submission.entry_id}`}>
            {t("prizes.submissions.form.entryLink", { id: submission.entry_id })}
          </a>
        </dd>
        <dt>{t("prizes.submissions.field.shortDescription")}</dt>
        <dd>
          {text(submission.short_description)}
          <p class="muted">
            {t("prizes.submissions.wordCount", {
              count: ctx.formatNumber(countWords(submission.short_description)),
              min: 150,
              max: 200,
            })}
          </p>
        </dd>
        <dt>{t("prizes.submissions.field.actionLineSdgLinks")}</dt>
        <dd>{text(submission.action_line_sdg_links)}</dd>
        <dt>{t("prizes.submissions.field.gdcObjectives")}</dt>
        <dd>
          {submission.gdc_objectives.length ? (
            <ul>
              {submission.gdc_objectives.map((number) => (
                <li key={number}>{t(`prizes.submissions.gdc.${number}`)}</li>
              ))}
            </ul>
          ) : (
            text("")
          )}
        </dd>
        <dt>{t("prizes.submissions.field.impact")}</dt>
        <dd>{text(submission.impact)}</dd>
        <dt>{t("prizes.submissions.field.partnerships")}</dt>
        <dd>{text(submission.partnerships)}</dd>
        <dt>{t("prizes.submissions.field.challenges")}</dt>
        <dd>{text(submission.challenges)}</dd>
        <dt>{t("prizes.submissions.field.projectStage")}</dt>
        <dd>
          {submission.project_stage ? t(`prizes.submissions.stage.${submission.project_stage}`) : text("")}
        </dd>
        <dt>{t("prizes.submissions.view.submittedAt")}</dt>
        <dd>{submission.submitted_at ? ctx.formatDateTime(submission.submitted_at) : text("")}</dd>
      </dl>
      {canWithdraw ? <WithdrawForm ctx={ctx} submissionId={submission.id} /> : null}
      <p>
        <a href="/prizes/submissions">{t("prizes.submissions.list.back")}</a>
      </p>
    </Layout>
  );
}

/** The submit page when the edition takes no submissions now: when they open or when they closed. */
export function SubmissionClosedPage({
  ctx,
  year,
  refusal,
}: {
  ctx: PageContext;
  year: number;
  refusal: AppError;
}) {
  const title = ctx.t("prizes.submissions.form.title", { year });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Notice kind="info">
        <p>{ctx.t(`errors.${refusal.code}`, refusal.params)}</p>
      </Notice>
      <p>
        <a href="/prizes/submissions">{ctx.t("prizes.submissions.list.title")}</a>
      </p>
    </Layout>
  );
}
