import { FormClient, hiddenFields } from "./form-client.ts";
import type { Account } from "./live-prizes.ts";

/** The WSIS Forum edition the programme-building pages (F3) are checked on. */
export const SCHEDULE_YEAR = 2087;

const DAY = 86_400_000;
/** A `datetime-local` value for an instant, read in UTC. */
const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** What the programme pages are checked on: the edition's year and a session placed on its grid. */
export interface ForumSchedule {
  year: number;
  sessionNumber: number;
}

/**
 * A Forum edition (Zurich time, 7–9 July) with two rooms, made through the admin's forms, whose
 * open consultation takes requests now; `admin` sends a workshop request, the secretariat (the
 * admin too) accepts it, which makes a draft session, and places it on the grid with its slot form
 * (Room A, 09:00 on the first day). Everything goes through the pages people use.
 */
export async function setUpForumSchedule(baseUrl: string, admin: Account): Promise<ForumSchedule> {
  const client = new FormClient(baseUrl, "en");
  await client.signIn(admin.email, admin.password);
  const year = SCHEDULE_YEAR;
  const now = Date.now();
  const windows: Array<[string, number, number]> = [
    ["launch", now - 60 * DAY, now - 30 * DAY],
    ["consultation", now - 30 * DAY, now - DAY],
    ["submissions", now - DAY, now + 30 * DAY],
    ["final_brief", now + 30 * DAY, now + 60 * DAY],
  ];
  await client.submit("/admin/forum/new", "/admin/forum", [
    ["year", String(year)],
    ["theme_en", "Programme building checks"],
    ["startsOn", `${year}-07-07`],
    ["endsOn", `${year}-07-09`],
    ["timeZone", "UTC"],
    ["venue", "CICG"],
    ["city", "Geneva"],
    ["chair", "E2E chair"],
    ...windows.flatMap(
      ([phase, start, end]): Array<[string, string]> => [
        [`ocp_${phase}_start`, utcLocal(start)],
        [`ocp_${phase}_end`, utcLocal(end)],
      ],
    ),
  ]);
  const rooms: Array<[string, string]> = [
    ["Room A", "120"],
    ["Room B", "400"],
  ];
  for (const [name, capacity] of rooms)
    await client.submit(`/admin/forum/${year}/rooms/new`, `/admin/forum/${year}/rooms`, [
      ["name", name],
      ["capacity", capacity],
      ["opensAt", "08:00"],
      ["closesAt", "20:00"],
    ]);
  await client.submit(`/forum/${year}/requests/new?kind=workshop`, `/forum/${year}/requests`, [
    ["title", "Open data for disaster response"],
    ["description", "Two agencies show how open data speeds up relief."],
    ["sessionType", "thematic_workshop"],
    ["mode", "hybrid"],
    ["actionLines", "C4"],
    ["sdgs", "11"],
    ["speakers.0.name", "Lena Park"],
    ["speakers.0.email", "lena@example.org"],
    ["speakers.0.role", "moderator"],
    ["intent", "submit"],
  ]);
  const mine = await client.get("/forum/my-requests");
  const requestId = mine.html.match(new RegExp(`href="/forum/${year}/requests/(\\d+)/edit"`))?.[1];
  if (!requestId) throw new Error("the e2e workshop request is not on /forum/my-requests");
  const review = `/forum/${year}/secretariat/requests/${requestId}`;
  const accept = `${review}/accept`;
  const accepted = await client.post(accept, hiddenFields((await client.get(review)).html, accept));
  if (accepted.status !== 303) throw new Error(`accepting the e2e request: ${accepted.status}`);
  const grid = await client.get(`/forum/${year}/secretariat/programme`);
  const sessionNumber = Number(grid.html.match(/\/secretariat\/programme\/sessions\/(\d+)"/)?.[1]);
  if (!sessionNumber) throw new Error("the accepted request made no draft session on the grid page");
  const page = `/forum/${year}/secretariat/programme/sessions/${sessionNumber}`;
  const roomId = (await client.get(page)).html.match(/<option value="(\d+)"[^>]*>Room A/)?.[1];
  if (!roomId) throw new Error("Room A is not offered on the session's slot form");
  await client.submit(page, `${page}/slot`, [
    ["day", `${year}-07-07`],
    ["start", "09:00"],
    ["duration", "90"],
    ["room", roomId],
  ]);
  return { year, sessionNumber };
}
