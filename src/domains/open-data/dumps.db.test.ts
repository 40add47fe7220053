import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { seedDemoEntries } from "../stocktaking/demo-seed.ts";
import { insertSearchEntry, searchEntryData } from "../stocktaking/search.testing.ts";
import { CSV_BOM, parseCsv } from "./csv.ts";
import { claimAdminRun, finishRun } from "./dumps.repo.ts";
import { buildRun, DUMPS_KEPT, type DumpDeps, dumpBuildsSettled, runDailyDumps } from "./dumps.service.ts";
import { type EngineExportReader, engineExportReader } from "./export.repo.ts";
import { EXPORT_FIELDS, JSON_FIELDS, TABULAR_COLUMNS } from "./export-fields.ts";

let t: TestApp;
let deps: DumpDeps;
let reader: EngineExportReader; // on PostgreSQL the export's streaming one, on its own pool
let publishedIds: string[];
let admin: Awaited<ReturnType<typeof makeUser>>;
let user: Awaited<ReturnType<typeof makeUser>>;

interface ListedDump {
  id: string;
  format: "csv" | "ndjson";
  fileName: string;
  url: string;
  mediaType: string;
  generatedAt: string;
  rows: number;
  byteSize: number;
  sha256: string;
}
interface Listing {
  dumps: ListedDump[];
  running: { id: string; trigger: string; status: string; startedAt: string } | null;
  nextDailyRunAt: string;
  licence: { id: string; name: string; url: string; attribution: string };
  dataDictionary: string;
}

async function listing(): Promise<Listing> {
  const response = await t.app.inject({ method: "GET", url: "/api/v1/open-data/dumps" });
  expect(response.statusCode).toBe(200);
  return response.json() as Listing;
}

const pathOf = (url: string) => new URL(url).pathname;

/** Moves every run's start a day back, as if it had run yesterday. */
async function ageRuns(): Promise<void> {
  await sql`update open_data_runs set started_at = started_at - interval '1 day'`.execute(t.db);
}

const counts = async () => {
  const runs = await t.db.selectFrom("open_data_runs").select(["id", "status"]).execute();
  const dumps = await t.db.selectFrom("open_data_dumps").select(["id", "status", "format"]).execute();
  const chunks = await sql<{ n: string }>`select count(*)::text as n from open_data_dump_chunks`.execute(
    t.db,
  );
  return { runs, dumps, chunks: Number(chunks.rows[0]?.n) };
};

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoEntries(t.db, { count: 40, seed: 7 });
  const owner = await makeUser(t.db);
  // Texts that must survive the round trip exactly; and an unpublished entry that must not appear.
  await insertSearchEntry(
    t.db,
    owner.id,
    searchEntryData({
      title: '=cmd|"quoted", with commas',
      description: "مبادرة المدارس الرقمية\nline two",
      language: "ar",
    }),
  );
  await insertSearchEntry(t.db, owner.id, searchEntryData({ title: "Unpublished draft" }), {
    state: "draft",
  });
  publishedIds = (
    await t.db
      .selectFrom("entries")
      .select("id")
      .where("published_revision_id", "is not", null)
      .orderBy("id")
      .execute()
  ).map((row) => String(row.id));
  admin = await makeUser(t.db, { role: "admin" });
  user = await makeUser(t.db);
  reader = engineExportReader(t.db, { engine: t.database.engine, url: t.database.databaseUrl, max: 2 });
  // Small reads and pieces, so a 40-entry dump spans several of each.
  deps = { db: t.db, baseUrl: t.config.baseUrl, read: reader.read, batchSize: 7, chunkBytes: 2048 };
});
afterAll(async () => {
  await dumpBuildsSettled();
  await reader?.close();
  await t?.close();
});

