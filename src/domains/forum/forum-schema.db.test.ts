import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPhaseOf } from "../../platform/phase-windows.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { findOcpWindows, findRooms } from "./forum-editions.repo.ts";
import { OCP_PHASES } from "./forum-vocabulary.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.destroy());

const at = (day: string, time: string) => new Date(`${day}T${time}:00Z`);

// The invariants the schema itself holds, whatever a service does.
describe("forum schema", () => {
  it("lays out test editions with the asked OCP step open, rooms and tracks", async () => {
    const edition = await makeForumEdition(t.db, { ocpOpen: "consultation", rooms: 4 });
    expect(openPhaseOf(OCP_PHASES, await findOcpWindows(t.db, edition.id), new Date())).toBe("consultation");
    expect((await findRooms(t.db, edition.id)).map((room) => room.capacity)).toEqual([100, 200, 300, 400]);
    expect(edition.tracks).toHaveLength(2);
    const over = await makeForumEdition(t.db, { ocpOpen: null });
    expect(openPhaseOf(OCP_PHASES, await findOcpWindows(t.db, over.id), new Date())).toBeNull();
  });

  it("numbers sessions once per edition and refuses a room of another edition", async () => {
    const edition = await makeForumEdition(t.db);
    const other = await makeForumEdition(t.db);
    const first = await makeForumSession(t.db, edition);
    const second = await makeForumSession(t.db, edition);
    expect([first.number, second.number]).toEqual([1, 2]);
    await expect(
      t.db
        .insertInto("forum_sessions")
        .values({ edition_id: edition.id, number: 1, title: "Again", session_type: "talkx" })
        .execute(),
    ).rejects.toThrow();
    await expect(
      makeForumSession(t.db, edition, {
        roomId: other.rooms[0]?.id as string,
        startsAt: at(edition.startsOn, "09:00"),
      }),
    ).rejects.toThrow();
  });

  it("keeps a scheduled session placed: an instant, and a room unless it is remote", async () => {
    const edition = await makeForumEdition(t.db);
    await expect(makeForumSession(t.db, edition, { status: "scheduled" })).rejects.toThrow();
    await expect(
      makeForumSession(t.db, edition, { status: "scheduled", startsAt: at(edition.startsOn, "09:00") }),
    ).rejects.toThrow();
    const remote = await makeForumSession(t.db, edition, {
      mode: "remote",
      status: "scheduled",
      startsAt: at(edition.startsOn, "09:00"),
    });
    expect(remote.number).toBeGreaterThan(0);
    await expect(
      t.db
        .insertInto("forum_sessions")
        .values({
          edition_id: edition.id,
          number: 99,
          title: "Backwards",
          session_type: "talkx",
          starts_at: at(edition.startsOn, "10:00"),
          ends_at: at(edition.startsOn, "09:00"),
        })
        .execute(),
    ).rejects.toThrow();
  });

  it("lists a speaker's address once per session whatever its case", async () => {
    const edition = await makeForumEdition(t.db);
    const session = await makeForumSession(t.db, edition, {
      speakers: [{ name: "Ada", email: "Ada@Example.org", role: "moderator" }],
    });
    await expect(
      t.db
        .insertInto("forum_session_speakers")
        .values({ session_id: session.id, name: "Ada again", email: "ada@example.ORG", role: "panellist" })
        .execute(),
    ).rejects.toThrow();
    const row = await t.db
      .selectFrom("forum_sessions")
      .select(["search_vector"])
      .where("id", "=", session.id)
      .executeTakeFirstOrThrow();
    expect(String(row.search_vector)).toContain("'session'");
  });
});
