import type { ComponentChildren } from "preact";
import {
  CsrfField,
  ErrorSummary,
  type FormErrors,
  Notice,
  TextArea,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { FlagRow, FlagVoteRow } from "./vote-screening.repo.ts";
import type { SecretariatView } from "./vote-screening.service.ts";
import { categoryLabel, editionDateTime } from "./vote-view.ts";

const BASE = (year: number) => `/prizes/${year}/secretariat/votes`;

function FlagSummary({ ctx, flag }: { ctx: PageContext; flag: FlagRow }) {
  return (
    <>
      {ctx.t(`prizes.voting.flag.kind.${flag.kind}`)} · <code>{flag.group_key}</code>
    </>
  );
}

function ProblemAlert({ problem }: { problem: string | null | undefined }) {
  return problem ? (
    <div class="notice notice--error" role="alert">
      {problem}
    </div>
  ) : null;
}

/** Why votes are invalidated: asked alike for one vote and for a flag's votes. */
function ReasonArea({ ctx, value, errors }: { ctx: PageContext; value?: string; errors: FormErrors }) {
  return (
    <TextArea
      ctx={ctx}
      name="reason"
      label={ctx.t("prizes.voting.secretariat.reason")}
      hint={ctx.t("prizes.voting.secretariat.reasonHint")}
      value={value}
      errors={errors}
      required
      maxLength={500}
    />
  );
}

/**
 * One of a flag's two decisions; each form sums up only its own field's error, as the other
 * form's field is not on it.
 */
function FlagDecisionForm({
  ctx,
  action,
  heading,
  field,
  errors,
  buttonClass,
  buttonLabel,
  children,
}: {
  ctx: PageContext;
  action: string;
  heading: string;
  field: string;
  errors: FormErrors;
  buttonClass: string;
  buttonLabel: string;
  children: ComponentChildren;
}) {
  const own = errors[field];
  return (
    <form method="post" action={action} novalidate class="stack">
      <h2>{heading}</h2>
      <ErrorSummary ctx={ctx} errors={own ? { [field]: own } : {}} />
      <CsrfField ctx={ctx} />
      {children}
      <div class="actions">
        <button type="submit" class={buttonClass}>
          {buttonLabel}
        </button>
      </div>
    </form>
  );
}

/** `/prizes/:year/secretariat/votes`: live totals, screening flags, invalidating one vote. */
export function SecretariatVotesPage({
  ctx,
  view,
  reference,
  errors = {},
  values = {},
  problem = null,
}: {
  ctx: PageContext;
  view: SecretariatView;
  reference: ReferenceData;
  errors?: FormErrors;
  values?: { vote?: string; reason?: string };
  problem?: string | null;
}) {
  const { t } = ctx;
  const { edition, tally } = view;
  const title = t("prizes.voting.secretariat.title", { year: edition.year });
  const invalidatedTotal = tally.invalidated.reduce((sum, item) => sum + item.count, 0);
  const open = view.flags.filter((flag) => flag.status === "open").length;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Notice>{t("prizes.voting.secretariat.private")}</Notice>
      <ul class="stats">
        <li>
          <strong>{ctx.formatNumber(tally.counted)}</strong> {t("prizes.voting.secretariat.counted")}
        </li>
        <li>
          <strong>{ctx.formatNumber(tally.notCounted)}</strong> {t("prizes.voting.secretariat.notCounted")}
        </li>
        <li>
          <strong>{ctx.formatNumber(invalidatedTotal)}</strong> {t("prizes.voting.secretariat.invalidated")}
        </li>
        <li>
          <strong>{ctx.formatNumber(open)}</strong> {t("prizes.voting.secretariat.openFlags")}
        </li>
      </ul>

      <h2 id="flags">{t("prizes.voting.secretariat.flagsTitle")}</h2>
      <p>{t("prizes.voting.secretariat.flagsLead")}</p>
      <form method="post" action={`${BASE(edition.year)}/screen`} class="actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="secondary">
          {t("prizes.voting.secretariat.screenNow")}
        </button>
      </form>
      {view.flags.length === 0 ? (
        <p>{t("prizes.voting.secretariat.noFlags")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{t("prizes.voting.secretariat.flagsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.voting.secretariat.flag")}</th>
                <th scope="col">{t("prizes.voting.secretariat.flagVotes")}</th>
                <th scope="col">{t("prizes.voting.secretariat.flagStatus")}</th>
                <th scope="col">{t("prizes.voting.secretariat.detected", { zone: edition.timeZone })}</th>
              </tr>
            </thead>
            <tbody>
              {view.flags.map((flag) => (
                <tr key={flag.id}>
                  <th scope="row">
                    <a href={`${BASE(edition.year)}/flags/${flag.id}`}>
                      <FlagSummary ctx={ctx} flag={flag} />
                    </a>
                  </th>
                  <td>
                    {t("prizes.voting.secretariat.validOf", { valid: flag.valid, total: flag.vote_count })}
                  </td>
                  <td>{t(`prizes.voting.flag.status.${flag.status}`)}</td>
                  <td>{editionDateTime(edition, ctx.lang, flag.detected_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="totals">{t("prizes.voting.secretariat.totalsTitle")}</h2>
      {tally.nominees.length === 0 ? <p>{t("prizes.voting.secretariat.noNominees")}</p> : null}
      <div class="table-scroll" hidden={tally.nominees.length === 0}>
        <table>
          <caption class="visually-hidden">{t("prizes.voting.secretariat.totalsTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("prizes.voting.category")}</th>
              <th scope="col">{t("prizes.voting.secretariat.nominee")}</th>
              <th scope="col">{t("prizes.voting.secretariat.votes")}</th>
            </tr>
          </thead>
          <tbody>
            {tally.nominees.map((row) => (
              <tr key={row.submissionId}>
                <td>{categoryLabel(reference, row.categoryCode, ctx.lang)}</td>
                <th scope="row">{view.nominees.get(row.submissionId)?.title ?? `#${row.submissionId}`}</th>
                <td>{ctx.formatNumber(row.votes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tally.invalidated.length > 0 ? (
        <>
          <h3>{t("prizes.voting.secretariat.reasonsTitle")}</h3>
          <ul>
            {tally.invalidated.map((item) => (
              <li key={item.reason}>{t("prizes.voting.secretariat.reasonCount", item)}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="invalidate">{t("prizes.voting.secretariat.invalidateTitle")}</h2>
      <ProblemAlert problem={problem} />
      <form method="post" action={`${BASE(edition.year)}/invalidate`} novalidate class="stack">
        <ErrorSummary ctx={ctx} errors={errors} />
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="vote"
          label={t("prizes.voting.secretariat.voteRef")}
          hint={t("prizes.voting.secretariat.voteRefHint")}
          value={values.vote}
          errors={errors}
          required
          maxLength={80}
        />
        <ReasonArea ctx={ctx} value={values.reason} errors={errors} />
        <div class="actions">
          <button type="submit" class="danger">
            {t("prizes.voting.secretariat.invalidate")}
          </button>
        </div>
      </form>
    </Layout>
  );
}

/** `/prizes/:year/secretariat/votes/flags/:id`: one flag's votes and the two decisions on it. */
export function FlagPage({
  ctx,
  view,
  flag,
  votes,
  reference,
  errors = {},
  values = {},
  problem = null,
}: {
  ctx: PageContext;
  view: Pick<SecretariatView, "edition" | "nominees">;
  flag: FlagRow;
  votes: FlagVoteRow[];
  reference: ReferenceData;
  errors?: FormErrors;
  values?: { reason?: string; note?: string };
  problem?: string | null;
}) {
  const { t } = ctx;
  const { edition } = view;
  const title = t("prizes.voting.flag.title", { id: flag.id });
  const base = `${BASE(edition.year)}/flags/${flag.id}`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`${BASE(edition.year)}#flags`}>{t("prizes.voting.flag.back", { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        <FlagSummary ctx={ctx} flag={flag} />
      </p>
      <p>{t(`prizes.voting.flag.explain.${flag.kind}`)}</p>
      <p>
        {t("prizes.voting.secretariat.validOf", { valid: flag.valid, total: flag.vote_count })} ·{" "}
        {t(`prizes.voting.flag.status.${flag.status}`)}
        {flag.review_note ? ` · ${flag.review_note}` : ""}
      </p>
      <ProblemAlert problem={problem} />
      <div class="table-scroll">
        <table>
          <caption>
            {t("prizes.voting.flag.votesCaption", { shown: votes.length, total: flag.vote_count })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("prizes.voting.flag.voteId")}</th>
              <th scope="col">{t("prizes.voting.category")}</th>
              <th scope="col">{t("prizes.voting.secretariat.nominee")}</th>
              <th scope="col">{t("prizes.voting.flag.network")}</th>
              <th scope="col">{t("prizes.voting.myVotes.castAt", { zone: edition.timeZone })}</th>
              <th scope="col">{t("prizes.voting.flag.state")}</th>
            </tr>
          </thead>
          <tbody>
            {votes.map((vote) => (
              <tr key={vote.id}>
                <th scope="row">{vote.id}</th>
                <td>{categoryLabel(reference, vote.category_code, ctx.lang)}</td>
                <td>{view.nominees.get(vote.submission_id)?.title ?? `#${vote.submission_id}`}</td>
                <td>{vote.ip_range ?? "–"}</td>
                <td>{editionDateTime(edition, ctx.lang, vote.cast_at)}</td>
                <td>
                  {vote.invalidation_reason
                    ? t("prizes.voting.myVotes.invalidated", { reason: vote.invalidation_reason })
                    : t("prizes.voting.flag.valid")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {flag.status === "open" || flag.valid > 0 ? (
        <FlagDecisionForm
          ctx={ctx}
          action={`${base}/invalidate`}
          heading={t("prizes.voting.flag.invalidateTitle")}
          field="reason"
          errors={errors}
          buttonClass="danger"
          buttonLabel={t("prizes.voting.flag.invalidateAll", { count: flag.valid })}
        >
          <ReasonArea ctx={ctx} value={values.reason} errors={errors} />
        </FlagDecisionForm>
      ) : null}
      {flag.status === "open" ? (
        <FlagDecisionForm
          ctx={ctx}
          action={`${base}/clear`}
          heading={t("prizes.voting.flag.clearTitle")}
          field="note"
          errors={errors}
          buttonClass="secondary"
          buttonLabel={t("prizes.voting.flag.clear")}
        >
          <TextArea
            ctx={ctx}
            name="note"
            label={t("prizes.voting.flag.note")}
            value={values.note}
            errors={errors}
            required
            maxLength={1000}
          />
        </FlagDecisionForm>
      ) : null}
    </Layout>
  );
}
