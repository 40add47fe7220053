import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { leaveSession, registerForSession } from "./waitlist.service.ts";
import { auditRows, mailsTo, makeRegistrants, placeRows as placesOf } from "./waitlist.testing.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const DAY = 24 * 60 * 60 * 1000;

async function limitedSession(capacity: number) {
  const edition = await makeForumEdition(t.db);
  const session = await makeForumSession(t.db, edition, {
    roomId: edition.rooms[0]?.id as string,
    startsAt: new Date(Date.now() + 60 * DAY),
    placesLimited: true,
    capacity,
  });
  return { edition, session };
}

const registrants = (edition: { id: string }, count: number) => makeRegistrants(t.db, edition, count);
const placeRows = (sessionId: string) => placesOf(t.db, sessionId);

// On PostgreSQL these run on separate pooled connections, really in parallel; PGlite queues them.
describe("session places under concurrency", () => {
  it("confirms exactly 100 of 200 simultaneous registrations for 100 places and waitlists the other 100 in order", async () => {
    const { edition, session } = await limitedSession(100);
    const users = await registrants(edition, 200);
    const outcomes = await Promise.all(users.map((id) => registerForSession(t.db, { id }, session.id)));
    expect(outcomes.filter((outcome) => outcome.status === "confirmed")).toHaveLength(100);
    const waitlisted = outcomes.filter((outcome) => outcome.status === "waitlisted");
    expect(waitlisted).toHaveLength(100);
    expect(waitlisted.map((outcome) => outcome.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 100 }, (_, index) => index + 1),
    );
    const rows = await placeRows(session.id);
    expect(rows.filter((row) => row.status === "confirmed")).toHaveLength(100);
    expect(rows).toHaveLength(200);
  });

  it("hands each freed seat to one waitlisted person, once, when 30 confirmed people leave at the same time", async () => {
    const { edition, session } = await limitedSession(50);
    const users = await registrants(edition, 80);
    for (const id of users) await registerForSession(t.db, { id }, session.id);
    const leaving = users.slice(0, 30);
    await Promise.all(leaving.map((id) => leaveSession(t.db, { id }, session.id)));
    const rows = await placeRows(session.id);
    expect(rows).toHaveLength(50);
    expect(rows.every((row) => row.status === "confirmed")).toBe(true);
    const promoted = rows.filter((row) => row.promoted_at !== null).map((row) => row.user_id);
    // The first 30 of the waiting list, each once; nobody is left waiting.
    expect(promoted.sort()).toEqual(users.slice(50, 80).sort());
    expect(await auditRows(t.db, "forum.place_promote", session.id)).toHaveLength(30);
    const mails = await mailsTo(t.db, promoted);
    expect(mails.map((mail) => mail.id).sort()).toEqual([...promoted].sort());
  });

  it("counts one place when the same person joins ten times at once", async () => {
    const { edition, session } = await limitedSession(5);
    const [id] = await registrants(edition, 1);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => registerForSession(t.db, { id: id as string }, session.id)),
    );
    expect(outcomes.filter((outcome) => !outcome.already)).toHaveLength(1);
    expect(await placeRows(session.id)).toHaveLength(1);
  });
});
