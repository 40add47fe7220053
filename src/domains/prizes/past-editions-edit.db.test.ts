import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { auditRows } from "./edition-admin.testing.ts";
import { findEditionByYear } from "./editions.repo.ts";
import { loadPastEditions, seedPastEditions } from "./past-editions.ts";
import { makePrizeEdition } from "./prizes.testing.ts";

let t: TestApp;
let asAdmin: Browser;
let asModerator: Browser;
const en = translator("en");

beforeAll(async () => {
  t = await createTestApp();
  await seedPastEditions(t.db);
  asAdmin = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin" }));
  asModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

const url = (year: number) => `/admin/prizes/${year}/figures`;
const stored = async (year: number) => (await findEditionByYear(t.db, year))?.past_figures;

/** The form of 2018 as the page shows it, with `changes` applied: what a browser posts. */
function form2018(changes: Record<string, string> = {}): Record<string, string> {
  return {
    submissions_value: "685",
    submissions_qualifier: "exact",
    nominated_value: "492",
    nominated_qualifier: "exact",
    voters_value: "",
    voters_qualifier: "exact",
    votes_value: "",
    votes_qualifier: "exact",
    submissionsByRegion_AFR: "14.1",
    submissionsByRegion_AMS: "12.9",
    submissionsByRegion_ARB: "22.4",
    submissionsByRegion_ASP: "25.3",
    submissionsByRegion_CIS: "11.8",
    submissionsByRegion_EUR: "12.1",
    submissionsByRegion_international: "1.4",
    ...changes,
  };
}

describe("correcting a past edition's figures", () => {
  it("shows each figure with its precision and the splits, linked from the edition's admin page", async () => {
    const admin = await asAdmin.get("/admin/prizes/2018");
    expect(admin.body).toContain(`href="${url(2018)}"`);
    const page = await asAdmin.get(url(2018));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="submissions_value" type="text" value="685"');
    expect(page.body).toContain('value="exact" selected');
    expect(page.body).toContain('name="submissionsByRegion_ARB" type="text" value="22.4"');
    expect(page.body).toContain('name="nominatedByStakeholder_government"');
    expect(page.body).toContain(en("prizes.editions.figures.international"));
    const past = await asAdmin.get(url(2017));
    expect(past.body).toContain('value="about" selected');
    expect(past.body).toContain('name="nominatedByStakeholder_others" type="text" value="13.5"');
  });

  it("stores a correction, audited, shows it publicly, and a restart's seeding keeps it", async () => {
    const before = await stored(2018);
    const saved = await asAdmin.submit(
      url(2018),
      url(2018),
      form2018({ submissions_value: "1,100", submissions_qualifier: "at_least", voters_value: "12 000" }),
    );
    expect(saved.statusCode).toBe(303);
    const after = await stored(2018);
    expect(after).toMatchObject({
      submissions: { value: 1100, qualifier: "at_least" },
      nominated: { value: 492, qualifier: "exact" },
      voters: { value: 12000, qualifier: "exact" },
    });
    expect((after as { submissionsByRegion: unknown[] }).submissionsByRegion).toHaveLength(7);
    const [audit] = await auditRows(t.db, "prize.figures_update");
    expect(audit?.before).toEqual({ year: 2018, figures: before });
    expect(audit?.after).toEqual({ year: 2018, figures: after });
    const publicPage = await t.app.inject({ method: "GET", url: "/prizes/2018" });
    expect(publicPage.body).toContain(en("prizes.editions.figure.atLeast", { value: "1,100" }));

    expect(await seedPastEditions(t.db)).toBe(0);
    expect(await stored(2018)).toEqual(after);

    // Saving the same figures again changes nothing and writes no audit record.
    const again = await asAdmin.submit(
      url(2018),
      url(2018),
      form2018({ submissions_value: "1100", submissions_qualifier: "at_least", voters_value: "12000" }),
    );
    expect(again.statusCode).toBe(303);
    expect(await auditRows(t.db, "prize.figures_update")).toHaveLength(1);
  });

  it("keeps an edition whose figures were all cleared as it is: the seed does not fill it again", async () => {
    const saved = await asAdmin.submit(url(2013), url(2013), {
      submissions_value: "",
      submissions_qualifier: "at_least",
    });
    expect(saved.statusCode).toBe(303);
    expect(await stored(2013)).toEqual({});
    expect(await seedPastEditions(t.db)).toBe(0);
    expect(await stored(2013)).toEqual({});
    const original = loadPastEditions().editions.find((edition) => edition.year === 2013)?.figures;
    expect(original).toEqual({ submissions: { value: 100, qualifier: "at_least" } });
  });

  it("refuses bad numbers and precisions with a message next to the field, storing nothing", async () => {
    const before = await stored(2018);
    const audits = (await auditRows(t.db, "prize.figures_update")).length;
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { submissions_value: "-5" },
        "submissions_value",
        en("fields.out_of_range", { min: 0, max: 10_000_000_000 }),
      ],
      [{ nominated_value: "about 500" }, "nominated_value", en("fields.invalid_value")],
      [{ votes_value: "1.5" }, "votes_value", en("fields.invalid_value")],
      [
        { votes_value: "99999999999" },
        "votes_value",
        en("fields.out_of_range", { min: 0, max: 10_000_000_000 }),
      ],
      [{ submissions_qualifier: "roughly" }, "submissions_qualifier", en("fields.invalid_value")],
      [{ voters_value: "100", voters_qualifier: "" }, "voters_qualifier", en("fields.required")],
      [
        { submissionsByRegion_AFR: "-1" },
        "submissionsByRegion_AFR",
        en("fields.out_of_range", { min: 0, max: 100 }),
      ],
      [
        { submissionsByRegion_AFR: "150" },
        "submissionsByRegion_AFR",
        en("fields.out_of_range", { min: 0, max: 100 }),
      ],
      [{ submissionsByRegion_AFR: "lots" }, "submissionsByRegion_AFR", en("fields.invalid_value")],
      [{ submissionsByRegion_AFR: "54.1" }, "submissionsByRegion", en("fields.share_total", { total: 140 })],
      [
        { toDate_winners_value: "x", toDate_winners_qualifier: "exact" },
        "toDate_winners_value",
        en("fields.invalid_value"),
      ],
    ];
    for (const [change, field, message] of cases) {
      const response = await asAdmin.submit(url(2018), url(2018), form2018(change));
      expect(response.statusCode, field).toBe(400);
      expect(response.body, field).toContain(`href="#field-${field}"`);
      expect(response.body, field).toContain(`id="${field}-error"`);
      expect(response.body, field).toContain(message);
      // The input is kept as typed.
      const typed = Object.values(change)[0] as string;
      if (typed && !field.endsWith("_qualifier")) expect(response.body, field).toContain(`value="${typed}"`);
    }
    expect(await stored(2018)).toEqual(before);
    expect(await auditRows(t.db, "prize.figures_update")).toHaveLength(audits);
  });

  it("is for admins and for past editions only", async () => {
    const csrf = await asModerator.csrfToken("/prizes");
    const forbidden = await asModerator.submit(url(2018), url(2018), form2018({ submissions_value: "1" }), {
      csrf,
    });
    expect(forbidden.statusCode).toBe(403);
    expect((await asModerator.get(url(2018))).statusCode).toBe(403);
    const noCsrf = await asAdmin.submit(url(2018), url(2018), form2018({ submissions_value: "1" }), {
      csrf: null,
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await stored(2018)).not.toMatchObject({ submissions: { value: 1 } });
    const live = await makePrizeEdition(t.db);
    expect((await asAdmin.get(url(live.year))).statusCode).toBe(404);
    const adminCsrf = await asAdmin.csrfToken(url(2018));
    const posted = await asAdmin.submit(url(live.year), url(live.year), form2018(), { csrf: adminCsrf });
    expect(posted.statusCode).toBe(404);
    expect((await findEditionByYear(t.db, live.year))?.past_figures).toBeNull();
    expect((await asAdmin.get(url(1990))).statusCode).toBe(404);
    expect((await asAdmin.get("/admin/prizes/20x8/figures")).statusCode).toBe(404);
  });
});
