import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { sha256 } from "../../platform/crypto.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition, makeForumSession, type TestForumEdition } from "./forum.testing.ts";
import { publishForTest } from "./programme.testing.ts";

let t: TestApp;
let edition: TestForumEdition;
let me: Browser;
let userId: string;
const s: Record<string, { id: string; number: number }> = {};

const utc = (iso: string) => new Date(`${iso}Z`);
const sessionUrl = (key: string) => `/forum/${edition.year}/sessions/${s[key]?.number}`;
const star = (browser: Browser, key: string) =>
  browser.submit(sessionUrl(key), `${sessionUrl(key)}/star`, {});
const unfold = (text: string) => text.replace(/\r\n /g, "");
const audits = async (action: string) =>
  Number(
    (
      await t.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("action", "=", action)
        .where("actor_id", "=", userId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  edition = await makeForumEdition(t.db, { startsOn: "2026-10-05", days: 3, timeZone: "Europe/Zurich" });
  const [roomA, roomB, roomC] = edition.rooms;
  s.opening = await makeForumSession(t.db, edition, {
    title: "Opening; policy, and practice",
    roomId: roomA?.id,
    startsAt: utc("2026-10-05T07:00"),
    minutes: 60,
    speakers: [{ name: "Amina Diallo", email: "amina@example.org", role: "moderator" }],
  });
  s.overlap = await makeForumSession(t.db, edition, {
    title: "Overlapping workshop",
    roomId: roomB?.id,
    startsAt: utc("2026-10-05T07:30"),
    minutes: 60,
  });
  s.later = await makeForumSession(t.db, edition, {
    title: "Back-to-back talk",
    roomId: roomC?.id,
    startsAt: utc("2026-10-05T08:30"),
    minutes: 30,
  });
  s.draft = await makeForumSession(t.db, edition, { title: "Draft only" });
  await publishForTest(t.db, edition);
  const user = await makeUser(t.db);
  userId = user.id;
  me = await signedInBrowser(t.app, t.db, user);
});
afterAll(async () => t?.close());

describe("starring sessions", () => {
  it("needs an account and a CSRF token, and refuses drafts", async () => {
    const anonymous = await new Browser(t.app).get("/forum/my-agenda");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=/);
    const forged = await me.submit(
      sessionUrl("opening"),
      `${sessionUrl("opening")}/star`,
      {},
      { csrf: null },
    );
    expect(forged.statusCode).toBe(403);
    const draft = await me.submit(sessionUrl("opening"), `${sessionUrl("draft")}/star`, {});
    expect(draft.statusCode).toBe(404);
    expect(await audits("forum.agenda.star")).toBe(0);
  });

  it("stars from the session page once (audited once) and shows it as starred", async () => {
    const first = await star(me, "opening");
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(sessionUrl("opening"));
    expect((await star(me, "opening")).statusCode).toBe(303);
    expect(await audits("forum.agenda.star")).toBe(1);
    const page = await me.get(sessionUrl("opening"));
    expect(page.body).toContain("In your agenda.");
    expect(page.body).toContain(`action="${sessionUrl("opening")}/unstar"`);
  });

  it("warns of clashes next to each overlapping session, not for back-to-back ones", async () => {
    await star(me, "overlap");
    await star(me, "later");
    const page = await me.get("/forum/my-agenda");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Monday, 5 October 2026");
    expect(page.body).toContain("09:00–10:00 CEST");
    expect(page.body).toContain("2 sessions in your agenda overlap another one.");
    const items = page.body.split("<li>").slice(1);
    const item = (title: string) => items.find((html) => html.includes(`>${title}</a><br/>`)) ?? "";
    expect(item("Opening; policy, and practice")).toContain("Clashes with:");
    expect(item("Opening; policy, and practice")).toContain("Overlapping workshop");
    expect(item("Overlapping workshop")).toContain("Opening; policy, and practice");
    // Starts at 10:30, when the overlapping workshop ends: no clash.
    expect(item("Back-to-back talk")).not.toContain("Clashes with:");
  });

  it("answers getMyAgenda with the clashes (scope forum:write)", async () => {
    const token = await createApiToken(t.db, userId, "agenda", ["forum:write"], null);
    const answer = await new Browser(t.app).api("GET", "/api/v1/forum/my-agenda", undefined, {
      authorization: `Bearer ${token}`,
    });
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body.clashes).toBe(2);
    expect(body.items.map((item: { number: number }) => item.number)).toEqual([
      s.opening?.number,
      s.overlap?.number,
      s.later?.number,
    ]);
    expect(body.items[0]).toMatchObject({
      year: edition.year,
      inProgramme: true,
      startsAt: "2026-10-05T07:00:00.000Z",
      room: "Room A",
      timeZone: "Europe/Zurich",
      clashesWith: [{ year: edition.year, number: s.overlap?.number }],
    });
    const readOnly = await createApiToken(t.db, userId, "read", ["entries:read"], null);
    const refused = await new Browser(t.app).api("GET", "/api/v1/forum/my-agenda", undefined, {
      authorization: `Bearer ${readOnly}`,
    });
    expect([refused.statusCode, refused.json().code]).toEqual([403, "insufficient_scope"]);
    const anonymous = await new Browser(t.app).api("GET", "/api/v1/forum/my-agenda");
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "authentication_required"]);
  });

  it("unstars from the agenda (audited) and goes back to it", async () => {
    const done = await me.submit("/forum/my-agenda", `${sessionUrl("later")}/unstar`, { return: "agenda" });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/forum/my-agenda");
    expect(await audits("forum.agenda.unstar")).toBe(1);
    expect((await me.get("/forum/my-agenda")).body).not.toContain("Back-to-back talk");
  });
});

