import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition } from "./forum.testing.ts";
import { loadPastForums, seedPastForums } from "./past-forums.ts";

let t: TestApp;
let visitor: Browser;
const en = translator("en");

beforeAll(async () => {
  t = await createTestApp();
  await seedPastForums(t.db);
  visitor = new Browser(t.app);
});
afterAll(async () => t?.close());

describe("past Forums 2009–2024", () => {
  it("are seeded once, insert-only, so an admin's correction survives a restart", async () => {
    expect(loadPastForums().editions.map((edition) => edition.year)).toEqual(
      Array.from({ length: 16 }, (_, index) => 2009 + index),
    );
    await t.db
      .updateTable("forum_editions")
      .set({ chair: "Corrected chair" })
      .where("year", "=", 2015)
      .execute();
    expect(await seedPastForums(t.db)).toBe(0);
    const row = await t.db
      .selectFrom("forum_editions")
      .select("chair")
      .where("year", "=", 2015)
      .executeTakeFirstOrThrow();
    expect(row.chair).toBe("Corrected chair");
    await t.db.updateTable("forum_editions").set({ chair: "" }).where("year", "=", 2015).execute();
  });

  it("keep the sources' qualifiers and say what is not recorded", async () => {
    const page = await visitor.get("/forum/history");
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body).toContain("1,500+");
    expect(body).toContain("15,000+");
    expect(body).toContain("30,000+");
    expect((await visitor.get("/forum/2022")).body).toContain("1,000+ onsite + 30,000+ remote");
    expect((await visitor.get("/forum")).body).toContain("1,150 onsite + 1,000 remote");
    expect(body).toContain("~200");
    expect(body).toContain("160");
    expect(body).toContain("Dominican Republic");
    expect(body).toContain("ICTs for Inclusive, Resilient and Sustainable Societies and Economies");
    expect(body).toContain(en("forum.editions.notRecorded"));
    // The chart and its data table: one bar per year and way of taking part.
    expect(body).toContain('class="bar-chart"');
    expect(body).toContain(
      en("forum.history.barLabel", { year: "2022", kind: en("forum.history.kind.remote") }),
    );
    expect(body).toContain(
      en("forum.history.barLabel", { year: "2021", kind: en("forum.history.kind.virtual") }),
    );
    expect(body).toContain(
      en("forum.history.barLabel", { year: "2011", kind: en("forum.history.kind.onsite") }),
    );
    // No invented theme: 2009 has none in the sources.
    const y2009 = await visitor.get("/forum/2009");
    expect(y2009.body).toContain(en("forum.editions.notRecorded"));
    expect(y2009.body).toContain("1,200");
  });

  it("show 2024 with its recorded dates, venue and chair", async () => {
    const page = await visitor.get("/forum/2024");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('datetime="2024-05-27"');
    expect(page.body).toContain("Albert Rösti");
    expect(page.body).toContain("4,000+");
    expect(page.body).toContain("Geneva");
  });

  it("are in Arabic too, with the figures kept", async () => {
    // Its own browser: the language choice is kept in a cookie.
    const page = await new Browser(t.app).get("/forum/history?lang=ar");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain(translator("ar")("forum.history.title"));
  });
});

