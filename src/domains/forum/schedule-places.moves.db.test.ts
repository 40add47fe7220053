import { describe, expect, it } from "vitest";
import { expectFieldError } from "../prizes/review-http.testing.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { at, base, sessionPage, usePlacesEnv } from "./schedule-places.testing.ts";

// Places meet the slot form: over capacity weighs the people who hold a place, and a move frees seats.
const { env, join, setPlaces, row, places, audits, mailsTo } = usePlacesEnv();

describe("over capacity weighs the places taken", () => {
  it("flags a session whose people outnumber the seats of the smaller room it is moved to", async () => {
    const e = await makeForumEdition(env.t.db, { rooms: 2 });
    const [big, small] = e.rooms.map((room) => room.id) as [string, string];
    await env.t.db.updateTable("forum_rooms").set({ capacity: 3 }).where("id", "=", small).execute();
    const session = await makeForumSession(env.t.db, e, {
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
    const warned = await env.secretariat.submit(url, `${url}/slot`, move);
    expectFieldError(warned, "room", "over_capacity", { expected: 5, capacity: 3 });
    expect((await env.secretariat.submit(url, `${url}/slot`, { ...move, override: "yes" })).statusCode).toBe(
      303,
    );
    const page = await env.secretariat.get(url);
    expect(page.body).toContain("Open data expects 5 people; Room B seats 3.");
    const grid = await env.secretariat.get(`${base(e)}?day=${day}`);
    expect(grid.body).toContain("Open data expects 5 people; Room B seats 3.");
    const listed = await env.secretariat.api("GET", `/api/v1/forum/editions/${e.year}/programme/conflicts`);
    expect(listed.json().conflicts).toEqual([
      { kind: "over_capacity", sessions: [session.number], room: "Room B", expected: 5, capacity: 3 },
    ]);
  });
});

describe("a move to a bigger room", () => {
  it("seats the waiting list of a limited session that takes its room's seats, in order, once", async () => {
    const e = await makeForumEdition(env.t.db, { rooms: 2 });
    const [small, big] = e.rooms.map((room) => room.id) as [string, string];
    await env.t.db.updateTable("forum_rooms").set({ capacity: 1 }).where("id", "=", small).execute();
    const open = await makeForumSession(env.t.db, e, {
      roomId: small,
      startsAt: at(e, "10:00"),
      placesLimited: true,
      capacity: null,
    });
    const own = await makeForumSession(env.t.db, e, {
      roomId: small,
      startsAt: at(e, "12:00"),
      placesLimited: true,
      capacity: 1,
    });
    const [seated, ...waiting] = await join(e, open.id, 3, "fr");
    const [, ownWaiting] = await join(e, own.id, 2);
    const move = (number: number, start: string) => {
      const url = sessionPage(e, number);
      return env.secretariat.submit(url, `${url}/slot`, {
        day: e.startsOn,
        start,
        duration: "60",
        room: big,
      });
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
