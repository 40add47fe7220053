import { describe, expect, it } from "vitest";
import { findClashes } from "./agenda-clashes.ts";
import { type ProgrammeSession, sessionRevisions } from "./programme-snapshot.ts";

const session = (
  id: string,
  start: string,
  end: string,
  extra: Partial<ProgrammeSession> = {},
): ProgrammeSession => ({
  id,
  number: Number(id),
  title: `Session ${id}`,
  type: "thematic_workshop",
  track: null,
  mode: "hybrid",
  room: "Room A",
  startsAt: new Date(start),
  endsAt: new Date(end),
  speakers: [],
  actionLines: [],
  sdgs: [],
  ...extra,
});
const at = (iso: string) => new Date(iso);

describe("session revisions over published versions (iCal SEQUENCE)", () => {
  it("keeps the sequence while a session stays put and raises it on each move, removal and return", () => {
    const a = session("1", "2026-07-07T07:00:00Z", "2026-07-07T08:00:00Z");
    const b = session("2", "2026-07-07T09:00:00Z", "2026-07-07T10:00:00Z");
    const moved = { ...a, startsAt: at("2026-07-08T07:00:00Z"), endsAt: at("2026-07-08T08:00:00Z") };
    const versions = [
      { version: 1, publishedAt: at("2026-06-01T00:00:00Z"), sessions: [a, b] },
      { version: 2, publishedAt: at("2026-06-02T00:00:00Z"), sessions: [a, b] },
      { version: 3, publishedAt: at("2026-06-03T00:00:00Z"), sessions: [moved, { ...b, room: "Room B" }] },
      { version: 4, publishedAt: at("2026-06-04T00:00:00Z"), sessions: [moved] },
    ];
    const revisions = sessionRevisions(versions);
    expect(revisions.get("1")).toMatchObject({
      sequence: 1,
      removed: false,
      lastModified: at("2026-06-03T00:00:00Z"),
    });
    expect(revisions.get("1")?.session.startsAt).toEqual(at("2026-07-08T07:00:00Z"));
    expect(revisions.get("2")).toMatchObject({
      sequence: 2,
      removed: true,
      lastModified: at("2026-06-04T00:00:00Z"),
    });
    expect(revisions.get("2")?.session.room).toBe("Room B");
    const back = sessionRevisions([
      ...versions,
      { version: 5, publishedAt: at("2026-06-05T00:00:00Z"), sessions: [moved, b] },
    ]);
    expect(back.get("2")).toMatchObject({ sequence: 3, removed: false });
  });
});

describe("agenda clashes", () => {
  it("reports overlapping pairs both ways and not back-to-back sessions", () => {
    const slot = (key: string, start: string, end: string) => ({
      key,
      startsAt: at(`2026-07-07T${start}:00Z`),
      endsAt: at(`2026-07-07T${end}:00Z`),
    });
    const clashes = findClashes([
      slot("a", "09:00", "10:00"),
      slot("b", "10:00", "11:00"),
      slot("c", "09:30", "10:30"),
      slot("d", "12:00", "13:00"),
    ]);
    expect(clashes.get("a")).toEqual(["c"]);
    expect(clashes.get("b")).toEqual(["c"]);
    expect(clashes.get("c")?.sort()).toEqual(["a", "b"]);
    expect(clashes.has("d")).toBe(false);
  });
});
