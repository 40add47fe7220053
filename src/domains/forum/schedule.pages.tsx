import { formatInZone } from "../../platform/zoned-time.ts";
import { ASSETS } from "../../ui/assets.ts";
import { CsrfField, ErrorSummary, FieldNotes, type FormErrors } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import type { ProgrammeChanges } from "./programme-changes.ts";
import { buildDayGrid, conflictCounts, localPlace } from "./schedule.presenter.ts";
import type { ScheduleSessionRow } from "./schedule.repo.ts";
import type { ProgrammeState, ScheduleEdition } from "./schedule.service.ts";
import { ConflictList, dayLabel, placesLimit, programmeBase, sessionUrl } from "./schedule-components.tsx";
import type { PlaceCounts } from "./waitlist.repo.ts";

export interface VersionSummary {
  version: number;
  published_at: Date | string;
  published_by_name: string | null;
  session_count: number;
}

function SessionCard({
  ctx,
  edition,
  session,
  conflicts,
  places,
}: {
  ctx: PageContext;
  edition: ScheduleEdition;
  session: ScheduleSessionRow;
  conflicts: number;
  /** For a session with limited places: places taken, the limit and the waiting list. */
  places: (PlaceCounts & { limit: number }) | null;
}) {
  const place = localPlace(session, edition.timeZone);
  return (
    <div
      class={conflicts > 0 ? "schedule-session schedule-session--conflict" : "schedule-session"}
      data-slot-action={`${sessionUrl(edition, session.number)}/slot`}
      data-duration={place ? String(place.minutes) : "60"}
    >
      <a href={sessionUrl(edition, session.number)}>
        {ctx.t("forum.schedule.sessionName", { number: session.number, title: session.title })}
      </a>
      {place ? (
        <>
          {" "}
          <span class="muted" dir="ltr">{`${place.start}–${place.end}`}</span>
        </>
      ) : null}
      {places ? (
        <>
          {" "}
          <span class="muted">
            {ctx.t("forum.schedule.placesBadge", {
              taken: places.confirmed,
              limit: places.limit,
              waiting: places.waitlisted,
            })}
          </span>
        </>
      ) : null}
      {conflicts > 0 ? (
        <span class="schedule-badge">{ctx.t("forum.schedule.conflictCount", { count: conflicts })}</span>
      ) : null}
    </div>
  );
}

/**
 * The secretariat's programme grid for one venue day: a table with a column per room and a row per
 * half hour (real headers, so screen readers announce room and time for every cell), the unplaced
 * drafts beside it, the conflicts of the whole programme, and publication. Placing a session is its
 * own page's form; `forum-schedule.js` adds drag and drop, submitting that same form.
 */
