import { type FormClient, hiddenFields } from "./form-client.ts";

/**
 * The WSIS Forum editions the e2e checks open, made on a running server through the pages people
 * use (the admin's edition and room forms, the OCP request form, the secretariat's review, slot
 * and publish forms). Every set-up takes the admin's signed-in client: signing in is limited to 10
 * times in 15 minutes per account and address, and the page checks sign the admin in again.
 */

/** The edition whose Open Consultation (F2) takes requests while the checks run. */
const OCP_YEAR = 2086;
/** The edition the programme-building (F3), programme (F4) and outcome (F1) pages are checked on. */
export const SCHEDULE_YEAR = 2087;
/** The edition whose registration (F5) is open while the checks run. */
const REGISTRATION_YEAR = 2085;

const DAY = 86_400_000;
/** A `datetime-local` value for an instant, read in UTC (the editions' zone). */
const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);

const OCP_PHASES = ["launch", "consultation", "submissions", "final_brief"] as const;
type OcpPhase = (typeof OCP_PHASES)[number];

/** The OCP's four steps back to back, a month each, `open` from yesterday on. */
function ocpWindows(open: OcpPhase): Array<[string, string]> {
  const openFrom = Date.now() - DAY;
  return OCP_PHASES.flatMap((phase, index): Array<[string, string]> => {
    const start = openFrom + (index - OCP_PHASES.indexOf(open)) * 30 * DAY;
    return [
      [`ocp_${phase}_start`, utcLocal(start)],
      [`ocp_${phase}_end`, utcLocal(start + 30 * DAY)],
    ];
  });
}

/**
 * A Forum edition in UTC, 7–9 July of `year` at the CICG, through the admin's new-edition form,
 * whose OCP step `openStep` is in progress; `more` adds fields (registration dates).
 */
async function createForumEdition(
  admin: FormClient,
  edition: { year: number; theme: string; openStep: OcpPhase; more?: Array<[string, string]> },
): Promise<void> {
  const { year } = edition;
  await admin.submit("/admin/forum/new", "/admin/forum", [
    ["year", String(year)],
    ["theme_en", edition.theme],
    ["startsOn", `${year}-07-07`],
    ["endsOn", `${year}-07-09`],
    ["timeZone", "UTC"],
    ["venue", "CICG"],
    ["city", "Geneva"],
    ["chair", "E2E chair"],
    ...(edition.more ?? []),
    ...ocpWindows(edition.openStep),
  ]);
}

/** What a workshop request says; the moderator is its one speaker. */
interface WorkshopRequest {
  title: string;
  description: string;
  actionLine: string;
  sdg: string;
  moderator: { name: string; email: string };
}

/**
 * Submits a workshop request to the open consultation of `year` (every account takes part in the
 * OCP) and returns its id, read from "my requests" (the only request of that edition there).
 */
async function submitWorkshopRequest(
  client: FormClient,
  year: number,
  request: WorkshopRequest,
): Promise<string> {
  await client.submit(`/forum/${year}/requests/new?kind=workshop`, `/forum/${year}/requests`, [
    ["title", request.title],
    ["description", request.description],
    ["sessionType", "thematic_workshop"],
    ["mode", "hybrid"],
    ["actionLines", request.actionLine],
    ["sdgs", request.sdg],
    ["speakers.0.name", request.moderator.name],
    ["speakers.0.email", request.moderator.email],
    ["speakers.0.role", "moderator"],
    ["intent", "submit"],
  ]);
  const mine = await client.get("/forum/my-requests");
  const requestId = mine.html.match(new RegExp(`href="/forum/${year}/requests/(\\d+)/edit"`))?.[1];
  if (!requestId) throw new Error(`the e2e workshop request of ${year} is not on /forum/my-requests`);
  return requestId;
}

/** What the OCP pages are checked on: the edition's year and a submitted workshop request. */
export interface ForumOcp {
  year: number;
  requestId: string;
}

/**
 * The OCP edition, taking requests now, with an official submission and a submitted workshop
 * request by the admin, so the stakeholder's pages, the secretariat's list, a request's review
 * page and the analysis all have something to show.
 */
async function setUpForumOcp(admin: FormClient): Promise<ForumOcp> {
  const year = OCP_YEAR;
  await createForumEdition(admin, { year, theme: "Open consultation checks", openStep: "submissions" });
  await admin.submit(`/forum/${year}/ocp`, `/forum/${year}/ocp`, [
    ["themes", "Digital inclusion of older persons"],
    ["actionLines", "C4"],
    ["sdgs", "10"],
  ]);
  const requestId = await submitWorkshopRequest(admin, year, {
    title: "Community networks for rural connectivity",
    description: "Three case studies of community networks.",
    actionLine: "C2",
    sdg: "9",
    moderator: { name: "Amina Diallo", email: "amina@example.org" },
  });
  return { year, requestId };
}

/** What the programme pages are checked on: the edition's year and a session placed on its grid. */
export interface ForumSchedule {
  year: number;
  sessionNumber: number;
}

