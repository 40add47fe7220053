import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition, makeForumSession, type TestForumEdition } from "./forum.testing.ts";
import { publishForTest } from "./programme.testing.ts";
import { makeForumRegistration } from "./registration.testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const DAY = 24 * 60 * 60 * 1000;
const placesUrl = (edition: TestForumEdition, number: number) =>
  `/forum/${edition.year}/sessions/${number}/places`;

async function attendee(edition: TestForumEdition, attendance: "onsite" | "remote" = "onsite") {
  const user = await makeUser(t.db);
  await makeForumRegistration(t.db, edition, user.id, { attendance });
  return { user, browser: await signedInBrowser(t.app, t.db, user) };
}

async function session(
  edition: TestForumEdition,
  options: { capacity?: number | null; placesLimited?: boolean; startsIn?: number } = {},
) {
  return makeForumSession(t.db, edition, {
    title: "Digital public infrastructure",
    roomId: edition.rooms[0]?.id as string,
    startsAt: new Date(Date.now() + (options.startsIn ?? 30) * DAY),
    placesLimited: options.placesLimited ?? true,
    capacity: options.capacity === undefined ? 1 : options.capacity,
  });
}

describe("session places (pages)", () => {
  it("books the last seat, waitlists the next person with a clear message, and promotes them once when the seat is freed", async () => {
    const edition = await makeForumEdition(t.db);
    const { number } = await session(edition);
    const first = await attendee(edition);
    const second = await attendee(edition);
    const url = placesUrl(edition, number);

    const page = await first.browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Book a place");
    expect((await first.browser.submit(url, url, {})).statusCode).toBe(303);
    expect((await first.browser.get(url)).body).toContain("Your seat in this session is booked.");

    const full = await second.browser.get(url);
    expect(full.body).toContain("The session is full. You can join the waiting list");
    await second.browser.submit(url, url, {});
    const waiting = await second.browser.get(url);
    expect(waiting.body).toContain("The session is full: you are on the waiting list.");
    expect(waiting.body).toContain("you are number 1 on the waiting list");

    const left = await first.browser.submit(url, `${url}/leave`, {});
    expect(left.statusCode).toBe(303);
    const promoted = await second.browser.get(url);
    expect(promoted.body).toContain("You have a seat in this session.");
    const mail = await t.db
      .selectFrom("outbox")
      .select("subject")
      .where("to_address", "=", second.user.email)
      .execute();
    expect(mail.map((row) => row.subject)).toEqual([
      `A place is yours: session ${number} of the WSIS Forum ${edition.year}`,
    ]);
    // Leaving again: nothing to give up.
    expect((await first.browser.submit(url, `${url}/leave`, {})).statusCode).toBe(404);
  });

  it("refuses remote participants, sessions without limits, started sessions and unknown sessions with a message", async () => {
    const edition = await makeForumEdition(t.db);
    const limited = await session(edition, { capacity: 10 });
    const remote = await attendee(edition, "remote");
    const refused = await remote.browser.submit(
      placesUrl(edition, limited.number),
      placesUrl(edition, limited.number),
      {},
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Session places are for confirmed onsite participants");

    const onsite = await attendee(edition);
    const open = await session(edition, { placesLimited: false });
    const notLimited = await onsite.browser.submit(
      placesUrl(edition, open.number),
      placesUrl(edition, open.number),
      {},
    );
    expect(notLimited.statusCode).toBe(409);
    expect(notLimited.body).toContain("This session has no limit on places");

    const started = await session(edition, { capacity: 10, startsIn: -0.01 });
    const late = await onsite.browser.submit(
      placesUrl(edition, started.number),
      placesUrl(edition, started.number),
      {},
    );
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("Places can no longer be taken in this session");

    expect((await onsite.browser.get(placesUrl(edition, 9999))).statusCode).toBe(404);
    expect((await onsite.browser.get(`/forum/${edition.year}/sessions/abc/places`)).statusCode).toBe(404);
    const places = await t.db
      .selectFrom("forum_session_places")
      .select("id")
      .where("user_id", "in", [remote.user.id, onsite.user.id])
      .execute();
    expect(places).toEqual([]);
  });

  it("gives up the account's places, each seat to the next in line, when its registration is cancelled", async () => {
    const edition = await makeForumEdition(t.db);
    const { number } = await session(edition);
    const first = await attendee(edition);
    const second = await attendee(edition);
    const url = placesUrl(edition, number);
    await first.browser.submit(url, url, {});
    await second.browser.submit(url, url, {});
    const mine = await first.browser.get("/forum/my-registration");
    expect(mine.body).toContain("seat confirmed");
    expect(mine.body).toContain(`/forum/${edition.year}/badge.pdf`);
    const cancel = await first.browser.submit(
      "/forum/my-registration",
      `/forum/${edition.year}/registration/cancel`,
      {},
    );
    expect(cancel.statusCode).toBe(303);
    expect((await second.browser.get(url)).body).toContain("You have a seat in this session.");
  });

  it("takes the room's capacity when the session has none of its own", async () => {
    const edition = await makeForumEdition(t.db);
    const { number } = await session(edition, { capacity: null });
    const { browser } = await attendee(edition);
    const page = await browser.get(placesUrl(edition, number));
    expect(page.body).toMatch(/<dt>Places<\/dt><dd>100<\/dd>/);
  });

  it("shows the public session page's places live, with the way to book, queue or see one's own place", async () => {
    const edition = await makeForumEdition(t.db);
    const limited = await session(edition, { capacity: 2 });
    const open = await session(edition, { placesLimited: false, capacity: 300 });
    await publishForTest(t.db, edition);
    const pageOf = (number: number) => `/forum/${edition.year}/sessions/${number}`;
    const link = `href="${placesUrl(edition, limited.number)}"`;

    const anonymous = await t.app.inject({ url: pageOf(limited.number) });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain("2 places free out of 2");
    expect(anonymous.body).toContain(`${link}>Book a place</a>`);
    // No limit: no places row, no link.
    const unlimited = await t.app.inject({ url: pageOf(open.number) });
    expect(unlimited.body).not.toContain("places free");
    expect(unlimited.body).not.toContain("/places");

    const [first, second, third] = [
      await attendee(edition),
      await attendee(edition),
      await attendee(edition),
    ];
    const url = placesUrl(edition, limited.number);
    for (const person of [first, second, third]) await person.browser.submit(url, url, {});
    // Read after the bookings, not from the published version: the seats change, the version does not.
    const mine = await first.browser.get(pageOf(limited.number));
    expect(mine.body).toContain("No place free out of 2; 1 person on the waiting list");
    expect(mine.body).toContain(`${link}>Your place</a>`);
    const outsider = await attendee(edition);
    expect((await outsider.browser.get(pageOf(limited.number))).body).toContain(
      `${link}>Join the waiting list</a>`,
    );
    const arabic = await outsider.browser.get(`${pageOf(limited.number)}?lang=ar`);
    expect(arabic.body).toContain("الأماكن الشاغرة: 0 من 2؛ على قائمة الانتظار: 1");
  });
});
