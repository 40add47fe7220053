import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { loadScheduleEdition } from "./schedule.service.ts";
import { setSessionPlaces } from "./schedule-places.service.ts";
import { leaveSession, registerForSession } from "./waitlist.service.ts";
import { auditRows, mailsTo, makeRegistrants, placeRows } from "./waitlist.testing.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const DAY = 24 * 60 * 60 * 1000;

// On PostgreSQL these run on separate pooled connections, really in parallel; PGlite queues them.
describe("raising a session's places while people join and leave", () => {
  it("promotes exactly the first people waiting, each once, whatever the order the raise, joins and leaves run in", async () => {
    const e = await makeForumEdition(t.db);
    const session = await makeForumSession(t.db, e, {
      roomId: e.rooms[0]?.id as string,
      startsAt: new Date(Date.now() + 60 * DAY),
      placesLimited: true,
      capacity: 10,
    });
    const first = await makeRegistrants(t.db, e, 20);
    for (const id of first) await registerForSession(t.db, { id }, session.id);
    const seated = first.slice(0, 10);
    const waiting = first.slice(10);
    const newcomers = await makeRegistrants(t.db, e, 10);
    const secretariat = await makeUser(t.db, { role: "moderator" });
    const edition = await loadScheduleEdition(t.db, String(e.year));

    const outcomes = await Promise.all([
      ...newcomers.slice(0, 5).map((id) => registerForSession(t.db, { id }, session.id)),
      setSessionPlaces(
        t.db,
        secretariat,
        edition,
        String(session.number),
        { limited: "yes", capacity: "15" },
        { ip: null, baseUrl: "" },
      ),
      ...seated.slice(0, 3).map((id) => leaveSession(t.db, { id }, session.id)),
      ...newcomers.slice(5).map((id) => registerForSession(t.db, { id }, session.id)),
    ]);
    expect(outcomes).toHaveLength(14);

    const rows = await placeRows(t.db, session.id);
    const confirmed = rows.filter((row) => row.status === "confirmed").map((row) => row.user_id);
    // 15 places, all taken: 7 who stayed seated, and the first 8 people waiting (3 freed, 5 added).
    expect(confirmed).toHaveLength(15);
    expect(confirmed.sort()).toEqual([...seated.slice(3), ...waiting.slice(0, 8)].sort());
    const promoted = rows.filter((row) => row.promoted_at !== null).map((row) => row.user_id);
    expect(promoted.sort()).toEqual(waiting.slice(0, 8).sort());
    // Newcomers queue behind everyone who waited before them.
    const queue = rows.filter((row) => row.status === "waitlisted").map((row) => row.user_id);
    expect(queue.slice(0, 2)).toEqual(waiting.slice(8));
    expect(queue.slice(2).sort()).toEqual([...newcomers].sort());

    expect(await auditRows(t.db, "forum.place_promote", session.id)).toHaveLength(8);
    const mails = await mailsTo(t.db, first);
    expect(mails.map((mail) => mail.id).sort()).toEqual(waiting.slice(0, 8).sort());
    expect(await auditRows(t.db, "forum.session_places", session.id)).toHaveLength(1);
  });
});
