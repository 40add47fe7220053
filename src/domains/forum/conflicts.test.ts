import { describe, expect, it } from "vitest";
import { localToInstant } from "../../platform/zoned-time.ts";
import {
  type Conflict,
  type ConflictRoom,
  type ConflictSession,
  type ConflictSpeaker,
  detectConflicts,
  withinRoomHours,
} from "./conflicts.ts";

const ZONE = "Europe/Zurich";
const local = (value: string, zone = ZONE) => {
  const result = localToInstant(value, zone);
  if (!result.ok) throw new Error(`bad local time ${value}`);
  return result.instant;
};
const room = (id: string, capacity = 100): ConflictRoom => ({
  id,
  capacity,
  opensAt: "08:00:00",
  closesAt: "20:00:00",
});
const session = (
  id: string,
  roomId: string | null,
  start: string,
  end: string,
  extra: Partial<ConflictSession> = {},
): ConflictSession => ({ id, roomId, startsAt: local(start), endsAt: local(end), capacity: null, ...extra });

const keyOf = (item: Conflict) => `${item.kind}:${item.sessionIds.join(",")}:${JSON.stringify(item.detail)}`;
const keys = (items: Conflict[]) => items.map(keyOf).sort();

describe("detectConflicts", () => {
  it("finds a room booked twice, and not back-to-back sessions", () => {
    const found = detectConflicts(
      [
        session("1", "r1", "2026-06-01T09:00", "2026-06-01T10:00"),
        session("2", "r1", "2026-06-01T09:30", "2026-06-01T11:00"),
        session("3", "r1", "2026-06-01T11:00", "2026-06-01T12:00"),
        session("4", "r2", "2026-06-01T09:00", "2026-06-01T10:00"),
      ],
      [room("r1"), room("r2")],
      [],
      { timeZone: ZONE },
    );
    expect(keys(found)).toEqual(['room_double_booked:1,2:{"kind":"room_double_booked","roomId":"r1"}']);
  });

  it("matches a speaker by e-mail whatever its case and spaces, in any room or none", () => {
    const found = detectConflicts(
      [
        session("1", "r1", "2026-06-01T09:00", "2026-06-01T10:00"),
        session("2", null, "2026-06-01T09:45", "2026-06-01T10:30"),
        session("3", "r2", "2026-06-01T10:00", "2026-06-01T11:00"),
      ],
      [room("r1"), room("r2")],
      [
        { sessionId: "1", email: "Ada@Example.org" },
        { sessionId: "2", email: " ada@example.ORG " },
        { sessionId: "3", email: "ADA@example.org" },
        { sessionId: "3", email: null },
      ],
      { timeZone: ZONE },
    );
    expect(found.map((item) => [item.kind, item.sessionIds])).toEqual([
      ["speaker_double_booked", ["1", "2"]],
      ["speaker_double_booked", ["2", "3"]],
    ]);
    expect(found[0]?.detail).toEqual({ kind: "speaker_double_booked", email: "ada@example.org" });
  });

  it("compares expected attendance (the larger of capacity and places taken) with the room's seats", () => {
    const sessions = [
      session("1", "r1", "2026-06-01T09:00", "2026-06-01T10:00", { capacity: 150 }),
      session("2", "r1", "2026-06-01T11:00", "2026-06-01T12:00", { capacity: 80 }),
      session("3", "r1", "2026-06-01T13:00", "2026-06-01T14:00"),
      session("4", "r1", "2026-06-01T15:00", "2026-06-01T16:00"),
    ];
    expect(
      detectConflicts(sessions, [room("r1")], [], { timeZone: ZONE }).map((item) => item.detail),
    ).toEqual([{ kind: "over_capacity", roomId: "r1", expected: 150, capacity: 100 }]);
    const attendance = new Map([
      ["1", 90],
      ["2", 101],
      ["3", 120],
      ["4", 100],
    ]);
    expect(
      detectConflicts(sessions, [room("r1")], [], { timeZone: ZONE, attendance }).map((item) => item.detail),
    ).toEqual([
      // Fewer places taken than planned: the plan still counts.
      { kind: "over_capacity", roomId: "r1", expected: 150, capacity: 100 },
      // More taken than planned, or taken without any plan: the people holding a place count.
      { kind: "over_capacity", roomId: "r1", expected: 101, capacity: 100 },
      { kind: "over_capacity", roomId: "r1", expected: 120, capacity: 100 },
    ]);
  });

  it("judges room hours in venue time, on the days clocks change too", () => {
    const r1 = room("r1");
    // 29 March 2026: Zurich goes from UTC+1 to UTC+2 at 02:00. 08:00–09:00 local is 06:00–07:00 UTC.
    expect(withinRoomHours(local("2026-03-29T08:00"), local("2026-03-29T09:00"), r1, ZONE)).toBe(true);
    expect(local("2026-03-29T08:00").toISOString()).toBe("2026-03-29T06:00:00.000Z");
    // Read with the day's opening offset (UTC+1) 06:30 UTC would be 07:30: the wall says 08:30.
    expect(
      withinRoomHours(new Date("2026-03-29T06:30:00Z"), new Date("2026-03-29T07:30:00Z"), r1, ZONE),
    ).toBe(true);
    expect(
      withinRoomHours(new Date("2026-03-29T05:30:00Z"), new Date("2026-03-29T06:30:00Z"), r1, ZONE),
    ).toBe(false);
    // 25 October 2026: back to UTC+1; 19:30–20:00 local is 18:30–19:00 UTC.
    expect(
      withinRoomHours(new Date("2026-10-25T18:30:00Z"), new Date("2026-10-25T19:00:00Z"), r1, ZONE),
    ).toBe(true);
    expect(
      withinRoomHours(new Date("2026-10-25T18:30:00Z"), new Date("2026-10-25T19:01:00Z"), r1, ZONE),
    ).toBe(false);
    // Past midnight is outside even when the clock reads an early hour.
    expect(withinRoomHours(local("2026-06-01T19:00"), local("2026-06-02T08:30"), r1, ZONE)).toBe(false);
    const found = detectConflicts(
      [
        session("1", "r1", "2026-06-01T07:30", "2026-06-01T09:00"),
        session("2", null, "2026-06-01T05:00", "2026-06-01T06:00"),
      ],
      [r1],
      [],
      { timeZone: ZONE },
    );
    expect(found.map((item) => [item.kind, item.sessionIds])).toEqual([["outside_room_hours", ["1"]]]);
  });

  it("ignores unplaced and cancelled sessions", () => {
    const found = detectConflicts(
      [
        session("1", "r1", "2026-06-01T09:00", "2026-06-01T10:00"),
        session("2", "r1", "2026-06-01T09:00", "2026-06-01T10:00", { status: "cancelled", capacity: 500 }),
        { id: "3", roomId: "r1", startsAt: null, endsAt: null, capacity: null },
      ],
      [room("r1")],
      [
        { sessionId: "1", email: "a@x.org" },
        { sessionId: "2", email: "a@x.org" },
        { sessionId: "3", email: "a@x.org" },
      ],
      { timeZone: ZONE },
    );
    expect(found).toEqual([]);
  });
});

