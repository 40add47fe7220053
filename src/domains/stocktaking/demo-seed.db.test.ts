import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../platform/auth/passwords.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { demoOrganisationCount, loadDemoDataIfEmpty, seedDemoEntries } from "./demo-seed.ts";
import type { EntryData } from "./entry-fields.ts";

let first: TestDatabase;
let second: TestDatabase;
beforeAll(async () => {
  [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await Promise.all([first?.destroy(), second?.destroy()]);
});

async function snapshot(database: TestDatabase) {
  return database.db
    .selectFrom("entries")
    .innerJoin("users", "users.id", "entries.owner_id")
    .select([
      "entries.id",
      "entries.title",
      "entries.description",
      "entries.organisation_name",
      "entries.countries",
      "entries.regions",
      "entries.action_lines",
      "entries.sdgs",
      "entries.target_groups",
      "entries.project_status",
      "entries.start_year",
      "entries.language",
      "entries.submitted_at",
      "entries.published_at",
      "users.email",
    ])
    .orderBy("entries.id")
    .execute();
}

describe("seedDemoEntries", () => {
  const count = 120;
  const progress: number[] = [];

  beforeAll(async () => {
    await Promise.all([
      seedDemoEntries(first.db, { count, seed: 5, batchSize: 50, onProgress: (done) => progress.push(done) }),
      seedDemoEntries(second.db, { count, seed: 5 }),
    ]);
  });

  it("is deterministic: the same seed gives the same entries, whatever the batch size", async () => {
    const [a, b] = await Promise.all([snapshot(first), snapshot(second)]);
    expect(a).toHaveLength(count);
    expect(a).toEqual(b);
    expect(new Set(a.map((row) => row.title)).size).toBeGreaterThan(count * 0.9);
  });

  it("reports progress per batch up to the total", () => {
    // Two batches run at once, so the short last batch may finish before a full one.
    const steps = progress.map((done, index) => done - (progress[index - 1] ?? 0));
    expect(steps.sort((a, b) => a - b)).toEqual([20, 50, 50]);
    expect(progress.at(-1)).toBe(120);
  });

  it("creates published entries, each with one revision holding its content", async () => {
    const rows = await first.db
      .selectFrom("entries")
      .innerJoin("entry_revisions", "entry_revisions.entry_id", "entries.id")
      .select([
        "entries.id",
        "entries.state",
        "entries.title",
        "entries.owner_id",
        "entries.latest_revision_id",
        "entries.published_revision_id",
        "entries.submitted_at",
        "entries.published_at",
        "entries.countries",
        "entries.start_year",
        "entry_revisions.id as revision_id",
        "entry_revisions.number",
        "entry_revisions.author_id",
        "entry_revisions.data",
      ])
      .execute();
    expect(rows).toHaveLength(count);
    for (const row of rows) {
      const data = row.data as unknown as EntryData;
      expect(row.state).toBe("published");
      expect(row.number).toBe(1);
      expect(row.published_revision_id).toBe(row.revision_id);
      expect(row.latest_revision_id).toBe(row.revision_id);
      expect(row.author_id).toBe(row.owner_id);
      expect(data.title).toBe(row.title);
      expect(data.countries).toEqual(row.countries);
      expect(row.start_year).toBe(Number(data.startDate?.slice(0, 4)));
      expect(new Date(row.submitted_at as Date).getTime()).toBeLessThan(
        new Date(row.published_at as Date).getTime(),
      );
      expect(new Date(row.published_at as Date).getTime()).toBeLessThan(Date.UTC(2026, 8, 1));
    }
    // Real variety: several languages, coverages, statuses and Action Lines.
    const variety = await sql<{ languages: number; lines: number; statuses: number; countries: number }>`
      select count(distinct language)::int as languages, count(distinct project_status)::int as statuses,
        (select count(distinct l)::int from entries, unnest(action_lines) l) as lines,
        (select count(distinct c)::int from entries, unnest(countries) c) as countries
      from entries`.execute(first.db);
    expect(variety.rows[0]?.languages).toBeGreaterThanOrEqual(3);
    expect(variety.rows[0]?.statuses).toBe(3);
    expect(variety.rows[0]?.lines).toBeGreaterThanOrEqual(12);
    expect(variety.rows[0]?.countries).toBeGreaterThanOrEqual(30);
  });

  it("derives regions from the countries with the reference mapping", async () => {
    const mismatches = await sql<{ id: string }>`
      select e.id from entries e
      where e.regions is distinct from array(
        select distinct c.region_code from unnest(e.countries) as u(code)
        join countries c on c.code = u.code
        where c.region_code is not null
        order by 1)`.execute(first.db);
    expect(mismatches.rows).toEqual([]);
  });

  it("gives entries organisations and owners nobody can sign in as", async () => {
    const owners = await first.db
      .selectFrom("users")
      .innerJoin("organisations", "organisations.id", "users.organisation_id")
      .select([
        "users.email",
        "users.password_hash",
        "users.email_verified_at",
        "users.role",
        "organisations.name",
      ])
      .where("users.email", "like", "demo-owner-%@example.org")
      .execute();
    expect(owners.length).toBeGreaterThan(1);
    expect(owners.length).toBeLessThanOrEqual(demoOrganisationCount(count));
    for (const owner of owners) {
      expect(owner.role).toBe("user");
      expect(owner.email_verified_at).not.toBeNull();
      expect(owner.password_hash).toMatch(/^\$argon2id\$/);
    }
    expect(await verifyPassword(owners[0]?.password_hash as string, "")).toBe(false);
    expect(new Set(owners.map((owner) => owner.password_hash)).size).toBe(1);
    const orphans = await sql<{ id: string }>`
      select e.id from entries e
      left join organisations o on o.name = e.organisation_name
      where o.id is null`.execute(first.db);
    expect(orphans.rows).toEqual([]);
  });

  it("adds more entries when run again, without key conflicts", async () => {
    const before = await snapshot(first);
    await seedDemoEntries(first.db, { count: 40, seed: 5 });
    const after = await snapshot(first);
    expect(after).toHaveLength(count + 40);
    expect(after.slice(0, count)).toEqual(before);
    const oldTitles = new Set(before.map((row) => row.title));
    const fresh = after.slice(count).filter((row) => !oldTitles.has(row.title));
    expect(fresh.length).toBeGreaterThan(30);
    const organisations = await first.db
      .selectFrom("organisations")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(organisations.n)).toBe(demoOrganisationCount(count));
  });
});

