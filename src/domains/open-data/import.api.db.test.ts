import { gunzipSync, gzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { translator } from "../../platform/i18n.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { forgetParsedFiles, runDryRun, startImport } from "./import.service.ts";
import { BASIC_HEADER, basicRow, csvFile, multipartBody, xlsxOf, zipBomb } from "./import.testing.ts";
import { commitImport } from "./import-commit.ts";
import { IMPORT_COMMIT_HOOKS } from "./import-hooks.ts";

let t: TestApp;
let moderator: MadeUser;
let modToken: string;
let userToken: string;

beforeAll(async () => {
  t = await createTestApp();
  moderator = await makeUser(t.db, { role: "moderator" });
  modToken = await createApiToken(t.db, moderator.id, "import", ["entries:read", "moderation"], null);
  const user = await makeUser(t.db);
  userToken = await createApiToken(t.db, user.id, "user", ["entries:read", "entries:write"], null);
});
afterAll(async () => t?.close());

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function upload(
  file: Buffer,
  options: {
    type?: string;
    query?: string;
    token?: string;
    lang?: string;
    headers?: Record<string, string>;
  } = {},
) {
  return t.app.inject({
    method: "POST",
    url: `/api/v1/imports${options.query ?? ""}`,
    headers: {
      authorization: `Bearer ${options.token ?? modToken}`,
      "content-type": options.type ?? "text/csv",
      ...(options.lang ? { "accept-language": options.lang } : {}),
      ...options.headers,
    },
    payload: file,
  });
}

const api = (method: "GET" | "POST", url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${modToken}`, ...headers } });

async function rowsOf(id: string, query = "") {
  const response = await api("GET", `/api/v1/imports/${id}/rows?pageSize=500${query}`);
  expect(response.statusCode).toBe(200);
  return response.json().items as Array<{
    row: number;
    outcome: string;
    entryId: string | null;
    errors: Array<{ column: string; code: string; message: string }>;
  }>;
}

async function count(query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await query.execute(t.db)).rows[0]?.n ?? 0;
}

/** Everything an import may write, to prove a refused or failed one wrote nothing. */
async function stored() {
  return {
    jobs: await count(sql<{ n: number }>`select count(*)::int as n from import_jobs`),
    entries: await count(sql<{ n: number }>`select count(*)::int as n from entries`),
    revisions: await count(sql<{ n: number }>`select count(*)::int as n from entry_revisions`),
    mapped: await count(sql<{ n: number }>`select count(*)::int as n from import_external_ids`),
    decisions: await count(sql<{ n: number }>`select count(*)::int as n from moderation_decisions`),
    audited: await count(
      sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'entry.import'`,
    ),
  };
}