/** A tiny seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A random programme over two days in UTC+14 or a DST-changing zone. */
function programme(seed: number, sessionCount: number, roomCount: number) {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const rooms: ConflictRoom[] = Array.from({ length: roomCount }, (_, index) => ({
    id: `r${index}`,
    capacity: 50 + pick(4) * 50,
    opensAt: `${String(7 + pick(3)).padStart(2, "0")}:00:00`,
    closesAt: `${String(17 + pick(4)).padStart(2, "0")}:30:00`,
  }));
  const base = Date.parse("2026-03-28T00:00:00Z");
  const sessions: ConflictSession[] = Array.from({ length: sessionCount }, (_, index) => {
    const start = base + pick(2 * 24 * 4) * 15 * 60_000;
    const placedSession = pick(10) > 0;
    return {
      id: String(index + 1),
      roomId: pick(8) === 0 ? null : `r${pick(roomCount)}`,
      startsAt: placedSession ? new Date(start) : null,
      endsAt: placedSession ? new Date(start + (1 + pick(8)) * 15 * 60_000) : null,
      capacity: pick(3) === 0 ? null : 20 + pick(10) * 25,
      ...(pick(15) === 0 ? { status: "cancelled" } : {}),
    };
  });
  const emails = ["a@x.org", "A@x.org", "b@x.org", "c@x.org ", "D@X.ORG", "d@x.org"];
  const speakers: ConflictSpeaker[] = sessions.flatMap((item) =>
    Array.from({ length: pick(3) }, () => ({
      sessionId: item.id,
      email: pick(6) === 0 ? null : (emails[pick(6)] ?? null),
    })),
  );
  // Places taken for some sessions: below, at and above their capacity and the rooms' seats.
  const attendance = new Map(
    sessions.filter(() => pick(3) === 0).map((item) => [item.id, pick(12) * 25] as [string, number]),
  );
  return { rooms, sessions, speakers, attendance };
}

