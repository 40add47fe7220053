import type { ComponentChildren } from "preact";
import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import type { EntryPolicySubject } from "./entries.policy.ts";
import { isEditableState, isSubmittableState } from "./entries.policy.ts";
import type { EntryContent, Labels } from "./entries.presenter.ts";
import type { DecisionRecord, EntryRecord, OwnEntryRow, RevisionRecord } from "./entries.repo.ts";
import { DecisionList, DiffTable, EntryFieldList, StateBadge } from "./entry-components.tsx";
import { EntryImages } from "./entry-images.pages.tsx";
import { ReadingNote } from "./entry-translations.pages.tsx";
import type { ReadingText } from "./entry-translations.presenter.ts";
import { diffRevisions } from "./revisions.diff.ts";

/** A one-button form that sends the latest revision for review, with its own idempotency key. */
export function SubmitButton({
  ctx,
  entryId,
  idempotencyKey,
}: {
  ctx: PageContext;
  entryId: string;
  idempotencyKey: string;
}) {
  return (
    <form method="post" action={`/entries/${entryId}/submit`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <button type="submit">{ctx.t("entries.form.submit")}</button>
    </form>
  );
}

export interface EntryPageProps {
  ctx: PageContext;
  entry: EntryRecord;
  content: EntryContent;
  /** The text shown: the original or the owner's translation into the reader's language. */
  reading: ReadingText;
  pending: { revisionNumber: number } | null;
  isOwner: boolean;
  isModerator: boolean;
  idempotencyKey: string;
}

/** The public page of an entry; its owner and moderators also see where it stands in the workflow. */
export function EntryPage({
  ctx,
  entry,
  content,
  reading,
  pending,
  isOwner,
  isModerator,
  idempotencyKey,
}: EntryPageProps) {
  const { t } = ctx;
  const isPublic = entry.published_revision_id !== null;
  // Text in another language than the page's says so, for screen readers' pronunciation.
  const textLang = reading.language && reading.language !== ctx.lang ? reading.language : undefined;
  return (
    <Layout ctx={ctx} title={reading.title} description={reading.description.slice(0, 160) || undefined}>
      <article class="entry stack">
        <h1 dir="auto" lang={textLang}>
          {reading.title}
        </h1>
        <ReadingNote ctx={ctx} entryId={entry.id} reading={reading} />
        {!isPublic && (isOwner || isModerator) ? (
          <Notice>
            {t("entries.page.notPublic")} <StateBadge ctx={ctx} state={entry.state} />
          </Notice>
        ) : null}
        {pending ? (
          <Notice>
            <p>
              {t("entries.page.pendingRevision", {
                pending: pending.revisionNumber,
                shown: content.revisionNumber,
                state: t(`entries.state.${entry.state}`),
              })}
            </p>
            <p>
              {isModerator && entry.state === "submitted" ? (
                <a href={`/moderation/entries/${entry.id}`}>{t("entries.page.reviewPending")}</a>
              ) : isOwner && isEditableState(entry) ? (
                <a href={`/entries/${entry.id}/edit`}>{t("entries.page.editPending")}</a>
              ) : (
                <a href={`/entries/${entry.id}/history`}>{t("entries.page.seePending")}</a>
              )}
            </p>
          </Notice>
        ) : null}
        <p class="muted">
          {isPublic
            ? t("entries.page.publishedOn", { date: ctx.formatDate(entry.published_at) })
            : t("entries.page.lastChanged", { date: ctx.formatDate(entry.updated_at) })}
        </p>
        <EntryImages images={content.images} />
        <EntryFieldList
          ctx={ctx}
          content={content}
          description={{ text: reading.description, lang: textLang }}
        />
        {isOwner || isModerator ? (
          <div class="actions">
            {isOwner && isEditableState(entry) ? (
              <a class="button button--secondary" href={`/entries/${entry.id}/edit`}>
                {t("entries.actions.edit")}
              </a>
            ) : null}
            {isOwner && isSubmittableState(entry) ? (
              <SubmitButton ctx={ctx} entryId={entry.id} idempotencyKey={idempotencyKey} />
            ) : null}
            {isModerator ? (
              <a href={`/moderation/entries/${entry.id}`}>{t("entries.actions.moderate")}</a>
            ) : null}
            {isOwner && isEditableState(entry) ? (
              <a href={`/entries/${entry.id}/translations`}>{t("entries.translations.manage")}</a>
            ) : null}
            {isPublic ? <a href={`/entries/${entry.id}/withdraw`}>{t("entries.actions.withdraw")}</a> : null}
            <a href={`/entries/${entry.id}/history`}>{t("entries.actions.history")}</a>
          </div>
        ) : null}
      </article>
    </Layout>
  );
}

/** State as its owner needs to read it: what the public sees, and where the latest revision is. */
function OwnState({ ctx, row }: { ctx: PageContext; row: OwnEntryRow }) {
  const pending = row.published_revision_id !== null && row.latest_revision_id !== row.published_revision_id;
  if (!pending) return <StateBadge ctx={ctx} state={row.state} />;
  return (
    <>
      <StateBadge ctx={ctx} state="published" />{" "}
      <span class="muted">{ctx.t("entries.mine.publicRevision", { number: row.published_number ?? 0 })}</span>
      <br />
      {ctx.t("entries.mine.pendingRevision", { number: row.latest_number ?? 0 })}{" "}
      <StateBadge ctx={ctx} state={row.state} />
    </>
  );
}

export interface MyEntriesPageProps {
  ctx: PageContext;
  rows: OwnEntryRow[];
  total: number;
  page: number;
  pageCount: number;
  /** One fresh idempotency key per "submit" button on the page. */
  keyFor: (entryId: string) => string;
}

export function MyEntriesPage({ ctx, rows, total, page, pageCount, keyFor }: MyEntriesPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("entries.mine.title")}>
      <h1>{t("entries.mine.title")}</h1>
      <p class="actions">
        <a class="button" href="/entries/new">
          {t("entries.actions.new")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p>{t("entries.mine.empty")}</p>
      ) : (
        <>
          <p class="muted">{t("entries.mine.count", { count: total })}</p>
          <div class="table-scroll">
            <table>
              <caption class="visually-hidden">{t("entries.mine.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("entries.field.title")}</th>
                  <th scope="col">{t("entries.mine.state")}</th>
                  <th scope="col">{t("entries.mine.updated")}</th>
                  <th scope="col">{t("entries.mine.submitted")}</th>
                  <th scope="col">{t("entries.mine.published")}</th>
                  <th scope="col">{t("entries.mine.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const subject: EntryPolicySubject = row;
                  return (
                    <tr key={row.id}>
                      <td>
                        <a href={`/entries/${row.id}`}>
                          <bdi>{row.latest_title || t("entries.untitled")}</bdi>
                        </a>
                      </td>
                      <td>
                        <OwnState ctx={ctx} row={row} />
                      </td>
                      <td>{ctx.formatDate(row.updated_at)}</td>
                      <td>{ctx.formatDate(row.submitted_at)}</td>
                      <td>{ctx.formatDate(row.published_at)}</td>
                      <td>
                        <div class="actions">
                          {isEditableState(subject) ? (
                            <a href={`/entries/${row.id}/edit`}>{t("entries.actions.edit")}</a>
                          ) : null}
                          {isSubmittableState(subject) ? (
                            <SubmitButton ctx={ctx} entryId={row.id} idempotencyKey={keyFor(row.id)} />
                          ) : null}
                          <a href={`/entries/${row.id}/history`}>{t("entries.actions.history")}</a>
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pagination ctx={ctx} page={page} pageCount={pageCount} hrefFor={(p) => `/my/entries?page=${p}`} />
        </>
      )}
    </Layout>
  );
}

export interface HistoryPageProps {
  ctx: PageContext;
  entry: EntryRecord;
  revisions: RevisionRecord[];
  decisions: DecisionRecord[];
  labels: Labels;
  /** Merges (`merge-history.pages.tsx`): a notice above the revisions, sections below the decisions. */
  merges?: { notice: ComponentChildren; sections: ComponentChildren };
}

/** Every revision, newest first, each with who saved it, when, and what changed from the one before. */
export function HistoryPage({ ctx, entry, revisions, decisions, labels, merges }: HistoryPageProps) {
  const { t } = ctx;
  const latestTitle = revisions.at(-1)?.data.title ?? "";
  const title = t("entries.history.title", { title: latestTitle });
  const items = revisions.map((revision, index) => ({
    revision,
    changes: diffRevisions(index > 0 ? (revisions[index - 1]?.data ?? null) : null, revision.data),
  }));
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/entries/${entry.id}`}>{t("entries.history.back")}</a>
      </p>
      {merges?.notice}
      <h2>{t("entries.history.revisions")}</h2>
      <ol class="revisions stack" reversed>
        {items.reverse().map(({ revision, changes }) => (
          <li key={revision.id}>
            <section aria-labelledby={`revision-${revision.number}`}>
              <h3 id={`revision-${revision.number}`}>
                {t("entries.history.revision", { number: revision.number })}
              </h3>
              <p>
                {t("entries.history.meta", {
                  author: revision.author_name,
                  date: ctx.formatDateTime(revision.created_at),
                })}
                {revision.id === entry.published_revision_id ? (
                  <>
                    {" "}
                    <span class="tag">{t("entries.history.isPublished")}</span>
                  </>
                ) : null}
                {revision.id === entry.latest_revision_id ? (
                  <>
                    {" "}
                    <span class="tag">{t("entries.history.isLatest")}</span>
                  </>
                ) : null}
              </p>
              <DiffTable
                ctx={ctx}
                changes={changes}
                labels={labels}
                caption={t("entries.history.diffCaption", { number: revision.number })}
              />
            </section>
          </li>
        ))}
      </ol>
      <h2>{t("entries.decisions.title")}</h2>
      <DecisionList ctx={ctx} decisions={decisions} />
      {merges?.sections}
    </Layout>
  );
}