describe("/forum and /forum/:year", () => {
  it("lists running and upcoming editions first, then past ones newest first", async () => {
    const upcoming = await makeForumEdition(t.db, { ocpOpen: "consultation" });
    const page = await visitor.get("/forum");
    expect(page.statusCode).toBe(200);
    const body = page.body;
    expect(body.indexOf(`href="/forum/${upcoming.year}"`)).toBeLessThan(body.indexOf('href="/forum/2024"'));
    expect(body.indexOf('href="/forum/2024"')).toBeLessThan(body.indexOf('href="/forum/2023"'));
    expect(body).toContain('href="/forum"');
    expect(body).toContain(en("forum.editions.ocp.openNow", { phase: en("forum.ocpPhase.consultation") }));
  });

  it("shows an edition's theme, venue zone, OCP steps with the open one marked, and its pages", async () => {
    const edition = await makeForumEdition(t.db, { ocpOpen: "submissions", timeZone: "Pacific/Kiritimati" });
    const page = await visitor.get(`/forum/${edition.year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Test Forum ${edition.year}`);
    expect(page.body).toContain(en("forum.editions.venueZone", { zone: "Pacific/Kiritimati" }));
    expect(page.body).toMatch(/aria-current="step"><strong>Official submissions and requests/);
    for (const path of ["programme", "register", "ocp"])
      expect(page.body).toContain(`/forum/${edition.year}/${path}"`);
    // The Outcome Document is linked once published only.
    expect(page.body).not.toContain(`/forum/${edition.year}/outcomes"`);
    expect(page.body).toContain("+14");
  });

  it("shows its times in a visitor's zone too with ?tz= (venue at UTC−12, visitor at UTC+14)", async () => {
    const edition = await makeForumEdition(t.db, { ocpOpen: "submissions", timeZone: "Etc/GMT+12" });
    const windows = await t.db
      .selectFrom("forum_ocp_phases")
      .select("starts_at")
      .where("edition_id", "=", edition.id)
      .where("phase", "=", "submissions")
      .executeTakeFirstOrThrow();
    const start = new Date(windows.starts_at);
    const page = await visitor.get(`/forum/${edition.year}?tz=pacific/kiritimati`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-visitor-zone="Pacific/Kiritimati"');
    // The same instant 26 hours apart on the wall clocks: the visitor's day is two days later.
    const venueDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Etc/GMT+12", day: "numeric" }).format(
      start,
    );
    const visitorDay = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Pacific/Kiritimati",
      day: "numeric",
    }).format(start);
    expect(visitorDay).not.toBe(venueDay);
    expect(page.body).toContain("GMT+14");
    expect(page.body).toContain("GMT-12");
    expect(page.body).toContain(en("forum.programme.localTime", { time: "" }).trim().slice(0, 9));
    // A zone that does not exist is ignored: venue times only.
    const odd = await visitor.get(`/forum/${edition.year}?tz=Mars/Olympus`);
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain("GMT+14");
  });

  it("answers 404 for a year with no edition and for a malformed year", async () => {
    expect((await visitor.get("/forum/2199")).statusCode).toBe(404);
    expect((await visitor.get("/forum/1999")).statusCode).toBe(404);
    expect((await visitor.get("/forum/20x4")).statusCode).toBe(404);
  });

  it("links the Forum from the site header", async () => {
    const page = await visitor.get("/");
    expect(page.body).toContain(`href="/forum">${en("forum.editions.nav")}</a>`);
  });
});

describe("listForumEditions / getForumEdition", () => {
  it("lists editions with ISO instants, the open OCP step and past figures", async () => {
    const edition = await makeForumEdition(t.db, { ocpOpen: "launch", timeZone: "Etc/GMT+12" });
    const response = await visitor.api("GET", "/api/v1/forum/editions");
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as { items: Array<Record<string, unknown>> };
    const mine = items.find((item) => item.year === edition.year);
    expect(mine).toMatchObject({
      timeZone: "Etc/GMT+12",
      openOcpPhase: "launch",
      timing: "upcoming",
      pastFigures: null,
    });
    expect(mine?.ocp).toHaveLength(4);
    const y2024 = items.find((item) => item.year === 2024);
    expect(y2024?.pastFigures).toEqual({
      participants: { total: { value: 4000, qualifier: "at_least" } },
      countries: { value: 160, qualifier: "exact" },
      sessions: { value: 200, qualifier: "about" },
      datesRecorded: true,
    });
    const y2022 = items.find((item) => item.year === 2022);
    expect(y2022?.pastFigures).toMatchObject({
      participants: {
        onsite: { value: 1000, qualifier: "at_least" },
        remote: { value: 30000, qualifier: "at_least" },
      },
      datesRecorded: false,
    });
  });

  it("gives one edition with rooms and tracks, and 404 forum_edition_not_found otherwise", async () => {
    const edition = await makeForumEdition(t.db, { rooms: 2 });
    const response = await visitor.api("GET", `/api/v1/forum/editions/${edition.year}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { rooms: unknown[]; tracks: unknown[]; links: { html: string } };
    expect(body.rooms).toEqual([
      { name: "Room A", capacity: 100, opensAt: "08:00", closesAt: "20:00" },
      { name: "Room B", capacity: 200, opensAt: "08:00", closesAt: "20:00" },
    ]);
    expect(body.tracks).toHaveLength(2);
    expect(body.links.html).toBe(`/forum/${edition.year}`);
    for (const year of ["2199", "abcd"]) {
      const missing = await visitor.api("GET", `/api/v1/forum/editions/${year}`);
      expect(missing.statusCode).toBe(year === "abcd" ? 400 : 404);
      if (year === "2199") expect(missing.json()).toMatchObject({ code: "forum_edition_not_found" });
    }
  });

  it("is documented in the OpenAPI document under the forum tag", async () => {
    const doc = (await visitor.api("GET", "/openapi.json")).json() as {
      paths: Record<string, { get?: { operationId?: string; tags?: string[] } }>;
    };
    expect(doc.paths["/api/v1/forum/editions"]?.get).toMatchObject({
      operationId: "listForumEditions",
      tags: ["forum"],
    });
    expect(doc.paths["/api/v1/forum/editions/{year}"]?.get?.operationId).toBe("getForumEdition");
  });
});

describe("signed-in visitors", () => {
  it("see no admin link unless they administer the Forum", async () => {
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await user.get("/forum")).body).not.toContain('href="/admin/forum"');
    const admin = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
    expect((await admin.get("/forum")).body).toContain('href="/admin/forum"');
  });
});
