import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { type FieldError, notFound, ValidationError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import {
  type Conflict,
  type ConflictSession,
  conflictsOf,
  detectConflicts,
  withinRoomHours,
} from "./conflicts.ts";
import { requireForumEdition } from "./editions.service.ts";
import { findRooms } from "./forum-editions.repo.ts";
import { parseForumYear } from "./ocp-edition.ts";
import {
  clearSlot,
  findSessionByNumber,
  listScheduleSessions,
  listSpeakers,
  lockRoom,
  type ScheduleSessionRow,
  type SpeakerRow,
  writeDetails,
  writeSlot,
} from "./schedule.repo.ts";
import { editionDays, readDetails, readSlot, type SlotInput, speakerField } from "./schedule-input.ts";
import { countPlaces, countPlacesByEdition, type PlaceCounts } from "./waitlist.repo.ts";
import { fillFreeSeats } from "./waitlist.service.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An edition as the scheduling pages use it: its venue zone made safe and its days listed. */
export interface ScheduleEdition {
  id: string;
  year: number;
  timeZone: string;
  days: string[];
}

/** The edition of `rawYear`, or 404 `forum_edition_not_found`. */
export async function loadScheduleEdition(db: Db, rawYear: unknown): Promise<ScheduleEdition> {
  const row = await requireForumEdition(db, parseForumYear(rawYear));
  return {
    id: row.id,
    year: row.year,
    timeZone: effectiveTimeZone(row.time_zone),
    days: editionDays(String(row.starts_on).slice(0, 10), String(row.ends_on).slice(0, 10)),
  };
}

/** A session of the edition by the number in the URL, or 404 `forum_session_not_found`. */
export async function loadScheduleSession(db: Db, edition: ScheduleEdition, raw: unknown, lock = false) {
  const number = typeof raw === "string" && /^[1-9][0-9]{0,4}$/.test(raw) ? Number(raw) : null;
  const row = number === null ? undefined : await findSessionByNumber(db, edition.id, number, lock);
  if (!row) throw notFound("forum_session_not_found");
  return row;
}

export type RoomRow = Awaited<ReturnType<typeof findRooms>>[number];

/** Everything the grid shows: sessions, rooms, speakers, places taken and the programme's conflicts. */
export interface ProgrammeState {
  sessions: ScheduleSessionRow[];
  rooms: RoomRow[];
  speakers: SpeakerRow[];
  /** Confirmed and waitlisted places per session id (sessions without any are absent). */
  places: ReadonlyMap<string, PlaceCounts>;
  conflicts: Conflict[];
}

/** Confirmed places taken per session: the attendance conflict detection compares with seats. */
export const attendanceOf = (places: ReadonlyMap<string, PlaceCounts>): Map<string, number> =>
  new Map([...places].map(([sessionId, counts]) => [sessionId, counts.confirmed]));

const asConflictSession = (row: ScheduleSessionRow): ConflictSession => ({
  id: row.id,
  roomId: row.room_id,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  capacity: row.capacity,
  status: row.status,
});

const asConflictRoom = (room: RoomRow) => ({
  id: room.id,
  capacity: room.capacity,
  opensAt: room.opens_at,
  closesAt: room.closes_at,
});

/** The conflicts of `sessions`; `attendance` is the confirmed places taken per session id. */
export function conflictsFor(
  edition: ScheduleEdition,
  sessions: readonly ScheduleSessionRow[],
  rooms: readonly RoomRow[],
  speakers: ReadonlyArray<Pick<SpeakerRow, "session_id" | "email">>,
  attendance: ReadonlyMap<string, number>,
): Conflict[] {
  return detectConflicts(
    sessions.map(asConflictSession),
    rooms.map(asConflictRoom),
    speakers.map((speaker) => ({ sessionId: speaker.session_id, email: speaker.email })),
    { timeZone: edition.timeZone, attendance },
  );
}

/**
 * The places taken in one session, as an attendance map: a save checks only the conflicts of the
 * session it changes, and its row lock (held by the caller) keeps that count exact meanwhile.
 */
async function sessionAttendance(db: Db, sessionId: string): Promise<Map<string, number>> {
  return new Map([[sessionId, (await countPlaces(db, sessionId)).confirmed]]);
}

/**
 * The conflicts one saved session is in, with the sessions they name. Only its own confirmed places
 * are counted: no other session's attendance decides a conflict this one is in.
 */
export async function savedSessionConflicts(
  db: Db,
  edition: ScheduleEdition,
  session: Pick<ScheduleSessionRow, "id">,
  rooms: readonly RoomRow[],
  confirmed: number,
): Promise<{ conflicts: Conflict[]; sessions: ScheduleSessionRow[] }> {
  const [sessions, speakers] = await Promise.all([
    listScheduleSessions(db, edition.id),
    listSpeakers(db, edition.id),
  ]);
  const attendance = new Map([[session.id, confirmed]]);
  return {
    conflicts: conflictsOf(conflictsFor(edition, sessions, rooms, speakers, attendance), session.id),
    sessions,
  };
}

/**
 * The edition's sessions, rooms, speakers, places and conflicts. Places are read for every session
 * in one grouped query, so "over capacity" weighs the people who hold a place, not only the plan.
 */
export async function loadProgramme(db: Db, edition: ScheduleEdition): Promise<ProgrammeState> {
  const [sessions, rooms, speakers, places] = await Promise.all([
    listScheduleSessions(db, edition.id),
    findRooms(db, edition.id),
    listSpeakers(db, edition.id),
    countPlacesByEdition(db, edition.id),
  ]);
  return {
    sessions,
    rooms,
    speakers,
    places,
    conflicts: conflictsFor(edition, sessions, rooms, speakers, attendanceOf(places)),
  };
}

const numberOf = (sessions: readonly ScheduleSessionRow[], id: string | undefined) =>
  sessions.find((session) => session.id === id)?.number ?? 0;
const otherOf = (conflict: Conflict, sessionId: string) => conflict.sessionIds.find((id) => id !== sessionId);

/** Audit shape of a session's place on the grid. */
const placeOf = (row: Pick<ScheduleSessionRow, "room_id" | "starts_at" | "ends_at" | "status">) => ({
  roomId: row.room_id,
  startsAt: row.starts_at?.toISOString() ?? null,
  endsAt: row.ends_at?.toISOString() ?? null,
  status: row.status,
});

export interface SaveOutcome {
  /** The conflicts the session is in after saving (only warnings can remain). */
  conflicts: Conflict[];
}

/** A placement's outcome with the rows it checked, so callers present it without reading them again. */
export interface ScheduleOutcome extends SaveOutcome {
  /** The session as saved. */
  session: ScheduleSessionRow;
  /** The edition's sessions, this one as saved. */
  sessions: ScheduleSessionRow[];
  rooms: RoomRow[];
}

/**
 * Places (or moves) a session: day, local start, length and room. Refused outright, next to the
 * start field, when the room is already taken then (`slot_overlap`, naming the other session) or
 * closed (`outside_room_hours`); a speaker busy elsewhere (`speaker_busy`) or more people expected
 * than the room seats (`over_capacity`) refuse it too unless `override` is "yes" ("save anyway").
 * The room row is locked, so concurrent placements into one room are checked one after the other.
 * Cancelled sessions cannot be placed. Audited as `forum.session_schedule`. A places-limited
 * session without a number of its own takes its room's seats, so a move to a bigger room frees
 * places: they go to its waiting list at once, in order (`baseUrl` starts the mails' links).
 */
export async function scheduleSession(
  db: Kysely<Database>,
  actor: Actor,
  edition: ScheduleEdition,
  rawNumber: unknown,
  input: SlotInput & { override?: unknown },
  ip: string | null,
  baseUrl = "",
): Promise<ScheduleOutcome> {
  const rooms = await findRooms(db, edition.id);
  const current = await loadScheduleSession(db, edition, rawNumber);
  const slot = readSlot(input, {
    days: edition.days,
    roomIds: new Set(rooms.map((room) => room.id)),
    timeZone: edition.timeZone,
    remote: current.mode === "remote",
  });
  const override = input.override === "yes";
  return db.transaction().execute(async (trx) => {
    const room = slot.roomId === null ? undefined : await lockRoom(trx, edition.id, slot.roomId);
    const session = await loadScheduleSession(trx, edition, rawNumber, true);
    if (session.status === "cancelled") throw new ValidationError([{ field: "day", code: "invalid_value" }]);
    const saved: ScheduleSessionRow = {
      ...session,
      room_id: slot.roomId,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      status: "scheduled",
    };
    const sessions = (await listScheduleSessions(trx, edition.id)).map((row) =>
      row.id === session.id ? saved : row,
    );
    const errors: FieldError[] = [];
    const overlapping = sessions.find(
      (row) =>
        row.id !== session.id &&
        row.status !== "cancelled" &&
        row.room_id !== null &&
        row.room_id === slot.roomId &&
        row.starts_at !== null &&
        row.ends_at !== null &&
        row.starts_at < slot.endsAt &&
        slot.startsAt < row.ends_at,
    );
    if (overlapping)
      errors.push({ field: "start", code: "slot_overlap", params: { number: overlapping.number } });
    else if (
      room &&
      !withinRoomHours(
        slot.startsAt,
        slot.endsAt,
        { opensAt: room.opens_at, closesAt: room.closes_at },
        edition.timeZone,
      )
    )
      errors.push({
        field: "start",
        code: "outside_room_hours",
        params: { opens: room.opens_at.slice(0, 5), closes: room.closes_at.slice(0, 5) },
      });
    if (errors.length > 0) throw new ValidationError(errors);
    const mine = conflictsOf(
      conflictsFor(
        edition,
        sessions,
        rooms,
        await listSpeakers(trx, edition.id),
        await sessionAttendance(trx, session.id),
      ),
      session.id,
    );
    const warnings = slotWarnings(mine, sessions, session.id);
    if (warnings.length > 0 && !override) throw new ValidationError(warnings);
    await writeSlot(trx, session.id, slot);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.session_schedule",
      subjectType: "forum_session",
      subjectId: session.id,
      before: placeOf(session),
      after: { ...placeOf(saved), savedAnyway: warnings.map((warning) => warning.code) },
      ip,
    });
    if (session.places_limited && session.capacity === null && room)
      await fillFreeSeats(
        trx,
        { ...session, edition_id: edition.id, capacity: room.capacity },
        { ip, baseUrl },
      );
    return { conflicts: mine, session: saved, sessions, rooms };
  });
}

