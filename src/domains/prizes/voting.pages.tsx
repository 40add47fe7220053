import {
  CsrfField,
  describedBy,
  ErrorSummary,
  FieldNotes,
  type FormErrors,
  fieldId,
  Notice,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import {
  categoryLabel,
  editionDateTime,
  groupedReceipt,
  type VotingState,
  votingState,
} from "./vote-view.ts";
import type { MyVoteRow, NomineeRow } from "./votes.repo.ts";
import type { VotingEdition } from "./voting-edition.ts";

/** What the voting pages know about the visitor and the edition. */
export interface VotingView {
  edition: VotingEdition;
  reference: ReferenceData;
  now: Date;
  /** The visitor's votes by category (empty when signed out). */
  votes: Map<string, MyVoteRow>;
}

const BASE = (year: number) => `/prizes/${year}/vote`;

/** The state of voting in words: open until, opens on, closed, or no nominees yet. */
function StateNotice({ ctx, view, state }: { ctx: PageContext; view: VotingView; state: VotingState }) {
  const { edition } = view;
  const at = (value: Date) => editionDateTime(edition, ctx.lang, value);
  const window = edition.window;
  if (state === "none" || !window) return <Notice>{ctx.t("prizes.voting.state.none")}</Notice>;
  const params = { start: at(window.startsAt), end: at(window.endsAt), zone: edition.timeZone };
  if (state === "open") return <Notice kind="ok">{ctx.t("prizes.voting.state.open", params)}</Notice>;
  if (state === "upcoming") return <Notice>{ctx.t("prizes.voting.state.upcoming", params)}</Notice>;
  if (state === "unpublished") return <Notice>{ctx.t("prizes.voting.state.unpublished", params)}</Notice>;
  return <Notice>{ctx.t("prizes.voting.state.closed", params)}</Notice>;
}

/** Why the visitor cannot vote, with the way forward (sign in, confirm the e-mail address). */
function VoterNotice({ ctx }: { ctx: PageContext }) {
  if (!ctx.actor)
    return (
      <Notice>
        {ctx.t("prizes.voting.signInToVote")}{" "}
        <a href={`/sign-in?next=${encodeURIComponent(ctx.path)}`}>{ctx.t("prizes.voting.signIn")}</a>
      </Notice>
    );
  if (!ctx.actor.emailVerified)
    return (
      <Notice kind="error">
        {ctx.t("errors.email_not_verified")}{" "}
        <a href="/verify-email/resend">{ctx.t("prizes.voting.resendVerification")}</a>
      </Notice>
    );
  return null;
}

/** `/prizes/:year/vote`: the categories with the visitor's progress. */
export function VoteIndexPage({
  ctx,
  view,
  nomineeCounts,
}: {
  ctx: PageContext;
  view: VotingView;
  nomineeCounts: Map<string, number>;
}) {
  const { t } = ctx;
  const { edition } = view;
  const title = t("prizes.voting.title", { year: edition.year });
  const state = votingState(edition, view.now);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.voting.lead")}</p>
      <StateNotice ctx={ctx} view={view} state={state} />
      <VoterNotice ctx={ctx} />
      {ctx.actor ? (
        <p>
          {t("prizes.voting.progress", { voted: view.votes.size, total: edition.categories.length })}{" "}
          <a href={`/prizes/my-votes?year=${edition.year}`}>{t("prizes.voting.myVotesLink")}</a>
        </p>
      ) : null}
      {edition.categories.length === 0 ? null : (
        <div class="table-scroll">
          <table>
            <caption>{t("prizes.voting.categoriesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.voting.category")}</th>
                <th scope="col">{t("prizes.voting.nomineeCount")}</th>
                {ctx.actor ? <th scope="col">{t("prizes.voting.yourVote")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {edition.categories.map((code) => {
                const vote = view.votes.get(code);
                return (
                  <tr key={code}>
                    <th scope="row">
                      <a href={`${BASE(edition.year)}/${encodeURIComponent(code)}`}>
                        {categoryLabel(view.reference, code, ctx.lang)}
                      </a>
                    </th>
                    <td>{ctx.formatNumber(nomineeCounts.get(code) ?? 0)}</td>
                    {ctx.actor ? <td>{vote ? <bdi>{vote.title}</bdi> : t("prizes.voting.notYet")}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export interface CategoryPageProps {
  ctx: PageContext;
  view: VotingView;
  category: string;
  nominees: NomineeRow[];
  /** The form's idempotency key (kept when the form is shown again). */
  idempotencyKey: string;
  errors?: FormErrors;
  /** A refusal of the whole vote (already cast, closed, …), already translated. */
  problem?: string | null;
  selected?: string;
}

/** `/prizes/:year/vote/:category`: the nominees and, when the visitor may vote, the form for one. */
export function VoteCategoryPage(props: CategoryPageProps) {
  const { ctx, view, category, nominees, errors = {} } = props;
  const { t } = ctx;
  const { edition } = view;
  const label = categoryLabel(view.reference, category, ctx.lang);
  const state = votingState(edition, view.now);
  const vote = view.votes.get(category);
  const canVote = state === "open" && ctx.actor?.emailVerified === true && !vote && nominees.length > 0;
  const error = errors.nominee;
  const list = (
    <ul class="nominees">
      {nominees.map((nominee, index) => {
        const id = index === 0 ? fieldId("nominee") : `${fieldId("nominee")}-${nominee.id}`;
        const about = `nominee-${nominee.id}-about`;
        return (
          <li key={nominee.id} class="nominee">
            {canVote ? (
              <div class="choice">
                <input
                  type="radio"
                  id={id}
                  name="nominee"
                  value={nominee.id}
                  checked={props.selected === nominee.id}
                  aria-describedby={about}
                />
                <label for={id} dir="auto">
                  {nominee.title}
                </label>
              </div>
            ) : (
              <h2 class="nominee__title" dir="auto">
                {nominee.title}
              </h2>
            )}
            {/* Submitters write in any language: each text takes its own direction. */}
            <div id={about}>
              <p class="nominee__organisation" dir="auto">
                {nominee.organisation_name}
              </p>
              <p class="nominee__description" dir="auto">
                {nominee.short_description}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
  return (
    <Layout ctx={ctx} title={label}>
      <p>
        <a href={BASE(edition.year)}>{t("prizes.voting.backToCategories", { year: edition.year })}</a>
      </p>
      <h1>{label}</h1>
      <StateNotice ctx={ctx} view={view} state={state} />
      <VoterNotice ctx={ctx} />
      {props.problem ? (
        <div class="notice notice--error" role="alert">
          {props.problem}
        </div>
      ) : null}
      {vote ? (
        <Notice kind="ok">
          {t("prizes.voting.votedFor", { title: vote.title })} <span>{t("prizes.voting.receiptIs")}</span>{" "}
          <code class="receipt">{groupedReceipt(vote.receipt)}</code>
        </Notice>
      ) : null}
      {nominees.length === 0 ? <p>{t("prizes.voting.noNominees")}</p> : null}
      {canVote ? (
        <form method="post" action={`${BASE(edition.year)}/${encodeURIComponent(category)}`} novalidate>
          <ErrorSummary ctx={ctx} errors={errors} />
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
          <fieldset
            class="field"
            aria-invalid={error ? "true" : undefined}
            aria-describedby={describedBy("nominee", true, error)}
          >
            <legend>{t("prizes.voting.chooseOne")}</legend>
            <FieldNotes ctx={ctx} name="nominee" hint={t("prizes.voting.chooseHint")} error={error} />
            {list}
          </fieldset>
          <div class="actions">
            <button type="submit">{t("prizes.voting.cast")}</button>
          </div>
        </form>
      ) : (
        list
      )}
    </Layout>
  );
}