/** Waits until the job (processed by the app's worker) reaches one of `statuses`. */
async function waitFor(id: string, statuses: string[], timeoutMs = 20_000) {
  const started = Date.now();
  for (;;) {
    const job = (await api("GET", `/api/v1/imports/${id}`)).json();
    if (statuses.includes(job.status)) return job;
    if (Date.now() - started > timeoutMs) throw new Error(`job ${id} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

let sequence = 0;
const uniqueIds = (n: number) => Array.from({ length: n }, () => `ext-${process.pid}-${++sequence}`);

describe("who may import", () => {
  it("is moderators and admins with the moderation scope; others get 401/403 and nothing is stored", async () => {
    const before = await stored();
    const file = csvFile([BASIC_HEADER, basicRow(uniqueIds(1)[0] as string)]);
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/v1/imports",
      headers: { "content-type": "text/csv" },
      payload: file,
    });
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "authentication_required"]);
    const plain = await upload(file, { token: userToken });
    expect([plain.statusCode, plain.json().code]).toEqual([403, "forbidden"]);
    const writeScope = await createApiToken(t.db, moderator.id, "write", ["entries:write"], null);
    const narrow = await upload(file, { token: writeScope });
    expect([narrow.statusCode, narrow.json().code]).toEqual([403, "insufficient_scope"]);
    expect(await stored()).toEqual(before);
  });
});

describe("the dry run", () => {
  it("says per row what will happen, with errors by column in the reader's language, and writes nothing", async () => {
    const [good, unknown, incomplete, injection, , extra, date] = uniqueIds(7);
    const file = csvFile([
      BASIC_HEADER,
      basicRow(good as string),
      basicRow(unknown as string, { countries: "XX", actionLines: "C2;C99", sdgs: "18" }),
      basicRow(incomplete as string, { title: "", description: "Too short" }),
      basicRow(injection as string, {
        title: "=cmd|' /C calc'!A0",
        description: 'He said "hello, world"\nand then =HYPERLINK("http://evil.example") on a new line.',
      }),
      basicRow(good as string, { title: "Same external id again" }),
      [...basicRow(extra as string), "", "surprise"],
      basicRow(date as string, { startDate: "31/12/2024" }),
    ]);
    const before = await stored();
    const response = await upload(file, { lang: "fr" });
    expect(response.statusCode).toBe(201);
    const job = response.json();
    expect(response.headers.location).toBe(`/api/v1/imports/${job.id}`);
    expect(job).toMatchObject({
      status: "invalid",
      format: "csv",
      rowsTotal: 7,
      rowsDone: 7,
      counts: { create: 2, update: 0, unchanged: 0, error: 5 },
    });

    const fr = translator("fr");
    const rows = await t.app.inject({
      method: "GET",
      url: `/api/v1/imports/${job.id}/rows`,
      headers: { authorization: `Bearer ${modToken}`, "accept-language": "fr" },
    });
    const items = rows.json().items as Array<{ row: number; outcome: string; errors: unknown[] }>;
    expect(items.map((row) => [row.row, row.outcome])).toEqual([
      [2, "create"],
      [3, "error"],
      [4, "error"],
      [5, "create"],
      [6, "error"],
      [7, "error"],
      [8, "error"],
    ]);
    expect(items[1]?.errors).toEqual([
      { column: "countries", code: "unknown_code", message: fr("fields.unknown_code") },
      { column: "actionLines", code: "unknown_code", message: fr("fields.unknown_code") },
      { column: "sdgs", code: "unknown_code", message: fr("fields.unknown_code") },
    ]);
    expect(items[2]?.errors).toEqual([
      { column: "title", code: "required", message: fr("fields.required") },
      { column: "description", code: "too_short", message: fr("fields.too_short", { min: 20 }) },
    ]);
    expect(items[4]?.errors).toEqual([
      { column: "external_id", code: "duplicate_row", message: fr("fields.duplicate_row") },
    ]);
    expect(items[5]?.errors).toEqual([
      { column: "#15", code: "extra_cells", message: fr("fields.extra_cells") },
    ]);
    expect(items[6]?.errors).toMatchObject([{ column: "startDate", code: "invalid_date" }]);

    const errorsOnly = await rowsOf(job.id, "&outcome=error");
    expect(errorsOnly.map((row) => row.row)).toEqual([3, 4, 6, 7, 8]);
    // Only the upload and its verdicts are stored.
    expect(await stored()).toEqual({ ...before, jobs: before.jobs + 1 });
    const commit = await api("POST", `/api/v1/imports/${job.id}/commit`);
    expect([commit.statusCode, commit.json().code]).toEqual([409, "import_has_errors"]);
    expect(await stored()).toEqual({ ...before, jobs: before.jobs + 1 });
  });
});

describe("bad files", () => {
  const header = BASIC_HEADER.join(",");
  const row = basicRow("bad-1").join(",");
  const cases: Array<{ name: string; file: () => Buffer; type?: string; status: number; code: string }> = [
    {
      name: "Latin-1",
      file: () => Buffer.from(`${header}\r\n${row.replace("Village", "Café")}\r\n`, "latin1"),
      status: 400,
      code: "import_encoding",
    },
    {
      name: "UTF-16 with a byte order mark",
      file: () =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${header}\r\n${row}\r\n`, "utf16le")]),
      status: 400,
      code: "import_encoding",
    },
    {
      name: "a byte order mark in the middle",
      file: () => Buffer.from(`\uFEFF${header}\r\n${row}\r\n\uFEFF${header}\r\n`, "utf8"),
      status: 400,
      code: "import_unexpected_bom",
    },
    {
      name: "unknown and missing columns",
      file: () => Buffer.from("title,colour\r\nA title,blue\r\n"),
      status: 400,
      code: "import_columns",
    },
    {
      name: "an unclosed quote",
      file: () => Buffer.from(`${header}\r\n"never closed,${row}\r\n`),
      status: 400,
      code: "import_malformed_csv",
    },
    {
      name: "a header and no rows",
      file: () => Buffer.from(`${header}\r\n`),
      status: 400,
      code: "import_empty",
    },
    {
      name: "an XLSX with a formula",
      file: () =>
        xlsxOf([BASIC_HEADER, [...basicRow("f-1").slice(0, 12), { formula: "TODAY()", cached: "45000" }]]),
      type: XLSX,
      status: 400,
      code: "import_xlsx_formulas",
    },
    {
      name: "an XLSX with several sheets",
      file: () => xlsxOf([BASIC_HEADER, basicRow("s-1")], { sheets: 2 }),
      type: XLSX,
      status: 400,
      code: "import_xlsx_sheets",
    },
    { name: "a zip bomb", file: () => zipBomb(16), type: XLSX, status: 413, code: "import_zip_bomb" },
    {
      name: "a PDF",
      file: () => Buffer.from("%PDF-1.7\n%âãÏÓ\n"),
      type: "application/octet-stream",
      status: 415,
      code: "import_unsupported_format",
    },
  ];

  it.each(cases)("refuses $name with a clear code, storing nothing", async ({ file, type, status, code }) => {
    const before = await stored();
    const response = await upload(file(), { type: type ?? "text/csv", lang: "es" });
    expect([response.statusCode, response.json().code]).toEqual([status, code]);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    // A sentence in the reader's language, its placeholders filled.
    expect(response.json().title).not.toMatch(/^errors\.|[{}]/);
    expect(response.json().title).not.toBe(translator("en")(`errors.${code}`, response.json()));
    expect(await stored()).toEqual(before);
  });

  it("refuses a 200 MB file by its announced size, before reading it", async () => {
    const before = await stored();
    const response = await upload(Buffer.from("title\r\n"), {
      headers: { "content-length": String(200 * 1024 * 1024) },
    });
    expect([response.statusCode, response.json().code]).toEqual([413, "import_file_too_large"]);
    expect(response.json().title).toContain("128");
    expect(await stored()).toEqual(before);
  });
});

