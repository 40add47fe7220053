import { Choices, CsrfField, ErrorSummary, type FormErrors, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import type { PairScores } from "./duplicates.presenter.ts";
import type { OpenPairRow } from "./duplicates.repo.ts";
import { ComparisonTable, type PairSides } from "./duplicates-compare.pages.tsx";
import type { PairView } from "./duplicates-view.service.ts";

/**
 * A title inside a translated sentence, isolated (FSI … PDI) so an English title in an Arabic
 * sentence, or the reverse, keeps its own direction and does not reorder the words around it.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/** "Title 92%, organisation 100%, description 71%" in the reader's language. */
function ScoreSummary({ ctx, scores }: { ctx: PageContext; scores: PairScores }) {
  return <>{ctx.t("duplicates.scores.summary", { ...scores })}</>;
}

/** The link from the moderation queue, with how many pairs wait. */
export function DuplicatesQueueLink({ ctx, count }: { ctx: PageContext; count: number }) {
  return (
    <p>
      <a href="/moderation/duplicates">{ctx.t("duplicates.queueLink", { count })}</a>
    </p>
  );
}

/** On an entry's review page: the open pairs it is part of, each linking to its comparison. */
export function DuplicatesNotice({
  ctx,
  entryId,
  pairs,
}: {
  ctx: PageContext;
  entryId: string;
  pairs: OpenPairRow[];
}) {
  if (pairs.length === 0) return null;
  return (
    <Notice>
      <p>
        <strong>{ctx.t("duplicates.notice.title", { count: pairs.length })}</strong>
      </p>
      <ul>
        {pairs.map((pair) => {
          const other = pair.a.id === entryId ? pair.b : pair.a;
          return (
            <li key={pair.id}>
              <a href={`/moderation/duplicates/${pair.id}`}>
                {ctx.t("duplicates.notice.item", { title: isolate(other.title), score: pair.title_score })}
              </a>
            </li>
          );
        })}
      </ul>
    </Notice>
  );
}

export interface DuplicatesListPageProps {
  ctx: PageContext;
  rows: OpenPairRow[];
  total: number;
  page: number;
  pageCount: number;
}

function PairSideCell({ side }: { side: OpenPairRow["a"] }) {
  return (
    <>
      <bdi>{side.title}</bdi>
      <br />
      <span class="muted">
        <bdi>{side.organisation}</bdi>
      </span>
    </>
  );
}

/** Open pairs, the oldest flag first; each row leads to the side-by-side comparison. */
export function DuplicatesListPage({ ctx, rows, total, page, pageCount }: DuplicatesListPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("duplicates.list.title")}>
      <h1>{t("duplicates.list.title")}</h1>
      <p class="lead">{t("duplicates.list.intro")}</p>
      <p>
        <a href="/moderation">{t("duplicates.list.back")}</a>
      </p>
      {rows.length === 0 ? (
        <p>{t("duplicates.list.empty")}</p>
      ) : (
        <>
          <p class="muted">{t("duplicates.list.count", { count: total })}</p>
          <div class="table-scroll">
            <table class="duplicate-list">
              <caption class="visually-hidden">{t("duplicates.list.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("duplicates.list.pair")}</th>
                  <th scope="col">{t("duplicates.list.first")}</th>
                  <th scope="col">{t("duplicates.list.second")}</th>
                  <th scope="col">{t("duplicates.list.similarity")}</th>
                  <th scope="col">{t("duplicates.list.flagged")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <a href={`/moderation/duplicates/${row.id}`}>
                        {t("duplicates.list.compare", { id: row.id })}
                      </a>
                    </th>
                    <td>
                      <PairSideCell side={row.a} />
                    </td>
                    <td>
                      <PairSideCell side={row.b} />
                    </td>
                    <td>
                      <ScoreSummary
                        ctx={ctx}
                        scores={{
                          title: row.title_score,
                          organisation: row.organisation_score,
                          description: row.description_score,
                        }}
                      />
                    </td>
                    <td>{ctx.formatDateTime(row.flagged_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            ctx={ctx}
            page={page}
            pageCount={pageCount}
            hrefFor={(p) => `/moderation/duplicates?page=${p}`}
          />
        </>
      )}
    </Layout>
  );
}

export interface DuplicatePairPageProps {
  ctx: PageContext;
  view: PairView;
  sides: PairSides;
  scores: PairScores;
  /** The survivor chosen in a refused merge form. */
  survivorId: string;
  errors: FormErrors;
  idempotencyKey: string;
}

function Decided({ ctx, view }: { ctx: PageContext; view: PairView }) {
  const { pair } = view;
  const values = {
    name: pair.decided_by_name ?? "",
    date: ctx.formatDateTime(pair.decided_at),
    survivor: pair.survivor_id ?? "",
  };
  return <Notice kind="ok">{ctx.t(`duplicates.pair.decided.${pair.status}`, values)}</Notice>;
}

function DecisionForms({
  ctx,
  view,
  sides,
  survivorId,
  errors,
  idempotencyKey,
}: Omit<DuplicatePairPageProps, "scores">) {
  const { t } = ctx;
  const action = `/moderation/duplicates/${view.pair.id}`;
  const mergeable = view.a.compared && view.b.compared;
  return (
    <section aria-labelledby="decide" class="stack">
      <h2 id="decide">{t("duplicates.pair.decideTitle")}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      {mergeable ? (
        <form method="post" action={action} class="stack" noValidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <input type="hidden" name="decision" value="merge" />
          <Choices
            ctx={ctx}
            type="radio"
            name="survivorId"
            legend={t("duplicates.pair.mergeLegend")}
            hint={t("duplicates.pair.mergeHint")}
            options={sides.map((side) => ({
              value: side.view.entry.id,
              label: t("duplicates.pair.keep", {
                id: side.view.entry.id,
                title: isolate(side.content.title),
              }),
            }))}
            selected={[survivorId]}
            errors={errors}
          />
          <div class="actions">
            <button type="submit">{t("duplicates.pair.merge")}</button>
          </div>
        </form>
      ) : (
        <Notice>{t("duplicates.pair.unavailable")}</Notice>
      )}
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <input type="hidden" name="decision" value="not_duplicate" />
        <p>{t("duplicates.pair.notDuplicateHint")}</p>
        <div class="actions">
          <button type="submit" class="button--secondary">
            {t("duplicates.pair.notDuplicate")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A pair side by side: the similarity scores, every field of both entries, and the decision. */
export function DuplicatePairPage(props: DuplicatePairPageProps) {
  const { ctx, view, sides, scores } = props;
  const { t } = ctx;
  const title = t("duplicates.pair.title", { id: view.pair.id });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href="/moderation/duplicates">{t("duplicates.pair.back")}</a>
      </p>
      <p class="lead">{t("duplicates.pair.intro")}</p>
      <section aria-labelledby="scores">
        <h2 id="scores">{t("duplicates.pair.scoresTitle")}</h2>
        <dl class="fields">
          <dt>{t("entries.field.title")}</dt>
          <dd>{t("duplicates.score.value", { value: scores.title })}</dd>
          <dt>{t("entries.field.organisationName")}</dt>
          <dd>{t("duplicates.score.value", { value: scores.organisation })}</dd>
          <dt>{t("entries.field.description")}</dt>
          <dd>{t("duplicates.score.value", { value: scores.description })}</dd>
        </dl>
        <p class="muted">{t("duplicates.score.note")}</p>
      </section>
      {view.pair.status === "open" ? null : <Decided ctx={ctx} view={view} />}
      <section aria-labelledby="compare">
        <h2 id="compare">{t("duplicates.pair.compareTitle")}</h2>
        <ComparisonTable ctx={ctx} pairId={view.pair.id} sides={sides} />
      </section>
      {view.pair.status === "open" ? <DecisionForms {...props} /> : null}
    </Layout>
  );
}
