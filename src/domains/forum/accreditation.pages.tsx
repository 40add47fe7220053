import { CsrfField, ErrorSummary, type FormErrors, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";

/** An expression of interest as the deciding page lists it. */
export interface AccreditationItem {
  id: string;
  name: string;
  email: string;
  organisation: string | null;
  interest: string;
  status: "pending" | "confirmed" | "declined" | "cancelled";
  reason: string;
  /** When it was sent, in the venue's zone. */
  sentAt: string;
}

export interface FocalPointItem {
  userId: string;
  organisationId: string;
  name: string;
  email: string;
  organisation: string;
}

function DecisionForms({
  ctx,
  action,
  item,
  errors,
}: {
  ctx: PageContext;
  action: string;
  item: AccreditationItem;
  errors: FormErrors;
}) {
  const { t } = ctx;
  const reasonError = errors[`reason-${item.id}`];
  return (
    <div class="stack">
      <form method="post" action={`${action}/${item.id}/decision`}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="decision" value="approve" />
        <button type="submit" class="button">
          {t("forum.registration.accreditation.approve")}
          <span class="visually-hidden"> {item.name}</span>
        </button>
      </form>
      <form method="post" action={`${action}/${item.id}/decision`} class="stack">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="decision" value="decline" />
        <div class="field">
          <label for={`field-reason-${item.id}`}>
            {t("forum.registration.accreditation.reason", { name: item.name })}
          </label>
          {reasonError ? (
            <span class="field-error" id={`reason-${item.id}-error`}>
              {t(`fields.${reasonError.code}`, reasonError.params)}
            </span>
          ) : null}
          <input
            id={`field-reason-${item.id}`}
            name="reason"
            maxLength={1000}
            aria-invalid={reasonError ? "true" : undefined}
            aria-describedby={reasonError ? `reason-${item.id}-error` : undefined}
          />
        </div>
        <button type="submit" class="button button--danger">
          {t("forum.registration.accreditation.decline")}
          <span class="visually-hidden"> {item.name}</span>
        </button>
      </form>
    </div>
  );
}

/** `/forum/:year/secretariat/registrations`: expressions of interest to decide, and focal points. */
export function AccreditationPage({
  ctx,
  year,
  secretariat,
  items,
  focalPoints,
  counts,
  email,
  errors,
}: {
  ctx: PageContext;
  year: number;
  secretariat: boolean;
  items: AccreditationItem[];
  focalPoints: FocalPointItem[];
  counts: Array<{ attendance: string; status: string; count: number }>;
  email: string;
  errors: FormErrors;
}) {
  const { t } = ctx;
  const base = `/forum/${year}/secretariat/registrations`;
  const title = t("forum.registration.accreditation.title", { year });
  const pending = items.filter((item) => item.status === "pending");
  const decided = items.filter((item) => item.status !== "pending");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="lead">
        {secretariat
          ? t("forum.registration.accreditation.leadSecretariat")
          : t("forum.registration.accreditation.leadFocal")}
      </p>
      {secretariat && counts.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption>{t("forum.registration.accreditation.countsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("forum.registration.attendanceLabel")}</th>
                <th scope="col">{t("forum.registration.statusLabel")}</th>
                <th scope="col">{t("forum.registration.accreditation.count")}</th>
              </tr>
            </thead>
            <tbody>
              {counts.map((row) => (
                <tr key={`${row.attendance}-${row.status}`}>
                  <td>{t(`forum.registration.attendance.${row.attendance}`)}</td>
                  <td>{t(`forum.registration.status.${row.status}`)}</td>
                  <td>{ctx.formatNumber(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>{t("forum.registration.accreditation.pendingTitle", { count: pending.length })}</h2>
      {pending.length === 0 ? <p>{t("forum.registration.accreditation.nonePending")}</p> : null}
      {pending.map((item) => (
        <section key={item.id} class="stack" aria-labelledby={`request-${item.id}`}>
          <h3 id={`request-${item.id}`}>
            <bdi>{item.name}</bdi> <span class="muted">&lt;{item.email}&gt;</span>
          </h3>
          <dl class="fields">
            <dt>{t("forum.registration.accreditation.organisation")}</dt>
            <dd>
              <bdi>{item.organisation ?? t("forum.registration.accreditation.noOrganisation")}</bdi>
            </dd>
            <dt>{t("forum.registration.accreditation.sentAt")}</dt>
            <dd>{item.sentAt}</dd>
            <dt>{t("forum.registration.interestLabel")}</dt>
            <dd class="prewrap">{item.interest}</dd>
          </dl>
          <DecisionForms ctx={ctx} action={base} item={item} errors={errors} />
        </section>
      ))}
      {decided.length > 0 ? (
        <>
          <h2>{t("forum.registration.accreditation.decidedTitle")}</h2>
          <ul>
            {decided.map((item) => (
              <li key={item.id}>
                <bdi>{item.name}</bdi> ({item.organisation ? <bdi>{item.organisation}</bdi> : "—"}):{" "}
                {t(`forum.registration.status.${item.status}`)}
                {item.reason ? ` — ${item.reason}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {secretariat ? (
        <>
          <h2>{t("forum.registration.focal.title")}</h2>
          <p>{t("forum.registration.focal.lead")}</p>
          {focalPoints.length === 0 ? (
            <p>{t("forum.registration.focal.none")}</p>
          ) : (
            <ul>
              {focalPoints.map((point) => (
                <li key={`${point.organisationId}-${point.userId}`}>
                  <bdi>{point.name}</bdi> &lt;{point.email}&gt;, <bdi>{point.organisation}</bdi>{" "}
                  <form method="post" action={`${base}/focal-points/remove`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <input type="hidden" name="userId" value={point.userId} />
                    <input type="hidden" name="organisationId" value={point.organisationId} />
                    <button type="submit" class="button button--secondary">
                      {t("forum.registration.focal.remove")}
                      <span class="visually-hidden"> {point.name}</span>
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action={`${base}/focal-points`} class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <TextInput
              ctx={ctx}
              name="email"
              type="email"
              label={t("forum.registration.focal.email")}
              hint={t("forum.registration.focal.emailHint")}
              value={email}
              errors={errors}
              autocomplete="off"
            />
            <div class="actions">
              <button type="submit" class="button">
                {t("forum.registration.focal.name")}
              </button>
            </div>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
