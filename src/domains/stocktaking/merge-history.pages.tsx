import { Notice } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { isolate } from "./duplicates.pages.tsx";
import type { MergedHistory } from "./duplicates-view.service.ts";
import type { Labels } from "./entries.presenter.ts";
import { DiffTable } from "./entry-components.tsx";
import { diffRevisions } from "./revisions.diff.ts";

/** One merged entry's revisions, newest first, each with what it changed (as the history page shows them). */
function MergedRevisions({
  ctx,
  history,
  labels,
}: {
  ctx: PageContext;
  history: MergedHistory;
  labels: Labels;
}) {
  const { t } = ctx;
  const revisions = history.revisions ?? [];
  const id = history.merged.id;
  return (
    <ol class="revisions stack" reversed>
      {revisions
        .map((revision, index) => ({
          revision,
          changes: diffRevisions(index > 0 ? (revisions[index - 1]?.data ?? null) : null, revision.data),
        }))
        .reverse()
        .map(({ revision, changes }) => (
          <li key={revision.id}>
            <section aria-labelledby={`merged-${id}-revision-${revision.number}`}>
              <h3 id={`merged-${id}-revision-${revision.number}`}>
                {t("duplicates.history.revision", { id, number: revision.number })}
              </h3>
              <p>
                {t("entries.history.meta", {
                  author: revision.author_name,
                  date: ctx.formatDateTime(revision.created_at),
                })}
              </p>
              <DiffTable
                ctx={ctx}
                changes={changes}
                labels={labels}
                caption={t("duplicates.history.diffCaption", { id, number: revision.number })}
              />
            </section>
          </li>
        ))}
    </ol>
  );
}

/** On a retired entry's history page: where it went. */
export function MergedIntoNotice({ ctx, mergedInto }: { ctx: PageContext; mergedInto: string | null }) {
  if (!mergedInto) return null;
  return (
    <Notice>
      {ctx.t("duplicates.history.mergedInto", { id: mergedInto })}{" "}
      <a href={`/entries/${mergedInto}`}>{ctx.t("duplicates.pair.entryLink", { id: mergedInto })}</a>
    </Notice>
  );
}

/**
 * On a surviving entry's history page: a section per entry merged into it, with that entry's own
 * revisions, so both histories stay readable from the survivor (for readers allowed to see them:
 * its owner and the moderators).
 */
export function MergedFromSections({
  ctx,
  mergedFrom,
  labels,
}: {
  ctx: PageContext;
  mergedFrom: MergedHistory[];
  labels: Labels;
}) {
  const { t } = ctx;
  return (
    <>
      {mergedFrom.map((history) => (
        <section key={history.merged.id} aria-labelledby={`merged-from-${history.merged.id}`}>
          <h2 id={`merged-from-${history.merged.id}`}>
            {t("duplicates.history.mergedFromTitle", { id: history.merged.id })}
          </h2>
          <p>
            {t("duplicates.history.mergedMeta", {
              title: isolate(history.merged.title ?? ""),
              name: history.merged.merged_by_name ?? "",
              date: ctx.formatDateTime(history.merged.merged_at),
            })}{" "}
            {history.revisions ? (
              <a href={`/entries/${history.merged.id}/history`}>
                {t("duplicates.history.ownPage", { id: history.merged.id })}
              </a>
            ) : null}
          </p>
          {history.revisions ? (
            <MergedRevisions ctx={ctx} history={history} labels={labels} />
          ) : (
            <p class="muted">{t("duplicates.history.hidden")}</p>
          )}
        </section>
      ))}
    </>
  );
}
