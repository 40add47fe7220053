import type { Kysely } from "kysely";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../db/schema.ts";
import { createApiToken } from "../../platform/auth/sessions.ts";
import type { Language } from "../../platform/i18n.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeForumEdition, type TestForumEdition } from "./forum.testing.ts";

let years = 0;

/** An edition with a year of this file's own (2100 − n: clear of the shared factory's years). */
export function makeOcpEdition(db: Kysely<Database>, options: Parameters<typeof makeForumEdition>[1] = {}) {
  years += 1;
  return makeForumEdition(db, { year: 2099 - ((years * 7 + process.pid) % 40), ...options });
}

/** One test app per file, with an edition whose `submissions` window is open. */
export function useOcpEnv() {
  const env = {} as { t: TestApp; edition: TestForumEdition };
  beforeAll(async () => {
    env.t = await createTestApp();
    env.edition = await makeOcpEdition(env.t.db);
  });
  afterAll(async () => env.t?.close());
  return env;
}

export interface Stakeholder {
  user: MadeUser;
  browser: Browser;
}

let organisations = 0;

/** A signed-in account of an organisation (a government of France unless told: Europe). */
export async function makeStakeholder(
  t: TestApp,
  options: {
    stakeholderType?: string;
    country?: string;
    language?: Language;
    role?: "user" | "moderator";
  } = {},
): Promise<Stakeholder> {
  organisations += 1;
  const user = await makeUser(t.db, { language: options.language ?? "en", role: options.role ?? "user" });
  const name = `OCP Organisation ${process.pid}-${organisations}`;
  const organisation = await t.db
    .insertInto("organisations")
    .values({
      name,
      name_key: name.toLowerCase(),
      stakeholder_type: options.stakeholderType ?? "government",
      country_code: options.country ?? "FR",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable("users")
    .set({ organisation_id: organisation.id })
    .where("id", "=", user.id)
    .execute();
  return { user, browser: await signedInBrowser(t.app, t.db, user) };
}

/** A moderator's browser (the secretariat). */
export async function makeSecretariat(t: TestApp): Promise<Stakeholder> {
  const user = await makeUser(t.db, { role: "moderator" });
  return { user, browser: await signedInBrowser(t.app, t.db, user) };
}

/** Moves the `submissions` window so it ends at `endsAt` (the server's clock then decides). */
export async function setOcpDeadline(db: Kysely<Database>, editionId: string, endsAt: Date): Promise<void> {
  await db
    .updateTable("forum_ocp_phases")
    .set({ starts_at: new Date(endsAt.getTime() - 30 * 86_400_000), ends_at: endsAt })
    .where("edition_id", "=", editionId)
    .where("phase", "=", "submissions")
    .execute();
}

/** A complete workshop proposal as the API takes it. */
export function workshopBody(overrides: Record<string, unknown> = {}) {
  return {
    title: "Community networks for rural connectivity",
    description: "How community networks connect the last billion, with three case studies.",
    sessionType: "thematic_workshop",
    mode: "hybrid",
    organisers: "Ministry of ICT; Internet Society",
    actionLines: ["C2", "C4"],
    sdgs: [9, 4],
    speakers: [
      { name: "Amina Diallo", email: "amina@example.org", role: "moderator" },
      { name: "Li Wei", email: "li.wei@example.org", role: "panellist" },
    ],
    submit: true,
    ...overrides,
  };
}

/** The audit actions recorded for a subject, oldest first. */
export async function auditActions(db: Kysely<Database>, subjectType: string, subjectId: string) {
  const rows = await db
    .selectFrom("audit_log")
    .select("action")
    .where("subject_type", "=", subjectType)
    .where("subject_id", "=", subjectId)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}

/** How many requests an account has (to check that refusals stored nothing). */
export async function requestCount(db: Kysely<Database>, userId: string): Promise<number> {
  const row = await db
    .selectFrom("forum_requests")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("requester_id", "=", userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Proposes a request through the API as `s` (a complete workshop, submitted, unless told); its id. */
export async function proposeRequest(
  s: Stakeholder,
  year: number,
  body: Record<string, unknown> = workshopBody(),
): Promise<string> {
  const response = await s.browser.api("POST", `/api/v1/forum/editions/${year}/requests`, body);
  if (response.statusCode !== 201) throw new Error(`proposal refused: ${response.body}`);
  return response.json().id;
}

/** A request's row as stored. */
export function requestRow(db: Kysely<Database>, id: string) {
  return db.selectFrom("forum_requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** The mail queued for an address. */
export function mailTo(db: Kysely<Database>, email: string) {
  return db.selectFrom("outbox").select(["subject", "text_body"]).where("to_address", "=", email).execute();
}

/** The `Authorization` header of a new API token of the account with `scopes`. */
export async function bearerHeader(db: Kysely<Database>, userId: string, scopes: string[]) {
  const token = await createApiToken(db, userId, `token-${scopes.join()}-${Date.now()}`, scopes, null);
  return { authorization: `Bearer ${token}` };
}
