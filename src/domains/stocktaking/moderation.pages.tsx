import { Choices, CsrfField, ErrorSummary, type FormErrors, Notice, TextArea } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import { DuplicatesNotice, DuplicatesQueueLink } from "./duplicates.pages.tsx";
import type { OpenPairRow } from "./duplicates.repo.ts";
import type { EntryContent, Labels } from "./entries.presenter.ts";
import { DecisionList, DiffTable, EntryFieldList, StateBadge } from "./entry-components.tsx";
import { EntryImages } from "./entry-images.pages.tsx";
import type { QueueRow } from "./moderation.repo.ts";
import { MODERATION_COMMENT_MAX, MODERATION_DECISIONS, type ModerationView } from "./moderation.service.ts";
import { diffRevisions } from "./revisions.diff.ts";

export interface QueuePageProps {
  ctx: PageContext;
  rows: QueueRow[];
  total: number;
  /** Open pairs of likely duplicates, linked from the queue. */
  duplicateCount: number;
  page: number;
  pageCount: number;
}

/** Submitted entries, the longest-waiting first. */
export function QueuePage({ ctx, rows, total, duplicateCount, page, pageCount }: QueuePageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("moderation.queue.title")}>
      <h1>{t("moderation.queue.title")}</h1>
      <p class="lead">{t("moderation.queue.intro")}</p>
      <DuplicatesQueueLink ctx={ctx} count={duplicateCount} />
      {rows.length === 0 ? (
        <p>{t("moderation.queue.empty")}</p>
      ) : (
        <>
          <p class="muted">{t("moderation.queue.count", { count: total })}</p>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{t("moderation.queue.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("entries.field.title")}</th>
                  <th scope="col">{t("moderation.queue.submittedBy")}</th>
                  <th scope="col">{t("moderation.queue.submittedAt")}</th>
                  <th scope="col">{t("moderation.queue.kind")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      <a href={`/moderation/entries/${row.id}`}>
                        <bdi>{row.title || t("entries.untitled")}</bdi>
                      </a>
                    </td>
                    <td>{row.owner_name}</td>
                    <td>{ctx.formatDateTime(row.submitted_at)}</td>
                    <td>
                      {row.is_revision_of_published
                        ? t("moderation.queue.revision", { number: row.revision_number })
                        : t("moderation.queue.newEntry")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination ctx={ctx} page={page} pageCount={pageCount} hrefFor={(p) => `/moderation?page=${p}`} />
        </>
      )}
    </Layout>
  );
}

export interface DecisionFormValues {
  decision: string;
  comment: string;
}

export interface ModerationPageProps {
  ctx: PageContext;
  view: ModerationView;
  submitted: EntryContent;
  labels: Labels;
  /** Open pairs of likely duplicates this entry is part of. */
  duplicates: OpenPairRow[];
  values: DecisionFormValues;
  errors: FormErrors;
  idempotencyKey: string;
}

/** One entry under review: the submitted revision, what it changes, past decisions, and the decision form. */
export function ModerationPage({
  ctx,
  view,
  submitted,
  labels,
  duplicates,
  values,
  errors,
  idempotencyKey,
}: ModerationPageProps) {
  const { t } = ctx;
  const { entry } = view;
  const title = t("moderation.entry.title", { title: submitted.title });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {t("moderation.entry.meta", {
          owner: view.ownerName,
          number: submitted.revisionNumber,
          date: ctx.formatDateTime(entry.submitted_at),
        })}{" "}
        <StateBadge ctx={ctx} state={entry.state} />
      </p>
      <p>
        <a href="/moderation">{t("moderation.entry.back")}</a> ·{" "}
        <a href={`/entries/${entry.id}/history`}>{t("entries.actions.history")}</a>
      </p>
      {entry.state !== "submitted" ? <Notice>{t("moderation.entry.notAwaiting")}</Notice> : null}
      <DuplicatesNotice ctx={ctx} entryId={entry.id} pairs={duplicates} />

      {view.published ? (
        <section aria-labelledby="changes">
          <h2 id="changes">
            {t("moderation.entry.changes", {
              published: view.published.number,
              submitted: submitted.revisionNumber,
            })}
          </h2>
          <DiffTable
            ctx={ctx}
            changes={diffRevisions(view.published.data, view.submitted.data)}
            labels={labels}
            caption={t("moderation.entry.changes", {
              published: view.published.number,
              submitted: submitted.revisionNumber,
            })}
          />
        </section>
      ) : (
        <p>{t("moderation.entry.firstVersion")}</p>
      )}

      <section aria-labelledby="submitted">
        <h2 id="submitted">
          {t("moderation.entry.submittedRevision", { number: submitted.revisionNumber })}
        </h2>
        <h3>{submitted.title}</h3>
        <EntryImages images={submitted.images} />
        <EntryFieldList ctx={ctx} content={submitted} showTranslations />
      </section>

      <section aria-labelledby="decisions">
        <h2 id="decisions">{t("entries.decisions.title")}</h2>
        <DecisionList ctx={ctx} decisions={view.decisions} />
      </section>

      {entry.state === "submitted" ? (
        <section aria-labelledby="decide">
          <h2 id="decide">{t("moderation.form.title")}</h2>
          <ErrorSummary ctx={ctx} errors={errors} />
          <form method="post" action={`/moderation/entries/${entry.id}`} class="stack" noValidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
            <Choices
              ctx={ctx}
              type="radio"
              name="decision"
              legend={t("moderation.form.decision")}
              options={MODERATION_DECISIONS.map((decision) => ({
                value: decision,
                label: t(`moderation.form.option.${decision}`),
              }))}
              selected={[values.decision]}
              errors={errors}
            />
            <TextArea
              ctx={ctx}
              name="comment"
              label={t("moderation.form.comment")}
              hint={t("moderation.form.commentHint")}
              value={values.comment}
              errors={errors}
              maxLength={MODERATION_COMMENT_MAX}
            />
            <div class="actions">
              <button type="submit">{t("moderation.form.record")}</button>
            </div>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
