import type { PageContext } from "../../ui/page-context.ts";
import type { Conflict } from "./conflicts.ts";
import { localPlace, sortConflicts } from "./schedule.presenter.ts";
import type { ScheduleSessionRow } from "./schedule.repo.ts";
import type { RoomRow, ScheduleEdition } from "./schedule.service.ts";
import type { PlaceCounts } from "./waitlist.repo.ts";

export const programmeBase = (edition: Pick<ScheduleEdition, "year">) =>
  `/forum/${edition.year}/secretariat/programme`;
export const sessionUrl = (edition: Pick<ScheduleEdition, "year">, number: number) =>
  `${programmeBase(edition)}/sessions/${number}`;

/** A venue day as people read it ("Monday 6 July 2026"); days are calendar dates, so UTC noon. */
export function dayLabel(ctx: PageContext, day: string): string {
  return new Intl.DateTimeFormat(ctx.lang, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00Z`));
}

/** "Monday 6 July 2026, 09:00–10:30" in venue time, or "not on the grid". */
export function placeText(ctx: PageContext, edition: ScheduleEdition, session: ScheduleSessionRow): string {
  const place = localPlace(session, edition.timeZone);
  if (!place) return ctx.t("forum.schedule.notPlaced");
  return ctx.t("forum.schedule.placeText", {
    day: dayLabel(ctx, place.day),
    start: place.start,
    end: place.end,
  });
}

/** A limited session's number of places: its own, else its room's seats (as joins count them). */
export const placesLimit = (
  session: Pick<ScheduleSessionRow, "capacity">,
  room: Pick<RoomRow, "capacity"> | undefined,
): number | null => session.capacity ?? room?.capacity ?? null;

/**
 * A session's places in words: with a limit, places taken of the limit and the waiting list;
 * without, the planned audience and any places still held from when there was one.
 */
export function PlacesText({
  ctx,
  session,
  room,
  counts,
}: {
  ctx: PageContext;
  session: Pick<ScheduleSessionRow, "capacity" | "places_limited">;
  room: Pick<RoomRow, "capacity"> | undefined;
  counts: PlaceCounts;
}) {
  const { t } = ctx;
  if (session.places_limited)
    return (
      <>
        {t("forum.schedule.placesTaken", {
          taken: counts.confirmed,
          limit: placesLimit(session, room) ?? 0,
          waiting: counts.waitlisted,
        })}
      </>
    );
  const parts = [t("forum.schedule.placesNotLimited")];
  if (session.capacity !== null) parts.push(t("forum.schedule.placesPlanned", { count: session.capacity }));
  if (counts.confirmed > 0) parts.push(t("forum.schedule.placesHeld", { count: counts.confirmed }));
  return <>{parts.join(" · ")}</>;
}

const sessionName = (ctx: PageContext, session: ScheduleSessionRow | undefined) =>
  session ? ctx.t("forum.schedule.sessionName", { number: session.number, title: session.title }) : "";

function conflictText(
  ctx: PageContext,
  conflict: Conflict,
  sessions: ReadonlyMap<string, ScheduleSessionRow>,
  rooms: ReadonlyMap<string, RoomRow>,
): string {
  const [first, second] = conflict.sessionIds.map((id) => sessions.get(id));
  const detail = conflict.detail;
  switch (detail.kind) {
    case "room_double_booked":
      return ctx.t("forum.schedule.conflict.room", {
        room: rooms.get(detail.roomId)?.name ?? "",
        first: sessionName(ctx, first),
        second: sessionName(ctx, second),
      });
    case "speaker_double_booked":
      return ctx.t("forum.schedule.conflict.speaker", {
        email: detail.email,
        first: sessionName(ctx, first),
        second: sessionName(ctx, second),
      });
    case "over_capacity":
      return ctx.t("forum.schedule.conflict.capacity", {
        session: sessionName(ctx, first),
        expected: detail.expected,
        room: rooms.get(detail.roomId)?.name ?? "",
        capacity: detail.capacity,
      });
    case "outside_room_hours":
      return ctx.t("forum.schedule.conflict.hours", {
        session: sessionName(ctx, first),
        room: rooms.get(detail.roomId)?.name ?? "",
        opens: detail.opensAt.slice(0, 5),
        closes: detail.closesAt.slice(0, 5),
      });
  }
}

/** The conflicts as sentences, each with links to the sessions it names. */
export function ConflictList({
  ctx,
  edition,
  conflicts,
  sessions,
  rooms,
  id,
}: {
  ctx: PageContext;
  edition: ScheduleEdition;
  conflicts: readonly Conflict[];
  sessions: readonly ScheduleSessionRow[];
  rooms: readonly RoomRow[];
  id?: string;
}) {
  if (conflicts.length === 0) return <p id={id}>{ctx.t("forum.schedule.noConflicts")}</p>;
  const byId = new Map(sessions.map((session) => [session.id, session]));
  const roomById = new Map(rooms.map((room) => [room.id, room]));
  return (
    <ul class="schedule-conflicts" id={id}>
      {sortConflicts(conflicts).map((conflict) => (
        <li key={`${conflict.kind}-${conflict.sessionIds.join("-")}-${JSON.stringify(conflict.detail)}`}>
          <strong>{ctx.t(`forum.schedule.kind.${conflict.kind}`)}</strong>{" "}
          {conflictText(ctx, conflict, byId, roomById)}{" "}
          {conflict.sessionIds.map((sessionId) => {
            const session = byId.get(sessionId);
            return session ? (
              <a key={sessionId} href={sessionUrl(edition, session.number)} class="schedule-conflict-link">
                {ctx.t("forum.schedule.editSession", { number: session.number })}
              </a>
            ) : null;
          })}
        </li>
      ))}
    </ul>
  );
}
