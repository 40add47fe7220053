import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { BASIC_HEADER, basicRow, csvFile, multipartBody, xlsxOf } from "./import.testing.ts";
import { useImportApiTestApp, XLSX } from "./import-api.testing.ts";

/** `commitImport`: what a commit writes, and what re-importing the same rows does. */

const fixture = useImportApiTestApp();
const { upload, api, rowsOf, stored, uniqueIds } = fixture;

describe("commit", () => {
  it("publishes every row at once, owned by the importer or ownerEmail's account, audited", async () => {
    const owner = await makeUser(fixture.t.db);
    const [a, b, c] = uniqueIds(3);
    const header = [...BASIC_HEADER, "ownerEmail"];
    const file = csvFile([
      header,
      [...basicRow(a as string, { title: "=SUM(A1:A9) is not a formula here" }), ""],
      [...basicRow(b as string), owner.email.toUpperCase()],
      [...basicRow(c as string), "nobody@example.org"],
    ]);
    const refused = (await upload(file)).json();
    expect(refused.status).toBe("invalid");
    expect((await rowsOf(refused.id))[2]?.errors).toMatchObject([
      { column: "ownerEmail", code: "unknown_account" },
    ]);

    const before = await stored();
    const job = (
      await upload(
        csvFile([
          header,
          ...[a, b].map((id, i) => [
            ...basicRow(id as string, i === 0 ? { title: "=SUM(A1:A9) is not a formula here" } : {}),
            i === 1 ? owner.email : "",
          ]),
        ]),
      )
    ).json();
    expect(job).toMatchObject({ status: "ready", counts: { create: 2 } });
    const committed = await api("POST", `/api/v1/imports/${job.id}/commit`);
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toMatchObject({ status: "committed", counts: { create: 2 } });
    expect(await stored()).toEqual({
      ...before,
      jobs: before.jobs + 1,
      entries: before.entries + 2,
      revisions: before.revisions + 2,
      mapped: before.mapped + 2,
      decisions: before.decisions + 2,
      audited: before.audited + 2,
    });
    const rows = await rowsOf(job.id);
    const entries = await fixture.t.db
      .selectFrom("entries")
      .innerJoin("entry_revisions", "entry_revisions.id", "entries.latest_revision_id")
      .select([
        "entries.id",
        "entries.state",
        "entries.owner_id",
        "entries.title",
        "entry_revisions.author_id",
      ])
      .where(
        "entries.id",
        "in",
        rows.map((row) => row.entryId as string),
      )
      .orderBy("entries.id")
      .execute();
    expect(entries).toEqual([
      {
        id: rows[0]?.entryId,
        state: "published",
        owner_id: fixture.moderator.id,
        title: "=SUM(A1:A9) is not a formula here",
        author_id: fixture.moderator.id,
      },
      {
        id: rows[1]?.entryId,
        state: "published",
        owner_id: owner.id,
        title: expect.any(String),
        author_id: fixture.moderator.id,
      },
    ]);
    // Searchable and readable like any published entry.
    const read = await fixture.t.app.inject({ method: "GET", url: `/api/v1/entries/${rows[0]?.entryId}` });
    expect(read.json()).toMatchObject({ state: "published", title: "=SUM(A1:A9) is not a formula here" });
  });

  it("looks for likely duplicates of the written entries after the commit", async () => {
    const [a, b] = uniqueIds(2);
    const twin = { title: "Solar kits for rural health posts", organisation: "Twin Foundation" };
    const job = (
      await upload(csvFile([BASIC_HEADER, basicRow(a as string, twin), basicRow(b as string, twin)]), {
        query: "?dryRun=false",
      })
    ).json();
    expect(job).toMatchObject({ status: "committed", followUps: { pending: false, done: 2, total: 2 } });
    const ids = (await rowsOf(job.id)).map((row) => row.entryId as string);
    const pair = await sql<{ n: number }>`
      select count(*)::int as n from duplicate_candidates
      where entry_a = ${ids[0]}::bigint and entry_b = ${ids[1]}::bigint
    `.execute(fixture.t.db);
    expect(pair.rows[0]?.n).toBe(1);
  });

  it("re-importing the same file updates (new revision, audited) and never duplicates", async () => {
    const ids = uniqueIds(3);
    const rowsFor = (title?: string) => ids.map((id, i) => basicRow(id, i === 1 && title ? { title } : {}));
    const first = (await upload(csvFile([BASIC_HEADER, ...rowsFor()]))).json();
    expect((await api("POST", `/api/v1/imports/${first.id}/commit`)).statusCode).toBe(200);
    const created = await rowsOf(first.id);
    const entryId = created[1]?.entryId as string;

    const before = await stored();
    const again = (await upload(csvFile([BASIC_HEADER, ...rowsFor()]))).json();
    expect(again).toMatchObject({ status: "ready", counts: { create: 0, update: 0, unchanged: 3 } });
    expect((await api("POST", `/api/v1/imports/${again.id}/commit`)).statusCode).toBe(200);
    expect(await stored()).toEqual({ ...before, jobs: before.jobs + 1 });

    const changed = (
      await upload(csvFile([BASIC_HEADER, ...rowsFor("A better title for the network")]))
    ).json();
    expect(changed).toMatchObject({ status: "ready", counts: { create: 0, update: 1, unchanged: 2 } });
    expect((await rowsOf(changed.id)).map((row) => [row.outcome, row.entryId])).toEqual([
      ["unchanged", created[0]?.entryId],
      ["update", entryId],
      ["unchanged", created[2]?.entryId],
    ]);
    expect((await api("POST", `/api/v1/imports/${changed.id}/commit`)).statusCode).toBe(200);
    expect(await stored()).toEqual({
      ...before,
      jobs: before.jobs + 2,
      revisions: before.revisions + 1,
      decisions: before.decisions + 1,
      audited: before.audited + 1,
    });
    const history = await fixture.t.db
      .selectFrom("entry_revisions")
      .select(["number", sql<string>`data->>'title'`.as("title")])
      .where("entry_id", "=", entryId)
      .orderBy("number")
      .execute();
    expect(history.map((revision) => revision.number)).toEqual([1, 2]);
    expect(history[1]?.title).toBe("A better title for the network");
    const audit = await fixture.t.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "entry.import")
      .where("subject_id", "=", entryId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ job: Number(changed.id), revision: 2, state: "published" });
    expect(audit.before).toMatchObject({ state: "published" });
    const entry = await fixture.t.db
      .selectFrom("entries")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    expect(entry.title).toBe("A better title for the network");
  });

  it("commits by itself with dryRun=false, and takes XLSX and multipart uploads", async () => {
    const [x, y] = uniqueIds(2);
    const workbook = xlsxOf([BASIC_HEADER, basicRow(x as string, { sdgs: "4" })]);
    const auto = await upload(workbook, {
      type: XLSX,
      query: "?dryRun=false&source=workbook-test&filename=a.xlsx",
    });
    expect(auto.statusCode).toBe(201);
    expect(auto.json()).toMatchObject({
      status: "committed",
      format: "xlsx",
      source: "workbook-test",
      filename: "a.xlsx",
    });

    const form = multipartBody(
      { source: "form-source" },
      {
        name: "file",
        filename: "entries.csv",
        type: "text/csv",
        data: csvFile([BASIC_HEADER, basicRow(y as string)]),
      },
    );
    const multipart = await fixture.t.app.inject({
      method: "POST",
      url: "/api/v1/imports",
      headers: { authorization: `Bearer ${fixture.modToken}`, "content-type": form.contentType },
      payload: form.payload,
    });
    expect(multipart.statusCode).toBe(201);
    expect(multipart.json()).toMatchObject({
      status: "ready",
      source: "form-source",
      filename: "entries.csv",
    });
  });

  it("re-imports an export as it is: every row unchanged", async () => {
    const ids = uniqueIds(3);
    const job = (
      await upload(csvFile([BASIC_HEADER, ...ids.map((id) => basicRow(id))]), { query: "?dryRun=false" })
    ).json();
    expect(job.status).toBe("committed");
    const title = "Community network";
    for (const format of ["csv", "xlsx"] as const) {
      const exported = await fixture.t.app.inject({
        method: "GET",
        url: `/api/v1/entries/export?format=${format}&q=${encodeURIComponent(title)}&lang=ar`,
      });
      expect(exported.statusCode).toBe(200);
      const again = await upload(exported.rawPayload, { type: format === "csv" ? "text/csv" : XLSX });
      expect(again.statusCode).toBe(201);
      const result = again.json();
      expect(result.counts.error).toBe(0);
      expect(result.counts.create).toBe(0);
      expect(result.counts.unchanged).toBeGreaterThanOrEqual(3);
    }
  });
});