describe("loadDemoDataIfEmpty", () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase();
  });
  afterAll(async () => empty?.destroy());

  it("loads about 300 entries and three demo accounts once", async () => {
    const demo = await loadDemoDataIfEmpty(empty.db);
    expect(demo?.entries).toBe(300);
    expect(demo?.accounts.map((account) => [account.role, account.email])).toEqual([
      ["admin", "admin@demo.wsis.example"],
      ["moderator", "moderator@demo.wsis.example"],
      ["user", "user@demo.wsis.example"],
    ]);
    for (const account of demo?.accounts ?? []) {
      expect(account.password.length).toBeGreaterThanOrEqual(20);
      const user = await empty.db
        .selectFrom("users")
        .select(["password_hash", "role", "email_verified_at"])
        .where("email", "=", account.email)
        .executeTakeFirstOrThrow();
      expect(user.role).toBe(account.role);
      expect(user.email_verified_at).not.toBeNull();
      expect(await verifyPassword(user.password_hash, account.password)).toBe(true);
    }
    const published = await empty.db
      .selectFrom("entries")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("state", "=", "published")
      .executeTakeFirstOrThrow();
    expect(Number(published.n)).toBe(300);
    expect(await loadDemoDataIfEmpty(empty.db)).toBeNull();
  });
});