describe("the daily run", () => {
  it("builds one set of dumps once, even when two instances ask at the same moment", async () => {
    expect((await listing()).dumps).toEqual([]);
    const outcomes = await Promise.all([runDailyDumps(deps), runDailyDumps(deps)]);
    expect(outcomes.filter((outcome) => outcome !== null)).toHaveLength(1);
    expect(await runDailyDumps(deps)).toBeNull();

    const { runs, dumps } = await counts();
    expect(runs).toEqual([{ id: expect.any(String), status: "done" }]);
    expect(dumps.map((dump) => [dump.format, dump.status]).sort()).toEqual([
      ["csv", "ready"],
      ["ndjson", "ready"],
    ]);
    const list = await listing();
    expect(list.running).toBeNull();
    // Done for today: the next one is due at tomorrow's slot.
    expect(new Date(list.nextDailyRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(list.licence).toMatchObject({
      id: "CC-BY-4.0",
      attribution: "WSIS Stocktaking database, ITU",
    });
  });

  it("writes every published entry, and serves exactly the bytes its checksum names", async () => {
    const { dumps } = await listing();
    const csv = dumps.find((dump) => dump.format === "csv") as ListedDump;
    const ndjson = dumps.find((dump) => dump.format === "ndjson") as ListedDump;

    for (const dump of [csv, ndjson]) {
      expect(dump.rows).toBe(publishedIds.length);
      expect(dump.fileName).toMatch(
        new RegExp(`^wsis-stocktaking-\\d{4}-\\d{2}-\\d{2}-${dump.id}\\.${dump.format}\\.gz$`),
      );
      const response = await t.app.inject({
        method: "GET",
        url: pathOf(dump.url),
        headers: { "accept-encoding": "gzip, br" },
      });
      expect(response.statusCode).toBe(200);
      const bytes = response.rawPayload;
      expect(bytes.length).toBe(dump.byteSize);
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(dump.sha256);
      // Served as the gzip file it is: not compressed again, not decoded by the browser.
      expect(response.headers["content-type"]).toBe("application/gzip");
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(response.headers["content-length"]).toBe(String(dump.byteSize));
      expect(response.headers["content-disposition"]).toBe(`attachment; filename="${dump.fileName}"`);
      expect(response.headers.etag).toBe(`"${dump.sha256}"`);
      expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect(response.headers.vary).toBeUndefined();
      expect(response.headers["access-control-allow-origin"]).toBe("*");
      expect(response.headers["repr-digest"]).toBe(
        `sha-256=:${Buffer.from(dump.sha256, "hex").toString("base64")}:`,
      );
      const notModified = await t.app.inject({
        method: "GET",
        url: pathOf(dump.url),
        headers: { "if-none-match": `"${dump.sha256}"` },
      });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.rawPayload.length).toBe(0);
    }

    const csvResponse = await t.app.inject({ method: "GET", url: pathOf(csv.url) });
    const csvText = gunzipSync(csvResponse.rawPayload).toString("utf8");
    expect(csvText.startsWith(CSV_BOM)).toBe(true);
    const records = parseCsv(csvText);
    expect(records[0]).toEqual(TABULAR_COLUMNS);
    const body = records.slice(1);
    expect(body).toHaveLength(publishedIds.length);
    expect(body.map((record) => record[0])).toEqual(publishedIds);
    // Names are in English whoever built the dump.
    const languageName = TABULAR_COLUMNS.indexOf("languageName");
    const arabic = body.find((record) => record[TABULAR_COLUMNS.indexOf("language")] === "ar");
    expect(arabic?.[languageName]).toBe(translator("en")("entries.language.ar"));
    expect(csvText).not.toContain("Unpublished draft");

    const ndjsonResponse = await t.app.inject({ method: "GET", url: pathOf(ndjson.url) });
    const lines = gunzipSync(ndjsonResponse.rawPayload).toString("utf8").split("\n");
    expect(lines.pop()).toBe("");
    const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects.map((object) => String(object.id))).toEqual(publishedIds);
    expect(Object.keys(objects[0] as object)).toEqual([...JSON_FIELDS]);
    expect(objects.some((object) => object.description === "مبادرة المدارس الرقمية\nline two")).toBe(true);
  });

  it("answers 404 for a file name or id that is not a current dump", async () => {
    const { dumps } = await listing();
    const dump = dumps[0] as ListedDump;
    const base = pathOf(dump.url).replace(/[^/]+$/, "");
    for (const url of [
      `${base}wsis-stocktaking-other.csv.gz`,
      `/open-data/dumps/999999/${dump.fileName}`,
      `/open-data/dumps/abc/${dump.fileName}`,
      `/open-data/dumps/${"9".repeat(30)}/${dump.fileName}`,
    ]) {
      const response = await t.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain(translator("en")("errors.dump_not_found"));
    }
  });

  it("runs again the next day, keeps the newest dumps of each format and deletes the rest", async () => {
    const first = (await listing()).dumps;
    for (let day = 0; day < DUMPS_KEPT; day++) {
      await ageRuns();
      expect(await runDailyDumps(deps)).not.toBeNull();
    }
    const { runs, dumps, chunks } = await counts();
    expect(runs).toHaveLength(DUMPS_KEPT + 1);
    expect(dumps.filter((dump) => dump.format === "csv")).toHaveLength(DUMPS_KEPT);
    expect(dumps.filter((dump) => dump.format === "ndjson")).toHaveLength(DUMPS_KEPT);
    const pieces = await t.db
      .selectFrom("open_data_dumps")
      .select((eb) => eb.fn.sum<string>("chunk_count").as("n"))
      .executeTakeFirstOrThrow();
    expect(chunks).toBe(Number(pieces.n));
    const listed = (await listing()).dumps;
    expect(listed.map((dump) => dump.id)).not.toContain(first[0]?.id);
    expect(Number(listed[0]?.id)).toBeGreaterThan(Number(listed.at(-1)?.id));
    const gone = await t.app.inject({ method: "GET", url: pathOf((first[0] as ListedDump).url) });
    expect(gone.statusCode).toBe(404);
  });

  it("takes over a run whose instance stopped renewing its lease", async () => {
    await ageRuns();
    await sql`insert into open_data_runs (trigger, lease_until, started_at)
              values ('daily', now() - interval '1 minute', now() - interval '1 hour')`.execute(t.db);
    // Not shown as going on: an admin may start one at once.
    expect((await listing()).running).toBeNull();
    const outcome = await runDailyDumps(deps);
    expect(outcome).not.toBeNull();
    const stale = await t.db
      .selectFrom("open_data_runs")
      .select(["status", "error"])
      .where("id", "<", outcome?.runId as string)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(stale.status).toBe("failed");
  });

  it("marks a failed build failed and leaves no half-written dump", async () => {
    const run = await claimAdminRun(t.db, admin.id, 60_000);
    expect(run).not.toBeNull();
    const before = (await listing()).dumps.map((dump) => dump.id);
    await expect(buildRun({ ...deps, signal: AbortSignal.abort() }, run as never)).rejects.toThrow();
    const row = await t.db
      .selectFrom("open_data_runs")
      .select("status")
      .where("id", "=", run?.id as string)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("failed");
    const building = await t.db
      .selectFrom("open_data_dumps")
      .select("id")
      .where("status", "=", "building")
      .execute();
    expect(building).toEqual([]);
    expect((await listing()).dumps.map((dump) => dump.id)).toEqual(before);
  });
});

