import { FormClient } from "./form-client.ts";
import type { Account } from "./live-prizes.ts";

/** The WSIS Forum edition whose Open Consultation (F2) is open while the e2e checks run. */
export const OCP_YEAR = 2086;

const DAY = 86_400_000;
/** A `datetime-local` value for an instant, read in UTC (the edition's zone here). */
const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** What the OCP pages are checked on: the edition's year and a submitted workshop request. */
export interface ForumOcp {
  year: number;
  requestId: string;
}

/**
 * A Forum edition (made through the admin's form) whose `submissions` window is open now, with an
 * official submission and a submitted workshop request by `admin` (every account takes part in
 * the OCP), so the stakeholder's pages, the secretariat's list, a request's review page and the
 * analysis all have something to show.
 */
export async function setUpForumOcp(baseUrl: string, admin: Account): Promise<ForumOcp> {
  const client = new FormClient(baseUrl, "en");
  await client.signIn(admin.email, admin.password);
  const year = OCP_YEAR;
  const now = Date.now();
  const windows: Array<[string, number, number]> = [
    ["launch", now - 60 * DAY, now - 30 * DAY],
    ["consultation", now - 30 * DAY, now - DAY],
    ["submissions", now - DAY, now + 30 * DAY],
    ["final_brief", now + 30 * DAY, now + 60 * DAY],
  ];
  await client.submit("/admin/forum/new", "/admin/forum", [
    ["year", String(year)],
    ["theme_en", "Open consultation checks"],
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
  await client.submit(`/forum/${year}/ocp`, `/forum/${year}/ocp`, [
    ["themes", "Digital inclusion of older persons"],
    ["actionLines", "C4"],
    ["sdgs", "10"],
  ]);
  await client.submit(`/forum/${year}/requests/new?kind=workshop`, `/forum/${year}/requests`, [
    ["title", "Community networks for rural connectivity"],
    ["description", "Three case studies of community networks."],
    ["sessionType", "thematic_workshop"],
    ["mode", "hybrid"],
    ["actionLines", "C2"],
    ["sdgs", "9"],
    ["speakers.0.name", "Amina Diallo"],
    ["speakers.0.email", "amina@example.org"],
    ["speakers.0.role", "moderator"],
    ["intent", "submit"],
  ]);
  const mine = await client.get("/forum/my-requests");
  const requestId = mine.html.match(new RegExp(`href="/forum/${year}/requests/(\\d+)/edit"`))?.[1];
  if (!requestId) throw new Error("the e2e workshop request is not on /forum/my-requests");
  return { year, requestId };
}
