import { instantToLocal } from "../../platform/zoned-time.ts";

/**
 * Programme conflicts, computed from plain data so the scheduling pages, the save checks and the
 * bench share one rule. Every check sorts and sweeps (per room, per speaker) instead of comparing
 * all pairs of sessions: 250 sessions × 30 rooms takes a few milliseconds.
 */

export type ConflictKind =
  | "room_double_booked"
  | "speaker_double_booked"
  | "over_capacity"
  | "outside_room_hours";

/** A session as the checks see it; sessions without both instants are not placed and never conflict. */
export interface ConflictSession {
  id: string;
  roomId: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  /** The session's own expected attendance (its `capacity`), when it has one. */
  capacity: number | null;
  /** Cancelled sessions take no room and no speaker. */
  status?: string;
}

export interface ConflictRoom {
  id: string;
  capacity: number;
  /** Daily opening hours in venue time, `HH:MM` or `HH:MM:SS` (as the `time` column reads). */
  opensAt: string;
  closesAt: string;
}

export interface ConflictSpeaker {
  sessionId: string;
  email: string | null;
}

export type ConflictDetail =
  | { kind: "room_double_booked"; roomId: string }
  /** `email` lower-cased and trimmed, as speakers are matched. */
  | { kind: "speaker_double_booked"; email: string }
  | { kind: "over_capacity"; roomId: string; expected: number; capacity: number }
  | { kind: "outside_room_hours"; roomId: string; opensAt: string; closesAt: string };

export interface Conflict {
  kind: ConflictKind;
  /** The sessions involved: two for double bookings (earlier start first), one otherwise. */
  sessionIds: string[];
  detail: ConflictDetail;
}

export interface ConflictOptions {
  /** The venue's IANA zone, in which rooms' daily hours are read (default UTC). */
  timeZone?: string;
  /**
   * Confirmed places taken per session id (F5's count). Expected attendance is the larger of the
   * session's `capacity` and its places taken: people who hold a place will come even when the
   * planned number was lower (a limit lifted, or places booked before a move to a smaller room).
   */
  attendance?: ReadonlyMap<string, number>;
}

interface Placed {
  id: string;
  start: number;
  end: number;
}

const placed = (session: ConflictSession): Placed | null =>
  session.startsAt && session.endsAt && session.status !== "cancelled"
    ? { id: session.id, start: session.startsAt.getTime(), end: session.endsAt.getTime() }
    : null;

/**
 * The overlapping pairs of one group (a room's or a speaker's sessions): sorted by start, a sweep
 * keeps the sessions still running; each newcomer overlaps exactly those. Windows are [start, end):
 * a session ending at 10:00 and one starting at 10:00 do not overlap. Sorts `items` in place
 * (ties by end, then id, so reports come in a stable order).
 */
export function overlappingPairs<T extends { id: string; start: number; end: number }>(
  items: T[],
  report: (first: T, second: T) => void,
): void {
  items.sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
  let running: T[] = [];
  for (const item of items) {
    running = running.filter((other) => other.end > item.start);
    for (const other of running) report(other, item);
    running.push(item);
  }
}

/** Minutes since midnight of `HH:MM[:SS]`. */
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The local day and minute of `instant` in `timeZone`. */
function localClock(instant: Date, timeZone: string): { day: string; minute: number } {
  const local = instantToLocal(instant, timeZone);
  return { day: local.slice(0, 10), minute: minutesOf(local.slice(11, 16)) };
}

/**
 * Whether a session keeps within its room's daily hours in venue time: it starts and ends on the
 * same local day, not before opening nor after closing (a room closes before midnight, so a session
 * running past midnight is always outside). Local clocks come from the tz rules at each instant, so
 * a day when clocks change is judged by the time people actually read on the wall.
 */
export function withinRoomHours(
  startsAt: Date,
  endsAt: Date,
  room: Pick<ConflictRoom, "opensAt" | "closesAt">,
  timeZone: string,
): boolean {
  const start = localClock(startsAt, timeZone);
  const end = localClock(endsAt, timeZone);
  return (
    end.day === start.day && start.minute >= minutesOf(room.opensAt) && end.minute <= minutesOf(room.closesAt)
  );
}

/** The larger of the session's planned capacity and its places taken; null when neither is known. */
function expectedAttendance(
  session: ConflictSession,
  attendance: ReadonlyMap<string, number> | undefined,
): number | null {
  const taken = attendance?.get(session.id);
  if (taken === undefined) return session.capacity;
  return Math.max(taken, session.capacity ?? 0);
}

/**
 * Every conflict of a programme: rooms booked twice at once, a speaker (by lower-cased, trimmed
 * e-mail) in two overlapping sessions, expected attendance above the room's capacity, and sessions
 * outside their room's daily hours in venue time. Sessions without a room (remote) are only checked
 * for their speakers.
 */
export function detectConflicts(
  sessions: readonly ConflictSession[],
  rooms: readonly ConflictRoom[],
  speakers: readonly ConflictSpeaker[],
  options: ConflictOptions = {},
): Conflict[] {
  const timeZone = options.timeZone ?? "UTC";
  const conflicts: Conflict[] = [];
  const roomById = new Map(rooms.map((room) => [room.id, room]));
  const placedById = new Map<string, Placed>();
  const byRoom = new Map<string, Placed[]>();

  for (const session of sessions) {
    const slot = placed(session);
    const room = session.roomId === null ? undefined : roomById.get(session.roomId);
    const expected = expectedAttendance(session, options.attendance);
    if (room && session.status !== "cancelled" && expected !== null && expected > room.capacity)
      conflicts.push({
        kind: "over_capacity",
        sessionIds: [session.id],
        detail: { kind: "over_capacity", roomId: room.id, expected, capacity: room.capacity },
      });
    if (!slot) continue;
    placedById.set(slot.id, slot);
    if (!room) continue;
    const list = byRoom.get(room.id) ?? [];
    list.push(slot);
    byRoom.set(room.id, list);
    if (!withinRoomHours(session.startsAt as Date, session.endsAt as Date, room, timeZone))
      conflicts.push({
        kind: "outside_room_hours",
        sessionIds: [session.id],
        detail: {
          kind: "outside_room_hours",
          roomId: room.id,
          opensAt: room.opensAt,
          closesAt: room.closesAt,
        },
      });
  }

  for (const [roomId, list] of byRoom)
    overlappingPairs(list, (first, second) =>
      conflicts.push({
        kind: "room_double_booked",
        sessionIds: [first.id, second.id],
        detail: { kind: "room_double_booked", roomId },
      }),
    );

  const byEmail = new Map<string, Map<string, Placed>>();
  for (const speaker of speakers) {
    const email = speaker.email?.trim().toLowerCase();
    const slot = placedById.get(speaker.sessionId);
    if (!email || !slot) continue;
    const list = byEmail.get(email) ?? new Map<string, Placed>();
    list.set(slot.id, slot);
    byEmail.set(email, list);
  }
  for (const [email, list] of byEmail)
    if (list.size > 1)
      overlappingPairs([...list.values()], (first, second) =>
        conflicts.push({
          kind: "speaker_double_booked",
          sessionIds: [first.id, second.id],
          detail: { kind: "speaker_double_booked", email },
        }),
      );
  return conflicts;
}

/** The conflicts that involve `sessionId`. */
export function conflictsOf(conflicts: readonly Conflict[], sessionId: string): Conflict[] {
  return conflicts.filter((item) => item.sessionIds.includes(sessionId));
}
