import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition, makeForumSession, type TestForumEdition } from "./forum.testing.ts";
import { publishForTest } from "./programme.testing.ts";

let t: TestApp;
let browser: Browser;
let edition: TestForumEdition;
const numbers: Record<string, number> = {};

const utc = (iso: string) => new Date(`${iso}Z`);
const titlesOf = (body: string) =>
  [...body.matchAll(/<a href="\/forum\/\d+\/sessions\/\d+[^"]*">([^<]+)<\/a>/g)].map((m) => m[1]);

// The edition runs Fri 27 – Tue 31 March 2026 in Geneva: Europe moves to summer time on Sunday 29th.
beforeAll(async () => {
  t = await createTestApp();
  browser = new Browser(t.app);
  edition = await makeForumEdition(t.db, { startsOn: "2026-03-27", days: 5, timeZone: "Europe/Zurich" });
  const [roomA, roomB] = edition.rooms;
  const youth = edition.tracks.find((track) => track.code === "youth")?.id ?? null;
  const community = await makeForumSession(t.db, edition, {
    title: "Community networks for rural connectivity",
    roomId: roomA?.id,
    startsAt: utc("2026-03-27T08:00"),
    minutes: 60,
    actionLines: ["C5"],
    sdgs: [9],
    trackId: youth,
    speakers: [
      { name: "José Müller", email: "jose@example.org", role: "panellist" },
      { name: "Amina Diallo", email: "amina@example.org", role: "moderator" },
    ],
  });
  await t.db
    .updateTable("forum_sessions")
    .set({
      description: "Broadband for villages; what works.\nSecond paragraph.",
      organisers_text: "ITU, Internet Society",
      documents: JSON.stringify([
        { title: "Concept note", url: "https://example.org/concept.pdf" },
        { title: "Bad link", url: "javascript:alert(1)" },
      ]),
    })
    .where("id", "=", community.id)
    .execute();
  numbers.community = community.number;
  numbers.schools = (
    await makeForumSession(t.db, edition, {
      title: "Cybersecurity for schools",
      type: "talkx",
      roomId: roomB?.id,
      startsAt: utc("2026-03-27T08:00"),
      actionLines: ["C1", "C4"],
      sdgs: [4],
    })
  ).number;
  numbers.night = (
    await makeForumSession(t.db, edition, {
      title: "Night hackathon",
      type: "hackathon",
      roomId: roomA?.id,
      startsAt: utc("2026-03-29T00:30"),
      minutes: 60,
    })
  ).number;
  numbers.remote = (
    await makeForumSession(t.db, edition, {
      title: "Remote knowledge café",
      type: "knowledge_cafe",
      mode: "remote",
      startsAt: utc("2026-03-28T13:00"),
    })
  ).number;
  numbers.draft = (
    await makeForumSession(t.db, edition, { title: "Secret draft on community broadband" })
  ).number;
  await publishForTest(t.db, edition);
});
afterAll(async () => t?.close());

const programme = (query = "") => browser.get(`/forum/${edition.year}/programme${query}`);

describe("public programme page", () => {
  it("lists the published sessions by day and time in the venue's zone, never drafts", async () => {
    const page = await programme();
    expect(page.statusCode).toBe(200);
    expect(titlesOf(page.body)).toEqual([
      "Community networks for rural connectivity",
      "Cybersecurity for schools",
      "Remote knowledge café",
      "Night hackathon",
    ]);
    expect(page.body).not.toContain("Secret draft");
    expect(page.body).toContain("Friday, 27 March 2026");
    expect(page.body).toContain('datetime="2026-03-27T08:00:00.000Z">09:00 CET</time>');
    // The DST night: 01:30 is still winter time.
    expect(page.body).toContain('datetime="2026-03-29T00:30:00.000Z">01:30 CET</time>');
    expect(page.body).toContain("Europe/Zurich");
    expect(page.body).toMatch(/<script src="\/assets\/forum-local-time\.[0-9a-f]+\.js" defer/);
    expect(page.body).toContain('data-venue-zone="Europe/Zurich"');
    expect(page.body).toContain("4 sessions");
  });

  it("filters by type, track, Action Line, SDG, day and speaker (accents and case ignored)", async () => {
    expect(titlesOf((await programme("?type=talkx")).body)).toEqual(["Cybersecurity for schools"]);
    expect(titlesOf((await programme("?track=youth")).body)).toEqual([
      "Community networks for rural connectivity",
    ]);
    expect(titlesOf((await programme("?actionLine=C4")).body)).toEqual(["Cybersecurity for schools"]);
    expect(titlesOf((await programme("?sdg=4")).body)).toEqual(["Cybersecurity for schools"]);
    expect(titlesOf((await programme("?day=2026-03-29")).body)).toEqual(["Night hackathon"]);
    expect(titlesOf((await programme("?speaker=JOSE+muller")).body)).toEqual([
      "Community networks for rural connectivity",
    ]);
    expect(titlesOf((await programme("?type=talkx&sdg=9")).body)).toEqual([]);
  });

  it("searches title, organisers and description of published sessions only (web search syntax)", async () => {
    expect(titlesOf((await programme("?q=broadband")).body)).toEqual([
      "Community networks for rural connectivity",
    ]);
    expect(titlesOf((await programme("?q=%22internet+society%22")).body)).toEqual([
      "Community networks for rural connectivity",
    ]);
    expect(titlesOf((await programme("?q=schools+OR+hackathon")).body)).toEqual([
      "Cybersecurity for schools",
      "Night hackathon",
    ]);
    expect(titlesOf((await programme("?q=community+-rural")).body)).toEqual([]);
    const draft = await programme("?q=secret+draft");
    expect(titlesOf(draft.body)).toEqual([]);
    expect(draft.body).toContain("No session matches these filters.");
    // Operators alone or odd punctuation are not an error.
    expect((await programme("?q=%22%28%26%7C!")).statusCode).toBe(200);
  });

  it("adds a visitor's zone given with ?tz=, UTC+14 and UTC−12 included", async () => {
    const kiritimati = await programme("?tz=pacific/kiritimati");
    expect(kiritimati.statusCode).toBe(200);
    expect(kiritimati.body).toContain('data-visitor-zone="Pacific/Kiritimati"');
    // 13:00 UTC on Saturday 28th is 03:00 on Sunday 29th at UTC+14.
    expect(kiritimati.body).toMatch(/Sun 29 Mar, 03:00 GMT\+14/);
    expect(kiritimati.body).toContain(
      `/forum/${edition.year}/sessions/${numbers.community}?tz=Pacific%2FKiritimati`,
    );
    const baker = await programme("?tz=Etc/GMT%2B12");
    // 08:00 UTC on Friday 27th is 20:00 on Thursday 26th at UTC−12.
    expect(baker.body).toMatch(/Thu 26 Mar, 20:00 GMT-12/);
  });

  it("shows bad filter values next to their field and still lists the programme", async () => {
    const page = await programme("?type=party&tz=Mars%2FOlympus&day=2020-01-01");
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('class="error-summary"');
    expect(page.body).toMatch(/id="field-type"[^>]*aria-invalid="true"/);
    expect(page.body).toMatch(/id="field-tz"[^>]*aria-invalid="true"/);
    expect(page.body).toMatch(/id="field-day"[^>]*aria-invalid="true"/);
    expect(titlesOf(page.body)).toHaveLength(4);
  });

  it("reads right to left in Arabic, with the filters and times translated", async () => {
    // Its own browser: `?lang=` is remembered in a cookie.
    const page = await new Browser(t.app).get(
      `/forum/${edition.year}/programme?lang=ar&tz=Pacific/Kiritimati`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain("تصفية البرنامج");
    expect(titlesOf(page.body)).toHaveLength(4);
  });

  it("answers 404 for an unknown edition and says when nothing is published yet", async () => {
    expect((await browser.get("/forum/1999/programme")).statusCode).toBe(404);
    expect((await browser.get("/forum/abcd/programme")).statusCode).toBe(404);
    const unpublished = await makeForumEdition(t.db);
    await makeForumSession(t.db, unpublished, {
      roomId: unpublished.rooms[0]?.id,
      startsAt: new Date(Date.now() + 86_400_000),
    });
    const page = await browser.get(`/forum/${unpublished.year}/programme`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("The programme has not been published yet.");
    expect(titlesOf(page.body)).toEqual([]);
  });
});

describe("session page", () => {
  it("shows the DOMAIN.md fields, linked Action Lines and SDGs, and safe document links only", async () => {
    const page = await browser.get(
      `/forum/${edition.year}/sessions/${numbers.community}?tz=Pacific/Kiritimati`,
    );
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Community networks for rural connectivity</h1>");
    expect(page.body).toContain("09:00–10:00 CET");
    expect(page.body).toContain("Friday, 27 March 2026");
    expect(page.body).toMatch(
      /In Pacific\/Kiritimati: Fri 27 Mar, 22:00 GMT\+14 to Fri 27 Mar, 23:00 GMT\+14/,
    );
    expect(page.body).toContain("Room A");
    expect(page.body).toContain("Hybrid (onsite and remote)");
    expect(page.body).toContain("Thematic workshop");
    expect(page.body).toContain("ITU, Internet Society");
    expect(page.body).toContain('href="/action-lines#action-line-C5"');
    expect(page.body).toContain('href="/sdgs#sdg-9"');
    // Moderator first, with roles; e-mail addresses are never published.
    expect(page.body.indexOf("Amina Diallo")).toBeLessThan(page.body.indexOf("José Müller"));
    expect(page.body).toContain("(Moderator)");
    expect(page.body).not.toContain("amina@example.org");
    expect(page.body).toContain('href="https://example.org/concept.pdf"');
    expect(page.body).not.toContain("javascript:");
    expect(page.body).toContain("Sign in to add this session to your agenda");
  });

  it("names both zones for the session across the daylight-saving change", async () => {
    const page = await browser.get(`/forum/${edition.year}/sessions/${numbers.night}`);
    expect(page.body).toContain("01:30 CET – 03:30 CEST");
  });

  it("is 404 for a draft, an unknown number and a malformed one", async () => {
    for (const number of [String(numbers.draft), "999", "0", "x1"])
      expect((await browser.get(`/forum/${edition.year}/sessions/${number}`)).statusCode).toBe(404);
  });
});

describe("listForumSessions", () => {
  const api = (query: string) => browser.api("GET", `/api/v1/forum/sessions?${query}`);

  it("lists the published programme with filters, as { total, items }", async () => {
    const all = await api(`year=${edition.year}`);
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body).toMatchObject({
      year: edition.year,
      timeZone: "Europe/Zurich",
      version: 1,
      total: 4,
      page: 1,
    });
    expect(body.items[0]).toMatchObject({
      number: numbers.community,
      title: "Community networks for rural connectivity",
      type: "thematic_workshop",
      typeName: "Thematic workshop",
      track: { code: "youth" },
      room: "Room A",
      startsAt: "2026-03-27T08:00:00.000Z",
      actionLines: ["C5"],
      sdgs: [9],
      url: `/forum/${edition.year}/sessions/${numbers.community}`,
    });
    expect(JSON.stringify(body)).not.toContain("@example.org");
    const remote = body.items.find((item: { number: number }) => item.number === numbers.remote);
    expect(remote).toMatchObject({ room: null, mode: "remote" });
    const searched = (await api(`year=${edition.year}&q=broadband&speaker=amina`)).json();
    expect(searched.total).toBe(1);
    expect((await api(`year=${edition.year}&day=2026-03-29`)).json().items[0].title).toBe("Night hackathon");
    expect((await api(`year=${edition.year}&page=2`)).json()).toMatchObject({ total: 4, page: 2, items: [] });
  });

  it("refuses bad filters with field codes and unknown editions with a 404", async () => {
    const bad = await api(`year=${edition.year}&type=party&sdg=18&day=2026-04-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe("validation_failed");
    expect(
      bad
        .json()
        .errors.map((error: { field: string; code: string }) => `${error.field}:${error.code}`)
        .sort(),
    ).toEqual(["day:invalid_value", "sdg:unknown_code", "type:unknown_code"]);
    const missing = await api("year=1999");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("forum_edition_not_found");
    expect((await api("day=2026-03-27")).statusCode).toBe(400);
    expect((await api(`year=${edition.year}&q=${"x".repeat(201)}`)).json().code).toBe("validation_failed");
  });
});
