import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../platform/i18n.ts";
import { localToInstant } from "../../platform/zoned-time.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { expectFieldError } from "../prizes/review-http.testing.ts";
import { makeForumEdition, makeForumSession, type TestForumEdition } from "./forum.testing.ts";
import { registerForSession } from "./waitlist.service.ts";
import { auditRows, mailsTo as mailsIn, makeRegistrants, placeRows } from "./waitlist.testing.ts";

let t: TestApp;
let secretariat: Browser;

beforeAll(async () => {
  t = await createTestApp();
  secretariat = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

/** `HH:MM` venue time on the edition's first day (60 days ahead: places are still open). */
function at(e: TestForumEdition, time: string): Date {
  const local = localToInstant(`${e.startsOn}T${time}`, e.timeZone);
  if (!local.ok) throw new Error(`no such time ${time}`);
  return local.instant;
}
const base = (e: TestForumEdition) => `/forum/${e.year}/secretariat/programme`;
const sessionPage = (e: TestForumEdition, number: number) => `${base(e)}/sessions/${number}`;
const api = (e: TestForumEdition, number: number) => `/api/v1/forum/editions/${e.year}/sessions/${number}`;

/** A limited session in the edition's first room (100 seats) on its first day. */
async function limitedSession(e: TestForumEdition, capacity: number | null) {
  return makeForumSession(t.db, e, {
    title: "Digital public infrastructure",
    roomId: e.rooms[0]?.id as string,
    startsAt: at(e, "10:00"),
    placesLimited: true,
    capacity,
  });
}

/** `count` people registered onsite, who join the session one after the other (so in order). */
async function join(e: TestForumEdition, sessionId: string, count: number, language: Language = "en") {
  const ids = await makeRegistrants(t.db, e, count, language);
  for (const id of ids) await registerForSession(t.db, { id }, sessionId);
  return ids;
}

function setPlaces(e: TestForumEdition, number: number, fields: Record<string, string>) {
  const url = sessionPage(e, number);
  return secretariat.submit(url, `${url}/places`, fields);
}

const row = (id: string) =>
  t.db
    .selectFrom("forum_sessions")
    .select(["places_limited", "capacity"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

const places = (sessionId: string) => placeRows(t.db, sessionId);
const audits = (action: string, subjectId: string) => auditRows(t.db, action, subjectId);
const mailsTo = (userIds: string[]) => mailsIn(t.db, userIds);

describe("a session's places on the secretariat's session page", () => {
  it("limits places, shows them on the session page and the grid, and audits the change", async () => {
    const e = await makeForumEdition(t.db);
    const session = await makeForumSession(t.db, e, {
      roomId: e.rooms[1]?.id as string,
      startsAt: at(e, "10:00"),
    });
    const page = await secretariat.get(sessionPage(e, session.number));
    expect(page.body).toContain("Registration with limited places and a waiting list");
    expect(page.body).toContain("No limit on places");
    const saved = await setPlaces(e, session.number, { limited: "yes", capacity: " 40 " });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(sessionPage(e, session.number));
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 40 });
    await join(e, session.id, 2);
    const after = await secretariat.get(sessionPage(e, session.number));
    expect(after.body).toContain("The places are saved.");
    expect(after.body).toContain("2 of 40 places taken, nobody waiting");
    expect(after.body).toMatch(/name="limited" value="yes" checked/);
    expect(after.body).toContain("2 people already hold a place.");
    const grid = await secretariat.get(`${base(e)}?day=${e.startsOn}`);
    expect(grid.body).toContain("2/40 places, 0 waiting");
    const [audit] = await audits("forum.session_places", session.id);
    expect(audit?.before).toMatchObject({ limited: false, capacity: null, confirmed: 0, waitlisted: 0 });
    expect(audit?.after).toMatchObject({ limited: true, capacity: 40, promoted: 0, savedAnyway: [] });
  });

  it("answers every bad number next to the field, keeps the input and writes nothing", async () => {
    const e = await makeForumEdition(t.db);
    const session = await limitedSession(e, 10);
    expectFieldError(
      await setPlaces(e, session.number, { limited: "yes", capacity: "" }),
      "capacity",
      "required",
    );
    const words = await setPlaces(e, session.number, { limited: "yes", capacity: "forty" });
    expectFieldError(words, "capacity", "not_whole_number");
    expect(words.body).toContain('value="forty"');
    expect(words.body).toMatch(/name="limited" value="yes" checked/);
    expectFieldError(
      await setPlaces(e, session.number, { limited: "yes", capacity: "12.5" }),
      "capacity",
      "not_whole_number",
    );
    for (const capacity of ["0", "-3", "100001"])
      expectFieldError(
        await setPlaces(e, session.number, { limited: "yes", capacity }),
        "capacity",
        "out_of_range",
        { min: 1, max: 100000 },
      );
    // Without a limit the number is optional, but still a number.
    expectFieldError(
      await setPlaces(e, session.number, { capacity: "many" }),
      "capacity",
      "not_whole_number",
    );
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 10 });
    expect(await audits("forum.session_places", session.id)).toHaveLength(0);
    const url = sessionPage(e, session.number);
    const noCsrf = await secretariat.submit(url, `${url}/places`, { capacity: "5" }, { csrf: null });
    expect(noCsrf.statusCode).toBe(403);
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await user.submit(`/forum/${e.year}`, `${url}/places`, { capacity: "5" })).statusCode).toBe(403);
    expect(
      (await secretariat.submit(url, `${sessionPage(e, 999)}/places`, { capacity: "5" })).statusCode,
    ).toBe(404);
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 10 });
  });

  it("refuses fewer places than people already hold, saying how many, with nothing written", async () => {
    const e = await makeForumEdition(t.db);
    const session = await limitedSession(e, 3);
    await join(e, session.id, 5);
    const refused = await setPlaces(e, session.number, { limited: "yes", capacity: "2", override: "yes" });
    expectFieldError(refused, "capacity", "below_places_taken", { taken: 3 });
    expect(refused.body).toContain("3 people already hold a place: the number of places cannot be lower");
    expect(refused.body).not.toContain('name="override"');
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 3 });
    expect((await places(session.id)).filter((place) => place.status === "confirmed")).toHaveLength(3);
    expect(await audits("forum.session_places", session.id)).toHaveLength(0);
    // Exactly the places taken is fine.
    expect((await setPlaces(e, session.number, { limited: "yes", capacity: "3" })).statusCode).toBe(303);
  });

  it("raising the places promotes exactly the first people waiting, once, mailed in their language", async () => {
    const e = await makeForumEdition(t.db);
    const session = await limitedSession(e, 3);
    const seated = await join(e, session.id, 3);
    const waiting = [...(await join(e, session.id, 2, "fr")), ...(await join(e, session.id, 2))];
    expect((await places(session.id)).map((place) => place.status)).toEqual([
      ...Array(3).fill("confirmed"),
      ...Array(4).fill("waitlisted"),
    ]);
    const raised = await setPlaces(e, session.number, { limited: "yes", capacity: "5" });
    expect(raised.statusCode).toBe(303);
    expect((await secretariat.get(sessionPage(e, session.number))).body).toContain(
      "People on the waiting list were given the new places, in order, and e-mailed.",
    );
    const rows = await places(session.id);
    const promoted = rows.filter((place) => place.promoted_at !== null).map((place) => place.user_id);
    expect(promoted).toEqual(waiting.slice(0, 2));
    expect(rows.filter((place) => place.status === "confirmed").map((place) => place.user_id)).toEqual([
      ...seated,
      ...waiting.slice(0, 2),
    ]);
    const mails = await mailsTo(waiting);
    expect(mails.map((mail) => mail.id).sort()).toEqual(waiting.slice(0, 2).sort());
    expect(mails.every((mail) => mail.subject.startsWith("Une place vous est attribuée"))).toBe(true);
    expect(await audits("forum.place_promote", session.id)).toHaveLength(2);
    // Saving the same number again promotes nobody twice.
    expect((await setPlaces(e, session.number, { limited: "yes", capacity: "5" })).statusCode).toBe(303);
    expect(await mailsTo(waiting)).toHaveLength(2);
    const [, second] = await audits("forum.session_places", session.id);
    expect(second?.after).toMatchObject({ confirmed: 5, waitlisted: 2, promoted: 0 });
    expect((await secretariat.get(sessionPage(e, session.number))).body).toContain(
      "5 of 5 places taken, 2 on the waiting list",
    );
  });

  it("says that lifting the limit seats everyone waiting, and does it only when told to", async () => {
    const e = await makeForumEdition(t.db);
    const session = await limitedSession(e, 2);
    await join(e, session.id, 2);
    const waiting = await join(e, session.id, 3);
    const warned = await setPlaces(e, session.number, { capacity: "2" });
    expectFieldError(warned, "limited", "confirms_waitlist", { count: 3 });
    expect(warned.body).toContain("all 3 people on the waiting list will get a place and an e-mail");
    expect(warned.body).toContain('name="override" value="yes"');
    expect(warned.body).not.toMatch(/name="limited" value="yes" checked/);
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 2 });
    expect(await mailsTo(waiting)).toHaveLength(0);
    const lifted = await setPlaces(e, session.number, { capacity: "2", override: "yes" });
    expect(lifted.statusCode).toBe(303);
    expect(await row(session.id)).toEqual({ places_limited: false, capacity: 2 });
    const rows = await places(session.id);
    expect(rows.every((place) => place.status === "confirmed")).toBe(true);
    expect(rows.filter((place) => place.promoted_at !== null).map((place) => place.user_id)).toEqual(waiting);
    expect(await mailsTo(waiting)).toHaveLength(3);
    const [audit] = await audits("forum.session_places", session.id);
    expect(audit?.after).toMatchObject({
      limited: false,
      confirmed: 5,
      waitlisted: 0,
      promoted: 3,
      savedAnyway: ["confirms_waitlist"],
    });
    const page = await secretariat.get(sessionPage(e, session.number));
    expect(page.body).toContain("No limit on places · 2 people planned · 5 people hold a place");
    // Limiting again below the people now seated is refused.
    expectFieldError(
      await setPlaces(e, session.number, { limited: "yes", capacity: "4" }),
      "capacity",
      "below_places_taken",
      { taken: 5 },
    );
  });

  it("warns when the places exceed the room's seats, saving with 'save anyway'", async () => {
    const e = await makeForumEdition(t.db);
    const session = await limitedSession(e, 10);
    const fields = { limited: "yes", capacity: "150" };
    const warned = await setPlaces(e, session.number, fields);
    expectFieldError(warned, "capacity", "over_capacity", { expected: 150, capacity: 100 });
    expect(warned.body).toContain('value="150"');
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 10 });
    expect((await setPlaces(e, session.number, { ...fields, override: "yes" })).statusCode).toBe(303);
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 150 });
    const [audit] = await audits("forum.session_places", session.id);
    expect(audit?.after).toMatchObject({ savedAnyway: ["over_capacity"] });
    expect((await secretariat.get(sessionPage(e, session.number))).body).toContain(
      "Digital public infrastructure expects 150 people; Room A seats 100.",
    );
  });

  it("hides the form of a cancelled session and refuses its places", async () => {
    const e = await makeForumEdition(t.db);
    const session = await makeForumSession(t.db, e, { status: "cancelled" });
    expect((await secretariat.get(sessionPage(e, session.number))).body).not.toContain(
      "Registration with limited places and a waiting list",
    );
    const refused = await setPlaces(e, session.number, { limited: "yes", capacity: "5" });
    expect(refused.statusCode).toBe(409);
    expect(await row(session.id)).toEqual({ places_limited: false, capacity: null });
  });
});

