import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import type { Database } from "../../db/schema.ts";
import { entryData } from "../../testing/entry-factory.ts";
import { testEngine } from "../../testing/test-database.ts";
import { formFields } from "../stocktaking/entries.testing.ts";
import {
  closeSubmissions,
  completeForm,
  formPost,
  makeEdition,
  makeSubmitter,
  type Submitter,
  useSubmissionsEnv,
  words,
} from "./prizes-submissions.testing.ts";

const env = useSubmissionsEnv();

const newUrl = (year: number) => `/prizes/${year}/submit/new`;

const TABLES = [
  "entries",
  "entry_revisions",
  "prize_submissions",
  "audit_log",
  "duplicate_candidates",
  "search_changes",
  "outbox",
  "idempotency_keys",
] as const;

/** Everything a new-project submission writes, or could leave behind, counted. */
async function stored(db: Kysely<Database>): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** The page form of a new project in `category`, complete, titled `title`. */
function newProjectForm(category: string, title: string, overrides: Record<string, unknown> = {}) {
  return {
    ...formFields(entryData({ title })),
    ...formPost(completeForm(category, overrides)),
    title,
    intent: "submit",
  };
}

/** The entries a user owns. */
async function entriesOf(db: Kysely<Database>, ownerIds: string[]) {
  return db.selectFrom("entries").select(["id", "state"]).where("owner_id", "in", ownerIds).execute();
}

async function colleagues(): Promise<[Submitter, Submitter]> {
  const first = await makeSubmitter(env.t);
  return [first, await makeSubmitter(env.t, first.organisationId)];
}

