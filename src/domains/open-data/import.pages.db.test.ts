import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { parseCsv } from "./csv.ts";
import { runImportCommand } from "./import.cli.ts";
import { BASIC_HEADER, basicRow, csvFile, multipartBody } from "./import.testing.ts";
import { IMPORT_COLUMNS } from "./import-columns.ts";

let t: TestApp;
let moderatorUser: MadeUser;
let moderator: Browser;
let plain: Browser;
let dir: string;

beforeAll(async () => {
  t = await createTestApp();
  moderatorUser = await makeUser(t.db, { role: "moderator" });
  moderator = await signedInBrowser(t.app, t.db, moderatorUser);
  plain = await signedInBrowser(t.app, t.db, await makeUser(t.db));
  dir = mkdtempSync(join(tmpdir(), "wsis-import-test-"));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

let sequence = 0;
const uniqueIds = (n: number) => Array.from({ length: n }, () => `page-${process.pid}-${++sequence}`);

/** Posts the upload form as a browser does (multipart, with the page's CSRF token unless given). */
async function postUpload(
  browser: Browser,
  file: Buffer,
  options: { csrf?: string | null; source?: string; filename?: string; lang?: string } = {},
) {
  const csrf = options.csrf === undefined ? await browser.csrfToken("/imports") : options.csrf;
  const form = multipartBody(
    { ...(csrf === null ? {} : { _csrf: csrf }), source: options.source ?? "" },
    { name: "file", filename: options.filename ?? "entries.csv", type: "text/csv", data: file },
  );
  return t.app.inject({
    method: "POST",
    url: `/imports${options.lang ? `?lang=${options.lang}` : ""}`,
    headers: { accept: "text/html", cookie: browser.cookieHeader(), "content-type": form.contentType },
    payload: form.payload,
  });
}

const entryCount = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from entries`.execute(t.db)).rows[0]?.n ?? 0;

describe("the import pages", () => {
  it("are for moderators: a plain user gets 403 and no link to them", async () => {
    expect((await plain.get("/imports")).statusCode).toBe(403);
    expect((await plain.get("/")).body).not.toContain('href="/imports"');
    const page = await moderator.get("/imports");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/imports"');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toMatch(/<label for="field-file">/);
    expect(page.body).toContain('name="_csrf"');
  });

  it("upload, dry run with errors next to their rows, in the reader's language", async () => {
    const [good, bad] = uniqueIds(2);
    const before = await entryCount();
    const response = await postUpload(
      moderator,
      csvFile([BASIC_HEADER, basicRow(good as string), basicRow(bad as string, { countries: "XX" })]),
      { source: "page-test" },
    );
    expect(response.statusCode).toBe(303);
    const location = response.headers.location as string;
    expect(location).toMatch(/^\/imports\/\d+$/);
    const page = await moderator.get(`${location}?lang=fr`);
    expect(page.statusCode).toBe(200);
    const fr = translator("fr");
    expect(page.body).toContain(fr("import.status.invalid"));
    const row = page.body.slice(
      page.body.indexOf('id="row-3"'),
      page.body.indexOf("</tr>", page.body.indexOf('id="row-3"')),
    );
    expect(row).toContain("<code>countries</code>");
    expect(row).toContain(fr("fields.unknown_code"));
    expect(page.body).not.toContain(`action="${location}/commit"`);
    const errorsOnly = await moderator.get(`${location}?outcome=error`);
    expect(errorsOnly.body).toContain('id="row-3"');
    expect(errorsOnly.body).not.toContain('id="row-2"');
    expect(await entryCount()).toBe(before);
  });

  it("refuses a bad file on the form itself, with the reason next to the field and nothing stored", async () => {
    const jobs = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from import_jobs`.execute(t.db)).rows[0]?.n;
    const before = await jobs();
    const latin1 = Buffer.from(
      `${BASIC_HEADER.join(",")}\r\n${basicRow("x").join(",").replace("Village", "Café")}\r\n`,
      "latin1",
    );
    const response = await postUpload(moderator, latin1, { lang: "es" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('aria-invalid="true"');
    expect(response.body).toContain('class="error-summary"');
    expect(response.body).toContain(
      translator("es")("errors.import_encoding", { encoding: "Latin-1 / Windows-1252" }).replaceAll("“", "“"),
    );
    const noCsrf = await postUpload(moderator, csvFile([BASIC_HEADER, basicRow("y")]), { csrf: null });
    expect(noCsrf.statusCode).toBe(403);
    const forbidden = await postUpload(plain, csvFile([BASIC_HEADER, basicRow("z")]), { csrf: "whatever" });
    expect(forbidden.statusCode).toBe(403);
    expect(await jobs()).toBe(before);
  });

  it("commits with the form's CSRF token and idempotency key, once even if sent twice", async () => {
    const ids = uniqueIds(3);
    const uploaded = await postUpload(moderator, csvFile([BASIC_HEADER, ...ids.map((id) => basicRow(id))]));
    const location = uploaded.headers.location as string;
    const page = await moderator.get(location);
    expect(page.body).toContain(`action="${location}/commit"`);
    const key = page.body.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] as string;
    expect(key).toBeTruthy();
    const before = await entryCount();
    const first = await moderator.submit(location, `${location}/commit`, { idempotencyKey: key });
    expect([first.statusCode, first.headers.location]).toEqual([303, location]);
    const again = await moderator.submit(location, `${location}/commit`, { idempotencyKey: key });
    expect([again.statusCode, again.headers.location]).toEqual([303, location]);
    expect(await entryCount()).toBe(before + 3);
    const done = await moderator.get(`${location}?lang=en`);
    expect(done.body).toContain(translator("en")("import.status.committed"));
    expect(done.body).toMatch(/href="\/entries\/\d+">Created entry #\d+</);
    const list = await moderator.get("/imports");
    expect(list.body).toContain(`href="${location}"`);
  });

  it("offers a template that imports as it is", async () => {
    const template = await moderator.get("/imports/template.csv");
    expect(template.statusCode).toBe(200);
    expect(template.headers["content-type"]).toContain("text/csv");
    const rows = parseCsv(template.body);
    expect(rows[0]).toEqual([...IMPORT_COLUMNS]);
    const uploaded = await postUpload(moderator, Buffer.from(template.body, "utf8"), {
      source: `template-${process.pid}`,
    });
    const page = await moderator.get(`${uploaded.headers.location}?lang=en`);
    expect(page.body).toContain(translator("en")("import.status.ready"));
  });

  it("is right to left in Arabic", async () => {
    const page = await moderator.get("/imports?lang=ar");
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain(translator("ar")("import.title"));
  });
});