describe("regenerating on demand", () => {
  it("lets an admin start a run from the page, audited, and lists its dumps when it ends", async () => {
    const browser = await signedInBrowser(t.app, t.db, admin);
    const page = await browser.get("/open-data");
    expect(page.body).toContain('action="/open-data/regenerate"');
    const before = (await listing()).dumps.map((dump) => dump.id);
    const response = await browser.submit("/open-data", "/open-data/regenerate", {});
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/open-data");
    await dumpBuildsSettled();
    const after = await listing();
    expect(after.running).toBeNull();
    expect(after.dumps.filter((dump) => !before.includes(dump.id))).toHaveLength(2);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["actor_id", "subject_type"])
      .where("action", "=", "open_data.regenerate")
      .execute();
    expect(audit).toEqual([{ actor_id: admin.id, subject_type: "open_data_run" }]);
    expect((await browser.get("/open-data")).body).toContain(translator("en")("flash.openDataDumps.started"));
  });

  it("works through the API and refuses with 409 dump_in_progress while a run is going", async () => {
    const browser = await signedInBrowser(t.app, t.db, admin);
    const started = await browser.api("POST", "/api/v1/open-data/dumps/regenerate");
    expect(started.statusCode).toBe(202);
    expect(started.json().run).toMatchObject({ trigger: "admin", status: "running" });
    await dumpBuildsSettled();

    const held = await claimAdminRun(t.db, admin.id, 60_000);
    try {
      const refused = await browser.api("POST", "/api/v1/open-data/dumps/regenerate");
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe("dump_in_progress");
      const page = await browser.submit("/open-data", "/open-data/regenerate", {});
      expect(page.statusCode).toBe(409);
      expect(page.body).toContain(translator("en")("errors.dump_in_progress"));
      const list = await listing();
      expect(list.running?.id).toBe(held?.id);
      // Someone refreshing the page while the run goes on is told so.
      const refreshed = (await browser.get("/open-data")).body;
      expect(refreshed).toContain("is in progress");
      expect(refreshed).toMatch(/<button type="submit" class="button" disabled/);
    } finally {
      await finishRun(t.db, held?.id as string, { status: "done" });
    }
  });

  it("refuses everyone else: 403 for a plain user, sign-in for a visitor, and a post without CSRF", async () => {
    const plain = await signedInBrowser(t.app, t.db, user);
    expect((await plain.get("/open-data")).body).not.toContain('action="/open-data/regenerate"');
    const page = await plain.submit("/open-data", "/open-data/regenerate", {});
    expect(page.statusCode).toBe(403);
    const api = await plain.api("POST", "/api/v1/open-data/dumps/regenerate");
    expect(api.statusCode).toBe(403);
    expect(api.json().code).toBe("forbidden");

    const visitor = new Browser(t.app);
    const anonymous = await visitor.api("POST", "/api/v1/open-data/dumps/regenerate");
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe("authentication_required");
    const anonymousPage = await visitor.submit("/sign-in", "/open-data/regenerate", {});
    expect(anonymousPage.statusCode).toBe(303);
    expect(anonymousPage.headers.location).toMatch(/^\/sign-in\?next=/);

    const adminBrowser = await signedInBrowser(t.app, t.db, admin);
    const noCsrf = await adminBrowser.submit("/open-data", "/open-data/regenerate", {}, { csrf: null });
    expect(noCsrf.statusCode).toBe(403);
    const runs = await t.db
      .selectFrom("open_data_runs")
      .select("id")
      .where("status", "=", "running")
      .execute();
    expect(runs).toEqual([]);
  });
});

