import type { PrizePhase } from "../../db/schema.ts";
import type { AppError } from "../../platform/errors.ts";
import {
  Choice,
  CsrfField,
  ErrorSummary,
  type FormErrors,
  fieldId,
  Notice,
  TextArea,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { LocalDateTimeInput, phaseName, ZonedAndUtc, ZonedTime } from "./edition-components.tsx";
import { PastFiguresSection } from "./edition-figures.pages.tsx";
import type { PhaseHistoryItem } from "./edition-phase-clock.ts";
import { PhaseHistory } from "./edition-phase-history.tsx";
import { EditionNow, EditionsTable, PhaseTimeline } from "./edition-tables.tsx";
import type { EditionDetail, EditionSummary } from "./editions.presenter.ts";
import type { ExtensionForm } from "./editions.service.ts";

/** Admin pages of the prizes: the editions, one edition's set-up, and a phase extension. */

export function AdminEditionsPage({ ctx, editions }: { ctx: PageContext; editions: EditionSummary[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("prizes.editions.admin.title")}>
      <h1>{t("prizes.editions.admin.title")}</h1>
      <p>
        <a class="button" href="/admin/prizes/new">
          {t("prizes.editions.admin.new")}
        </a>
      </p>
      <EditionsTable ctx={ctx} editions={editions} base="/admin/prizes" />
    </Layout>
  );
}

export function AdminEditionPage({
  ctx,
  edition,
  history,
}: {
  ctx: PageContext;
  edition: EditionDetail;
  /** The phase history from the audit log (empty for a past edition). */
  history: PhaseHistoryItem[];
}) {
  const { t } = ctx;
  const title = t("prizes.editions.admin.editionTitle", { year: edition.year });
  const base = `/admin/prizes/${edition.year}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/admin/prizes">{t("prizes.editions.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      {edition.theme ? <p class="lead">{edition.theme}</p> : null}
      <ul class="inline-list">
        <li>
          <a href={`${base}/edit`}>{t("prizes.editions.admin.edit")}</a>
        </li>
        <li>
          <a href={`/prizes/${edition.year}`}>{t("prizes.editions.admin.public")}</a>
        </li>
      </ul>
      {edition.pastFigures ? (
        <>
          <p>{t("prizes.editions.admin.pastNote")}</p>
          <p>
            <a class="button button--secondary" href={`${base}/figures`}>
              {t("prizes.editions.figuresEdit.link")}
            </a>
          </p>
          <PastFiguresSection ctx={ctx} figures={edition.pastFigures} names={edition.shareNames} />
        </>
      ) : (
        <section aria-labelledby="phases">
          <h2 id="phases">{t("prizes.editions.timeline.title")}</h2>
          <p>
            <EditionNow ctx={ctx} edition={edition} />
          </p>
          <PhaseTimeline
            ctx={ctx}
            edition={edition}
            Time={ZonedAndUtc}
            lastHeading={t("prizes.editions.admin.actions")}
            lastCell={(phase) =>
              phase.state === "past" ? null : (
                <a href={`${base}/phases/${phase.phase}/extend`}>
                  {t("prizes.editions.extend.link", { phase: phaseName(ctx, phase.phase) })}
                </a>
              )
            }
          />
        </section>
      )}
      {edition.pastFigures ? null : <PhaseHistory ctx={ctx} history={history} zone={edition.timeZone} />}
      <section aria-labelledby="special">
        <h2 id="special">{t("prizes.editions.special.title")}</h2>
        {edition.specialPrizes.length === 0 ? <p>{t("prizes.editions.special.none")}</p> : null}
        <ul>
          {edition.specialPrizes.map((prize) => (
            <li key={prize.id}>
              <a href={`${base}/special-prizes/${prize.id}`}>{prize.name}</a> (<code>{prize.code}</code>) ·{" "}
              <ZonedTime ctx={ctx} at={prize.startsAt} zone={edition.timeZone} /> –{" "}
              <ZonedTime ctx={ctx} at={prize.endsAt} zone={edition.timeZone} /> ·{" "}
              {t("prizes.editions.special.juryCount", { count: prize.jurors.length })}
            </li>
          ))}
        </ul>
        <p>
          <a class="button button--secondary" href={`${base}/special-prizes/new`}>
            {t("prizes.editions.special.add")}
          </a>
        </p>
      </section>
    </Layout>
  );
}

export function ExtendPhasePage({
  ctx,
  edition,
  phase,
  values,
  errors,
  problem,
}: {
  ctx: PageContext;
  edition: EditionSummary;
  phase: PrizePhase;
  values: ExtensionForm;
  errors: FormErrors;
  problem: AppError | null;
}) {
  const { t } = ctx;
  const title = t("prizes.editions.extend.title", { phase: phaseName(ctx, phase), year: edition.year });
  const window = edition.phases.find((item) => item.phase === phase);
  const action = `/admin/prizes/${edition.year}/phases/${phase}/extend`;
  const labels: Record<string, string> = {
    newEnd: t("prizes.editions.extend.newEnd"),
    reason: t("prizes.editions.extend.reason"),
  };
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/admin/prizes/${edition.year}`}>{t("prizes.editions.admin.backToEdition")}</a>
      </p>
      <h1>{title}</h1>
      {problem ? <Notice kind="error">{t(`errors.${problem.code}`)}</Notice> : null}
      {window ? (
        <p>
          {t("prizes.editions.extend.current")}{" "}
          <ZonedAndUtc ctx={ctx} at={window.startsAt} zone={edition.timeZone} /> –{" "}
          <ZonedAndUtc ctx={ctx} at={window.endsAt} zone={edition.timeZone} />
        </p>
      ) : null}
      <p>{t("prizes.editions.extend.intro")}</p>
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => labels[name]} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <LocalDateTimeInput
          ctx={ctx}
          name="newEnd"
          label={labels.newEnd as string}
          value={values.newEnd}
          errors={errors}
          zone={edition.timeZone}
        />
        <TextArea
          ctx={ctx}
          name="reason"
          label={labels.reason as string}
          hint={t("prizes.editions.extend.reasonHint")}
          value={values.reason}
          errors={errors}
          required
          maxLength={1000}
        />
        <Choice
          id={fieldId("shiftLater")}
          name="shiftLater"
          value="1"
          label={t("prizes.editions.extend.shiftLater")}
          checked={values.shiftLater}
        />
        <div class="actions">
          <button type="submit" class="button">
            {t("prizes.editions.extend.submit")}
          </button>
        </div>
      </form>
    </Layout>
  );
}