export function ProgrammeGridPage({
  ctx,
  edition,
  day,
  state,
  versions,
  changes,
  publishErrors,
  publishProblem,
}: {
  ctx: PageContext;
  edition: ScheduleEdition;
  day: string;
  state: ProgrammeState;
  versions: VersionSummary[];
  changes: ProgrammeChanges | null;
  publishErrors: FormErrors;
  /** The error code of a refused publication (nothing scheduled, nothing changed). */
  publishProblem?: string | undefined;
}) {
  const { t } = ctx;
  const base = programmeBase(edition);
  const title = t("forum.schedule.title", { year: edition.year });
  const grid = buildDayGrid(day, state.sessions, state.rooms, edition.timeZone);
  const counts = conflictCounts(state.conflicts);
  const drafts = state.sessions.filter((session) => session.status === "draft");
  const roomById = new Map(state.rooms.map((room) => [room.id, room]));
  const placesOf = (session: ScheduleSessionRow) => {
    const room = session.room_id === null ? undefined : roomById.get(session.room_id);
    const limit = placesLimit(session, room);
    if (!session.places_limited || limit === null) return null;
    return { confirmed: 0, waitlisted: 0, ...state.places.get(session.id), limit };
  };
  const card = (session: ScheduleSessionRow) => (
    <SessionCard
      key={session.id}
      ctx={ctx}
      edition={edition}
      session={session}
      conflicts={counts.get(session.id) ?? 0}
      places={placesOf(session)}
    />
  );
  return (
    <Layout ctx={ctx} title={title} scripts={[ASSETS.forumScheduleJs.url]}>
      <h1>{title}</h1>
      <p class="lead">{t("forum.schedule.lead", { zone: edition.timeZone })}</p>
      <nav aria-label={t("forum.schedule.days")}>
        <ul class="tags">
          {edition.days.map((item) => (
            <li key={item}>
              <a href={`${base}?day=${item}`} aria-current={item === day ? "page" : undefined}>
                {dayLabel(ctx, item)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form id="schedule-move" method="post" hidden>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="day" value="" />
        <input type="hidden" name="start" value="" />
        <input type="hidden" name="duration" value="" />
        <input type="hidden" name="room" value="" />
        <input type="hidden" name="return" value="grid" />
      </form>
      <div class="schedule-layout">
        <section aria-labelledby="drafts-title" class="schedule-drafts">
          <h2 id="drafts-title">{t("forum.schedule.drafts", { count: drafts.length })}</h2>
          {drafts.length === 0 ? (
            <p>{t("forum.schedule.noDrafts")}</p>
          ) : (
            <ul class="schedule-draft-list">
              {drafts.map((session) => (
                <li key={session.id}>{card(session)}</li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="grid-title">
          <h2 id="grid-title">{dayLabel(ctx, day)}</h2>
          <p class="muted">{t("forum.schedule.gridHint")}</p>
          {state.rooms.length === 0 ? (
            <p>{t("forum.schedule.noRooms")}</p>
          ) : (
            <TableScroll labelledBy="grid-caption">
              <table class="schedule-grid">
                <caption id="grid-caption">
                  {t("forum.schedule.gridCaption", { day: dayLabel(ctx, day), zone: edition.timeZone })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("forum.schedule.time")}</th>
                    {state.rooms.map((room) => (
                      <th scope="col" key={room.id}>
                        {room.name}
                        <span class="muted"> {t("forum.schedule.seats", { count: room.capacity })}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {grid.slots.map((slot, row) => (
                    <tr key={slot}>
                      <th scope="row">{slot}</th>
                      {state.rooms.map((room, column) => {
                        const cell = grid.cells[row]?.[column];
                        return (
                          <td key={room.id} data-day={day} data-start={slot} data-room={room.id}>
                            {cell?.starting.map(card)}
                            {cell?.continuing.map((session) => (
                              <span class="muted schedule-continues" key={session.id}>
                                {t("forum.schedule.continues", { number: session.number })}
                              </span>
                            ))}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {grid.roomless.length > 0 ? (
            <>
              <h3>{t("forum.schedule.remote")}</h3>
              <ul>
                {grid.roomless.map((session) => (
                  <li key={session.id}>{card(session)}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
      <section aria-labelledby="conflicts-title">
        <h2 id="conflicts-title">{t("forum.schedule.conflicts", { count: state.conflicts.length })}</h2>
        <ConflictList
          ctx={ctx}
          edition={edition}
          conflicts={state.conflicts}
          sessions={state.sessions}
          rooms={state.rooms}
        />
      </section>
      <PublishSection
        ctx={ctx}
        edition={edition}
        versions={versions}
        changes={changes}
        errors={publishErrors}
        problem={publishProblem}
      />
    </Layout>
  );
}

function PublishSection({
  ctx,
  edition,
  versions,
  changes,
  errors,
  problem,
}: {
  ctx: PageContext;
  edition: ScheduleEdition;
  versions: VersionSummary[];
  changes: ProgrammeChanges | null;
  errors: FormErrors;
  problem: string | undefined;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="publish-title">
      <h2 id="publish-title">{t("forum.schedule.publishTitle")}</h2>
      {versions.length === 0 ? (
        <p>{t("forum.schedule.neverPublished")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>{t("forum.schedule.versions")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("forum.schedule.version")}</th>
                <th scope="col">{t("forum.schedule.publishedAt")}</th>
                <th scope="col">{t("forum.schedule.publishedBy")}</th>
                <th scope="col">{t("forum.schedule.sessionCount")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.version}>
                  <th scope="row">{ctx.formatNumber(version.version)}</th>
                  <td>{formatInZone(new Date(version.published_at), ctx.lang, edition.timeZone)}</td>
                  <td>{version.published_by_name ?? "—"}</td>
                  <td>{ctx.formatNumber(Number(version.session_count))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {changes ? (
        <p>
          {t("forum.schedule.changesSummary", {
            from: changes.from,
            to: changes.to,
            added: changes.added.length,
            removed: changes.removed.length,
            moved: changes.moved.length,
            renamed: changes.renamed.length,
          })}
        </p>
      ) : null}
      <form method="post" action={`${programmeBase(edition)}/publish`} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <ErrorSummary ctx={ctx} errors={errors} />
        {problem ? (
          <div class="notice notice--error" role="alert">
            {t(`errors.${problem}`)}
          </div>
        ) : null}
        <p>{t("forum.schedule.publishLead")}</p>
        <div class="field">
          <FieldNotes ctx={ctx} name="confirm" error={errors.confirm} />
          <div class="choice">
            <input
              type="checkbox"
              id="field-confirm"
              name="confirm"
              value="yes"
              aria-invalid={errors.confirm ? "true" : undefined}
              aria-describedby={errors.confirm ? "confirm-error" : undefined}
            />
            <label for="field-confirm">{t("forum.schedule.publishConfirm")}</label>
          </div>
        </div>
        <div class="actions">
          <button type="submit" class="button">
            {t("forum.schedule.publishSubmit")}
          </button>
        </div>
      </form>
    </section>
  );
}
