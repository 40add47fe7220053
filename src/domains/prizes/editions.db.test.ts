import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { actionLineCodes, auditRows, editionCount, editionFormBody } from "./edition-admin.testing.ts";
import { findCategoryCodes, findCriteria, findEditionByYear, findPhaseWindows } from "./editions.repo.ts";
import { PRIZE_PHASES } from "./prize-phases.ts";

let t: TestApp;
let asAdmin: Browser;
let asModerator: Browser;
let asUser: Browser;
let lines: string[];
const en = translator("en");
const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

beforeAll(async () => {
  t = await createTestApp();
  asAdmin = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
  asModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  asUser = await signedInBrowser(t.app, t.db, await makeUser(t.db));
  lines = await actionLineCodes(t.db);
});
afterAll(async () => t?.close());

const create = (body: Record<string, string | string[]>) =>
  asAdmin.submit("/admin/prizes/new", "/admin/prizes", body);

/** A refused form: 400, the field marked invalid with its message, and nothing stored. */
async function expectRefused(
  body: Record<string, string | string[]>,
  field: string,
  code: string,
  params?: Record<string, string | number>,
) {
  const audits = (await auditRows(t.db, "prize.edition_create")).length;
  const response = await create(body);
  expect(response.statusCode, `${field} ${code}`).toBe(400);
  // The summary links to the field, and the field's message is the code's.
  expect(response.body).toContain(`href="#field-${field}"`);
  expect(response.body).toContain(escapeHtml(en(`fields.${code}`, params)));
  expect(await editionCount(t.db, Number(body.year))).toBe(0);
  expect((await auditRows(t.db, "prize.edition_create")).length).toBe(audits);
  return response;
}

