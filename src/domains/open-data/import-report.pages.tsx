import type { ImportOutcome } from "../../db/schema.ts";
import { ASSETS } from "../../ui/assets.ts";
import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import { importJobError } from "./import.presenter.ts";
import type { ImportJob } from "./import-jobs.repo.ts";
import type { ImportRowRecord } from "./import-rows.repo.ts";

/** `/imports/:id`: one job's report, its progress while it runs, and the commit. */

/** A job's state as a label the stylesheet colours. */
export function StatusText({ ctx, job }: { ctx: PageContext; job: ImportJob }) {
  return <span class={`state state--${job.status}`}>{ctx.t(`import.status.${job.status}`)}</span>;
}

export interface ImportPageProps {
  ctx: PageContext;
  job: ImportJob;
  rows: ImportRowRecord[];
  rowsTotal: number;
  outcome: ImportOutcome | null;
  page: number;
  pageCount: number;
  idempotencyKey: string;
}

const OUTCOME_FILTERS: Array<ImportOutcome | null> = [null, "error", "create", "update", "unchanged"];

const MARK = "\u0001";

/** "N of M …" with N in its own element, which the page's script keeps current. */
function ProgressCount({
  ctx,
  message,
  done,
  total,
}: {
  ctx: PageContext;
  message: string;
  done: number;
  total: number;
}) {
  const text = ctx.t(message, { done: MARK, total: ctx.formatNumber(total) });
  const [before = "", after = ""] = text.split(MARK);
  return (
    <>
      {before}
      <span id="progress-done">{ctx.formatNumber(done)}</span>
      {after}
    </>
  );
}

/** Whether the job is still being worked on: its page shows progress and keeps itself current. */
export const isBusy = (job: ImportJob) =>
  job.status === "validating" ||
  job.status === "committing" ||
  (job.status === "committed" && job.followups_pending);

/** The state the page's script compares with the API's, to reload when it changes. */
const shownState = (job: ImportJob) => `${job.status}:${job.followups_pending}`;

function Progress({ ctx, job }: { ctx: PageContext; job: ImportJob }) {
  const { t } = ctx;
  if (!isBusy(job)) return null;
  const counted =
    job.status === "validating"
      ? {
          title: "import.progress.validating",
          message: "import.progress.rows",
          done: job.rows_done,
          total: job.rows_total,
        }
      : job.status === "committed"
        ? {
            title: "import.progress.followUps",
            message: "import.progress.followUpRows",
            done: job.followups_done,
            total: job.creates + job.updates,
          }
        : null;
  const percent = counted && counted.total > 0 ? Math.floor((counted.done / counted.total) * 100) : 100;
  return (
    <section
      class="import-progress"
      aria-labelledby="progress-title"
      data-import-job={job.id}
      data-import-state={shownState(job)}
    >
      <h2 id="progress-title">{t(counted?.title ?? "import.progress.committing")}</h2>
      {counted ? (
        <>
          <progress
            id="import-progress"
            max={counted.total}
            value={counted.done}
            aria-describedby="progress-text"
          >
            {t("import.progress.percent", { percent })}
          </progress>
          <p id="progress-text">
            <ProgressCount ctx={ctx} message={counted.message} done={counted.done} total={counted.total} />
          </p>
        </>
      ) : null}
      <p>{t("import.progress.leave")}</p>
      <p>
        <a href={`/imports/${job.id}`} class="button button--secondary">
          {t("import.progress.refresh")}
        </a>
      </p>
    </section>
  );
}