describe("entering a new project: the entry and the submission in one transaction", () => {
  it("creates the entry (to moderation, with its audit and duplicate flags) and the submission together", async () => {
    const s = await makeSubmitter(env.t);
    const before = await stored(env.t.db);
    const published = await env.t.db
      .selectFrom("entries")
      .select("title")
      .where("id", "=", s.entryId)
      .executeTakeFirstOrThrow();
    // The same title as the submitter's published entry: the new one is flagged as a likely duplicate.
    const response = await s.browser.submit(
      newUrl(env.edition.year),
      newUrl(env.edition.year),
      newProjectForm(env.c1, published.title ?? ""),
    );
    expect(response.statusCode).toBe(303);
    const after = await stored(env.t.db);
    const added = (table: (typeof TABLES)[number]) => after[table] - before[table];
    expect({
      entries: added("entries"),
      revisions: added("entry_revisions"),
      submissions: added("prize_submissions"),
      audit: added("audit_log"),
      flagged: added("duplicate_candidates") > 0,
      searchChanges: added("search_changes"),
      mail: added("outbox"),
    }).toEqual({
      entries: 1,
      revisions: 1,
      submissions: 1,
      audit: 4,
      flagged: true,
      searchChanges: 0,
      mail: 0,
    });
    const entries = await entriesOf(env.t.db, [s.user.id]);
    expect(entries.map((entry) => entry.state).sort()).toEqual(["published", "submitted"]);
  });

  it("stores nothing when the entity already has a project in the category (refused inside the transaction)", async () => {
    const [first, second] = await colleagues();
    const made = await first.browser.submit(
      newUrl(env.edition.year),
      newUrl(env.edition.year),
      newProjectForm(env.c2, "Village Wi-Fi cooperative"),
    );
    expect(made.statusCode).toBe(303);
    const before = await stored(env.t.db);
    const refused = await second.browser.submit(
      newUrl(env.edition.year),
      newUrl(env.edition.year),
      newProjectForm(env.c2, "Village Wi-Fi cooperative"),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("one project per organisation per category");
    // The entry was written before the refusal; the rollback took it, its revision, audit and flags.
    expect(await stored(env.t.db)).toEqual(before);
    expect(await entriesOf(env.t.db, [second.user.id])).toHaveLength(1);
  });

  it("stores nothing for a form with a bad word count or an incomplete entry", async () => {
    const s = await makeSubmitter(env.t);
    const before = await stored(env.t.db);
    const { description: _description, ...incomplete } = entryData({ title: "Half a project" });
    const refused = await s.browser.submit(newUrl(env.edition.year), newUrl(env.edition.year), {
      ...formFields(incomplete),
      ...formPost(completeForm(env.c1, { shortDescription: words(3) })),
      title: "Half a project",
      intent: "submit",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="shortDescription-error"');
    expect(refused.body).toContain('id="description-error"');
    expect(await stored(env.t.db)).toEqual(before);
  });

  it("stores nothing after the deadline", async () => {
    const edition = await makeEdition(env.t.db);
    await closeSubmissions(env.t.db, edition, new Date(Date.now() - 60_000));
    const s = await makeSubmitter(env.t);
    const csrf = await s.browser.csrfToken(newUrl(env.edition.year));
    const before = await stored(env.t.db);
    const refused = await s.browser.submit(
      newUrl(edition.year),
      newUrl(edition.year),
      newProjectForm(edition.categories[0] as string, "Too late a project"),
      { csrf },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("The submission phase closed on");
    expect(await stored(env.t.db)).toEqual(before);
  });

  it("replays a re-sent form: one entry and one submission", async () => {
    const s = await makeSubmitter(env.t);
    const form = { ...newProjectForm(env.c1, "Sent twice"), idempotencyKey: `new-entry-${s.user.id}-replay` };
    const first = await s.browser.submit(newUrl(env.edition.year), newUrl(env.edition.year), form);
    const again = await s.browser.submit(newUrl(env.edition.year), newUrl(env.edition.year), form);
    expect([first.statusCode, again.statusCode]).toEqual([303, 303]);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await entriesOf(env.t.db, [s.user.id])).toHaveLength(2);
  });
});

// PGlite runs one statement at a time; real races need PostgreSQL's connections.
describe.skipIf(testEngine() !== "postgres")("racing new-project submissions on PostgreSQL", () => {
  it("two colleagues entering new projects in one category at once: one submission, one new entry", async () => {
    for (let round = 0; round < 5; round += 1) {
      const pair = await colleagues();
      const url = newUrl(env.edition.year);
      const tokens = await Promise.all(pair.map((s) => s.browser.csrfToken(url)));
      const responses = await Promise.all(
        pair.map((s, index) =>
          s.browser.submit(url, url, newProjectForm(env.c1, `Racing project ${round}-${index}`), {
            csrf: tokens[index] as string,
          }),
        ),
      );
      expect(responses.map((response) => response.statusCode).sort()).toEqual([303, 409]);
      const owners = pair.map((s) => s.user.id);
      const submissions = await env.t.db
        .selectFrom("prize_submissions")
        .select("entry_id")
        .where("edition_id", "=", env.edition.id)
        .where("organisation_id", "=", pair[0].organisationId)
        .execute();
      expect(submissions).toHaveLength(1);
      // Each colleague's published entry, and the winner's new one: the loser's was rolled back.
      const entries = await entriesOf(env.t.db, owners);
      expect(entries.filter((entry) => entry.state === "submitted").map((entry) => entry.id)).toEqual([
        submissions[0]?.entry_id,
      ]);
      expect(entries).toHaveLength(3);
    }
  });

  it("the same form sent twice at once: one entry and one submission, both answered with it", async () => {
    const s = await makeSubmitter(env.t);
    const url = newUrl(env.edition.year);
    const csrf = await s.browser.csrfToken(url);
    const form = { ...newProjectForm(env.c2, "Double click"), idempotencyKey: `new-entry-${s.user.id}-race` };
    const responses = await Promise.all([0, 1].map(() => s.browser.submit(url, url, form, { csrf })));
    expect(responses.map((response) => response.statusCode)).toEqual([303, 303]);
    expect(responses[0]?.headers.location).toBe(responses[1]?.headers.location);
    expect(await entriesOf(env.t.db, [s.user.id])).toHaveLength(2);
  });
});
