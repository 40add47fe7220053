import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { signedInBrowser } from "../../testing/test-app.ts";
import { forgetParsedFiles, runDryRun, startImport } from "./import.service.ts";
import { BASIC_HEADER, basicRow, csvFile } from "./import.testing.ts";
import { useImportApiTestApp } from "./import-api.testing.ts";
import { commitImport } from "./import-commit.ts";
import { IMPORT_COMMIT_HOOKS } from "./import-hooks.ts";

/** A commit is all or nothing, and once only, whatever runs at the same time; long jobs go on in the background. */

const fixture = useImportApiTestApp();
const { upload, api, rowsOf, stored, waitFor, uniqueIds } = fixture;

describe("commit, all or nothing and once", () => {
  it("is all or nothing: a row failing in the last batch leaves nothing written", async () => {
    const ids = uniqueIds(2_050);
    const job = (await upload(csvFile([BASIC_HEADER, ...ids.map((id) => basicRow(id))]))).json();
    const ready = job.status === "ready" ? job : await waitFor(job.id, ["ready"]);
    expect(ready.counts.create).toBe(2_050);
    // The commit plans every row again from the stored file; make the very last row fail there,
    // after the first batch of 2,000 has been written inside the transaction.
    const stored_ = await fixture.t.db
      .selectFrom("import_files")
      .select("gzip")
      .where("job_id", "=", job.id)
      .executeTakeFirstOrThrow();
    const text = gunzipSync(Buffer.from(stored_.gzip)).toString("utf8");
    const at = text.lastIndexOf(",KE,");
    const tampered = `${text.slice(0, at)},XX,${text.slice(at + 4)}`;
    await fixture.t.db
      .updateTable("import_files")
      .set({ gzip: gzipSync(Buffer.from(tampered, "utf8")) })
      .where("job_id", "=", job.id)
      .execute();
    forgetParsedFiles();
    const before = await stored();
    const commit = await api("POST", `/api/v1/imports/${job.id}/commit`);
    expect([commit.statusCode, commit.json().code]).toEqual([409, "import_outdated"]);
    expect(await stored()).toEqual(before);
    // The dry run starts again from the file and now finds the row's error.
    const redone = await waitFor(job.id, ["invalid"]);
    expect(redone).toMatchObject({ counts: { create: 2_049, error: 1 }, error: { code: "import_outdated" } });
    expect((await rowsOf(job.id, "&outcome=error"))[0]).toMatchObject({
      row: 2_051,
      errors: [{ column: "countries", code: "unknown_code" }],
    });
  }, 60_000);

  it("is all or nothing when anything fails after the rows are written (a commit hook)", async () => {
    const job = (await upload(csvFile([BASIC_HEADER, ...uniqueIds(3).map((id) => basicRow(id))]))).json();
    const before = await stored();
    const failing = async () => {
      throw new Error("duplicate detection failed");
    };
    IMPORT_COMMIT_HOOKS.push(failing);
    try {
      await expect(commitImport(fixture.t.db, fixture.moderator.id, job.id)).rejects.toThrow(
        "duplicate detection failed",
      );
    } finally {
      IMPORT_COMMIT_HOOKS.splice(IMPORT_COMMIT_HOOKS.indexOf(failing), 1);
    }
    expect(await stored()).toEqual(before);
    expect((await api("GET", `/api/v1/imports/${job.id}`)).json().status).toBe("ready");
    expect((await api("POST", `/api/v1/imports/${job.id}/commit`)).statusCode).toBe(200);
    expect((await stored()).entries).toBe(before.entries + 3);
  });

  it("two uploads of the same file committed at once create each entry once", async () => {
    const ids = uniqueIds(4);
    const file = csvFile([BASIC_HEADER, ...ids.map((id) => basicRow(id))]);
    const [one, two] = (await Promise.all([upload(file), upload(file)])).map((response) => response.json());
    expect([one.status, two.status]).toEqual(["ready", "ready"]);
    const before = await stored();
    const commits = await Promise.all(
      [one, two].map((job) => api("POST", `/api/v1/imports/${job.id}/commit`)),
    );
    const outcomes = commits.map((response) => [
      response.statusCode,
      response.json().code ?? response.json().status,
    ]);
    expect(outcomes.sort()).toEqual([
      [200, "committed"],
      [409, "import_outdated"],
    ]);
    const after = await stored();
    expect(after.entries).toBe(before.entries + 4);
    expect(after.mapped).toBe(before.mapped + 4);
    // The outdated one checks again, finds the other's entries, and commits to no change.
    const loser = commits[0]?.statusCode === 409 ? one : two;
    const redone = await waitFor(loser.id, ["ready"]);
    expect(redone.counts).toEqual({ create: 0, update: 0, unchanged: 4, error: 0 });
    expect((await api("POST", `/api/v1/imports/${loser.id}/commit`)).statusCode).toBe(200);
    expect((await stored()).entries).toBe(before.entries + 4);
  });

  it("one job committed twice at once: once; with the same Idempotency-Key the second replays", async () => {
    const file = () => csvFile([BASIC_HEADER, ...uniqueIds(2).map((id) => basicRow(id))]);
    const job = (await upload(file())).json();
    const twice = await Promise.all([1, 2].map(() => api("POST", `/api/v1/imports/${job.id}/commit`)));
    expect(twice.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    expect(twice.find((response) => response.statusCode === 409)?.json()).toMatchObject({
      code: "import_not_ready",
    });

    const keyed = (await upload(file())).json();
    const before = await stored();
    const headers = { "idempotency-key": `commit-${keyed.id}-key` };
    const replies = await Promise.all(
      [1, 2].map(() => api("POST", `/api/v1/imports/${keyed.id}/commit`, headers)),
    );
    expect(replies.map((response) => response.statusCode)).toEqual([200, 200]);
    expect(replies.filter((response) => response.headers["idempotent-replayed"] === "true")).toHaveLength(1);
    expect((await stored()).entries).toBe(before.entries + 2);
  });
});

describe("a long import", () => {
  it("goes on in the background, and its page shows the progress until it is done", async () => {
    const ids = uniqueIds(2_100);
    const actor = {
      id: fixture.moderator.id,
      name: fixture.moderator.name,
      email: fixture.moderator.email,
      role: "moderator" as const,
      emailVerified: true,
      scopes: null,
    };
    // Checked as far as one batch, as if the request that started it had run out of time.
    const job = await startImport(
      fixture.t.db,
      actor,
      { bytes: csvFile([BASIC_HEADER, ...ids.map((id) => basicRow(id))]), filename: "long.csv" },
      { lang: "en", leaseMs: 60_000 },
    );
    let batches = 0;
    const partial = await runDryRun(fixture.t.db, job.id, { shouldStop: () => batches++ > 0 });
    expect(partial).toMatchObject({ status: "validating", rows_done: 2_000, rows_total: 2_100 });
    const browser = await signedInBrowser(fixture.t.app, fixture.t.db, fixture.moderator);
    const page = await browser.get(`/imports/${job.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<progress[^>]*max="2100"[^>]*value="2000"/);
    expect(page.body).toContain("2,100");
    // Let the worker take it over (the lease the "request" held is released).
    await sql`update import_jobs set lease_until = null where id = ${job.id}`.execute(fixture.t.db);
    const done = await waitFor(job.id, ["ready"], 30_000);
    expect(done.counts.create).toBe(2_100);
    const finished = await browser.get(`/imports/${job.id}`);
    expect(finished.body).not.toContain("<progress");
    expect(finished.body).toContain(`action="/imports/${job.id}/commit"`);
  }, 60_000);
});
