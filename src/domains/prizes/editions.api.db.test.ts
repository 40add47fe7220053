import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { findEditionByYear, findPhaseWindows } from "./editions.repo.ts";
import { loadPastEditions, seedPastEditions } from "./past-editions.ts";
import { makePrizeEdition, type TestEdition } from "./prizes.testing.ts";

let t: TestApp;
let asAdmin: Browser;
let live: TestEdition;
let placeholderId: string;

beforeAll(async () => {
  t = await createTestApp();
  asAdmin = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
  // Before seeding: 2025 runs on this platform (phases), 2016 is a bare placeholder row.
  live = await makePrizeEdition(t.db, { year: 2025, openPhase: "voting" });
  placeholderId = (
    await t.db
      .insertInto("prize_editions")
      .values({ year: 2016, theme: JSON.stringify({ en: "Kept theme" }) })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => t?.close());

const api = (url: string) => t.app.inject({ method: "GET", url, headers: { accept: "application/json" } });

describe("past editions 2012–2025", () => {
  it("has every year with the figures' precision kept, and no invented theme", () => {
    const { editions } = loadPastEditions();
    expect(editions.map((edition) => edition.year)).toEqual(Array.from({ length: 14 }, (_, i) => 2012 + i));
    const of = (year: number) => editions.find((edition) => edition.year === year)?.figures;
    expect(of(2013)?.submissions).toEqual({ value: 100, qualifier: "at_least" });
    expect(of(2017)?.submissions).toEqual({ value: 500, qualifier: "about" });
    expect(of(2017)?.votes).toEqual({ value: 1_100_000, qualifier: "at_least" });
    expect(of(2016)?.voters).toEqual({ value: 245_000, qualifier: "at_least" });
    expect(of(2024)?.submissions).toEqual({ value: 1000, qualifier: "at_least" });
    expect(of(2025)?.submissions).toEqual({ value: 973, qualifier: "exact" });
    expect(of(2025)?.toDate).toEqual({
      submissions: { value: 5000, qualifier: "at_least" },
      winners: { value: 234, qualifier: "exact" },
      champions: { value: 648, qualifier: "exact" },
    });
    const sum = (shares?: Array<{ percent: number }>) =>
      Math.round((shares ?? []).reduce((total, share) => total + share.percent, 0) * 10) / 10;
    expect(sum(of(2018)?.submissionsByRegion)).toBe(100);
    expect(sum(of(2017)?.nominatedByStakeholder)).toBe(100);
    expect(editions.every((edition) => Object.keys(edition.theme).length === 0)).toBe(true);
  });

  it("seeds once, only where missing, and never overwrites admins' edits or a live edition", async () => {
    expect(await seedPastEditions(t.db)).toBe(13); // 12 new years + the 2016 placeholder's figures
    expect(await seedPastEditions(t.db)).toBe(0);
    const placeholder = await findEditionByYear(t.db, 2016);
    expect(placeholder?.id).toBe(placeholderId);
    expect(placeholder?.theme).toEqual({ en: "Kept theme" });
    expect(placeholder?.past_figures).toMatchObject({ nominated: { value: 311, qualifier: "exact" } });
    expect((await findEditionByYear(t.db, 2025))?.past_figures).toBeNull();
    expect(await findPhaseWindows(t.db, live.id)).toHaveLength(6);

    // An admin corrects a theme and a figure: a restart's seeding leaves both alone.
    const url = "/admin/prizes/2018/edit";
    const form = await asAdmin.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('name="timeZone"');
    const saved = await asAdmin.submit(url, url, { theme_en: "Corrected theme" });
    expect(saved.statusCode).toBe(303);
    await t.db
      .updateTable("prize_editions")
      .set({ past_figures: JSON.stringify({ submissions: { value: 686, qualifier: "exact" } }) })
      .where("year", "=", 2018)
      .execute();
    expect(await seedPastEditions(t.db)).toBe(0);
    const edited = await findEditionByYear(t.db, 2018);
    expect(edited?.theme).toEqual({ en: "Corrected theme" });
    expect(edited?.past_figures).toEqual({ submissions: { value: 686, qualifier: "exact" } });
    await t.db
      .updateTable("prize_editions")
      .set({ past_figures: JSON.stringify(loadPastEditions().editions[6]?.figures) })
      .where("year", "=", 2018)
      .execute();
  });
});

describe("listPrizeEditions and getPrizeEdition", () => {
  it("lists editions newest first with phases as ISO instants and the phase open now", async () => {
    const response = await api("/api/v1/prizes/editions");
    expect(response.statusCode).toBe(200);
    const { items } = response.json() as { items: Array<Record<string, unknown>> };
    const years = items.map((item) => item.year as number);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const current = items.find((item) => item.year === 2025) as Record<string, unknown>;
    expect(current).toMatchObject({ timeZone: "Europe/Zurich", openPhase: "voting", pastFigures: null });
    expect(current.phases).toHaveLength(6);
    expect((current.phases as Array<{ startsAt: string }>)[0]?.startsAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(current.nextPhase).toMatchObject({ phase: "evaluation" });
    expect(current.categories).toHaveLength(18);
    expect(current.links).toEqual({ self: "/api/v1/prizes/editions/2025", html: "/prizes/2025" });
    const past = items.find((item) => item.year === 2017) as Record<string, unknown>;
    expect(past).toMatchObject({ theme: "", phases: [], openPhase: null, categories: [] });
    expect(past.pastFigures).toMatchObject({ submissions: { value: 500, qualifier: "about" } });
  });

  it("gives one edition in full, names in the asked language, jurors by name only", async () => {
    await t.db
      .insertInto("prize_special_prizes")
      .values({
        edition_id: live.id,
        code: "healthy_ageing",
        names: JSON.stringify({ en: "Healthy Ageing Innovation Prize" }),
        starts_at: new Date("2026-05-01T07:00:00Z"),
        ends_at: new Date("2026-06-30T16:00:00Z"),
        finalists: ["Project A"],
      })
      .execute();
    const response = await api("/api/v1/prizes/editions/2025?lang=fr");
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.criteria).toHaveLength(8);
    expect(body.rules).toEqual({
      votesOnlyFromCompleteVoters: false,
      previousWinnersExcluded: true,
      championsPerCategory: 5,
    });
    expect(body.categories[1]).toEqual({
      code: "C2",
      name: "Infrastructure de l'information et de la communication",
    });
    expect(body.specialPrizes).toEqual([
      {
        code: "healthy_ageing",
        name: "Healthy Ageing Innovation Prize",
        rules: "",
        startsAt: "2026-05-01T07:00:00.000Z",
        endsAt: "2026-06-30T16:00:00.000Z",
        jury: [],
        finalists: ["Project A"],
        winner: null,
      },
    ]);
    const region = (await api("/api/v1/prizes/editions/2018")).json();
    expect(region.pastFigures.submissionsByRegion).toHaveLength(7);
  });

  it("answers 404 prize_edition_not_found and 400 for a malformed year", async () => {
    const missing = await api("/api/v1/prizes/editions/1990");
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: "prize_edition_not_found" });
    const malformed = await api("/api/v1/prizes/editions/20x5");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: "validation_failed" });
  });

  it("documents both operations under the prizes tag", async () => {
    const document = (await api("/openapi.json")).json();
    const list = document.paths["/api/v1/prizes/editions"].get;
    const one = document.paths["/api/v1/prizes/editions/{year}"].get;
    expect(list).toMatchObject({ operationId: "listPrizeEditions", tags: ["prizes"] });
    expect(one).toMatchObject({ operationId: "getPrizeEdition", tags: ["prizes"] });
  });
});