describe("over capacity weighs the places taken", () => {
  it("flags a session whose people outnumber the seats of the smaller room it is moved to", async () => {
    const e = await makeForumEdition(t.db, { rooms: 2 });
    const [big, small] = e.rooms.map((room) => room.id) as [string, string];
    await t.db.updateTable("forum_rooms").set({ capacity: 3 }).where("id", "=", small).execute();
    const session = await makeForumSession(t.db, e, {
      title: "Open data",
      roomId: big,
      startsAt: at(e, "10:00"),
      placesLimited: true,
      capacity: 5,
    });
    await join(e, session.id, 5);
    // The limit is lifted: the session no longer plans a number, but five people hold a place.
    expect((await setPlaces(e, session.number, {})).statusCode).toBe(303);
    expect(await row(session.id)).toEqual({ places_limited: false, capacity: null });
    const url = sessionPage(e, session.number);
    const day = e.startsOn;
    const move = { day, start: "10:00", duration: "60", room: small };
    const warned = await secretariat.submit(url, `${url}/slot`, move);
    expectFieldError(warned, "room", "over_capacity", { expected: 5, capacity: 3 });
    expect((await secretariat.submit(url, `${url}/slot`, { ...move, override: "yes" })).statusCode).toBe(303);
    const page = await secretariat.get(url);
    expect(page.body).toContain("Open data expects 5 people; Room B seats 3.");
    const grid = await secretariat.get(`${base(e)}?day=${day}`);
    expect(grid.body).toContain("Open data expects 5 people; Room B seats 3.");
    const listed = await secretariat.api("GET", `/api/v1/forum/editions/${e.year}/programme/conflicts`);
    expect(listed.json().conflicts).toEqual([
      { kind: "over_capacity", sessions: [session.number], room: "Room B", expected: 5, capacity: 3 },
    ]);
  });
});

