import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrizeSubmissionStatus } from "../../db/schema.ts";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import {
  makeOrganisation,
  makePrizeEdition,
  makePrizeSubmission,
  type TestEdition,
} from "./prizes.testing.ts";
import { editionStatistics, historyPoints } from "./statistics.service.ts";

let t: TestApp;
let edition: TestEdition;
const PAST_YEAR = 2005;

/** A submission by a new organisation of the given type and country. */
async function submission(
  category: string,
  status: PrizeSubmissionStatus,
  stakeholderType: string,
  countryCode: string | null,
) {
  const organisationId = await makeOrganisation(t.db);
  await t.db
    .updateTable("organisations")
    .set({ stakeholder_type: stakeholderType, country_code: countryCode })
    .where("id", "=", organisationId)
    .execute();
  await makePrizeSubmission(t.db, edition, { category, status, organisationId });
}

beforeAll(async () => {
  t = await createTestApp();
  edition = await makePrizeEdition(t.db, { openPhase: "review" });
  const [c1, c2] = edition.categories as [string, string];
  await submission(c1, "submitted", "government", "KE");
  await submission(c1, "nominated", "government", "NG");
  await submission(c2, "ineligible", "private_sector", "FR");
  await submission(c2, "not_nominated", "civil_society", null);
  // Never entered: left out of every figure.
  await submission(c1, "draft", "academia", "JP");
  await submission(c2, "withdrawn", "academia", "JP");
  await t.db
    .insertInto("prize_editions")
    .values({
      year: PAST_YEAR,
      past_figures: JSON.stringify({
        submissions: { value: 1000, qualifier: "at_least" },
        submissionsByRegion: [
          { code: "AFR", percent: 60 },
          { code: "international", percent: 40 },
        ],
      }),
    })
    .execute();
});
afterAll(async () => t?.close());

describe("edition statistics", () => {
  it("counts entered submissions by region, stakeholder type, category and country", async () => {
    const [c1, c2] = edition.categories as [string, string];
    const stats = await editionStatistics(t.db, edition.year, {
      regions: ["AFR", "AMS", "ARB", "ASP", "CIS", "EUR"],
      stakeholderTypes: ["government", "private_sector", "civil_society"],
      categories: edition.categories,
    });
    expect(stats.total).toBe(4);
    expect(stats.nominated).toBe(1);
    expect(stats.byRegion).toEqual([
      { code: "AFR", count: 2 },
      { code: "EUR", count: 1 },
      { code: "", count: 1 },
    ]);
    expect(stats.byStakeholder).toEqual([
      { code: "government", count: 2 },
      { code: "private_sector", count: 1 },
      { code: "civil_society", count: 1 },
    ]);
    expect(stats.byCategory).toEqual([
      { code: c1, count: 2 },
      { code: c2, count: 2 },
    ]);
    expect(stats.byCountry).toEqual([
      { code: "FR", count: 1 },
      { code: "KE", count: 1 },
      { code: "NG", count: 1 },
      { code: "", count: 1 },
    ]);
    const past = stats.history.find((point) => point.year === PAST_YEAR);
    expect(past).toEqual({ year: PAST_YEAR, figure: { value: 1000, qualifier: "at_least" }, source: "past" });
    expect(stats.history.find((point) => point.year === edition.year)).toEqual({
      year: edition.year,
      figure: { value: 4, qualifier: "exact" },
      source: "platform",
    });
  });

  it("draws each split as an SVG image with its data table beside it", async () => {
    const response = await new Browser(t.app).get(`/prizes/${edition.year}/statistics`);
    expect(response.statusCode).toBe(200);
    const body = response.body;
    for (const id of ["by-region", "by-stakeholder", "by-category", "by-country", "history"]) {
      expect(body).toContain(`aria-labelledby="${id}-title ${id}-desc"`);
      expect(body).toContain(`<title id="${id}-title">`);
      expect(body).toContain(`<desc id="${id}-desc">`);
    }
    expect(body.match(/role="img"/g)).toHaveLength(5);
    expect(body).toContain('<th scope="row">Africa</th><td class="numeric"><bdi>2</bdi></td>');
    expect(body).toContain('<th scope="row">Not stated</th>');
    expect(body).toContain('<th scope="row">Kenya</th>');
    // The past edition's figure keeps its qualifier in the history table.
    expect(body).toContain(`<th scope="row">${PAST_YEAR}</th><td class="numeric"><bdi>1,000+</bdi></td>`);
    expect(body).not.toContain("<script");
  });

  it("grows the bars from the inline start, mirrored in Arabic", async () => {
    const firstBar = (html: string) => {
      const match = /<rect x="(\d+)" y="0" width="(\d+)"/.exec(html);
      return { x: Number(match?.[1]), width: Number(match?.[2]) };
    };
    const english = firstBar((await new Browser(t.app).get(`/prizes/${edition.year}/statistics`)).body);
    const arabic = firstBar(
      (await new Browser(t.app).get(`/prizes/${edition.year}/statistics?lang=ar`)).body,
    );
    // 620 user units wide: labels take 180 at the inline start, bars follow.
    expect(english.x).toBe(180);
    expect(arabic.width).toBe(english.width);
    expect(arabic.x + arabic.width).toBe(620 - 180);
  });

  it("shows a past edition's published shares and figures", async () => {
    const response = await new Browser(t.app).get(`/prizes/${PAST_YEAR}/statistics`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("<strong><bdi>1,000+</bdi></strong>");
    expect(response.body).toContain(
      '<th scope="row">International</th><td class="numeric"><bdi>40%</bdi></td>',
    );
    expect(response.body).toContain("60%");
  });

  it("answers 404 for an unknown edition", async () => {
    expect((await new Browser(t.app).get("/prizes/2098/statistics")).statusCode).toBe(404);
    expect((await new Browser(t.app).get("/prizes/abcd/statistics")).statusCode).toBe(404);
  });

  it("prefers the platform's own count and skips years without a figure", () => {
    expect(
      historyPoints([
        { year: 2012, pastFigures: {}, submissions: 0 },
        { year: 2013, pastFigures: { submissions: { value: 100, qualifier: "at_least" } }, submissions: 0 },
        { year: 2026, pastFigures: null, submissions: 0 },
        { year: 2027, pastFigures: null, submissions: 12 },
      ]),
    ).toEqual([
      { year: 2013, figure: { value: 100, qualifier: "at_least" }, source: "past" },
      { year: 2027, figure: { value: 12, qualifier: "exact" }, source: "platform" },
    ]);
  });
});
