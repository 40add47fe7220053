import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";

let t: TestApp;
let secretariat: Browser;

beforeAll(async () => {
  t = await createTestApp();
  secretariat = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

const api = (year: number) => `/api/v1/forum/editions/${year}`;

describe("the programme API", () => {
  it("places sessions, refuses overlaps, warns of busy speakers, lists conflicts and publishes", async () => {
    const e = await makeForumEdition(t.db, { startsOn: "2026-07-06", days: 2, timeZone: "Europe/Zurich" });
    const [roomA, roomB] = e.rooms.map((room) => room.id) as [string, string];
    const first = await makeForumSession(t.db, e, {
      speakers: [{ name: "Ada", email: "Ada@Example.org", role: "moderator" }],
    });
    const second = await makeForumSession(t.db, e, {
      speakers: [{ name: "Ada", email: "ada@example.ORG", role: "panellist" }],
    });
    const slot = (number: number, body: Record<string, unknown>) =>
      secretariat.api("PUT", `${api(e.year)}/sessions/${number}/slot`, body);

    const placed = await slot(first.number, { day: "2026-07-06", start: "09:00", duration: 60, room: roomA });
    expect(placed.statusCode).toBe(200);
    expect(placed.json()).toEqual({
      number: first.number,
      startsAt: "2026-07-06T07:00:00.000Z",
      endsAt: "2026-07-06T08:00:00.000Z",
      conflicts: [],
    });
    const overlap = await slot(second.number, {
      day: "2026-07-06",
      start: "09:30",
      duration: 60,
      room: roomA,
      saveAnyway: true,
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json()).toMatchObject({
      code: "validation_failed",
      errors: [{ field: "start", code: "slot_overlap" }],
    });
    const busy = await slot(second.number, { day: "2026-07-06", start: "09:30", duration: 60, room: roomB });
    expect(busy.statusCode).toBe(400);
    expect(busy.json().errors).toEqual([
      {
        field: "start",
        code: "speaker_busy",
        message: `ada@example.org already speaks in session ${first.number} at that time`,
      },
    ]);
    const forced = await slot(second.number, {
      day: "2026-07-06",
      start: "09:30",
      duration: 60,
      room: roomB,
      saveAnyway: true,
    });
    expect(forced.statusCode).toBe(200);
    expect(forced.json().conflicts).toEqual([
      { kind: "speaker_double_booked", sessions: [first.number, second.number], email: "ada@example.org" },
    ]);
    const conflicts = await secretariat.api("GET", `${api(e.year)}/programme/conflicts`);
    expect(conflicts.statusCode).toBe(200);
    expect(conflicts.json().conflicts).toHaveLength(1);

    const bad = await slot(second.number, { day: "2026-07-06", start: "9h", duration: 2, room: "999999" });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json().errors.map((error: { field: string; code: string }) => [error.field, error.code]),
    ).toEqual([
      ["start", "invalid_value"],
      ["duration", "out_of_range"],
      ["room", "unknown_code"],
    ]);
    expect(
      (await slot(999, { day: "2026-07-06", start: "09:00", duration: 60, room: roomA })).statusCode,
    ).toBe(404);
    expect((await secretariat.api("GET", `${api(2001)}/programme/conflicts`)).statusCode).toBe(404);

    const published = await secretariat.api("POST", `${api(e.year)}/programme/versions`);
    expect(published.statusCode).toBe(201);
    expect(published.json()).toEqual({ version: 1, sessions: 2 });
    const again = await secretariat.api("POST", `${api(e.year)}/programme/versions`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("forum_programme_unchanged");
  });

  it("is the secretariat's only", async () => {
    const e = await makeForumEdition(t.db);
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    const answer = await user.api("GET", `${api(e.year)}/programme/conflicts`);
    expect(answer.statusCode).toBe(403);
    expect(answer.json().code).toBe("forbidden");
    const publish = await user.api("POST", `${api(e.year)}/programme/versions`);
    expect(publish.statusCode).toBe(403);
  });
});
