import { instantToLocal } from "../../platform/zoned-time.ts";
import type { Conflict } from "./conflicts.ts";
import type { ScheduleSessionRow } from "./schedule.repo.ts";
import type { RoomRow } from "./schedule.service.ts";

/** The grid's rows are half-hour slots. */
export const SLOT_MINUTES = 30;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const two = (value: number) => String(value).padStart(2, "0");
/** `HH:MM` of minutes since midnight. */
export const clockOf = (minutes: number) => `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;

/** A session's venue day and local start/end (`HH:MM`) in `timeZone`. */
export function localPlace(session: Pick<ScheduleSessionRow, "starts_at" | "ends_at">, timeZone: string) {
  if (!session.starts_at || !session.ends_at) return null;
  const start = instantToLocal(session.starts_at, timeZone);
  const end = instantToLocal(session.ends_at, timeZone);
  return {
    day: start.slice(0, 10),
    start: start.slice(11, 16),
    end: end.slice(11, 16),
    endDay: end.slice(0, 10),
    minutes: Math.round((session.ends_at.getTime() - session.starts_at.getTime()) / 60_000),
  };
}

export interface GridCell {
  /** Sessions starting in this slot. */
  starting: ScheduleSessionRow[];
  /** Sessions that started earlier and still run in this slot. */
  continuing: ScheduleSessionRow[];
}

export interface DayGrid {
  /** Slot starts, `HH:MM`. */
  slots: string[];
  /** cells[slot][room] */
  cells: GridCell[][];
  /** The day's sessions without a room (remote). */
  roomless: ScheduleSessionRow[];
}

/**
 * The grid of one venue day: half-hour rows from the earliest opening to the latest closing (wider
 * when a session lies outside those hours, so nothing placed is hidden), a column per room.
 */
export function buildDayGrid(
  day: string,
  sessions: readonly ScheduleSessionRow[],
  rooms: readonly RoomRow[],
  timeZone: string,
): DayGrid {
  const placed = sessions
    .filter((session) => session.status !== "cancelled")
    .map((session) => ({ session, place: localPlace(session, timeZone) }))
    .filter((item) => item.place?.day === day);
  let first = Math.min(24 * 60, ...rooms.map((room) => minutesOf(room.opens_at)));
  let last = Math.max(0, ...rooms.map((room) => minutesOf(room.closes_at)));
  for (const { place } of placed) {
    if (!place) continue;
    first = Math.min(first, minutesOf(place.start));
    last = Math.max(last, place.endDay === day ? minutesOf(place.end) : 24 * 60);
  }
  if (first >= last) [first, last] = [8 * 60, 20 * 60];
  first = Math.floor(first / SLOT_MINUTES) * SLOT_MINUTES;
  last = Math.ceil(last / SLOT_MINUTES) * SLOT_MINUTES;
  const slots: string[] = [];
  for (let minute = first; minute < last; minute += SLOT_MINUTES) slots.push(clockOf(minute));
  const cells = slots.map((slot) =>
    rooms.map((room) => {
      const from = minutesOf(slot);
      const cell: GridCell = { starting: [], continuing: [] };
      for (const { session, place } of placed) {
        if (!place || session.room_id !== room.id) continue;
        const start = minutesOf(place.start);
        const end = place.endDay === day ? minutesOf(place.end) : 24 * 60;
        if (start >= from && start < from + SLOT_MINUTES) cell.starting.push(session);
        else if (start < from && end > from) cell.continuing.push(session);
      }
      return cell;
    }),
  );
  const roomless = placed.filter((item) => item.session.room_id === null).map((item) => item.session);
  return { slots, cells, roomless };
}

/** How many conflicts each session is in. */
export function conflictCounts(conflicts: readonly Conflict[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const conflict of conflicts)
    for (const id of conflict.sessionIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Conflicts ordered for reading: refusals first (rooms, hours), then warnings. */
const ORDER = ["room_double_booked", "outside_room_hours", "speaker_double_booked", "over_capacity"];
export function sortConflicts(conflicts: readonly Conflict[]): Conflict[] {
  return [...conflicts].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
}