/** The warnings a slot raises, one per field: capacity next to the room, a busy speaker next to the start. */
function slotWarnings(mine: readonly Conflict[], sessions: readonly ScheduleSessionRow[], sessionId: string) {
  const warnings: FieldError[] = [];
  for (const conflict of mine) {
    if (conflict.detail.kind === "over_capacity" && !warnings.some((item) => item.field === "room"))
      warnings.push({
        field: "room",
        code: "over_capacity",
        params: { expected: conflict.detail.expected, capacity: conflict.detail.capacity },
      });
    if (conflict.detail.kind === "speaker_double_booked" && !warnings.some((item) => item.field === "start"))
      warnings.push({
        field: "start",
        code: "speaker_busy",
        params: { email: conflict.detail.email, number: numberOf(sessions, otherOf(conflict, sessionId)) },
      });
  }
  return warnings;
}

/** Takes a session off the grid (back to an unplaced draft). Audited as `forum.session_unschedule`. */
export async function unscheduleSession(
  db: Kysely<Database>,
  actor: Actor,
  edition: ScheduleEdition,
  rawNumber: unknown,
  ip: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const session = await loadScheduleSession(trx, edition, rawNumber, true);
    if (session.status === "cancelled") throw new ValidationError([{ field: "day", code: "invalid_value" }]);
    await clearSlot(trx, session.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.session_unschedule",
      subjectType: "forum_session",
      subjectId: session.id,
      before: placeOf(session),
      after: placeOf({ room_id: null, starts_at: null, ends_at: null, status: "draft" }),
      ip,
    });
  });
}

