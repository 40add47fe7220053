import type { ForumAccreditation, ForumAttendance, ForumRegistrationStatus } from "../../db/schema.ts";
import { Choices, CsrfField, ErrorSummary, type FormErrors, Notice, TextArea } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { WindowState } from "./registration-rules.ts";

/** The registration window and deadlines, already written in the venue's zone. */
export interface RegistrationDates {
  opens: string | null;
  closes: string | null;
  interestCloses: string | null;
  zone: string;
}

/** A registration as the pages show it. */
export interface ShownRegistration {
  year: number;
  attendance: ForumAttendance;
  status: ForumRegistrationStatus;
  accreditation: ForumAccreditation;
  reason: string;
  organisation: string | null;
  places: Array<{ number: number; title: string; status: "confirmed" | "waitlisted" }>;
}

/** The status line of a registration ("Confirmed: onsite, accredited automatically"). */
export function RegistrationStatus({
  ctx,
  registration,
}: {
  ctx: PageContext;
  registration: ShownRegistration;
}) {
  const { t } = ctx;
  return (
    <dl class="fields">
      <dt>{t("forum.registration.attendanceLabel")}</dt>
      <dd>{t(`forum.registration.attendance.${registration.attendance}`)}</dd>
      <dt>{t("forum.registration.statusLabel")}</dt>
      <dd>
        <strong class="state">{t(`forum.registration.status.${registration.status}`)}</strong>
      </dd>
      {registration.attendance === "onsite" ? (
        <>
          <dt>{t("forum.registration.accreditationLabel")}</dt>
          <dd>{t(`forum.registration.accreditationState.${registration.accreditation}`)}</dd>
        </>
      ) : null}
      {registration.reason ? (
        <>
          <dt>{t("forum.registration.reasonLabel")}</dt>
          <dd>{registration.reason}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** `/forum/:year/register`: onsite or remote, with an expression of interest when onsite needs one. */
export function RegisterPage({
  ctx,
  year,
  state,
  interestOpen,
  dates,
  automatic,
  organisation,
  registration,
  form,
  errors,
  problem,
}: {
  ctx: PageContext;
  year: number;
  state: WindowState;
  interestOpen: boolean;
  dates: RegistrationDates;
  automatic: boolean;
  organisation: string | null;
  registration: ShownRegistration | null;
  form: { attendance: string; interest: string };
  errors: FormErrors;
  /** A refusal that is not about one field (the deadline passed), already translated. */
  problem: string | null;
}) {
  const { t } = ctx;
  const title = t("forum.registration.registerTitle", { year });
  const active = registration && (registration.status === "pending" || registration.status === "confirmed");
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${year}`}>{t("forum.registration.backToEdition", { year })}</a>
      </p>
      <h1>{title}</h1>
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <p class="lead">{t("forum.registration.lead")}</p>
      {dates.closes ? (
        <p>
          {t("forum.registration.window", {
            opens: dates.opens ?? "",
            closes: dates.closes,
            zone: dates.zone,
          })}
        </p>
      ) : null}
      {active ? (
        <>
          <h2>{t("forum.registration.yoursTitle")}</h2>
          <RegistrationStatus ctx={ctx} registration={registration} />
          <p>
            <a href="/forum/my-registration">{t("forum.registration.myLink")}</a>
          </p>
        </>
      ) : state === "not_yet" || state === "unset" ? (
        <Notice>
          {state === "unset"
            ? t("forum.registration.notSet")
            : t("forum.registration.notYetOpen", { opens: dates.opens ?? "", zone: dates.zone })}
        </Notice>
      ) : state === "closed" ? (
        <Notice>{t("forum.registration.closed", { deadline: dates.closes ?? "", zone: dates.zone })}</Notice>
      ) : (
        <form method="post" action={`/forum/${year}/register`} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <ErrorSummary
            ctx={ctx}
            errors={errors}
            fieldLabel={(name) =>
              name === "attendance"
                ? t("forum.registration.attendanceLabel")
                : name === "interest"
                  ? t("forum.registration.interestLabel")
                  : undefined
            }
          />
          <Choices
            ctx={ctx}
            type="radio"
            name="attendance"
            legend={t("forum.registration.attendanceLabel")}
            options={[
              { value: "onsite", label: t("forum.registration.attendance.onsite") },
              { value: "remote", label: t("forum.registration.attendance.remote") },
            ]}
            selected={[form.attendance]}
            errors={errors}
            hint={t("forum.registration.attendanceHint")}
          />
          {automatic ? (
            <Notice>{t("forum.registration.automatic", { organisation: organisation ?? "" })}</Notice>
          ) : (
            <>
              <p>
                {interestOpen
                  ? t("forum.registration.interestDeadline", {
                      deadline: dates.interestCloses ?? "",
                      zone: dates.zone,
                    })
                  : t("forum.registration.interestClosed", {
                      deadline: dates.interestCloses ?? "",
                      zone: dates.zone,
                    })}
              </p>
              <TextArea
                ctx={ctx}
                name="interest"
                label={t("forum.registration.interestLabel")}
                hint={t("forum.registration.interestHint")}
                value={form.interest}
                errors={errors}
                maxLength={2000}
              />
            </>
          )}
          <div class="actions">
            <button type="submit" class="button">
              {t("forum.registration.submit")}
            </button>
          </div>
        </form>
      )}
    </Layout>
  );
}

/** `/forum/my-registration`: the account's registrations, badges and session places. */
export function MyRegistrationPage({
  ctx,
  registrations,
}: {
  ctx: PageContext;
  registrations: ShownRegistration[];
}) {
  const { t } = ctx;
  const title = t("forum.registration.myTitle");
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {registrations.length === 0 ? <p>{t("forum.registration.none")}</p> : null}
      {registrations.map((registration) => {
        const active = registration.status === "pending" || registration.status === "confirmed";
        return (
          <section key={registration.year} class="stack" aria-labelledby={`forum-${registration.year}`}>
            <h2 id={`forum-${registration.year}`}>
              {t("forum.registration.editionTitle", { year: registration.year })}
            </h2>
            <RegistrationStatus ctx={ctx} registration={registration} />
            {registration.status === "confirmed" && registration.attendance === "onsite" ? (
              <p>
                <a href={`/forum/${registration.year}/badge.pdf`}>{t("forum.registration.badgeLink")}</a>
              </p>
            ) : null}
            {registration.places.length > 0 ? (
              <>
                <h3>{t("forum.registration.placesTitle")}</h3>
                <ul>
                  {registration.places.map((place) => (
                    <li key={place.number}>
                      <a href={`/forum/${registration.year}/sessions/${place.number}/places`}>
                        <bdi>{place.title}</bdi>
                      </a>{" "}
                      ({t(`forum.registration.place.${place.status}`)})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {active ? (
              <form method="post" action={`/forum/${registration.year}/registration/cancel`}>
                <CsrfField ctx={ctx} />
                <button type="submit" class="button button--secondary">
                  {t("forum.registration.cancel", { year: registration.year })}
                </button>
              </form>
            ) : (
              <p>
                <a href={`/forum/${registration.year}/register`}>{t("forum.registration.registerAgain")}</a>
              </p>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
