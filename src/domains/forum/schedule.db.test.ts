import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { expectFieldError } from "../prizes/review-http.testing.ts";
import { makeForumEdition, makeForumSession, type TestForumEdition } from "./forum.testing.ts";

let t: TestApp;
let secretariat: Browser;

beforeAll(async () => {
  t = await createTestApp();
  secretariat = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

// 28–30 March 2026 in Zurich: clocks go from UTC+1 to UTC+2 at 02:00 on the 29th.
const edition = () => makeForumEdition(t.db, { startsOn: "2026-03-28", days: 3, timeZone: "Europe/Zurich" });
const base = (e: TestForumEdition) => `/forum/${e.year}/secretariat/programme`;
const sessionPage = (e: TestForumEdition, number: number) => `${base(e)}/sessions/${number}`;
const room = (e: TestForumEdition, index: number) => e.rooms[index]?.id as string;

async function place(e: TestForumEdition, number: number, fields: Record<string, string>) {
  const url = sessionPage(e, number);
  return secretariat.submit(url, `${url}/slot`, { duration: "60", room: room(e, 0), ...fields });
}

const row = (id: string) =>
  t.db
    .selectFrom("forum_sessions")
    .select(["status", "room_id", "starts_at", "ends_at", "title"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

const audits = async (action: string, subjectId: string) =>
  (
    await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", action)
      .where("subject_id", "=", subjectId)
      .execute()
  ).length;

describe("the programme grid", () => {
  it("is a table of rooms by half hour, with the drafts beside it, for the secretariat only", async () => {
    const e = await edition();
    const draft = await makeForumSession(t.db, e, { title: "Unplaced draft" });
    await makeForumSession(t.db, e, {
      title: "Placed talk",
      roomId: room(e, 1),
      startsAt: new Date("2026-03-30T07:00:00Z"),
    });
    const page = await secretariat.get(`${base(e)}?day=2026-03-30`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<th scope="col">Room B');
    expect(page.body).toContain('<th scope="row">09:00</th>');
    expect(page.body).toContain(`Session ${draft.number}: Unplaced draft`);
    expect(page.body).toMatch(
      /data-day="2026-03-30" data-start="09:00" data-room="\d+"><div class="schedule-session"/,
    );
    expect(page.body).toMatch(/<script src="\/assets\/forum-schedule\.[0-9a-f]{12}\.js" defer/);
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await user.get(base(e))).statusCode).toBe(403);
    expect((await new Browser(t.app).get(base(e))).statusCode).toBe(303);
    expect((await secretariat.get(sessionPage(e, 999))).statusCode).toBe(404);
    expect((await secretariat.get("/forum/1999/secretariat/programme")).statusCode).toBe(404);
  });
});

describe("placing a session", () => {
  it("stores the venue time as an instant, on a clock-change day too, and audits it", async () => {
    const e = await edition();
    const session = await makeForumSession(t.db, e);
    const saved = await place(e, session.number, { day: "2026-03-30", start: "09:00", duration: "90" });
    expect(saved.statusCode).toBe(303);
    expect(await row(session.id)).toMatchObject({
      status: "scheduled",
      room_id: room(e, 0),
      starts_at: new Date("2026-03-30T07:00:00Z"),
      ends_at: new Date("2026-03-30T08:30:00Z"),
    });
    // The 29th starts on winter time and ends on summer time: 08:00 there is 06:00 UTC.
    const other = await makeForumSession(t.db, e);
    expect((await place(e, other.number, { day: "2026-03-29", start: "08:00" })).statusCode).toBe(303);
    expect((await row(other.id)).starts_at).toEqual(new Date("2026-03-29T06:00:00Z"));
    expect(await audits("forum.session_schedule", session.id)).toBe(1);
  });

  it("refuses an overlapping slot in the same room (and keeps back-to-back ones)", async () => {
    const e = await edition();
    const first = await makeForumSession(t.db, e, {
      roomId: room(e, 0),
      startsAt: new Date("2026-03-30T08:00:00Z"),
    });
    const second = await makeForumSession(t.db, e);
    const refused = await place(e, second.number, { day: "2026-03-30", start: "10:30" });
    expectFieldError(refused, "start", "slot_overlap", { number: first.number });
    // A refusal, not a warning: no "save anyway" box.
    expect(refused.body).not.toContain('name="override"');
    const forced = await place(e, second.number, { day: "2026-03-30", start: "10:30", override: "yes" });
    expectFieldError(forced, "start", "slot_overlap", { number: first.number });
    expect((await row(second.id)).status).toBe("draft");
    expect((await place(e, second.number, { day: "2026-03-30", start: "11:00" })).statusCode).toBe(303);
    expect(await audits("forum.session_schedule", second.id)).toBe(1);
  });

  it("refuses times outside the room's hours and times skipped by the clock change", async () => {
    const e = await edition();
    const session = await makeForumSession(t.db, e);
    expectFieldError(
      await place(e, session.number, { day: "2026-03-30", start: "07:30" }),
      "start",
      "outside_room_hours",
      {
        opens: "08:00",
        closes: "20:00",
      },
    );
    expectFieldError(
      await place(e, session.number, { day: "2026-03-30", start: "19:30" }),
      "start",
      "outside_room_hours",
      {
        opens: "08:00",
        closes: "20:00",
      },
    );
    expectFieldError(
      await place(e, session.number, { day: "2026-03-29", start: "02:30" }),
      "start",
      "nonexistent_local_time",
    );
    expect((await row(session.id)).status).toBe("draft");
  });

  it("answers bad input next to each field and stores nothing", async () => {
    const e = await edition();
    const session = await makeForumSession(t.db, e);
    expectFieldError(
      await place(e, session.number, { day: "2026-04-02", start: "09:00" }),
      "day",
      "invalid_value",
    );
    expectFieldError(await place(e, session.number, { day: "", start: "09:00" }), "day", "required");
    expectFieldError(
      await place(e, session.number, { day: "2026-03-30", start: "25:00" }),
      "start",
      "invalid_value",
    );
    expectFieldError(
      await place(e, session.number, { day: "2026-03-30", start: "09:00", duration: "3" }),
      "duration",
      "out_of_range",
      { min: 5, max: 720 },
    );
    expectFieldError(
      await place(e, session.number, { day: "2026-03-30", start: "09:00", duration: "x" }),
      "duration",
      "invalid_value",
    );
    const other = await makeForumEdition(t.db);
    expectFieldError(
      await place(e, session.number, { day: "2026-03-30", start: "09:00", room: room(other, 0) }),
      "room",
      "unknown_code",
    );
    expectFieldError(
      await place(e, session.number, { day: "2026-03-30", start: "09:00", room: "" }),
      "room",
      "required",
    );
    expect((await row(session.id)).status).toBe("draft");
    const url = sessionPage(e, session.number);
    const noCsrf = await secretariat.submit(url, `${url}/slot`, { day: "2026-03-30" }, { csrf: null });
    expect(noCsrf.statusCode).toBe(403);
  });

  it("places a remote session without a room", async () => {
    const e = await edition();
    const session = await makeForumSession(t.db, e, { mode: "remote" });
    expect((await place(e, session.number, { day: "2026-03-30", start: "21:00", room: "" })).statusCode).toBe(
      303,
    );
    expect(await row(session.id)).toMatchObject({ status: "scheduled", room_id: null });
  });

  it("warns of a speaker typed in another case, saving only with 'save anyway'", async () => {
    const e = await edition();
    const busy = await makeForumSession(t.db, e, {
      roomId: room(e, 0),
      startsAt: new Date("2026-03-30T08:00:00Z"),
      speakers: [{ name: "Ada", email: "Ada@Example.org", role: "moderator" }],
    });
    const session = await makeForumSession(t.db, e, {
      speakers: [{ name: "Ada L.", email: "ada@example.ORG", role: "panellist" }],
    });
    const fields = { day: "2026-03-30", start: "10:30", room: room(e, 1) };
    const warned = await place(e, session.number, fields);
    expectFieldError(warned, "start", "speaker_busy", { email: "ada@example.org", number: busy.number });
    expect(warned.body).toContain('name="override" value="yes"');
    expect((await row(session.id)).status).toBe("draft");
    const saved = await place(e, session.number, { ...fields, override: "yes" });
    expect(saved.statusCode).toBe(303);
    expect((await row(session.id)).status).toBe("scheduled");
    const grid = await secretariat.get(`${base(e)}?day=2026-03-30`);
    expect(grid.body).toContain("Speaker in two places:");
    expect(grid.body).toContain("ada@example.org speaks in");
  });

  it("warns when more people are expected than the room seats", async () => {
    const e = await edition();
    const session = await makeForumSession(t.db, e, { capacity: 150 });
    const fields = { day: "2026-03-30", start: "09:00", room: room(e, 0) };
    expectFieldError(await place(e, session.number, fields), "room", "over_capacity", {
      expected: 150,
      capacity: 100,
    });
    expect((await place(e, session.number, { ...fields, room: room(e, 1) })).statusCode).toBe(303);
  });

  it("takes a session off the grid, and drag and drop returns to the grid's day", async () => {
    const e = await edition();
    const session = await makeForumSession(t.db, e);
    const url = sessionPage(e, session.number);
    const dropped = await secretariat.submit(`${base(e)}?day=2026-03-29`, `${url}/slot`, {
      day: "2026-03-29",
      start: "14:00",
      duration: "60",
      room: room(e, 2),
      return: "grid",
    });
    expect(dropped.statusCode).toBe(303);
    expect(dropped.headers.location).toBe(`${base(e)}?day=2026-03-29`);
    expect((await secretariat.submit(url, `${url}/unschedule`, {})).statusCode).toBe(303);
    expect(await row(session.id)).toMatchObject({ status: "draft", room_id: null, starts_at: null });
    expect(await audits("forum.session_unschedule", session.id)).toBe(1);
  });
});

describe("a session's title and speakers", () => {
  const details = (e: TestForumEdition, number: number, fields: Record<string, string>) => {
    const url = sessionPage(e, number);
    return secretariat.submit(url, `${url}/details`, { rows: "3", ...fields });
  };

  it("renames, replaces speakers, and refuses one address twice whatever its case", async () => {
    const e = await edition();
    const session = await makeForumSession(t.db, e, { speakers: [{ name: "Old", role: "moderator" }] });
    const twice = await details(e, session.number, {
      title: "New title",
      "speaker-0-name": "Bo",
      "speaker-0-email": "bo@example.org",
      "speaker-0-role": "moderator",
      "speaker-1-name": "Bo again",
      "speaker-1-email": "BO@Example.org",
      "speaker-1-role": "panellist",
    });
    expectFieldError(twice, "speaker-1-email", "duplicate");
    expect(twice.body).toContain('value="Bo again"');
    expectFieldError(await details(e, session.number, { title: " " }), "title", "required");
    expectFieldError(
      await details(e, session.number, {
        title: "T",
        "speaker-0-name": "X",
        "speaker-0-email": "nope",
        "speaker-0-role": "panellist",
      }),
      "speaker-0-email",
      "invalid_email",
    );
    expectFieldError(
      await details(e, session.number, { title: "T", "speaker-0-name": "X", "speaker-0-role": "boss" }),
      "speaker-0-role",
      "invalid_value",
    );
    expect((await row(session.id)).title).toBe(`Session ${session.number}`);
    const saved = await details(e, session.number, {
      title: "New title",
      "speaker-0-name": "Bo",
      "speaker-0-email": "Bo@Example.org",
      "speaker-0-organisation": "ITU",
      "speaker-0-role": "moderator",
    });
    expect(saved.statusCode).toBe(303);
    expect((await row(session.id)).title).toBe("New title");
    const speakers = await t.db
      .selectFrom("forum_session_speakers")
      .select(["name", "email", "organisation", "role"])
      .where("session_id", "=", session.id)
      .execute();
    expect(speakers).toEqual([
      { name: "Bo", email: "Bo@Example.org", organisation: "ITU", role: "moderator" },
    ]);
    expect(await audits("forum.session_edit", session.id)).toBe(1);
  });

  it("warns when a new speaker already speaks at that time elsewhere", async () => {
    const e = await edition();
    const busy = await makeForumSession(t.db, e, {
      roomId: room(e, 0),
      startsAt: new Date("2026-03-30T08:00:00Z"),
      speakers: [{ name: "Cy", email: "cy@example.org", role: "moderator" }],
    });
    const session = await makeForumSession(t.db, e, {
      roomId: room(e, 1),
      startsAt: new Date("2026-03-30T08:30:00Z"),
    });
    const fields = {
      title: "Panel",
      "speaker-0-name": "Cy",
      "speaker-0-email": "CY@example.org",
      "speaker-0-role": "panellist",
    };
    expectFieldError(await details(e, session.number, fields), "speaker-0-email", "speaker_busy", {
      email: "cy@example.org",
      number: busy.number,
    });
    expect((await details(e, session.number, { ...fields, override: "yes" })).statusCode).toBe(303);
    const page = await secretariat.get(sessionPage(e, session.number));
    expect(page.body).toContain("Conflicts of this session (1)");
  });
});