function Summary({ ctx, job }: { ctx: PageContext; job: ImportJob }) {
  const { t } = ctx;
  const decided = job.status !== "validating" && job.status !== "failed";
  return (
    <dl class="fields">
      <dt>{t("import.list.status")}</dt>
      <dd>
        <StatusText ctx={ctx} job={job} />
      </dd>
      <dt>{t("import.list.file")}</dt>
      <dd>
        <bdi>{job.filename || "—"}</bdi> ({job.format.toUpperCase()},{" "}
        {t("import.field.size", { kb: Math.max(1, Math.round(Number(job.byte_size) / 1024)) })})
      </dd>
      <dt>{t("import.field.sha256")}</dt>
      <dd>
        <code class="break">{job.sha256}</code>
      </dd>
      <dt>{t("import.field.source")}</dt>
      <dd>
        <bdi>{job.source}</bdi>
      </dd>
      <dt>{t("import.list.uploaded")}</dt>
      <dd>{ctx.formatDateTime(job.created_at)}</dd>
      <dt>{t("import.list.rows")}</dt>
      <dd>{ctx.formatNumber(job.rows_total)}</dd>
      {decided ? (
        <>
          <dt>{t("import.field.counts")}</dt>
          <dd>
            {t("import.counts", {
              create: job.creates,
              update: job.updates,
              unchanged: job.unchanged,
              error: job.error_rows,
            })}
          </dd>
        </>
      ) : null}
      {job.committed_at ? (
        <>
          <dt>{t("import.field.committed")}</dt>
          <dd>{ctx.formatDateTime(job.committed_at)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function Verdict({ ctx, job, idempotencyKey }: { ctx: PageContext; job: ImportJob; idempotencyKey: string }) {
  const { t } = ctx;
  const error = importJobError(job);
  return (
    <>
      {error ? <Notice kind="error">{t(`errors.${error.code}`, error.params)}</Notice> : null}
      {job.status === "invalid" ? (
        <Notice kind="error">{t("import.invalid", { count: job.error_rows })}</Notice>
      ) : null}
      {job.status === "committed" ? (
        <Notice kind="ok">
          {t("import.committed", { create: job.creates, update: job.updates, unchanged: job.unchanged })}
        </Notice>
      ) : null}
      {job.status === "ready" ? (
        <form method="post" action={`/imports/${job.id}/commit`} class="stack import-commit">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <p>{t("import.commit.intro", { create: job.creates, update: job.updates })}</p>
          <div class="actions">
            <button type="submit" class="button">
              {t("import.commit.submit")}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

function OutcomeText({ ctx, row }: { ctx: PageContext; row: ImportRowRecord }) {
  const { t } = ctx;
  if (row.outcome === "create")
    return (
      <>
        {row.entry_id ? (
          <a href={`/entries/${row.entry_id}`}>{t("import.outcome.created", { id: row.entry_id })}</a>
        ) : (
          t("import.outcome.create")
        )}
      </>
    );
  if (row.outcome === "update" || row.outcome === "unchanged")
    return (
      <a href={`/entries/${row.entry_id}`}>
        {t(`import.outcome.${row.outcome}`, { id: row.entry_id ?? "" })}
      </a>
    );
  return <>{t("import.outcome.error")}</>;
}

function RowsTable({ ctx, rows }: { ctx: PageContext; rows: ImportRowRecord[] }) {
  const { t } = ctx;
  return (
    <div class="table-scroll">
      <table class="import-rows">
        <caption class="visually-hidden">{t("import.rows.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.rows.row")}</th>
            <th scope="col">{t("import.rows.outcome")}</th>
            <th scope="col">{t("import.rows.titleColumn")}</th>
            <th scope="col">{t("import.rows.errors")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.row_number}
              id={`row-${row.row_number}`}
              class={row.outcome === "error" ? "import-row--error" : undefined}
            >
              <th scope="row">{ctx.formatNumber(row.row_number)}</th>
              <td>
                <OutcomeText ctx={ctx} row={row} />
              </td>
              <td>
                <bdi>{row.title || "—"}</bdi>
                {row.external_id ? (
                  <span class="muted"> ({t("import.rows.externalId", { id: row.external_id })})</span>
                ) : null}
              </td>
              <td>
                {row.errors && row.errors.length > 0 ? (
                  <ul class="import-errors">
                    {row.errors.map((error, index) => (
                      <li key={`${error.column}-${index}`}>
                        <code>{error.column}</code>: {t(`fields.${error.code}`, error.params)}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One import: its state, progress, per-row results with errors next to their rows, and the commit. */
export function ImportPage({
  ctx,
  job,
  rows,
  rowsTotal,
  outcome,
  page,
  pageCount,
  idempotencyKey,
}: ImportPageProps) {
  const { t } = ctx;
  const title = t("import.jobTitle", { id: job.id });
  const href = (filter: ImportOutcome | null, p = 1) => {
    const params = new URLSearchParams();
    if (filter) params.set("outcome", filter);
    if (p > 1) params.set("page", String(p));
    const query = params.toString();
    return `/imports/${job.id}${query ? `?${query}` : ""}`;
  };
  const countOf = (filter: ImportOutcome | null) =>
    filter === null
      ? job.rows_done
      : { create: job.creates, update: job.updates, unchanged: job.unchanged, error: job.error_rows }[filter];
  return (
    <Layout ctx={ctx} title={title} scripts={isBusy(job) ? [ASSETS.importJs.url] : []}>
      <p>
        <a href="/imports">{t("import.back")}</a>
      </p>
      <h1>{title}</h1>
      <Summary ctx={ctx} job={job} />
      <Progress ctx={ctx} job={job} />
      <Verdict ctx={ctx} job={job} idempotencyKey={idempotencyKey} />
      {job.status === "validating" ? null : (
        <section aria-labelledby="rows-title">
          <h2 id="rows-title">{t("import.rows.title")}</h2>
          <nav aria-label={t("import.rows.filter")}>
            <ul class="inline-list">
              {OUTCOME_FILTERS.map((filter) => (
                <li key={filter ?? "all"}>
                  <a href={href(filter)} aria-current={filter === outcome ? "page" : undefined}>
                    {t(`import.filter.${filter ?? "all"}`, { count: countOf(filter) })}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {rows.length === 0 ? (
            <p>{t("import.rows.none")}</p>
          ) : (
            <>
              <RowsTable ctx={ctx} rows={rows} />
              <p class="muted">{t("import.rows.count", { count: rowsTotal })}</p>
              <Pagination ctx={ctx} page={page} pageCount={pageCount} hrefFor={(p) => href(outcome, p)} />
            </>
          )}
        </section>
      )}
    </Layout>
  );
}