/**
 * The programme-building edition with two rooms: the admin sends a workshop request, accepts it as
 * the secretariat (which makes a draft session) and places it with its slot form in Room A at 09:00
 * on the first day.
 */
async function setUpForumSchedule(admin: FormClient): Promise<ForumSchedule> {
  const year = SCHEDULE_YEAR;
  await createForumEdition(admin, { year, theme: "Programme building checks", openStep: "submissions" });
  const rooms: Array<[string, string]> = [
    ["Room A", "120"],
    ["Room B", "400"],
  ];
  for (const [name, capacity] of rooms)
    await admin.submit(`/admin/forum/${year}/rooms/new`, `/admin/forum/${year}/rooms`, [
      ["name", name],
      ["capacity", capacity],
      ["opensAt", "08:00"],
      ["closesAt", "20:00"],
    ]);
  const requestId = await submitWorkshopRequest(admin, year, {
    title: "Open data for disaster response",
    description: "Two agencies show how open data speeds up relief.",
    actionLine: "C4",
    sdg: "11",
    moderator: { name: "Lena Park", email: "lena@example.org" },
  });
  const review = `/forum/${year}/secretariat/requests/${requestId}`;
  const accept = `${review}/accept`;
  const accepted = await admin.post(accept, hiddenFields((await admin.get(review)).html, accept));
  if (accepted.status !== 303) throw new Error(`accepting the e2e request: ${accepted.status}`);
  const grid = await admin.get(`/forum/${year}/secretariat/programme`);
  const sessionNumber = Number(grid.html.match(/\/secretariat\/programme\/sessions\/(\d+)"/)?.[1]);
  if (!sessionNumber) throw new Error("the accepted request made no draft session on the grid page");
  const page = `/forum/${year}/secretariat/programme/sessions/${sessionNumber}`;
  const roomId = (await admin.get(page)).html.match(/<option value="(\d+)"[^>]*>Room A/)?.[1];
  if (!roomId) throw new Error("Room A is not offered on the session's slot form");
  await admin.submit(page, `${page}/slot`, [
    ["day", `${year}-07-07`],
    ["start", "09:00"],
    ["duration", "90"],
    ["room", roomId],
  ]);
  return { year, sessionNumber };
}

/**
 * Publishes the programme-building edition's programme (the publish form, confirmed), so the
 * public programme, its session pages, "what changed" and the personal agenda (F4) have a
 * published version to show.
 */
async function publishForumProgramme(admin: FormClient, schedule: ForumSchedule): Promise<void> {
  const programme = `/forum/${schedule.year}/secretariat/programme`;
  await admin.submit(programme, `${programme}/publish`, [["confirm", "yes"]]);
}

/**
 * The registration edition: registration opened yesterday and closes in a month, so its page
 * shows the form. Nobody registers here: each visit sees the same page. Returns its year.
 */
export async function setUpForumRegistration(admin: FormClient): Promise<number> {
  const now = Date.now();
  await createForumEdition(admin, {
    year: REGISTRATION_YEAR,
    theme: "Registration checks",
    openStep: "final_brief",
    more: [
      ["registrationOpens", utcLocal(now - DAY)],
      ["registrationCloses", utcLocal(now + 30 * DAY)],
    ],
  });
  return REGISTRATION_YEAR;
}

/** Every Forum edition the page checks (axe, Nu) open, the programme published. */
export interface ForumFixtures {
  ocp: ForumOcp;
  schedule: ForumSchedule;
  registrationYear: number;
}

export async function setUpForumEditions(admin: FormClient): Promise<ForumFixtures> {
  const ocp = await setUpForumOcp(admin);
  const schedule = await setUpForumSchedule(admin);
  const registrationYear = await setUpForumRegistration(admin);
  await publishForumProgramme(admin, schedule);
  return { ocp, schedule, registrationYear };
}

/**
 * The Forum pages (F1) of the programme-building edition both page checks open as they are, as
 * [name, path]: the organiser's outcome form (the session has not ended: its notice), the
 * secretariat's outcomes page, the Outcome Document preview, the SDG matrix and the admin pages.
 */
export function forumOutcomeAndAdminPages(schedule: ForumSchedule): Array<[string, string]> {
  const { year, sessionNumber } = schedule;
  return [
    ["forum-outcome-form", `/forum/${year}/sessions/${sessionNumber}/outcomes`],
    ["forum-secretariat-outcomes", `/forum/${year}/secretariat/outcomes`],
    ["forum-outcomes", `/forum/${year}/outcomes`],
    ["forum-sdg-matrix", `/forum/${year}/sdg-matrix`],
    ["admin-forum", "/admin/forum"],
    ["admin-forum-edition", `/admin/forum/${year}`],
    ["admin-forum-edit", `/admin/forum/${year}/edit`],
    ["admin-forum-room-new", `/admin/forum/${year}/rooms/new`],
    ["admin-forum-track-new", `/admin/forum/${year}/tracks/new`],
  ];
}
