import { afterAll, beforeAll } from "vitest";
import type { Language } from "../../platform/i18n.ts";
import { localToInstant } from "../../platform/zoned-time.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumSession, type TestForumEdition } from "./forum.testing.ts";
import { registerForSession } from "./waitlist.service.ts";
import { auditRows, mailsTo, makeRegistrants, placeRows } from "./waitlist.testing.ts";

/** `HH:MM` venue time on the edition's first day (60 days ahead: places are still open). */
export function at(e: TestForumEdition, time: string): Date {
  const local = localToInstant(`${e.startsOn}T${time}`, e.timeZone);
  if (!local.ok) throw new Error(`no such time ${time}`);
  return local.instant;
}
export const base = (e: TestForumEdition) => `/forum/${e.year}/secretariat/programme`;
export const sessionPage = (e: TestForumEdition, number: number) => `${base(e)}/sessions/${number}`;
export const api = (e: TestForumEdition, number: number) =>
  `/api/v1/forum/editions/${e.year}/sessions/${number}`;

/**
 * One test app per file with a signed-in secretariat, and the helpers the places tests share:
 * making limited sessions, people joining them in order, and reading back rows, audits and mails.
 */
export function usePlacesEnv() {
  const env = {} as { t: TestApp; secretariat: Browser };
  beforeAll(async () => {
    env.t = await createTestApp();
    env.secretariat = await signedInBrowser(
      env.t.app,
      env.t.db,
      await makeUser(env.t.db, { role: "moderator" }),
    );
  });
  afterAll(async () => env.t?.close());

  return {
    env,
    /** A limited session in the edition's first room (100 seats) on its first day. */
    limitedSession: (e: TestForumEdition, capacity: number | null) =>
      makeForumSession(env.t.db, e, {
        title: "Digital public infrastructure",
        roomId: e.rooms[0]?.id as string,
        startsAt: at(e, "10:00"),
        placesLimited: true,
        capacity,
      }),
    /** `count` people registered onsite, who join the session one after the other (so in order). */
    join: async (e: TestForumEdition, sessionId: string, count: number, language: Language = "en") => {
      const ids = await makeRegistrants(env.t.db, e, count, language);
      for (const id of ids) await registerForSession(env.t.db, { id }, sessionId);
      return ids;
    },
    setPlaces: (e: TestForumEdition, number: number, fields: Record<string, string>) => {
      const url = sessionPage(e, number);
      return env.secretariat.submit(url, `${url}/places`, fields);
    },
    row: (id: string) =>
      env.t.db
        .selectFrom("forum_sessions")
        .select(["places_limited", "capacity"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
    places: (sessionId: string) => placeRows(env.t.db, sessionId),
    audits: (action: string, subjectId: string) => auditRows(env.t.db, action, subjectId),
    mailsTo: (userIds: string[]) => mailsTo(env.t.db, userIds),
  };
}
