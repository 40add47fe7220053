import { describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { signedInBrowser } from "../../testing/test-app.ts";
import { expectFieldError } from "../prizes/review-http.testing.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { at, base, sessionPage, usePlacesEnv } from "./schedule-places.testing.ts";

// The secretariat's places form on a session's page: limits, bad numbers, raises, lifting the limit.
const { env, limitedSession, join, setPlaces, row, places, audits, mailsTo } = usePlacesEnv();

describe("a session's places on the secretariat's session page", () => {
  it("limits places, shows them on the session page and the grid, and audits the change", async () => {
    const e = await makeForumEdition(env.t.db);
    const session = await makeForumSession(env.t.db, e, {
      roomId: e.rooms[1]?.id as string,
      startsAt: at(e, "10:00"),
    });
    const page = await env.secretariat.get(sessionPage(e, session.number));
    expect(page.body).toContain("Registration with limited places and a waiting list");
    expect(page.body).toContain("No limit on places");
    const saved = await setPlaces(e, session.number, { limited: "yes", capacity: " 40 " });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(sessionPage(e, session.number));
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 40 });
    await join(e, session.id, 2);
    const after = await env.secretariat.get(sessionPage(e, session.number));
    expect(after.body).toContain("The places are saved.");
    expect(after.body).toContain("2 of 40 places taken, nobody waiting");
    expect(after.body).toMatch(/name="limited" value="yes" checked/);
    expect(after.body).toContain("2 people already hold a place.");
    const grid = await env.secretariat.get(`${base(e)}?day=${e.startsOn}`);
    expect(grid.body).toContain("2/40 places, 0 waiting");
    const [audit] = await audits("forum.session_places", session.id);
    expect(audit?.before).toMatchObject({ limited: false, capacity: null, confirmed: 0, waitlisted: 0 });
    expect(audit?.after).toMatchObject({ limited: true, capacity: 40, promoted: 0, savedAnyway: [] });
  });

  it("answers every bad number next to the field, keeps the input and writes nothing", async () => {
    const e = await makeForumEdition(env.t.db);
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
    const noCsrf = await env.secretariat.submit(url, `${url}/places`, { capacity: "5" }, { csrf: null });
    expect(noCsrf.statusCode).toBe(403);
    const user = await signedInBrowser(env.t.app, env.t.db, await makeUser(env.t.db));
    expect((await user.submit(`/forum/${e.year}`, `${url}/places`, { capacity: "5" })).statusCode).toBe(403);
    expect(
      (await env.secretariat.submit(url, `${sessionPage(e, 999)}/places`, { capacity: "5" })).statusCode,
    ).toBe(404);
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 10 });
  });

  it("refuses fewer places than people already hold, saying how many, with nothing written", async () => {
    const e = await makeForumEdition(env.t.db);
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
    const e = await makeForumEdition(env.t.db);
    const session = await limitedSession(e, 3);
    const seated = await join(e, session.id, 3);
    const waiting = [...(await join(e, session.id, 2, "fr")), ...(await join(e, session.id, 2))];
    expect((await places(session.id)).map((place) => place.status)).toEqual([
      ...Array(3).fill("confirmed"),
      ...Array(4).fill("waitlisted"),
    ]);
    const raised = await setPlaces(e, session.number, { limited: "yes", capacity: "5" });
    expect(raised.statusCode).toBe(303);
    expect((await env.secretariat.get(sessionPage(e, session.number))).body).toContain(
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
    expect((await env.secretariat.get(sessionPage(e, session.number))).body).toContain(
      "5 of 5 places taken, 2 on the waiting list",
    );
  });

  it("says that lifting the limit seats everyone waiting, and does it only when told to", async () => {
    const e = await makeForumEdition(env.t.db);
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
    const page = await env.secretariat.get(sessionPage(e, session.number));
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
    const e = await makeForumEdition(env.t.db);
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
    expect((await env.secretariat.get(sessionPage(e, session.number))).body).toContain(
      "Digital public infrastructure expects 150 people; Room A seats 100.",
    );
  });

  it("hides the form of a cancelled session and refuses its places", async () => {
    const e = await makeForumEdition(env.t.db);
    const session = await makeForumSession(env.t.db, e, { status: "cancelled" });
    expect((await env.secretariat.get(sessionPage(e, session.number))).body).not.toContain(
      "Registration with limited places and a waiting list",
    );
    const refused = await setPlaces(e, session.number, { limited: "yes", capacity: "5" });
    expect(refused.statusCode).toBe(409);
    expect(await row(session.id)).toEqual({ places_limited: false, capacity: null });
  });
});
