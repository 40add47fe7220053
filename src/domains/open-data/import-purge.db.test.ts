import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/permissions.ts";
import { makeUser } from "../../testing/factories.ts";
import { createTestDatabase, type TestDatabase } from "../../testing/test-database.ts";
import { runDryRun, startImport } from "./import.service.ts";
import { BASIC_HEADER, basicRow, csvFile } from "./import.testing.ts";
import { commitImport } from "./import-commit.ts";
import { runFollowUps } from "./import-followups.ts";
import { IMPORT_KEEP_DAYS, purgeOldImports } from "./import-purge.ts";

let database: TestDatabase;
let actor: Actor;
const SOURCE = "purge-test";

beforeAll(async () => {
  database = await createTestDatabase();
  const moderator = await makeUser(database.db, { role: "moderator" });
  actor = { ...moderator, role: "moderator", emailVerified: true, scopes: null };
});
afterAll(async () => database?.destroy());

/** Uploads rows for `externalIds` (overrides per row), checks them, and commits when asked. */
async function importRows(
  externalIds: string[],
  options: { commit?: boolean; dryRun?: boolean; overrides?: Record<string, string> } = {},
): Promise<string> {
  const { db } = database;
  const file = csvFile([BASIC_HEADER, ...externalIds.map((id) => basicRow(id, options.overrides))]);
  const job = await startImport(db, actor, { bytes: file, source: SOURCE }, { lang: "en" });
  if (options.dryRun === false) return job.id;
  await runDryRun(db, job.id);
  if (options.commit) {
    await commitImport(db, actor.id, job.id);
    await runFollowUps(db, job.id);
  }
  return job.id;
}

/** Moves a job's times `days` back; its lease, if any, ran out long ago. */
async function age(jobId: string, days: number): Promise<void> {
  await sql`
    update import_jobs set lease_until = null,
      created_at = created_at - make_interval(days => ${days}),
      updated_at = updated_at - make_interval(days => ${days}),
      validated_at = validated_at - make_interval(days => ${days}),
      committed_at = committed_at - make_interval(days => ${days})
    where id = ${jobId}
  `.execute(database.db);
}

/** How many rows of each table still belong to `jobId`. */
async function leftOf(jobId: string) {
  const { rows } = await sql<{ jobs: number; files: number; verdicts: number; written: number }>`
    select (select count(*)::int from import_jobs where id = ${jobId}) as jobs,
      (select count(*)::int from import_files where job_id = ${jobId}) as files,
      (select count(*)::int from import_rows where job_id = ${jobId}) as verdicts,
      (select count(*)::int from import_written where job_id = ${jobId}) as written
  `.execute(database.db);
  return rows[0];
}

const purgeAudits = () =>
  database.db
    .selectFrom("audit_log")
    .select(["actor_id", "after"])
    .where("action", "=", "import.purge")
    .execute();

describe("purging old import jobs", () => {
  it("deletes jobs finished over 30 days ago with their file and rows, keeping the rest and the external ids", async () => {
    const { db } = database;
    const old = IMPORT_KEEP_DAYS + 1;
    const committed = await importRows(["purge-1", "purge-2"], { commit: true });
    const neverCommitted = await importRows(["purge-3"]);
    const invalid = await importRows(["purge-4"], { overrides: { countries: "XX" } });
    const recent = await importRows(["purge-5"], { commit: true });
    const running = await importRows(["purge-6"], { dryRun: false });
    const followingUp = await importRows(["purge-7"], { commit: true });
    const leased = await importRows(["purge-8"]);
    for (const id of [committed, neverCommitted, invalid, running, followingUp, leased]) await age(id, old);
    await age(recent, IMPORT_KEEP_DAYS - 1);
    // Still at work: follow-ups to run again, a worker holding the job.
    await sql`update import_jobs set followups_pending = true where id = ${followingUp}`.execute(db);
    await sql`update import_jobs set lease_until = now() + interval '1 minute' where id = ${leased}`.execute(
      db,
    );

    const statuses = await db.selectFrom("import_jobs").select(["id", "status"]).orderBy("id").execute();
    expect(statuses.map((job) => job.status)).toEqual([
      "committed",
      "ready",
      "invalid",
      "committed",
      "validating",
      "committed",
      "ready",
    ]);
    const before = await leftOf(committed);
    expect(before).toEqual({ jobs: 1, files: 1, verdicts: 2, written: 2 });
    const mapped = await db
      .selectFrom("import_external_ids")
      .select(["external_id", "entry_id"])
      .where("source", "=", SOURCE)
      .orderBy("external_id")
      .execute();
    expect(mapped.map((row) => row.external_id)).toEqual(["purge-1", "purge-2", "purge-5", "purge-7"]);

    expect(await purgeOldImports(db)).toBe(3);
    for (const id of [committed, neverCommitted, invalid])
      expect(await leftOf(id), id).toEqual({ jobs: 0, files: 0, verdicts: 0, written: 0 });
    for (const id of [recent, running, followingUp, leased]) expect((await leftOf(id))?.jobs, id).toBe(1);
    expect((await leftOf(recent))?.written).toBe(1);
    // The source's ids still lead to their entries; only the job they came with is gone.
    const after = await db
      .selectFrom("import_external_ids")
      .select(["external_id", "entry_id", "job_id"])
      .where("source", "=", SOURCE)
      .orderBy("external_id")
      .execute();
    expect(after.map(({ external_id, entry_id }) => ({ external_id, entry_id }))).toEqual(mapped);
    expect(after.filter((row) => row.job_id === null).map((row) => row.external_id)).toEqual([
      "purge-1",
      "purge-2",
    ]);
    const audits = await purgeAudits();
    expect(audits).toEqual([
      {
        actor_id: null,
        after: {
          count: 3,
          ids: [committed, neverCommitted, invalid],
          olderThanDays: IMPORT_KEEP_DAYS,
        },
      },
    ]);

    // Nothing more to purge: nothing deleted, nothing audited.
    expect(await purgeOldImports(db)).toBe(0);
    expect(await purgeAudits()).toHaveLength(1);

    // Importing the same rows again updates the entries the purged job created, never duplicates.
    const again = await importRows(["purge-1", "purge-2"]);
    const job = await db
      .selectFrom("import_jobs")
      .selectAll()
      .where("id", "=", again)
      .executeTakeFirstOrThrow();
    expect({ status: job.status, creates: job.creates, unchanged: job.unchanged }).toEqual({
      status: "ready",
      creates: 0,
      unchanged: 2,
    });
  });
});
