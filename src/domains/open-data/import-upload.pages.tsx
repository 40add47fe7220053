import { CsrfField, fieldId, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import { IMPORT_COLUMNS, REQUIRED_COLUMNS } from "./import-columns.ts";
import { IMPORT_MAX_MEGABYTES } from "./import-file.ts";
import type { ImportJobListRow } from "./import-jobs.repo.ts";
import { StatusText } from "./import-report.pages.tsx";

/** `/imports`: what a file holds, the upload form, and the imports so far. */

/** A problem with the upload as a whole, shown on the form next to the field it concerns. */
export interface UploadProblem {
  field: "file" | "source";
  message: string;
}

export interface ImportsPageProps {
  ctx: PageContext;
  jobs: ImportJobListRow[];
  total: number;
  page: number;
  pageCount: number;
  showOwner: boolean;
  source: string;
  problem: UploadProblem | null;
}

function Columns({ ctx }: { ctx: PageContext }) {
  const optional = IMPORT_COLUMNS.filter((column) => !REQUIRED_COLUMNS.includes(column));
  const codes = (columns: readonly string[]) =>
    columns.map((column, index) => (
      <span key={column}>
        {index > 0 ? ", " : null}
        <code>{column}</code>
      </span>
    ));
  return (
    <details class="import-columns">
      <summary>{ctx.t("import.columns.title")}</summary>
      <p>{ctx.t("import.columns.intro")}</p>
      <p>
        {ctx.t("import.columns.required")} {codes(REQUIRED_COLUMNS)}
      </p>
      <p>
        {ctx.t("import.columns.optional")} {codes(optional)}
      </p>
      <ul>
        <li>{ctx.t("import.columns.lists")}</li>
        <li>{ctx.t("import.columns.externalId")}</li>
        <li>{ctx.t("import.columns.id")}</li>
        <li>{ctx.t("import.columns.owner")}</li>
        <li>{ctx.t("import.columns.formulas")}</li>
      </ul>
      <p>
        <a href="/imports/template.csv" download>
          {ctx.t("import.template")}
        </a>
      </p>
    </details>
  );
}

function UploadForm({
  ctx,
  source,
  problem,
}: {
  ctx: PageContext;
  source: string;
  problem: UploadProblem | null;
}) {
  const { t } = ctx;
  const fileError = problem?.field === "file" ? problem.message : null;
  return (
    <form method="post" action="/imports" enctype="multipart/form-data" class="stack" novalidate>
      {problem ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
          <h2 id="error-summary-title">{t("import.upload.refused")}</h2>
          <ul>
            <li>
              <a href={`#${fieldId(problem.field)}`}>{problem.message}</a>
            </li>
          </ul>
        </div>
      ) : null}
      <CsrfField ctx={ctx} />
      <div class="field">
        <label for={fieldId("file")}>{t("import.upload.file")}</label>
        <span class="hint" id="file-hint">
          {t("import.upload.fileHint", { max: IMPORT_MAX_MEGABYTES })}
        </span>
        {fileError ? (
          <span class="field-error" id="file-error">
            {fileError}
          </span>
        ) : null}
        <input
          type="file"
          id={fieldId("file")}
          name="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={fileError ? "true" : undefined}
          aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
        />
      </div>
      <TextInput
        ctx={ctx}
        name="source"
        label={t("import.upload.source")}
        hint={t("import.upload.sourceHint")}
        value={source}
        maxLength={100}
        errors={problem?.field === "source" ? { source: { field: "source", code: "invalid_value" } } : {}}
      />
      <p class="muted">{t("import.upload.dryRunNote")}</p>
      <div class="actions">
        <button type="submit" class="button">
          {t("import.upload.submit")}
        </button>
      </div>
    </form>
  );
}

/** The upload form and the imports so far. */
export function ImportsPage({
  ctx,
  jobs,
  total,
  page,
  pageCount,
  showOwner,
  source,
  problem,
}: ImportsPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("import.title")}>
      <h1>{t("import.title")}</h1>
      <p class="lead">{t("import.lead")}</p>
      <p>{t("import.publishedNote")}</p>
      <Columns ctx={ctx} />
      <h2>{t("import.upload.title")}</h2>
      <UploadForm ctx={ctx} source={source} problem={problem} />
      <h2>{t("import.list.title")}</h2>
      {jobs.length === 0 ? (
        <p>{t("import.list.empty")}</p>
      ) : (
        <>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{t("import.list.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("import.list.job")}</th>
                  <th scope="col">{t("import.list.file")}</th>
                  <th scope="col">{t("import.field.source")}</th>
                  {showOwner ? <th scope="col">{t("import.list.by")}</th> : null}
                  <th scope="col">{t("import.list.uploaded")}</th>
                  <th scope="col">{t("import.list.rows")}</th>
                  <th scope="col">{t("import.list.status")}</th>
                </tr>
              </thead>
              <tbody>
                {jobs.map((job) => (
                  <tr key={job.id}>
                    <td>
                      <a href={`/imports/${job.id}`}>{t("import.job", { id: job.id })}</a>
                    </td>
                    <td>
                      <bdi>{job.filename || "—"}</bdi>
                    </td>
                    <td>
                      <bdi>{job.source}</bdi>
                    </td>
                    {showOwner ? (
                      <td>
                        <bdi>{job.user_name}</bdi>
                      </td>
                    ) : null}
                    <td>{ctx.formatDateTime(job.created_at)}</td>
                    <td>{ctx.formatNumber(job.rows_total)}</td>
                    <td>
                      <StatusText ctx={ctx} job={job} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="muted">{t("import.list.count", { count: total })}</p>
          <Pagination ctx={ctx} page={page} pageCount={pageCount} hrefFor={(p) => `/imports?page=${p}`} />
        </>
      )}
    </Layout>
  );
}