describe("public pages", () => {
  it("lists editions with the phase open now and past figures with their precision", async () => {
    const page = await t.app.inject({ method: "GET", url: "/prizes" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/prizes"');
    expect(page.body).toContain("Public voting is open");
    expect(page.body).toContain("about 500");
    expect(page.body).toContain("1,000+");
    // The totals to date ride on the 2025 past edition; here 2025 runs on the platform instead.
    expect(page.body).not.toContain("5,000+");
    expect(page.body.indexOf('href="/prizes/2025"')).toBeLessThan(page.body.indexOf('href="/prizes/2012"'));
  });

  it("shows a past edition's figures and splits, and 404 for an unknown year", async () => {
    const page = await t.app.inject({ method: "GET", url: "/prizes/2018" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("685");
    expect(page.body).toContain("Arab States");
    expect(page.body).toContain("22.4%");
    const arabic = await t.app.inject({ method: "GET", url: "/prizes/2017?lang=ar" });
    expect(arabic.body).toContain('dir="rtl"');
    expect(arabic.body).toContain("نحو");
    expect((await t.app.inject({ method: "GET", url: "/prizes/1990" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/prizes/nope" })).statusCode).toBe(404);
  });

  it("shows the live edition's categories in the reader's language and links to every part", async () => {
    const page = await t.app.inject({ method: "GET", url: "/prizes/2025?lang=es" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Infraestructura de la información y la comunicación");
    for (const href of [
      "/prizes/2025/submit",
      "/prizes/2025/vote",
      "/prizes/my-votes",
      "/prizes/2025/results",
    ])
      expect(page.body).toContain(`href="${href}"`);
    // Secretariat pages are linked for the secretariat only.
    expect(page.body).not.toContain("/prizes/2025/secretariat/votes");
    expect((await asAdmin.get("/prizes/2025")).body).toContain("/prizes/2025/secretariat/votes");
  });
});