describe("the /open-data page", () => {
  it("shows the dumps, the licence and the data dictionary in the reader's language", async () => {
    const { dumps } = await listing();
    for (const lang of ["fr", "ar"] as const) {
      const tr = translator(lang);
      const response = await t.app.inject({ method: "GET", url: `/open-data?lang=${lang}` });
      expect(response.statusCode).toBe(200);
      const html = response.body;
      expect(html).toContain(`<html lang="${lang}" dir="${lang === "ar" ? "rtl" : "ltr"}"`);
      expect(html).toContain(tr("openDataPage.dictionary.heading"));
      expect(html).toContain(tr("openDataPage.licence.summary"));
      expect(html).toContain("Creative Commons Attribution 4.0 International (CC BY 4.0)");
      expect(html).toContain('href="https://creativecommons.org/licenses/by/4.0/"');
      expect(html).toContain("WSIS Stocktaking database, ITU");
      for (const field of EXPORT_FIELDS) expect(html).toContain(`<code dir="ltr">${field.name}</code>`);
      expect(html).toContain(tr("openDataPage.field.countries"));
      expect(html).toContain(tr("openDataPage.codes.list.actionLines"));
      expect(html).toContain('href="/action-lines"');
      for (const dump of dumps) {
        expect(html).toContain(dump.sha256);
        expect(html).toContain(`href="${pathOf(dump.url)}"`);
      }
      expect(html).toContain('href="/api/docs#/open-data/exportEntries"');
      expect(html).toContain('href="/entries/feed.atom"');
    }
    const french = (await t.app.inject({ method: "GET", url: "/open-data?lang=fr" })).body;
    expect(french).toContain("Sénégal");
    const arabic = (await t.app.inject({ method: "GET", url: "/open-data?lang=ar" })).body;
    expect(arabic).toContain("السنغال");
  });

  it("is linked from every page's footer", async () => {
    const home = await t.app.inject({ method: "GET", url: "/" });
    expect(home.body).toContain('href="/open-data"');
  });
});
