import type { AppError } from "../../platform/errors.ts";
import {
  Choices,
  CsrfField,
  ErrorSummary,
  type FormErrors,
  Notice,
  type Option,
  TextArea,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { KEY_MESSAGES_MAX, type OutcomeForm } from "./outcomes.service.ts";

/** The organiser's outcome form and the secretariat's outcomes overview (compile, reopen, publish). */

type OutcomeStatus = "none" | "draft" | "submitted";

export function OutcomeFormPage({
  ctx,
  year,
  session,
  status,
  values,
  errors,
  lock,
  actionLines,
  sdgs,
}: {
  ctx: PageContext;
  year: number;
  session: { number: number; title: string };
  status: OutcomeStatus;
  values: OutcomeForm;
  errors: FormErrors;
  /** Why the form cannot be sent now (not ended, compiled), or null. */
  lock: AppError | null;
  actionLines: Option[];
  sdgs: Option[];
}) {
  const { t } = ctx;
  const title = t("forum.outcomes.form.title", { number: session.number });
  const fieldLabel = (name: string) =>
    name === "keyMessages" || name === "actionLines" || name === "sdgs"
      ? t(`forum.outcomes.field.${name}`)
      : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${year}`}>{t("forum.outcomes.backToEdition", { year })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{session.title}</p>
      <p>
        {t("forum.outcomes.form.status")} <span class="state">{t(`forum.outcomes.status.${status}`)}</span>
      </p>
      {lock ? (
        <Notice kind="info">
          <p>
            {t(`errors.${lock.code}`)} <code>{lock.code}</code>
          </p>
        </Notice>
      ) : (
        <>
          <p>{t("forum.outcomes.form.lead")}</p>
          <ErrorSummary ctx={ctx} errors={errors} fieldLabel={fieldLabel} />
          <form
            method="post"
            action={`/forum/${year}/sessions/${session.number}/outcomes`}
            class="stack"
            noValidate
          >
            <CsrfField ctx={ctx} />
            <TextArea
              ctx={ctx}
              name="keyMessages"
              label={t("forum.outcomes.field.keyMessages")}
              hint={t("forum.outcomes.form.keyMessagesHint", { max: KEY_MESSAGES_MAX })}
              value={values.keyMessages}
              errors={errors}
              maxLength={KEY_MESSAGES_MAX}
              required
              dir="auto"
            />
            <Choices
              ctx={ctx}
              name="actionLines"
              legend={t("forum.outcomes.field.actionLines")}
              options={actionLines}
              selected={values.actionLines}
              errors={errors}
            />
            <Choices
              ctx={ctx}
              name="sdgs"
              legend={t("forum.outcomes.field.sdgs")}
              options={sdgs}
              selected={values.sdgs}
              errors={errors}
            />
            <div class="actions">
              <button type="submit" name="action" value="submit" class="button">
                {t("forum.outcomes.form.submit")}
              </button>
              <button type="submit" name="action" value="save" class="button button--secondary">
                {t("forum.outcomes.form.saveDraft")}
              </button>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}

export function SecretariatOutcomesPage({
  ctx,
  year,
  sessions,
  compiled,
  published,
  problem,
}: {
  ctx: PageContext;
  year: number;
  sessions: Array<{ number: number; title: string; status: OutcomeStatus }>;
  compiled: boolean;
  published: boolean;
  problem: AppError | null;
}) {
  const { t } = ctx;
  const title = t("forum.outcomes.secretariat.title", { year });
  const counts = { none: 0, draft: 0, submitted: 0 };
  for (const session of sessions) counts[session.status] += 1;
  const step = (action: string, label: string, secondary = false) => (
    <form method="post" action={`/forum/${year}/secretariat/outcomes/${action}`}>
      <CsrfField ctx={ctx} />
      <button type="submit" class={secondary ? "button button--secondary" : "button"}>
        {label}
      </button>
    </form>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${year}`}>{t("forum.outcomes.backToEdition", { year })}</a>
      </p>
      <h1>{title}</h1>
      {problem ? (
        <Notice kind="error">
          <p>
            {t(`errors.${problem.code}`)} <code>{problem.code}</code>
          </p>
        </Notice>
      ) : null}
      <p>
        {t(
          published
            ? "forum.outcomes.secretariat.statePublished"
            : compiled
              ? "forum.outcomes.secretariat.stateCompiled"
              : "forum.outcomes.secretariat.stateOpen",
        )}
      </p>
      <ul class="stats">
        {(["submitted", "draft", "none"] as const).map((status) => (
          <li key={status}>
            <strong>{ctx.formatNumber(counts[status])}</strong> {t(`forum.outcomes.status.${status}`)}
          </li>
        ))}
      </ul>
      <ul class="inline-list">
        <li>
          <a href={`/forum/${year}/outcomes`}>{t("forum.outcomes.secretariat.preview")}</a>
        </li>
        <li>
          <a href={`/forum/${year}/sdg-matrix`}>{t("forum.editions.link.sdgMatrix")}</a>
        </li>
      </ul>
      {published ? null : (
        <div class="actions">
          {compiled ? (
            <>
              {step("publish", t("forum.outcomes.secretariat.publish"))}
              {step("reopen", t("forum.outcomes.secretariat.reopen"), true)}
            </>
          ) : (
            step("compile", t("forum.outcomes.secretariat.compile"))
          )}
        </div>
      )}
      {sessions.length === 0 ? (
        <p>{t("forum.outcomes.secretariat.none")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="muted">{t("forum.outcomes.secretariat.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("forum.outcomes.field.session")}</th>
                <th scope="col">{t("forum.outcomes.field.status")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((session) => (
                <tr key={session.number}>
                  <th scope="row">
                    <a href={`/forum/${year}/sessions/${session.number}`}>
                      {t("forum.outcomes.sessionLabel", { number: session.number, title: session.title })}
                    </a>
                  </th>
                  <td>{t(`forum.outcomes.status.${session.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
