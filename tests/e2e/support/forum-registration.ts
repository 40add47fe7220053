import { FormClient } from "./form-client.ts";
import type { Account } from "./live-prizes.ts";

/** The WSIS Forum edition the registration pages (F5) are checked on: registration open now. */
export const REGISTRATION_YEAR = 2085;

const DAY = 86_400_000;
const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/**
 * A Forum edition (UTC) made through the admin's form whose registration opened yesterday and
 * closes in a month, so its registration page shows the form. Nobody registers here: each
 * language's visit sees the same page.
 */
export async function setUpForumRegistration(baseUrl: string, admin: Account): Promise<number> {
  const client = new FormClient(baseUrl, "en");
  await client.signIn(admin.email, admin.password);
  const now = Date.now();
  const windows: Array<[string, number, number]> = [
    ["launch", now - 90 * DAY, now - 60 * DAY],
    ["consultation", now - 60 * DAY, now - 30 * DAY],
    ["submissions", now - 30 * DAY, now - 10 * DAY],
    ["final_brief", now - 10 * DAY, now + 10 * DAY],
  ];
  await client.submit("/admin/forum/new", "/admin/forum", [
    ["year", String(REGISTRATION_YEAR)],
    ["theme_en", "Registration checks"],
    ["startsOn", `${REGISTRATION_YEAR}-07-07`],
    ["endsOn", `${REGISTRATION_YEAR}-07-09`],
    ["timeZone", "UTC"],
    ["venue", "CICG"],
    ["city", "Geneva"],
    ["chair", "E2E chair"],
    ["registrationOpens", utcLocal(now - DAY)],
    ["registrationCloses", utcLocal(now + 30 * DAY)],
    ...windows.flatMap(
      ([phase, start, end]): Array<[string, string]> => [
        [`ocp_${phase}_start`, utcLocal(start)],
        [`ocp_${phase}_end`, utcLocal(end)],
      ],
    ),
  ]);
  return REGISTRATION_YEAR;
}