describe("commit", () => {
  it("publishes every row at once, owned by the importer or ownerEmail's account, audited", async () => {
    const owner = await makeUser(t.db);
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
    const entries = await t.db
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
        owner_id: moderator.id,
        title: "=SUM(A1:A9) is not a formula here",
        author_id: moderator.id,
      },
      {
        id: rows[1]?.entryId,
        state: "published",
        owner_id: owner.id,
        title: expect.any(String),
        author_id: moderator.id,
      },
    ]);
    // Searchable and readable like any published entry.
    const read = await t.app.inject({ method: "GET", url: `/api/v1/entries/${rows[0]?.entryId}` });
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
    `.execute(t.db);
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
    const history = await t.db
      .selectFrom("entry_revisions")
      .select(["number", sql<string>`data->>'title'`.as("title")])
      .where("entry_id", "=", entryId)
      .orderBy("number")
      .execute();
    expect(history.map((revision) => revision.number)).toEqual([1, 2]);
    expect(history[1]?.title).toBe("A better title for the network");
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["before", "after"])
      .where("action", "=", "entry.import")
      .where("subject_id", "=", entryId)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ job: Number(changed.id), revision: 2, state: "published" });
    expect(audit.before).toMatchObject({ state: "published" });
    const entry = await t.db
      .selectFrom("entries")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    expect(entry.title).toBe("A better title for the network");
  });

  it("is all or nothing: a row failing in the last batch leaves nothing written", async () => {
    const ids = uniqueIds(2_050);
    const job = (await upload(csvFile([BASIC_HEADER, ...ids.map((id) => basicRow(id))]))).json();
    const ready = job.status === "ready" ? job : await waitFor(job.id, ["ready"]);
    expect(ready.counts.create).toBe(2_050);
    // The commit plans every row again from the stored file; make the very last row fail there,
    // after the first batch of 2,000 has been written inside the transaction.
    const stored_ = await t.db
      .selectFrom("import_files")
      .select("gzip")
      .where("job_id", "=", job.id)
      .executeTakeFirstOrThrow();
    const text = gunzipSync(Buffer.from(stored_.gzip)).toString("utf8");
    const at = text.lastIndexOf(",KE,");
    const tampered = `${text.slice(0, at)},XX,${text.slice(at + 4)}`;
    await t.db
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
      await expect(commitImport(t.db, moderator.id, job.id)).rejects.toThrow("duplicate detection failed");
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
    const multipart = await t.app.inject({
      method: "POST",
      url: "/api/v1/imports",
      headers: { authorization: `Bearer ${modToken}`, "content-type": form.contentType },
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
      const exported = await t.app.inject({
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

describe("a long import", () => {
  it("goes on in the background, and its page shows the progress until it is done", async () => {
    const ids = uniqueIds(2_100);
    const actor = {
      id: moderator.id,
      name: moderator.name,
      email: moderator.email,
      role: "moderator" as const,
      emailVerified: true,
      scopes: null,
    };
    // Checked as far as one batch, as if the request that started it had run out of time.
    const job = await startImport(
      t.db,
      actor,
      { bytes: csvFile([BASIC_HEADER, ...ids.map((id) => basicRow(id))]), filename: "long.csv" },
      { lang: "en", leaseMs: 60_000 },
    );
    let batches = 0;
    const partial = await runDryRun(t.db, job.id, { shouldStop: () => batches++ > 0 });
    expect(partial).toMatchObject({ status: "validating", rows_done: 2_000, rows_total: 2_100 });
    const browser = await signedInBrowser(t.app, t.db, moderator);
    const page = await browser.get(`/imports/${job.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<progress[^>]*max="2100"[^>]*value="2000"/);
    expect(page.body).toContain("2,100");
    // Let the worker take it over (the lease the "request" held is released).
    await sql`update import_jobs set lease_until = null where id = ${job.id}`.execute(t.db);
    const done = await waitFor(job.id, ["ready"], 30_000);
    expect(done.counts.create).toBe(2_100);
    const finished = await browser.get(`/imports/${job.id}`);
    expect(finished.body).not.toContain("<progress");
    expect(finished.body).toContain(`action="/imports/${job.id}/commit"`);
  }, 60_000);
});
