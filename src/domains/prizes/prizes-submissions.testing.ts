import type { Kysely } from "kysely";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "../../db/schema.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeOrganisation, makePrizeEdition, type TestEdition } from "./prizes.testing.ts";

let years = 0;

/**
 * An edition with a year of this file's own (the shared factory's years may repeat after many
 * organisations, which draw on the same sequence); later calls get later years.
 */
export function makeEdition(db: Kysely<Database>, options: Parameters<typeof makePrizeEdition>[1] = {}) {
  years += 1;
  return makePrizeEdition(db, { year: 2040 + years, ...options });
}

/** A text of exactly `count` words as the rules count them. */
export function words(count: number): string {
  return Array.from({ length: count }, (_, index) => `word${index + 1}`).join(" ");
}

/** A complete submission form for `category`, as the API takes it. */
export function completeForm(category: string, overrides: Record<string, unknown> = {}) {
  return {
    category,
    title: "Rural Connect: community Wi-Fi hubs",
    shortDescription: words(160),
    actionLineSdgLinks: "C2 infrastructure serves SDG 9 and SDG 4 through school connectivity.",
    gdcObjectives: [1, 2],
    impact: "12 villages connected; 4,000 people online for the first time.",
    partnerships: "The regional telecom regulator and two universities.",
    challenges: "Power supply in the rainy season; next we extend to 20 villages.",
    projectStage: "completed",
    ...overrides,
  };
}

/** The same form as a urlencoded page post sends it. */
export function formPost(form: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(form))
    out[key] = Array.isArray(value) ? value.map(String) : String(value ?? "");
  return out;
}

export interface Submitter {
  user: MadeUser;
  browser: Browser;
  organisationId: string;
  /** A published entry of theirs. */
  entryId: string;
}

/** A signed-in user of an organisation of their own (or the given one), with a published entry. */
export async function makeSubmitter(t: TestApp, organisationId?: string): Promise<Submitter> {
  const user = await makeUser(t.db);
  const organisation = organisationId ?? (await makeOrganisation(t.db));
  await t.db.updateTable("users").set({ organisation_id: organisation }).where("id", "=", user.id).execute();
  const entry = await makeEntry(t.db, user.id, { state: "published" });
  return {
    user,
    browser: await signedInBrowser(t.app, t.db, user),
    organisationId: organisation,
    entryId: entry.id,
  };
}

/** Moves the edition's submission phase so that it ended at `endsAt` (the server's clock then refuses). */
export async function closeSubmissions(
  db: Kysely<Database>,
  edition: TestEdition,
  endsAt: Date,
): Promise<void> {
  await db
    .updateTable("prize_phases")
    .set({ starts_at: new Date(endsAt.getTime() - 30 * 86_400_000), ends_at: endsAt })
    .where("edition_id", "=", edition.id)
    .where("phase", "=", "submission")
    .execute();
}

/** Rows a submission write touches, to prove a refused request stored nothing. */
export async function submissionCounts(db: Kysely<Database>) {
  const count = async (table: "prize_submissions" | "audit_log" | "entries") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    submissions: await count("prize_submissions"),
    audit: await count("audit_log"),
    entries: await count("entries"),
  };
}

/** What a submissions test file shares: the app and an edition of its own with two categories. */
export interface SubmissionsEnv {
  t: TestApp;
  edition: TestEdition;
  c1: string;
  c2: string;
}

/** Makes the file's app and edition before its tests (read the fields inside tests) and closes the app after. */
export function useSubmissionsEnv(options: Parameters<typeof makeEdition>[1] = {}): SubmissionsEnv {
  const env = {} as SubmissionsEnv;
  beforeAll(async () => {
    env.t = await createTestApp();
    env.edition = await makeEdition(env.t.db, options);
    [env.c1, env.c2] = env.edition.categories as [string, string];
  });
  afterAll(async () => env.t?.close());
  return env;
}

/** Where the API creates submissions in an edition. */
export const createUrl = (year: number) => `/api/v1/prizes/editions/${year}/submissions`;

/** The audit actions recorded on a submission, oldest first. */
export async function auditActions(db: Kysely<Database>, submissionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select("action")
    .where("subject_type", "=", "prize_submission")
    .where("subject_id", "=", submissionId)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}