describe("who may set up editions", () => {
  it("sends anonymous visitors to sign in and refuses users and moderators", async () => {
    for (const url of ["/admin/prizes", "/admin/prizes/new"]) {
      const anonymous = await t.app.inject({ method: "GET", url, headers: { accept: "text/html" } });
      expect(anonymous.statusCode).toBe(303);
      expect((await asUser.get(url)).statusCode).toBe(403);
      expect((await asModerator.get(url)).statusCode).toBe(403);
      expect((await asAdmin.get(url)).statusCode).toBe(200);
    }
  });

  it("refuses a moderator's post and a post without the CSRF token, storing nothing", async () => {
    const body = editionFormBody({ year: 2091 }, lines);
    const csrf = await asModerator.csrfToken("/prizes");
    expect((await asModerator.submit("/prizes", "/admin/prizes", body, { csrf })).statusCode).toBe(403);
    const forged = await asAdmin.submit("/admin/prizes/new", "/admin/prizes", body, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect(await editionCount(t.db, 2091)).toBe(0);
  });
});

describe("creating an edition", () => {
  it("preselects the 18 categories and the eight criteria on the blank form", async () => {
    const page = await asAdmin.get("/admin/prizes/new");
    expect(page.body.match(/name="categories"[^>]*checked/g)).toHaveLength(18);
    expect(page.body).toContain('value="wsis_values"');
    expect(page.body).toContain('type="datetime-local"');
  });

  it("stores local times as UTC instants across a daylight-saving change, with parts and audit", async () => {
    // 20 March is winter time in Zurich (UTC+1), 10 April summer time (UTC+2).
    const body = editionFormBody({ year: 2091, categories: lines.slice(0, 17) }, lines);
    body.submission_start = "2026-03-20T09:00";
    body.submission_end = "2026-04-10T09:00";
    body.review_start = "2026-04-10T09:00";
    body.votesOnlyFromCompleteVoters = "1";
    body.criteria_8_code = "innovation";
    body.criteria_8_name = "Innovation";
    body.criteria_8_weight = "7,5";
    const response = await create(body);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/admin/prizes/2091");
    const edition = await findEditionByYear(t.db, 2091);
    expect(edition?.theme).toEqual({ en: "Theme 2091", fr: "Thème 2091" });
    expect(edition?.time_zone).toBe("Europe/Zurich");
    expect(edition?.rules).toEqual({
      votesOnlyFromCompleteVoters: true,
      previousWinnersExcluded: true,
      championsPerCategory: 5,
    });
    const windows = await findPhaseWindows(t.db, edition?.id as string);
    expect(windows).toHaveLength(6);
    const submission = windows.find((window) => window.phase === "submission");
    expect(submission?.startsAt.toISOString()).toBe("2026-03-20T08:00:00.000Z");
    expect(submission?.endsAt.toISOString()).toBe("2026-04-10T07:00:00.000Z");
    expect(await findCategoryCodes(t.db, edition?.id as string)).toEqual(lines.slice(0, 17));
    const criteria = await findCriteria(t.db, edition?.id as string);
    expect(criteria.map((criterion) => criterion.weight)).toEqual([...Array(8).fill(12.5), 7.5]);
    const [audit] = await auditRows(t.db, "prize.edition_create", edition?.id);
    expect(audit?.after).toMatchObject({ year: 2091, timeZone: "Europe/Zurich" });
    expect((audit?.after as { phases?: unknown[] } | undefined)?.phases).toHaveLength(6);
  });

  it("fills the default criteria's names in the six languages when kept as proposed", async () => {
    const form = await asAdmin.get("/admin/prizes/new");
    const name = form.body.match(/name="criteria_0_name"[^>]*value="([^"]+)"/)?.[1] as string;
    const body = editionFormBody({ year: 2093 }, lines);
    body.criteria_0_name = name;
    expect((await create(body)).statusCode).toBe(303);
    const edition = await findEditionByYear(t.db, 2093);
    const [first] = await findCriteria(t.db, edition?.id as string);
    expect(Object.keys(first?.names ?? {}).sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
  });

  it("refuses a year that already has an edition", async () => {
    const audits = (await auditRows(t.db, "prize.edition_create")).length;
    const response = await create(editionFormBody({ year: 2091 }, lines));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(en("fields.duplicate"));
    expect(await editionCount(t.db, 2091)).toBe(1);
    expect((await auditRows(t.db, "prize.edition_create")).length).toBe(audits);
  });

  it("refuses an unknown time zone, including Europe/Geneva, which is no IANA zone", async () => {
    for (const zone of ["Mars/Olympus_Mons", "Europe/Geneva", "+02:00"])
      await expectRefused(
        editionFormBody({ year: 2094, overrides: { timeZone: zone } }, lines),
        "timeZone",
        "unknown_code",
      );
  });

  it("refuses phases out of order or overlapping, and an end before its start", async () => {
    const body = editionFormBody({ year: 2094 }, lines);
    await expectRefused(
      { ...body, review_start: body.submission_start as string },
      "review_start",
      "phase_overlap",
    );
    await expectRefused(
      { ...body, results_start: body.submission_start as string },
      "results_start",
      "phase_overlap",
    );
    await expectRefused(
      { ...body, voting_end: body.voting_start as string },
      "voting_end",
      "end_before_start",
    );
    await expectRefused({ ...body, nomination_start: "" }, "nomination_start", "required");
    await expectRefused({ ...body, evaluation_end: "2026-02-30T10:00" }, "evaluation_end", "invalid_date");
  });

  it("refuses a phase boundary at 02:30 on a spring-forward night (the time does not exist)", async () => {
    const zurich = editionFormBody({ year: 2094 }, lines);
    await expectRefused(
      { ...zurich, submission_start: "2026-03-29T02:30" },
      "submission_start",
      "nonexistent_local_time",
    );
    const newYork = editionFormBody({ year: 2094, timeZone: "America/New_York" }, lines);
    await expectRefused(
      { ...newYork, submission_start: "2026-03-08T02:30" },
      "submission_start",
      "nonexistent_local_time",
    );
  });

  it("refuses bad weights and criterion codes", async () => {
    const body = editionFormBody({ year: 2094 }, lines);
    for (const weight of ["0", "-1", "100.01", "abc", "1.234", "0.00"])
      await expectRefused({ ...body, criteria_2_weight: weight }, "criteria_2_weight", "out_of_range", {
        min: "0.01",
        max: 100,
      });
    await expectRefused({ ...body, criteria_3_weight: "" }, "criteria_3_weight", "required");
    await expectRefused({ ...body, criteria_1_code: "Bad Code" }, "criteria_1_code", "invalid_value");
    await expectRefused({ ...body, criteria_1_code: "relevance" }, "criteria_1_code", "duplicate");
    const none = Object.fromEntries(Object.entries(body).filter(([key]) => !key.startsWith("criteria_")));
    await expectRefused(none, "criteria_0_code", "required");
  });

  it("refuses a missing English theme, bad categories, years and champion counts", async () => {
    const body = editionFormBody({ year: 2094 }, lines);
    await expectRefused({ ...body, theme_en: " " }, "theme_en", "required");
    await expectRefused({ ...body, categories: [] }, "categories", "required");
    await expectRefused({ ...body, categories: ["C1", "C99"] }, "categories", "unknown_code");
    await expectRefused({ ...body, championsPerCategory: "0" }, "championsPerCategory", "out_of_range", {
      min: 1,
      max: 20,
    });
    const audits = (await auditRows(t.db, "prize.edition_create")).length;
    const year = await create({ ...body, year: "1999" });
    expect(year.statusCode).toBe(400);
    expect(year.body).toContain(en("fields.out_of_range", { min: 2000, max: 2100 }));
    expect((await auditRows(t.db, "prize.edition_create")).length).toBe(audits);
  });
});

describe("editing an edition", () => {
  const DAY = 24 * 60 * 60 * 1000;

  it("keeps started phases, moves later ones, and audits before and after", async () => {
    const body = editionFormBody({ year: 2095 }, lines);
    expect((await create(body)).statusCode).toBe(303);
    const edition = await findEditionByYear(t.db, 2095);
    const before = await findPhaseWindows(t.db, edition?.id as string);
    const form = await asAdmin.get("/admin/prizes/2095/edit");
    expect(form.statusCode).toBe(200);
    // Submission has started: shown, not editable.
    expect(form.body).not.toContain('name="submission_start"');
    expect(form.body).toContain(`value="${body.review_start}"`);
    const response = await asAdmin.submit("/admin/prizes/2095/edit", "/admin/prizes/2095/edit", {
      ...body,
      theme_en: "A new theme",
      submission_start: "2020-01-01T00:00",
      results_end: "2099-01-01T00:00",
    });
    expect(response.statusCode).toBe(303);
    const after = await findPhaseWindows(t.db, edition?.id as string);
    const phase = (windows: typeof after, name: string) => windows.find((window) => window.phase === name);
    expect(phase(after, "submission")).toEqual(phase(before, "submission"));
    expect(phase(after, "results")?.endsAt.toISOString()).toBe("2098-12-31T23:00:00.000Z");
    expect((await findEditionByYear(t.db, 2095))?.theme.en).toBe("A new theme");
    const [audit] = await auditRows(t.db, "prize.edition_update", edition?.id);
    expect(audit?.before).toMatchObject({ theme: { en: "Theme 2095" } });
    expect(audit?.after).toMatchObject({ theme: { en: "A new theme" } });
  });

  it("refuses removing categories or criteria once submission has started, but allows adding", async () => {
    const body = editionFormBody({ year: 2096, categories: lines.slice(0, 10) }, lines);
    expect((await create(body)).statusCode).toBe(303);
    const url = "/admin/prizes/2096/edit";
    const fewer = await asAdmin.submit(url, url, { ...body, categories: lines.slice(0, 9) });
    expect(fewer.statusCode).toBe(400);
    expect(fewer.body).toContain(en("fields.in_use"));
    const dropped = await asAdmin.submit(url, url, {
      ...body,
      criteria_7_code: "",
      criteria_7_name: "",
      criteria_7_weight: "",
    });
    expect(dropped.statusCode).toBe(400);
    expect(await findCategoryCodes(t.db, (await findEditionByYear(t.db, 2096))?.id as string)).toHaveLength(
      10,
    );
    expect((await asAdmin.submit(url, url, { ...body, categories: lines.slice(0, 12) })).statusCode).toBe(
      303,
    );
  });

  it("allows removing categories before the submission phase starts", async () => {
    const body = editionFormBody({ year: 2097, firstStart: new Date(Date.now() + 30 * DAY) }, lines);
    expect((await create(body)).statusCode).toBe(303);
    const url = "/admin/prizes/2097/edit";
    const response = await asAdmin.submit(url, url, { ...body, categories: ["C1", "C2"] });
    expect(response.statusCode).toBe(303);
    const id = (await findEditionByYear(t.db, 2097))?.id as string;
    expect(await findCategoryCodes(t.db, id)).toEqual(["C1", "C2"]);
    expect(PRIZE_PHASES).toHaveLength((await findPhaseWindows(t.db, id)).length);
  });
});
