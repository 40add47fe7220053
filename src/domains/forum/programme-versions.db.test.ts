import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/permissions.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { expectFieldError, expectRefusedPage } from "../prizes/review-http.testing.ts";
import { makeForumEdition, makeForumSession, type TestForumEdition } from "./forum.testing.ts";
import { programmeChanges } from "./programme-changes.ts";
import { latestProgrammeVersion, publishProgramme } from "./programme-versions.service.ts";

let t: TestApp;
let secretariat: Browser;
let actor: Actor;

beforeAll(async () => {
  t = await createTestApp();
  const user = await makeUser(t.db, { role: "moderator", name: "Pat Publisher" });
  actor = { id: user.id, role: "moderator" } as Actor;
  secretariat = await signedInBrowser(t.app, t.db, user);
});
afterAll(async () => t?.close());

const edition = () => makeForumEdition(t.db, { startsOn: "2026-07-06", days: 2, timeZone: "Europe/Zurich" });
const base = (e: TestForumEdition) => `/forum/${e.year}/secretariat/programme`;
const at = (iso: string) => new Date(iso);

async function publishPage(e: TestForumEdition, fields: Record<string, string> = { confirm: "yes" }) {
  return secretariat.submit(base(e), `${base(e)}/publish`, fields);
}

const versionCount = async (editionId: string) =>
  (
    await t.db
      .selectFrom("forum_programme_versions")
      .select("id")
      .where("edition_id", "=", editionId)
      .execute()
  ).length;

