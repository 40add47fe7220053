import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ValidationError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { loadScheduleEdition, scheduleSession } from "./schedule.service.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

describe("placing sessions at the same time", () => {
  it("lets exactly one of many sessions take one free slot of a room", async () => {
    const made = await makeForumEdition(t.db, { startsOn: "2026-07-06", days: 1 });
    const edition = await loadScheduleEdition(t.db, String(made.year));
    const user = await makeUser(t.db, { role: "moderator" });
    const actor = { id: user.id, role: "moderator" } as Actor;
    const sessions = [];
    for (let index = 0; index < 8; index += 1) sessions.push(await makeForumSession(t.db, made));
    const slot = { day: "2026-07-06", start: "10:00", duration: "60", room: made.rooms[0]?.id as string };
    const results = await Promise.allSettled(
      sessions.map((session) => scheduleSession(t.db, actor, edition, String(session.number), slot, null)),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results)
      if (result.status === "rejected")
        expect((result.reason as ValidationError).fieldErrors).toEqual([
          expect.objectContaining({ field: "start", code: "slot_overlap" }),
        ]);
    const placed = await t.db
      .selectFrom("forum_sessions")
      .select("id")
      .where("edition_id", "=", made.id)
      .where("status", "=", "scheduled")
      .execute();
    expect(placed).toHaveLength(1);
  });
});