describe("npm run wsis -- import", () => {
  const output = () => {
    const lines: string[] = [];
    const bars: string[] = [];
    return {
      lines,
      bars,
      out: {
        log: (line: string) => lines.push(line),
        progress: (label: string, total: number) => {
          bars.push(`${label} 0/${total}`);
          return {
            tick: (done: number) => bars.push(`${label} ${done}/${total}`),
            finish: () => bars.push("done"),
          };
        },
      },
    };
  };

  it("checks a file with a progress bar, prints each row's errors, and commits only when asked and clean", async () => {
    const [a, b] = uniqueIds(2);
    const file = join(dir, "entries.csv");
    writeFileSync(
      file,
      csvFile([BASIC_HEADER, basicRow(a as string), basicRow(b as string, { actionLines: "C99" })]),
    );
    const before = await entryCount();
    const bad = output();
    const code = await runImportCommand(t.db, { file, email: moderatorUser.email, commit: true }, bad.out);
    expect(code).toBe(1);
    expect(bad.lines).toContain("  row 3, actionLines: Choose a value from the list");
    expect(bad.bars).toContain("done");
    expect(await entryCount()).toBe(before);

    writeFileSync(file, csvFile([BASIC_HEADER, basicRow(a as string), basicRow(b as string)]));
    const dry = output();
    expect(await runImportCommand(t.db, { file, email: moderatorUser.email, commit: false }, dry.out)).toBe(
      0,
    );
    expect(dry.lines.at(-1)).toMatch(/^Dry run only: nothing was written/);
    expect(await entryCount()).toBe(before);

    const committed = output();
    expect(
      await runImportCommand(
        t.db,
        { file, email: moderatorUser.email, commit: true, source: "cli" },
        committed.out,
      ),
    ).toBe(0);
    expect(committed.bars.filter((bar) => bar.includes("committing"))).not.toHaveLength(0);
    expect(committed.lines.at(-1)).toBe("Committed: 2 created, 0 updated, 0 unchanged.");
    expect(await entryCount()).toBe(before + 2);
  });

  it("imports as the oldest admin account when no --email is given", async () => {
    await makeUser(t.db, { role: "admin" });
    const file = join(dir, "as-admin.csv");
    writeFileSync(file, csvFile([BASIC_HEADER, basicRow(uniqueIds(1)[0] as string)]));
    const run = output();
    expect(await runImportCommand(t.db, { file, commit: false }, run.out)).toBe(0);
    expect(run.lines[0]).toMatch(
      /^Importing as .+ \(the first admin account; choose another with --email\)\.$/,
    );
  });

  it("refuses accounts that may not import", async () => {
    const user = await makeUser(t.db);
    const file = join(dir, "one.csv");
    writeFileSync(file, csvFile([BASIC_HEADER, basicRow("cli-x")]));
    await expect(
      runImportCommand(t.db, { file, email: user.email, commit: true }, output().out),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
