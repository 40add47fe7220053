import type { AppError } from "../../platform/errors.ts";
import { CsrfField, ErrorSummary, type FormErrors, TextArea } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { OcpOptions } from "./ocp-options.ts";
import { LinkedGoalsFields, RefusalNotice } from "./request-form.pages.tsx";
import { REQUEST_KINDS, REQUEST_LIMITS } from "./requests-input.ts";

/** The official submission's values as typed. */
export interface OcpFormValues {
  themes: string;
  format: string;
  actionLines: string[];
  sdgs: string[];
}

/**
 * The edition's Open Consultation page for a stakeholder: their official submission (one, changed
 * in place until the deadline) and links to the binding requests. After the deadline the form is
 * replaced by the notice naming it.
 */
export function OcpPage({
  ctx,
  year,
  open,
  deadline,
  values,
  errors,
  options,
  saved,
  profile,
  refusal,
}: {
  ctx: PageContext;
  year: number;
  open: boolean;
  deadline: string | null;
  values: OcpFormValues;
  errors: FormErrors;
  options: OcpOptions;
  saved: boolean;
  profile: { stakeholderType: string; region: string };
  refusal?: AppError | null;
}) {
  const { t } = ctx;
  const title = t("forum.ocp.title", { year });
  const labels: Record<string, string> = {
    themes: t("forum.ocp.field.themes"),
    format: t("forum.ocp.field.format"),
    actionLines: t("forum.ocp.field.actionLines"),
    sdgs: t("forum.ocp.field.sdgs"),
  };
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("forum.ocp.intro")}</p>
      {deadline ? <p>{t(open ? "forum.ocp.openUntil" : "forum.ocp.closedOn", { deadline })}</p> : null}
      <RefusalNotice ctx={ctx} refusal={refusal} />
      <h2>{t("forum.ocp.requests.heading")}</h2>
      <ul>
        {open
          ? REQUEST_KINDS.map((kind) => (
              <li key={kind}>
                <a href={`/forum/${year}/requests/new?kind=${kind}`}>{t(`forum.ocp.requests.new.${kind}`)}</a>
              </li>
            ))
          : null}
        <li>
          <a href="/forum/my-requests">{t("forum.ocp.my.title")}</a>
        </li>
      </ul>
      <h2>{t("forum.ocp.submission.heading")}</h2>
      <p>
        {t("forum.ocp.submission.profile", {
          type: profile.stakeholderType || "—",
          region: profile.region || "—",
        })}
      </p>
      {saved ? <p>{t("forum.ocp.submission.saved")}</p> : null}
      {open ? (
        <form method="post" action={`/forum/${year}/ocp`} class="stack" novalidate>
          <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => labels[name]} />
          <CsrfField ctx={ctx} />
          <TextArea
            ctx={ctx}
            name="themes"
            label={labels.themes as string}
            value={values.themes}
            errors={errors}
            required
            maxLength={REQUEST_LIMITS.views}
          />
          <TextArea
            ctx={ctx}
            name="format"
            label={labels.format as string}
            value={values.format}
            errors={errors}
            maxLength={REQUEST_LIMITS.views}
          />
          <LinkedGoalsFields ctx={ctx} options={options} values={values} errors={errors} />
          <div class="actions">
            <button type="submit" class="button">
              {t(saved ? "forum.ocp.submission.update" : "forum.ocp.submission.send")}
            </button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}