/** The definition, pair by pair (O(n²)): what the sweep must agree with. */
function oracle(
  sessions: readonly ConflictSession[],
  rooms: readonly ConflictRoom[],
  speakers: readonly ConflictSpeaker[],
  timeZone: string,
  attendance: ReadonlyMap<string, number> = new Map(),
): Conflict[] {
  const out: Conflict[] = [];
  const live = sessions.filter((item) => item.startsAt && item.endsAt && item.status !== "cancelled");
  const roomOf = (id: string | null) => rooms.find((item) => item.id === id);
  for (const item of sessions) {
    const r = roomOf(item.roomId);
    const known = [item.capacity, attendance.get(item.id)].filter((value) => typeof value === "number");
    const expected = known.length === 0 ? null : Math.max(...known);
    if (r && item.status !== "cancelled" && expected !== null && expected > r.capacity)
      out.push({
        kind: "over_capacity",
        sessionIds: [item.id],
        detail: { kind: "over_capacity", roomId: r.id, expected, capacity: r.capacity },
      });
  }
  for (const item of live) {
    const r = roomOf(item.roomId);
    if (r && !withinRoomHours(item.startsAt as Date, item.endsAt as Date, r, timeZone))
      out.push({
        kind: "outside_room_hours",
        sessionIds: [item.id],
        detail: { kind: "outside_room_hours", roomId: r.id, opensAt: r.opensAt, closesAt: r.closesAt },
      });
  }
  const overlap = (a: ConflictSession, b: ConflictSession) =>
    (a.startsAt as Date) < (b.endsAt as Date) && (b.startsAt as Date) < (a.endsAt as Date);
  const emailsOf = (id: string) =>
    new Set(
      speakers
        .filter((item) => item.sessionId === id && item.email?.trim())
        .map((item) => (item.email as string).trim().toLowerCase()),
    );
  for (const [i, a] of live.entries())
    for (const b of live.slice(i + 1)) {
      if (!overlap(a, b)) continue;
      // Pairs are reported as a sorted set: the oracle does not know the sweep's order.
      const ids = [a.id, b.id].sort();
      if (a.roomId !== null && a.roomId === b.roomId && roomOf(a.roomId))
        out.push({
          kind: "room_double_booked",
          sessionIds: ids,
          detail: { kind: "room_double_booked", roomId: a.roomId },
        });
      const theirs = emailsOf(b.id);
      for (const email of emailsOf(a.id))
        if (theirs.has(email))
          out.push({
            kind: "speaker_double_booked",
            sessionIds: ids,
            detail: { kind: "speaker_double_booked", email },
          });
    }
  return out;
}

const unordered = (items: Conflict[]) =>
  keys(items.map((item) => ({ ...item, sessionIds: [...item.sessionIds].sort() })));

describe("detectConflicts against the pairwise definition", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])("agrees on random programme %i", (seed) => {
    const { rooms, sessions, speakers, attendance } = programme(seed, 10 + seed * 3, 1 + (seed % 4));
    const timeZone = seed % 2 === 0 ? ZONE : "Pacific/Kiritimati";
    const fast = detectConflicts(sessions, rooms, speakers, { timeZone });
    expect(unordered(fast)).toEqual(unordered(oracle(sessions, rooms, speakers, timeZone)));
    expect(unordered(detectConflicts(sessions, rooms, speakers, { timeZone, attendance }))).toEqual(
      unordered(oracle(sessions, rooms, speakers, timeZone, attendance)),
    );
    // Double bookings name the earlier session first.
    for (const item of fast.filter((c) => c.sessionIds.length === 2)) {
      const [first, second] = item.sessionIds.map(
        (id) => sessions.find((s) => s.id === id)?.startsAt as Date,
      );
      expect((first as Date).getTime()).toBeLessThanOrEqual((second as Date).getTime());
    }
  });

  it("handles a full-size programme (250 sessions, 30 rooms) with the same answer", () => {
    const { rooms, sessions, speakers } = programme(99, 250, 30);
    const fast = detectConflicts(sessions, rooms, speakers, { timeZone: ZONE });
    expect(unordered(fast)).toEqual(unordered(oracle(sessions, rooms, speakers, ZONE)));
    expect(fast.length).toBeGreaterThan(0);
  });
});