describe("publishing the programme", () => {
  it("needs the confirmation and something scheduled", async () => {
    const e = await edition();
    await makeForumSession(t.db, e);
    expectFieldError(await publishPage(e, {}), "confirm", "required");
    expectRefusedPage(await publishPage(e), 409, "forum_programme_empty");
    expect(await versionCount(e.id)).toBe(0);
    expect(await latestProgrammeVersion(t.db, e.id)).toBeNull();
    expect(await programmeChanges(t.db, e.id)).toBeNull();
  });

  it("publishes version 1, refuses an unchanged copy, then version 2 with what changed", async () => {
    const e = await edition();
    const [roomA, roomB] = e.rooms.map((room) => room.id) as [string, string];
    const kept = await makeForumSession(t.db, e, {
      title: "Opening",
      roomId: roomA,
      startsAt: at("2026-07-06T07:00:00Z"),
      trackId: e.tracks[0]?.id as string,
      actionLines: ["C1", "C7"],
      sdgs: [4, 9],
      speakers: [{ name: "Ada", email: "ada@example.org", role: "keynote" }],
    });
    const moving = await makeForumSession(t.db, e, {
      title: "Moves",
      roomId: roomA,
      startsAt: at("2026-07-06T09:00:00Z"),
    });
    const dropped = await makeForumSession(t.db, e, {
      title: "Dropped",
      roomId: roomB,
      startsAt: at("2026-07-06T09:00:00Z"),
    });
    await makeForumSession(t.db, e, { title: "Still a draft" });

    expect((await publishPage(e)).statusCode).toBe(303);
    const first = await latestProgrammeVersion(t.db, e.id);
    expect(first?.version).toBe(1);
    expect(first?.publishedBy).toBe(actor.id);
    expect(first?.sessions.map((session) => session.title)).toEqual(["Opening", "Moves", "Dropped"]);
    expect(first?.sessions[0]).toEqual({
      id: kept.id,
      number: kept.number,
      title: "Opening",
      type: "thematic_workshop",
      track: e.tracks[0]?.code,
      mode: "hybrid",
      room: "Room A",
      startsAt: "2026-07-06T07:00:00.000Z",
      endsAt: "2026-07-06T08:00:00.000Z",
      speakers: [{ name: "Ada", organisation: "", role: "keynote" }],
      actionLines: ["C1", "C7"],
      sdgs: [4, 9],
    });
    expect(JSON.stringify(first)).not.toContain("ada@example.org");

    expectRefusedPage(await publishPage(e), 409, "forum_programme_unchanged");
    await expect(publishProgramme(t.db, actor, e.id, { confirm: "yes" }, null)).rejects.toMatchObject({
      code: "forum_programme_unchanged",
    });

    // Move one (room and time), rename the first, take one off, add one.
    await t.db
      .updateTable("forum_sessions")
      .set({ room_id: roomB, starts_at: at("2026-07-07T09:00:00Z"), ends_at: at("2026-07-07T10:00:00Z") })
      .where("id", "=", moving.id)
      .execute();
    await t.db
      .updateTable("forum_sessions")
      .set({ title: "Grand opening" })
      .where("id", "=", kept.id)
      .execute();
    await t.db
      .updateTable("forum_sessions")
      .set({ status: "draft", room_id: null, starts_at: null, ends_at: null })
      .where("id", "=", dropped.id)
      .execute();
    const added = await makeForumSession(t.db, e, {
      title: "Added",
      roomId: roomA,
      startsAt: at("2026-07-07T12:00:00Z"),
    });
    expect(await publishProgramme(t.db, actor, e.id, { confirm: "yes" }, "192.0.2.1")).toEqual({
      version: 2,
      sessions: 3,
    });

    const changes = await programmeChanges(t.db, e.id);
    expect(changes?.from).toBe(1);
    expect(changes?.to).toBe(2);
    expect(changes?.added.map((session) => session.id)).toEqual([added.id]);
    expect(changes?.removed.map((session) => session.id)).toEqual([dropped.id]);
    expect(changes?.moved).toEqual([
      {
        session: expect.objectContaining({ id: moving.id }),
        before: { room: "Room A", startsAt: "2026-07-06T09:00:00.000Z", endsAt: "2026-07-06T10:00:00.000Z" },
        after: { room: "Room B", startsAt: "2026-07-07T09:00:00.000Z", endsAt: "2026-07-07T10:00:00.000Z" },
      },
    ]);
    expect(changes?.renamed).toEqual([
      { session: expect.objectContaining({ id: kept.id }), before: "Opening", after: "Grand opening" },
    ]);
    expect(await programmeChanges(t.db, e.id, 1, 2)).toEqual(changes);
    expect(await programmeChanges(t.db, e.id, 2, 2)).toMatchObject({
      added: [],
      removed: [],
      moved: [],
      renamed: [],
    });
    expect(await programmeChanges(t.db, e.id, 1, 7)).toBeNull();

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["after"])
      .where("action", "=", "forum.programme_publish")
      .where("subject_id", "=", e.id)
      .orderBy("id")
      .execute();
    expect(audit.map((item) => (item.after as { version: number }).version)).toEqual([1, 2]);

    const grid = await secretariat.get(base(e));
    expect(grid.body).toContain("Published versions");
    expect(grid.body).toContain("Pat Publisher");
    expect(grid.body).toContain("From version 1 to version 2: 1 added, 1 removed, 1 moved, 1 renamed.");
  });
});

describe("published versions", () => {
  it("cannot be updated or deleted: the database refuses", async () => {
    const e = await edition();
    await makeForumSession(t.db, e, {
      roomId: e.rooms[0]?.id as string,
      startsAt: at("2026-07-06T07:00:00Z"),
    });
    await publishProgramme(t.db, actor, e.id, { confirm: "yes" }, null);
    await expect(
      t.db
        .updateTable("forum_programme_versions")
        .set({ version: 9 })
        .where("edition_id", "=", e.id)
        .execute(),
    ).rejects.toThrow(/immutable/);
    await expect(
      sql`update forum_programme_versions set sessions = '[]'::jsonb where edition_id = ${e.id}`.execute(
        t.db,
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.db.deleteFrom("forum_programme_versions").where("edition_id", "=", e.id).execute(),
    ).rejects.toThrow(/immutable/);
    await expect(sql`truncate forum_programme_versions`.execute(t.db)).rejects.toThrow(/immutable/);
    // Nor does deleting the edition take its published programme with it.
    await expect(t.db.deleteFrom("forum_editions").where("id", "=", e.id).execute()).rejects.toThrow();
    const latest = await latestProgrammeVersion(t.db, e.id);
    expect(latest?.version).toBe(1);
    expect(latest?.sessions).toHaveLength(1);
  });
});
