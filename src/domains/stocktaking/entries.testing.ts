import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import type { EntryData } from "./entry-fields.ts";

export interface EntryTestApp {
  t: TestApp;
  ownerUser: MadeUser;
  owner: Browser;
  other: Browser;
  moderator: Browser;
  anonymous: Browser;
}

/**
 * An app with the people the entry rules tell apart: an owner (named `ownerName`, for tests that
 * read the name back), another user and a moderator, each signed in, and an anonymous visitor.
 */
export async function createEntryTestApp(options: { ownerName?: string } = {}): Promise<EntryTestApp> {
  const t = await createTestApp();
  const ownerUser = await makeUser(t.db, options.ownerName ? { name: options.ownerName } : {});
  const owner = await signedInBrowser(t.app, t.db, ownerUser);
  const other = await signedInBrowser(t.app, t.db, await makeUser(t.db));
  const moderator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  return { t, ownerUser, owner, other, moderator, anonymous: new Browser(t.app) };
}

const COUNTED_TABLES = [
  "entries",
  "entry_revisions",
  "moderation_decisions",
  "audit_log",
  "outbox",
  "idempotency_keys",
] as const;

/** Row counts of every table a stocktaking write touches, to prove a refused request stored nothing. */
export async function countRows(
  db: Kysely<Database>,
): Promise<Record<(typeof COUNTED_TABLES)[number], number>> {
  const tables = COUNTED_TABLES;
  const counts = await Promise.all(
    tables.map((table) =>
      db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow(),
    ),
  );
  return Object.fromEntries(tables.map((table, index) => [table, Number(counts[index]?.n ?? 0)])) as Record<
    (typeof COUNTED_TABLES)[number],
    number
  >;
}

/** An entry as the form posts it: every value a string, lists as repeated fields. */
export function formFields(data: Partial<EntryData>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) out[key] = value.map(String);
    else out[key] = value === null || value === undefined ? "" : String(value);
  }
  return out;
}

/** The workflow columns and the search columns of one entry, read directly. */
export async function entryRow(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("entries")
    .select([
      "id",
      "state",
      "title",
      "regions",
      "countries",
      "action_lines",
      "sdgs",
      "start_year",
      "latest_revision_id",
      "published_revision_id",
      "published_at",
      "submitted_at",
    ])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}