describe("a move to a bigger room", () => {
  it("seats the waiting list of a limited session that takes its room's seats, in order, once", async () => {
    const e = await makeForumEdition(t.db, { rooms: 2 });
    const [small, big] = e.rooms.map((room) => room.id) as [string, string];
    await t.db.updateTable("forum_rooms").set({ capacity: 1 }).where("id", "=", small).execute();
    const open = await makeForumSession(t.db, e, {
      roomId: small,
      startsAt: at(e, "10:00"),
      placesLimited: true,
      capacity: null,
    });
    const own = await makeForumSession(t.db, e, {
      roomId: small,
      startsAt: at(e, "12:00"),
      placesLimited: true,
      capacity: 1,
    });
    const [seated, ...waiting] = await join(e, open.id, 3, "fr");
    const [, ownWaiting] = await join(e, own.id, 2);
    const move = (number: number, start: string) => {
      const url = sessionPage(e, number);
      return secretariat.submit(url, `${url}/slot`, { day: e.startsOn, start, duration: "60", room: big });
    };
    expect((await move(open.number, "10:00")).statusCode).toBe(303);
    expect((await places(open.id)).map((place) => [place.user_id, place.status])).toEqual([
      [seated, "confirmed"],
      ...waiting.map((id) => [id, "confirmed"]),
    ]);
    expect(await audits("forum.place_promote", open.id)).toHaveLength(2);
    expect((await mailsTo(waiting as string[])).map((mail) => mail.subject)).toEqual([
      `Une place vous est attribuée : session ${open.number} du Forum du SMSI ${e.year}`,
      `Une place vous est attribuée : session ${open.number} du Forum du SMSI ${e.year}`,
    ]);
    // A session with a number of its own keeps it wherever it goes: nobody is seated by the move.
    expect((await move(own.number, "12:00")).statusCode).toBe(303);
    expect((await places(own.id)).find((place) => place.user_id === ownWaiting)?.status).toBe("waitlisted");
  });
});

