import type { ComponentChildren } from "preact";
import type { PageContext } from "../../ui/page-context.ts";
import { formatFigure, phaseName, ZonedTime } from "./edition-components.tsx";
import type { EditionDetail, EditionSummary, PhaseView } from "./editions.presenter.ts";

/** The editions' tables and "where it stands now" line, shared by the public and admin prize pages. */

/** Where the edition stands now: the open phase and when it closes, else the next phase to open. */
export function EditionNow({ ctx, edition }: { ctx: PageContext; edition: EditionSummary }) {
  const { t } = ctx;
  if (edition.pastFigures) return <>{t("prizes.editions.now.past")}</>;
  const open = edition.phases.find((phase) => phase.phase === edition.openPhase);
  return (
    <>
      {open ? (
        <>
          {t("prizes.editions.now.open", { phase: phaseName(ctx, open.phase) })}{" "}
          {t("prizes.editions.now.until")} <ZonedTime ctx={ctx} at={open.endsAt} zone={edition.timeZone} />
        </>
      ) : (
        t("prizes.editions.now.none")
      )}
      {edition.nextPhase ? (
        <>
          {" · "}
          {t("prizes.editions.now.next", { phase: phaseName(ctx, edition.nextPhase.phase) })}{" "}
          <ZonedTime ctx={ctx} at={edition.nextPhase.startsAt} zone={edition.timeZone} />
        </>
      ) : null}
    </>
  );
}

/** The editions with where each stands, linking to `${base}/<year>`; the public list adds the submissions figure. */
export function EditionsTable({
  ctx,
  editions,
  base,
  figures = false,
}: {
  ctx: PageContext;
  editions: EditionSummary[];
  base: string;
  figures?: boolean;
}) {
  const { t } = ctx;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t("prizes.editions.index.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("prizes.editions.field.year")}</th>
            <th scope="col">{t("prizes.editions.field.theme")}</th>
            <th scope="col">{t("prizes.editions.index.now")}</th>
            {figures ? <th scope="col">{t("prizes.editions.figures.submissions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {editions.map((edition) => (
            <tr key={edition.year}>
              <th scope="row">
                <a href={`${base}/${edition.year}`}>{edition.year}</a>
              </th>
              <td>{edition.theme || <span class="muted">{t("prizes.editions.theme.unknown")}</span>}</td>
              <td>
                <EditionNow ctx={ctx} edition={edition} />
              </td>
              {figures ? (
                <td>
                  {edition.pastFigures?.submissions ? formatFigure(ctx, edition.pastFigures.submissions) : ""}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The edition's phases as a table in its zone, shared by the public edition page and the admin one;
 * they differ in how a time reads (`Time`) and in the last column (`lastHeading`, `lastCell`).
 */
export function PhaseTimeline({
  ctx,
  edition,
  Time,
  lastHeading,
  lastCell,
}: {
  ctx: PageContext;
  edition: EditionDetail;
  Time: typeof ZonedTime;
  lastHeading: string;
  lastCell: (phase: PhaseView) => ComponentChildren;
}) {
  const { t } = ctx;
  const zone = edition.timeZone;
  return (
    <div class="table-scroll">
      <table class="prize-timeline">
        <caption>{t("prizes.editions.timeline.caption", { zone })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("prizes.editions.timeline.phase")}</th>
            <th scope="col">{t("prizes.editions.timeline.opens")}</th>
            <th scope="col">{t("prizes.editions.timeline.closes")}</th>
            <th scope="col">{t("prizes.editions.timeline.state")}</th>
            <th scope="col">{lastHeading}</th>
          </tr>
        </thead>
        <tbody>
          {edition.phases.map((phase) => (
            <tr key={phase.phase} class={phase.state === "open" ? "prize-phase--open" : undefined}>
              <th scope="row">{phaseName(ctx, phase.phase)}</th>
              <td>
                <Time ctx={ctx} at={phase.startsAt} zone={zone} />
              </td>
              <td>
                <Time ctx={ctx} at={phase.endsAt} zone={zone} />
              </td>
              <td>
                <span class={`state state--${phase.state}`}>{t(`prizes.editions.state.${phase.state}`)}</span>
              </td>
              <td>{lastCell(phase)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