/**
 * Renames a session and replaces its speakers (rows of the form). A speaker whose address (in any
 * case) already speaks in an overlapping session is a warning next to that row's e-mail field
 * (`speaker_busy`), saved only with `override` "yes". Audited as `forum.session_edit`.
 */
export async function editSessionDetails(
  db: Kysely<Database>,
  actor: Actor,
  edition: ScheduleEdition,
  rawNumber: unknown,
  body: Record<string, unknown>,
  rows: number,
  ip: string | null,
): Promise<SaveOutcome> {
  const details = readDetails(body, rows);
  const override = body.override === "yes";
  return db.transaction().execute(async (trx) => {
    const session = await loadScheduleSession(trx, edition, rawNumber, true);
    const sessions = await listScheduleSessions(trx, edition.id);
    const speakers = await listSpeakers(trx, edition.id);
    const others = speakers.filter((speaker) => speaker.session_id !== session.id);
    const proposed = details.speakers.map((speaker) => ({ session_id: session.id, email: speaker.email }));
    const rooms = await findRooms(trx, edition.id);
    const mine = conflictsOf(
      conflictsFor(
        edition,
        sessions,
        rooms,
        [...others, ...proposed],
        await sessionAttendance(trx, session.id),
      ),
      session.id,
    );
    const warnings: FieldError[] = [];
    for (const conflict of mine) {
      if (conflict.detail.kind !== "speaker_double_booked") continue;
      const email = conflict.detail.email;
      const index = details.speakers.findIndex((speaker) => speaker.email?.trim().toLowerCase() === email);
      const field = speakerField(details.rowOf[index] ?? 0, "email");
      if (!warnings.some((item) => item.field === field))
        warnings.push({
          field,
          code: "speaker_busy",
          params: { email, number: numberOf(sessions, otherOf(conflict, session.id)) },
        });
    }
    if (warnings.length > 0 && !override) throw new ValidationError(warnings);
    const before = speakers.filter((speaker) => speaker.session_id === session.id);
    await writeDetails(trx, session.id, details.title, details.speakers);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.session_edit",
      subjectType: "forum_session",
      subjectId: session.id,
      before: {
        title: session.title,
        speakers: before.map(({ name, email, organisation, role }) => ({ name, email, organisation, role })),
      },
      after: {
        title: details.title,
        speakers: details.speakers,
        savedAnyway: warnings.map((item) => item.code),
      },
      ip,
    });
    return { conflicts: mine };
  });
}
