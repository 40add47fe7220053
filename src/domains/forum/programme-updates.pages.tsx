import type { ForumSnapshotSession } from "../../db/schema-forum.ts";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ProgrammeEdition } from "./programme.service.ts";
import type { ProgrammeChanges, SessionPlace } from "./programme-changes.ts";
import { dayInZone, formatDay, formatSlot } from "./programme-time.ts";

/**
 * "What changed" between the last two published programmes (F3's `programmeChanges`): sessions
 * added, taken off, moved (time or room, old and new side by side) and renamed.
 */

function placeText(ctx: PageContext, place: SessionPlace, zone: string): string {
  const startsAt = new Date(place.startsAt);
  return ctx.t("forum.programme.changes.place", {
    day: formatDay(dayInZone(startsAt, zone), ctx.lang),
    slot: formatSlot(startsAt, new Date(place.endsAt), ctx.lang, zone),
    room: place.room ?? ctx.t("forum.programme.noRoom"),
  });
}

function SessionLink({ year, session }: { year: number; session: ForumSnapshotSession }) {
  return (
    <a href={`/forum/${year}/sessions/${session.number}`}>
      {session.number}. {session.title}
    </a>
  );
}

export function ChangesPage({
  ctx,
  edition,
  changes,
}: {
  ctx: PageContext;
  edition: ProgrammeEdition;
  changes: ProgrammeChanges | null;
}) {
  const { t } = ctx;
  const zone = edition.timeZone;
  const title = t("forum.programme.changes.title", { year: edition.year });
  const empty =
    changes !== null &&
    changes.added.length + changes.removed.length + changes.moved.length + changes.renamed.length === 0;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="muted">
        <a href={`/forum/${edition.year}/programme`}>{t("forum.programme.title", { year: edition.year })}</a>
      </p>
      <h1>{title}</h1>
      {changes === null ? (
        <p class="lead">{t("forum.programme.changes.nothingToCompare")}</p>
      ) : (
        <>
          <p class="lead">{t("forum.programme.changes.between", { from: changes.from, to: changes.to })}</p>
          <p class="muted">{t("forum.programme.changes.zone", { zone })}</p>
          {empty ? <p>{t("forum.programme.changes.none")}</p> : null}
          {changes.moved.length > 0 ? (
            <section aria-labelledby="changes-moved">
              <h2 id="changes-moved">
                {t("forum.programme.changes.moved", { count: changes.moved.length })}
              </h2>
              <ul class="results">
                {changes.moved.map(({ session, before, after }) => (
                  <li key={session.id}>
                    <SessionLink year={edition.year} session={session} />
                    <br />
                    <del class="diff-old">{placeText(ctx, before, zone)}</del>
                    <br />
                    <ins class="diff-new">{placeText(ctx, after, zone)}</ins>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {changes.added.length > 0 ? (
            <section aria-labelledby="changes-added">
              <h2 id="changes-added">
                {t("forum.programme.changes.added", { count: changes.added.length })}
              </h2>
              <ul class="results">
                {changes.added.map((session) => (
                  <li key={session.id}>
                    <SessionLink year={edition.year} session={session} />
                    <br />
                    <span class="muted">{placeText(ctx, session, zone)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {changes.removed.length > 0 ? (
            <section aria-labelledby="changes-removed">
              <h2 id="changes-removed">
                {t("forum.programme.changes.removed", { count: changes.removed.length })}
              </h2>
              <ul class="results">
                {changes.removed.map((session) => (
                  <li key={session.id}>
                    {session.number}. {session.title}
                    <br />
                    <del class="diff-old">{placeText(ctx, session, zone)}</del>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {changes.renamed.length > 0 ? (
            <section aria-labelledby="changes-renamed">
              <h2 id="changes-renamed">
                {t("forum.programme.changes.renamed", { count: changes.renamed.length })}
              </h2>
              <ul class="results">
                {changes.renamed.map(({ session, before, after }) => (
                  <li key={session.id}>
                    <del class="diff-old">{before}</del>
                    <br />
                    <ins class="diff-new">
                      <a href={`/forum/${edition.year}/sessions/${session.number}`}>{after}</a>
                    </ins>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </Layout>
  );
}