describe("the places API (setForumSessionPlaces)", () => {
  it("sets places, promotes on a raise, and answers each refusal with its code", async () => {
    const e = await makeForumEdition(t.db);
    const session = await limitedSession(e, 2);
    await join(e, session.id, 2);
    const waiting = await join(e, session.id, 2);
    const put = (body: Record<string, unknown>, number = session.number) =>
      secretariat.api("PUT", `${api(e, number)}/places`, body);
    const codes = (response: Awaited<ReturnType<typeof put>>) =>
      response.json().errors.map((error: { field: string; code: string }) => [error.field, error.code]);

    const raised = await put({ limited: true, capacity: 3 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toEqual({
      number: session.number,
      limited: true,
      capacity: 3,
      confirmed: 3,
      waitlisted: 1,
      promoted: 1,
      conflicts: [],
    });
    expect((await mailsTo(waiting)).map((mail) => mail.id)).toEqual([waiting[0]]);

    const required = await put({ limited: true });
    expect(required.statusCode).toBe(400);
    expect(required.json().code).toBe("validation_failed");
    expect(codes(required)).toEqual([["capacity", "required"]]);
    expect(codes(await put({ limited: true, capacity: 0 }))).toEqual([["capacity", "out_of_range"]]);
    expect(codes(await put({ limited: true, capacity: 100001 }))).toEqual([["capacity", "out_of_range"]]);
    expect(codes(await put({ limited: true, capacity: 2.5 }))).toEqual([["capacity", "invalid_value"]]);
    const below = await put({ limited: true, capacity: 2, saveAnyway: true });
    expect(below.json().errors).toEqual([
      {
        field: "capacity",
        code: "below_places_taken",
        message: "3 people already hold a place: the number of places cannot be lower",
      },
    ]);
    expect(codes(await put({ limited: true, capacity: 101 }))).toEqual([["capacity", "over_capacity"]]);
    expect(codes(await put({ limited: false }))).toEqual([["limited", "confirms_waitlist"]]);
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 3 });

    expect(codes(await put({ limited: true, capacity: "ten" }))).toEqual([["capacity", "invalid_value"]]);
    const lifted = await put({ limited: false, saveAnyway: true });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({
      limited: false,
      capacity: null,
      confirmed: 4,
      waitlisted: 0,
      promoted: 1,
    });
    expect(await mailsTo(waiting)).toHaveLength(2);

    expect((await put({ limited: true, capacity: 5 }, 999)).json().code).toBe("forum_session_not_found");
    const noEdition = await secretariat.api("PUT", `/api/v1/forum/editions/2001/sessions/1/places`, {
      limited: false,
    });
    expect(noEdition.json().code).toBe("forum_edition_not_found");
    const cancelled = await makeForumSession(t.db, e, { status: "cancelled" });
    const refused = await put({ limited: true, capacity: 5 }, cancelled.number);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("forum_session_cancelled");
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    const forbidden = await user.api("PUT", `${api(e, session.number)}/places`, { limited: false });
    expect(forbidden.statusCode).toBe(403);
    expect((await new Browser(t.app).api("PUT", `${api(e, session.number)}/places`, {})).statusCode).toBe(
      401,
    );
  });

  it("is in the OpenAPI document beside scheduleForumSession", async () => {
    const document = (await t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const path = document.paths["/api/v1/forum/editions/{year}/sessions/{number}/places"];
    expect(path.put.operationId).toBe("setForumSessionPlaces");
    expect(document.paths["/api/v1/forum/editions/{year}/sessions/{number}/slot"].put.operationId).toBe(
      "scheduleForumSession",
    );
  });
});
