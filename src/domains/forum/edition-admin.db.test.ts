import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { findForumEditionByYear, findOcpWindows, findRooms, findTracks } from "./forum-editions.repo.ts";
import { seedPastForums } from "./past-forums.ts";

let t: TestApp;
let admin: Browser;
let moderator: Browser;
const en = translator("en");

beforeAll(async () => {
  t = await createTestApp();
  await seedPastForums(t.db);
  admin = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
  moderator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

const audits = (action: string) =>
  t.db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id", "desc").execute();

let nextYear = 2101;
/** A year no other test of this file uses (editions are addressed by year). */
const freshYear = () => {
  nextYear -= 1;
  return nextYear;
};

/** A complete, valid new-edition form for `year` in Geneva's zone. */
function editionForm(year: number, changes: Record<string, string> = {}): Record<string, string> {
  return {
    year: String(year),
    theme_en: `Digital cooperation ${year}`,
    theme_fr: `Coopération numérique ${year}`,
    theme_ar: "",
    theme_zh: "",
    theme_ru: "",
    theme_es: "",
    timeZone: "europe/zurich",
    startsOn: `${year}-07-06`,
    endsOn: `${year}-07-10`,
    venue: "CICG",
    city: "Geneva",
    chair: "",
    registrationOpens: `${year}-03-02T09:00`,
    registrationCloses: `${year}-07-03T17:00`,
    accreditationDeadline: "",
    ocp_launch_start: `${year - 1}-11-03T09:00`,
    ocp_launch_end: `${year - 1}-12-01T09:00`,
    ocp_consultation_start: `${year - 1}-12-01T09:00`,
    ocp_consultation_end: `${year}-01-15T09:00`,
    ocp_submissions_start: `${year}-01-15T09:00`,
    ocp_submissions_end: `${year}-02-27T23:59`,
    ocp_final_brief_start: `${year}-03-02T09:00`,
    ocp_final_brief_end: `${year}-04-01T09:00`,
    ...changes,
  };
}

describe("/admin/forum: editions", () => {
  it("is for admins only", async () => {
    expect((await moderator.get("/admin/forum")).statusCode).toBe(403);
    const list = await admin.get("/admin/forum");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/admin/forum/2024"');
  });

  it("creates an edition: zone canonicalised, local times stored as instants, OCP in order, audited", async () => {
    const year = freshYear();
    const response = await admin.submit("/admin/forum/new", "/admin/forum", editionForm(year));
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/forum/${year}`);
    const edition = await findForumEditionByYear(t.db, year);
    expect(edition).toMatchObject({ time_zone: "Europe/Zurich", venue: "CICG", starts_on: `${year}-07-06` });
    expect(edition?.theme).toEqual({
      en: `Digital cooperation ${year}`,
      fr: `Coopération numérique ${year}`,
    });
    // 09:00 in Geneva in March is 08:00 UTC (winter time), in July 07:00 (summer time).
    expect(new Date(edition?.registration_opens_at as Date).toISOString()).toBe(
      `${year}-03-02T08:00:00.000Z`,
    );
    expect(new Date(edition?.registration_closes_at as Date).toISOString()).toBe(
      `${year}-07-03T15:00:00.000Z`,
    );
    expect(edition?.accreditation_deadline).toBeNull();
    const windows = await findOcpWindows(t.db, edition?.id as string);
    expect(windows.map((window) => window.phase)).toEqual([
      "launch",
      "consultation",
      "submissions",
      "final_brief",
    ]);
    const [audit] = await audits("forum_edition.create");
    expect(audit?.subject_id).toBe(edition?.id);
    const page = await admin.get(`/admin/forum/${year}`);
    expect(page.body).toContain(`Digital cooperation ${year}`);
  });

  it("refuses bad input next to each field and stores nothing", async () => {
    const year = freshYear();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ timeZone: "Mars/Olympus" }, "timeZone", "unknown_code"],
      [{ timeZone: "+02:00" }, "timeZone", "unknown_code"],
      // Clocks go forward at 02:00 in Geneva on the last Sunday of March: 02:30 never happens.
      [{ registrationOpens: "2027-03-28T02:30" }, "registrationOpens", "nonexistent_local_time"],
      [{ registrationCloses: `${year}-03-01T09:00` }, "registrationCloses", "end_before_start"],
      [{ ocp_consultation_start: `${year - 1}-11-20T09:00` }, "ocp_consultation_start", "phase_overlap"],
      [{ ocp_launch_end: `${year - 1}-11-01T09:00` }, "ocp_launch_end", "end_before_start"],
      [{ ocp_submissions_end: "" }, "ocp_submissions_end", "required"],
      [{ startsOn: `${year}-02-30` }, "startsOn", "invalid_date"],
      [{ endsOn: `${year}-07-01` }, "endsOn", "end_before_start"],
      [{ theme_en: "" }, "theme_en", "required"],
      [{ theme_en: "x".repeat(301) }, "theme_en", "too_long"],
      [{ year: "1999" }, "year", "out_of_range"],
      [{ year: "2024" }, "year", "duplicate"],
      [{ venue: "" }, "venue", "required"],
      [{ registrationOpens: "next tuesday" }, "registrationOpens", "invalid_date"],
    ];
    for (const [changes, field, code] of cases) {
      const response = await admin.submit("/admin/forum/new", "/admin/forum", editionForm(year, changes));
      expect(response.statusCode, `${field} ${code}`).toBe(400);
      expect(response.body).toContain(`id="${field}-error"`);
      expect(response.body).toContain(en(`fields.${code}`, { max: 300, min: 2000 }).slice(0, 20));
      expect(response.body).toContain('class="error-summary"');
    }
    expect(await findForumEditionByYear(t.db, year)).toBeUndefined();
    // The typed values come back as sent.
    const again = await admin.submit(
      "/admin/forum/new",
      "/admin/forum",
      editionForm(year, { timeZone: "Mars/Olympus" }),
    );
    expect(again.body).toContain('value="Mars/Olympus"');
  });

  it("edits an edition and shows its times in its zone; audits before and after", async () => {
    const edition = await makeForumEdition(t.db, { timeZone: "Pacific/Kiritimati" });
    const form = await admin.get(`/admin/forum/${edition.year}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Pacific/Kiritimati"');
    const year = edition.year;
    const response = await admin.submit(
      `/admin/forum/${year}/edit`,
      `/admin/forum/${year}/edit`,
      editionForm(year, { timeZone: "Etc/GMT+12", chair: "H.E. Chair", venue: "Online" }),
    );
    expect(response.statusCode).toBe(303);
    const row = await findForumEditionByYear(t.db, year);
    expect(row).toMatchObject({ time_zone: "Etc/GMT+12", chair: "H.E. Chair" });
    // 09:00 at UTC−12 is 21:00 UTC.
    expect(new Date(row?.registration_opens_at as Date).toISOString()).toBe(`${year}-03-02T21:00:00.000Z`);
    const [audit] = await audits("forum_edition.update");
    expect(audit?.before).toMatchObject({ timeZone: "Pacific/Kiritimati", chair: "Test chair" });
  });

  it("lets admins correct a past edition without OCP or registration, and then shows its dates", async () => {
    const form = await admin.get("/admin/forum/2015/edit");
    expect(form.body).not.toContain('name="ocp_launch_start"');
    expect(form.body).toContain(en("forum.editions.form.placeholderDates"));
    const response = await admin.submit("/admin/forum/2015/edit", "/admin/forum/2015/edit", {
      theme_en: "",
      timeZone: "Europe/Zurich",
      startsOn: "2015-05-25",
      endsOn: "2015-05-29",
      venue: "",
      city: "Geneva",
      chair: "A recorded chair",
    });
    expect(response.statusCode).toBe(303);
    const row = await findForumEditionByYear(t.db, 2015);
    expect(row?.chair).toBe("A recorded chair");
    expect(row?.past_figures).toMatchObject({
      datesRecorded: true,
      participants: { total: { value: 1800 } },
    });
    expect((await admin.get("/forum/2015")).body).toContain('datetime="2015-05-25"');
  });

  it("answers 404 for an unknown edition", async () => {
    expect((await admin.get("/admin/forum/2199/edit")).statusCode).toBe(404);
  });
});

describe("/admin/forum/:year rooms and tracks", () => {
  it("adds, edits and removes a room, audited; refuses bad values", async () => {
    const edition = await makeForumEdition(t.db, { rooms: 1 });
    const base = `/admin/forum/${edition.year}`;
    const bad: Array<[Record<string, string>, string, string]> = [
      [{ name: "" }, "name", "required"],
      [{ name: "room a" }, "name", "duplicate"],
      [{ capacity: "0" }, "capacity", "out_of_range"],
      [{ capacity: "12.5" }, "capacity", "out_of_range"],
      [{ opensAt: "25:00" }, "opensAt", "invalid_value"],
      [{ closesAt: "07:00" }, "closesAt", "end_before_start"],
    ];
    const good = { name: "Popov Room", capacity: "250", opensAt: "09:00", closesAt: "18:30" };
    for (const [changes, field, code] of bad) {
      const response = await admin.submit(`${base}/rooms/new`, `${base}/rooms`, { ...good, ...changes });
      expect(response.statusCode, `${field} ${code}`).toBe(400);
      expect(response.body).toContain(`id="${field}-error"`);
    }
    expect(await findRooms(t.db, edition.id)).toHaveLength(1);
    expect((await admin.submit(`${base}/rooms/new`, `${base}/rooms`, good)).statusCode).toBe(303);
    const room = (await findRooms(t.db, edition.id)).find((item) => item.name === "Popov Room");
    expect(room).toMatchObject({ capacity: 250, opens_at: "09:00:00", closes_at: "18:30:00" });
    const edited = await admin.submit(`${base}/rooms/${room?.id}`, `${base}/rooms/${room?.id}`, {
      ...good,
      capacity: "300",
    });
    expect(edited.statusCode).toBe(303);
    const removed = await admin.submit(`${base}/rooms/${room?.id}`, `${base}/rooms/${room?.id}/delete`, {});
    expect(removed.statusCode).toBe(303);
    expect(await findRooms(t.db, edition.id)).toHaveLength(1);
    expect((await audits("forum_room.create")).length).toBeGreaterThan(0);
    expect((await audits("forum_room.update"))[0]?.after).toMatchObject({ capacity: 300 });
    expect((await audits("forum_room.delete"))[0]?.subject_id).toBe(room?.id);
    expect((await admin.get(`${base}/rooms/99999999`)).statusCode).toBe(404);
    expect((await admin.get(`${base}/rooms/abc`)).statusCode).toBe(404);
  });

  it("refuses to remove a room or track a session uses, with the message and its code", async () => {
    const edition = await makeForumEdition(t.db, { rooms: 1 });
    const room = edition.rooms[0];
    const track = edition.tracks[0];
    await makeForumSession(t.db, edition, {
      roomId: room?.id,
      trackId: track?.id,
      startsAt: new Date(Date.now() + 86400000),
    });
    const base = `/admin/forum/${edition.year}`;
    const deleteAudits = (await audits("forum_room.delete")).length;
    const roomRefused = await admin.submit(
      `${base}/rooms/${room?.id}`,
      `${base}/rooms/${room?.id}/delete`,
      {},
    );
    expect(roomRefused.statusCode).toBe(409);
    expect(roomRefused.body).toContain("<code>forum_room_in_use</code>");
    expect(roomRefused.body).toContain(en("errors.forum_room_in_use", { count: 1 }));
    expect(await findRooms(t.db, edition.id)).toHaveLength(1);
    expect(await audits("forum_room.delete")).toHaveLength(deleteAudits);
    const trackRefused = await admin.submit(
      `${base}/tracks/${track?.id}`,
      `${base}/tracks/${track?.id}/delete`,
      {},
    );
    expect(trackRefused.statusCode).toBe(409);
    expect(trackRefused.body).toContain("<code>forum_track_in_use</code>");
    expect(await findTracks(t.db, edition.id)).toHaveLength(2);
  });

  it("adds and edits a special track with names in six languages; refuses bad codes", async () => {
    const edition = await makeForumEdition(t.db);
    const base = `/admin/forum/${edition.year}`;
    const good = {
      code: "gender",
      name_en: "Gender",
      name_fr: "Genre",
      name_ar: "",
      name_zh: "",
      name_ru: "",
      name_es: "",
    };
    for (const [changes, field] of [
      [{ code: "Gender!" }, "code"],
      [{ code: "youth" }, "code"],
      [{ name_en: "" }, "name_en"],
    ] as const) {
      const response = await admin.submit(`${base}/tracks/new`, `${base}/tracks`, { ...good, ...changes });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`id="${field}-error"`);
    }
    expect((await admin.submit(`${base}/tracks/new`, `${base}/tracks`, good)).statusCode).toBe(303);
    const track = (await findTracks(t.db, edition.id)).find((item) => item.code === "gender");
    expect(track?.names).toEqual({ en: "Gender", fr: "Genre" });
    const removed = await admin.submit(
      `${base}/tracks/${track?.id}`,
      `${base}/tracks/${track?.id}/delete`,
      {},
    );
    expect(removed.statusCode).toBe(303);
    expect((await audits("forum_track.delete"))[0]?.subject_id).toBe(track?.id);
  });
});