describe("iCal feed", () => {
  let feedUrl = "";
  let feedPath = "";

  it("creates a secret address shown once, stores only its sha256, and serves valid iCalendar", async () => {
    const forged = await me.submit("/forum/my-agenda", "/forum/my-agenda/ical", {}, { csrf: null });
    expect(forged.statusCode).toBe(403);
    const created = await me.submit("/forum/my-agenda", "/forum/my-agenda/ical", {});
    expect(created.statusCode).toBe(201);
    feedUrl = created.body.match(/value="(http[^"]+\/forum\/ical\/[A-Za-z0-9_-]{43}\.ics)"/)?.[1] ?? "";
    expect(feedUrl).not.toBe("");
    feedPath = new URL(feedUrl).pathname;
    const secret = feedPath.slice("/forum/ical/".length, -4);
    const rows = await t.db
      .selectFrom("forum_ical_tokens")
      .selectAll()
      .where("user_id", "=", userId)
      .execute();
    expect(rows.map((row) => row.token_sha256)).toEqual([sha256(secret)]);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect((await me.get("/forum/my-agenda")).body).not.toContain(secret);
    expect(await audits("forum.ical.create")).toBe(1);

    const feed = await new Browser(t.app).get(feedPath);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const text = feed.body;
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const body = unfold(text);
    expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(body).toContain(`UID:forum-session-${s.opening?.id}@localhost\r\n`);
    expect(body).toContain("DTSTART:20261005T070000Z\r\nDTEND:20261005T080000Z\r\nSEQUENCE:0\r\n");
    expect(body).toContain(`SUMMARY:${s.opening?.number}. Opening\\; policy\\, and practice\r\n`);
    expect(body).toContain("Speakers: Amina Diallo (Moderator)");
    expect(body).toContain("LOCATION:Room A\\, CICG\\, Geneva\r\n");
    expect(body).not.toContain("Back-to-back talk");
    const used = await t.db
      .selectFrom("forum_ical_tokens")
      .select("last_used_at")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    expect(used?.last_used_at).not.toBeNull();
  });

  it("follows published moves: same UID, higher SEQUENCE, and CANCELLED when taken off", async () => {
    const before = unfold((await new Browser(t.app).get(feedPath)).body);
    expect((await me.get(`/forum/${edition.year}/changes`)).body).toContain("nothing to compare yet");
    await t.db
      .updateTable("forum_sessions")
      .set({ starts_at: utc("2026-10-06T12:00"), ends_at: utc("2026-10-06T13:00") })
      .where("id", "=", s.opening?.id as string)
      .execute();
    await t.db
      .updateTable("forum_sessions")
      .set({ title: "Renamed workshop" })
      .where("id", "=", s.overlap?.id as string)
      .execute();
    await makeForumSession(t.db, edition, {
      title: "Added session",
      roomId: edition.rooms[0]?.id,
      startsAt: utc("2026-10-07T07:00"),
    });
    await publishForTest(t.db, edition);
    const after = unfold((await new Browser(t.app).get(feedPath)).body);
    const event = (text: string, id: string) =>
      text.split("BEGIN:VEVENT").find((part) => part.includes(`UID:forum-session-${id}@`)) ?? "";
    expect(event(after, s.opening?.id as string)).toContain("DTSTART:20261006T120000Z");
    expect(event(after, s.opening?.id as string)).toContain("SEQUENCE:1\r\n");
    expect(event(after, s.overlap?.id as string)).toContain("SEQUENCE:1\r\n");
    expect(event(after, s.overlap?.id as string)).toContain("Renamed workshop");
    expect(event(before, s.opening?.id as string)).not.toEqual(event(after, s.opening?.id as string));
    // LAST-MODIFIED has whole seconds: two publications within one second may share it, so it
    // must not go back, and SEQUENCE (above) is what tells calendars the event changed.
    const modified = (text: string) =>
      event(text, s.opening?.id as string).match(/LAST-MODIFIED:(\S+)/)?.[1] ?? "";
    expect(modified(after) >= modified(before) && modified(before) !== "").toBe(true);

    const changes = await me.get(`/forum/${edition.year}/changes`);
    expect(changes.statusCode).toBe(200);
    expect(changes.body).toContain("Changes from version 1 to version 2");
    expect(changes.body).toContain("1 session moved");
    expect(changes.body).toContain("Monday, 5 October 2026, 09:00–10:00 CEST, Room A");
    expect(changes.body).toContain("Tuesday, 6 October 2026, 14:00–15:00 CEST, Room A");
    expect(changes.body).toContain("1 session added");
    expect(changes.body).toContain("Added session");
    expect(changes.body).toContain("1 session renamed");

    await t.db
      .updateTable("forum_sessions")
      .set({ status: "cancelled" })
      .where("id", "=", s.overlap?.id as string)
      .execute();
    await publishForTest(t.db, edition);
    const cancelled = event(unfold((await new Browser(t.app).get(feedPath)).body), s.overlap?.id as string);
    expect(cancelled).toContain("STATUS:CANCELLED");
    expect(cancelled).toContain("SEQUENCE:2\r\n");
    // The public programme follows the newest version (parsed versions are cached per number).
    const programme = await me.get(`/forum/${edition.year}/programme`);
    expect(programme.body).toContain("version 3");
    expect(programme.body).not.toContain("Renamed workshop");
    expect((await me.get(sessionUrl("overlap"))).statusCode).toBe(404);
    const agenda = await me.get("/forum/my-agenda");
    expect(agenda.body).toContain("No longer in the programme");
    expect(agenda.body).not.toContain("Clashes with:");
  });

  it("revokes an address (audited): the feed is then 404 with a clear body", async () => {
    const row = await t.db
      .selectFrom("forum_ical_tokens")
      .select("id")
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    const other = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    const stranger = await other.submit("/forum/my-agenda", `/forum/my-agenda/ical/${row.id}/revoke`, {});
    expect(stranger.statusCode).toBe(404);
    expect((await new Browser(t.app).get(feedPath)).statusCode).toBe(200);

    const revoked = await me.submit("/forum/my-agenda", `/forum/my-agenda/ical/${row.id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(await audits("forum.ical.revoke")).toBe(1);
    const gone = await new Browser(t.app).get(feedPath);
    expect(gone.statusCode).toBe(404);
    expect(gone.body).toContain("This calendar feed address was revoked by its owner and no longer works.");
    expect(gone.body).not.toContain("BEGIN:VCALENDAR");
    expect((await me.get("/forum/my-agenda")).body).toContain("Revoked on");
    expect(
      (await me.submit("/forum/my-agenda", `/forum/my-agenda/ical/${row.id}/revoke`, {})).statusCode,
    ).toBe(404);

    const unknown = await new Browser(t.app).get(`/forum/ical/${"A".repeat(43)}.ics`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("There is no calendar feed at this address.");
    expect((await new Browser(t.app).get("/forum/ical/short.ics")).statusCode).toBe(404);
    expect((await new Browser(t.app).get(`/forum/ical/${"A".repeat(43)}`)).statusCode).toBe(404);
  });
});
