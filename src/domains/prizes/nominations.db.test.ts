import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { publishNominees } from "./nominations.service.ts";
import { makePrizeEdition, makePrizeSubmission, type TestEdition } from "./prizes.testing.ts";
import { auditCount, makeExpert, storeScores } from "./review.testing.ts";
import { loadEdition } from "./review-edition.ts";
import { expectFieldError, expectRefusedPage } from "./review-http.testing.ts";

let t: TestApp;
let secretariat: Browser;
let anonymous: Browser;
let experts: string[];

beforeAll(async () => {
  t = await createTestApp();
  secretariat = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  anonymous = new Browser(t.app);
  experts = (await Promise.all([1, 2, 3].map(() => makeUser(t.db)))).map((user) => user.id);
});
afterAll(async () => t?.close());

const base = (edition: TestEdition) => `/prizes/${edition.year}/secretariat/nominations`;

/** An edition past its review phase: three projects in C1 scored 9/7/—, one in C2 scored by one expert. */
async function reviewedEdition(year: number) {
  const edition = await makePrizeEdition(t.db, { openPhase: "nomination", year });
  const [c1, c2] = edition.categories as [string, string];
  for (const id of experts) {
    await makeExpert(t.db, edition, id, c1);
    await makeExpert(t.db, edition, id, c2);
  }
  const best = await makePrizeSubmission(t.db, edition, { category: c1 });
  const second = await makePrizeSubmission(t.db, edition, { category: c1 });
  const unscored = await makePrizeSubmission(t.db, edition, { category: c1 });
  const lone = await makePrizeSubmission(t.db, edition, { category: c2 });
  const draft = await makePrizeSubmission(t.db, edition, { category: c1, status: "draft" });
  const [e1, e2, e3] = experts as [string, string, string];
  await storeScores(t.db, edition, best, e1, 10);
  await storeScores(t.db, edition, best, e2, 8);
  await storeScores(t.db, edition, second, e1, 9);
  await storeScores(t.db, edition, second, e2, 5);
  await storeScores(t.db, edition, second, e3, 7);
  await storeScores(t.db, edition, { id: lone.id, category: c2 }, e1, 6);
  return { edition, c1, c2, best, second, unscored, lone, draft };
}

async function statuses(editionId: string) {
  const rows = await t.db
    .selectFrom("prize_submissions")
    .select(["id", "status"])
    .where("edition_id", "=", editionId)
    .orderBy("id")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

const publishedAt = async (editionId: string) =>
  (
    await t.db
      .selectFrom("prize_editions")
      .select("nominees_published_at")
      .where("id", "=", editionId)
      .executeTakeFirstOrThrow()
  ).nominees_published_at;

describe("the ranking", () => {
  it("shows each category's weighted score, experts, spread and flags, best first", async () => {
    const { edition, c1, best, second, unscored } = await reviewedEdition(2061);
    const page = await secretariat.get(`${base(edition)}/${c1}`);
    expect(page.statusCode).toBe(200);
    const body = page.body;
    // best: 10 and 8 → 9 (2 of 3 experts, 8–10, sd 1); second: 9, 5, 7 → 7 (sd 1.63).
    expect(body.indexOf(`submissions/${best.id}"`)).toBeLessThan(body.indexOf(`submissions/${second.id}"`));
    expect(body.indexOf(`submissions/${second.id}"`)).toBeLessThan(
      body.indexOf(`submissions/${unscored.id}"`),
    );
    expect(body).toContain("<td>2 of 3</td>");
    expect(body).toContain("<td>8–10</td>");
    expect(body).toContain("<td>1.63</td>");
    expect(body).toContain("Experts far apart");
    expect(body).toContain("No score");
    const overview = await secretariat.get(base(edition));
    expect(overview.statusCode).toBe(200);
    const detail = await secretariat.get(`${base(edition)}/submissions/${second.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain("weighted score 9");
    expect((await secretariat.get(`${base(edition)}/C99`)).statusCode).toBe(404);
    expectRefusedPage(
      await secretariat.get(`${base(edition)}/submissions/99999`),
      404,
      "review_submission_not_found",
    );
  });

  it("is the secretariat's only", async () => {
    const { edition, c1 } = await reviewedEdition(2062);
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await user.get(base(edition))).statusCode).toBe(403);
    expect((await user.get(`${base(edition)}/${c1}`)).statusCode).toBe(403);
    expect((await anonymous.get(base(edition))).statusCode).toBe(303);
  });
});

describe("eligibility and selection", () => {
  it("sets a project aside with a reason (required), restores it, and audits both", async () => {
    const { edition, second } = await reviewedEdition(2063);
    const url = `${base(edition)}/submissions/${second.id}`;
    expectFieldError(
      await secretariat.submit(url, url, { decision: "ineligible", reason: " " }),
      "reason",
      "required",
    );
    expect((await statuses(edition.id))[second.id]).toBe("submitted");
    const set = await secretariat.submit(url, url, { decision: "ineligible", reason: "Not completed yet." });
    expect(set.statusCode).toBe(303);
    const row = await t.db
      .selectFrom("prize_submissions")
      .select(["status", "status_reason"])
      .where("id", "=", second.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "ineligible", status_reason: "Not completed yet." });
    expectRefusedPage(
      await secretariat.submit(url, url, { decision: "ineligible", reason: "again" }),
      409,
      "invalid_state_transition",
      { state: "ineligible" },
    );
    // A forged decision (the form sends it hidden): refused, the summary says so.
    const forged = await secretariat.submit(url, url, { decision: "approve" });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain(`href="#field-decision"`);
    expect((await secretariat.submit(url, url, { decision: "restore" })).statusCode).toBe(303);
    expect((await statuses(edition.id))[second.id]).toBe("submitted");
    expect(await auditCount(t.db, "prize.submission_ineligible", second.id)).toBe(1);
    expect(await auditCount(t.db, "prize.submission_restore", second.id)).toBe(1);
  });

  it("saves a category's selection, refusing projects that are not in the running there", async () => {
    const { edition, c1, best, second, lone, draft } = await reviewedEdition(2064);
    const url = `${base(edition)}/${c1}`;
    expect((await secretariat.submit(url, url, { nominees: [best.id, second.id] })).statusCode).toBe(303);
    const selected = () =>
      t.db
        .selectFrom("prize_nominations")
        .select("submission_id")
        .where("edition_id", "=", edition.id)
        .execute();
    expect((await selected()).map((row) => row.submission_id).sort()).toEqual([best.id, second.id].sort());
    for (const wrong of [lone.id, draft.id, "12345678"]) {
      expectFieldError(
        await secretariat.submit(url, url, { nominees: [best.id, wrong] }),
        "nominees",
        "invalid_value",
      );
    }
    expect(await selected()).toHaveLength(2);
    // Unticking all clears the category.
    expect((await secretariat.submit(url, url, {})).statusCode).toBe(303);
    expect(await selected()).toEqual([]);
    expect(await auditCount(t.db, "prize.nominees_select", edition.id)).toBe(2);
  });

  it("selects the top N of every category by ranking, never an unscored or ineligible project", async () => {
    const { edition, best, second, lone } = await reviewedEdition(2065);
    const cutoff = `${base(edition)}/cutoff`;
    expectFieldError(
      await secretariat.submit(base(edition), cutoff, { count: "0" }),
      "count",
      "out_of_range",
      {
        min: 1,
        max: 50,
      },
    );
    expectFieldError(
      await secretariat.submit(base(edition), cutoff, { count: "two" }),
      "count",
      "invalid_value",
    );
    expect((await secretariat.submit(base(edition), cutoff, { count: "1" })).statusCode).toBe(303);
    const selected = async () =>
      (
        await t.db
          .selectFrom("prize_nominations")
          .select("submission_id")
          .where("edition_id", "=", edition.id)
          .execute()
      )
        .map((row) => row.submission_id)
        .sort();
    expect(await selected()).toEqual([best.id, lone.id].sort());
    expect((await secretariat.submit(base(edition), cutoff, { count: "5" })).statusCode).toBe(303);
    expect(await selected()).toEqual([best.id, second.id, lone.id].sort());
    expect(await auditCount(t.db, "prize.nominees_cutoff", edition.id)).toBe(2);
  });
});

describe("the public nominated list", () => {
  it("says when it is not out yet, and that a past edition's nominees are not listed here", async () => {
    const upcoming = await makePrizeEdition(t.db, { openPhase: "review", year: 2069 });
    const visitor = new Browser(t.app);
    const notYet = await visitor.get(`/prizes/${upcoming.year}/nominees?lang=fr`);
    expect(notYet.statusCode).toBe(200);
    expect(notYet.body).toContain("pas encore été publiée");
    const past = await makePrizeEdition(t.db, { openPhase: null, year: 2018 });
    await t.db
      .updateTable("prize_editions")
      .set({ past_figures: JSON.stringify({ submissions: 1000 }) })
      .where("id", "=", past.id)
      .execute();
    const page = await visitor.get("/prizes/2018/nominees?lang=ar");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toContain("أُقيمت هذه الدورة قبل هذه المنصة");
    // Its own browser: `?lang=` is remembered in a cookie.
    const reader = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
    for (const path of ["", "/experts", `/${past.categories[0]}`])
      expect((await reader.get(`/prizes/2018/secretariat/nominations${path}?lang=ar`)).statusCode).toBe(200);
    expect((await anonymous.get("/prizes/1990/nominees")).statusCode).toBe(404);
  });
});

describe("publication", () => {
  it("sets every status and the timestamp in one go, audited; the list is then public and frozen", async () => {
    const { edition, c1, best, second, unscored, lone, draft } = await reviewedEdition(2066);
    const publish = `${base(edition)}/publish`;
    // Nothing selected, or no confirmation: refused, nothing changed.
    expectRefusedPage(
      await secretariat.submit(base(edition), publish, { confirm: "yes" }),
      409,
      "nominees_none_selected",
    );
    await secretariat.submit(`${base(edition)}/${c1}`, `${base(edition)}/${c1}`, { nominees: [best.id] });
    expectFieldError(await secretariat.submit(base(edition), publish, {}), "confirm", "required");
    expect(await publishedAt(edition.id)).toBeNull();
    expect((await anonymous.get(`/prizes/${edition.year}/nominees`)).body).toContain(
      "has not been published yet",
    );

    const published = await secretariat.submit(base(edition), publish, { confirm: "yes" });
    expect(published.statusCode).toBe(303);
    expect(await publishedAt(edition.id)).not.toBeNull();
    expect(await statuses(edition.id)).toEqual({
      [best.id]: "nominated",
      [second.id]: "not_nominated",
      [unscored.id]: "not_nominated",
      [lone.id]: "not_nominated",
      [draft.id]: "draft",
    });
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["after"])
      .where("action", "=", "prize.nominees_publish")
      .where("subject_id", "=", edition.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({
      nominated: 1,
      perCategory: { [c1]: { nominated: [best.id], notNominated: 2 } },
    });

    const list = await anonymous.get(`/prizes/${edition.year}/nominees`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`Project ${await entryOf(best.id)}`);
    expect(list.body).not.toContain(`Project ${await entryOf(second.id)}<`);

    // Frozen: every change to the list is refused with nominees_published.
    const attempts: Array<[string, Record<string, string | string[]>]> = [
      [publish, { confirm: "yes" }],
      [`${base(edition)}/${c1}`, { nominees: [second.id] }],
      [`${base(edition)}/cutoff`, { count: "3" }],
      [`${base(edition)}/submissions/${best.id}`, { decision: "ineligible", reason: "late" }],
    ];
    for (const [url, fields] of attempts) {
      expectRefusedPage(await secretariat.submit("/", url, fields), 409, "nominees_published");
    }
    expect(await auditCount(t.db, "prize.nominees_publish", edition.id)).toBe(1);
    expect((await statuses(edition.id))[best.id]).toBe("nominated");
  });

  it("is refused while the review phase is still open", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review", year: 2067 });
    const submission = await makePrizeSubmission(t.db, edition);
    await secretariat.submit(
      `${base(edition)}/${edition.categories[0]}`,
      `${base(edition)}/${edition.categories[0]}`,
      {
        nominees: [submission.id],
      },
    );
    const refused = await secretariat.submit(base(edition), `${base(edition)}/publish`, { confirm: "yes" });
    expectRefusedPage(refused, 409, "nominees_review_open");
    expect(await publishedAt(edition.id)).toBeNull();
    expect((await statuses(edition.id))[submission.id]).toBe("submitted");
  });

  it("happens once when two publish at the same time", async () => {
    const { edition, c1, best } = await reviewedEdition(2068);
    await secretariat.submit(`${base(edition)}/${c1}`, `${base(edition)}/${c1}`, { nominees: [best.id] });
    const loaded = await loadEdition(t.db, String(edition.year));
    const actor = await makeUser(t.db, { role: "moderator" });
    const who = {
      id: actor.id,
      name: actor.name,
      email: actor.email,
      role: actor.role,
      emailVerified: true,
      scopes: null,
    };
    const results = await Promise.allSettled([
      publishNominees(t.db, who, loaded, { confirm: "yes" }, null),
      publishNominees(t.db, who, loaded, { confirm: "yes" }, null),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason.code).toBe("nominees_published");
    expect(await auditCount(t.db, "prize.nominees_publish", edition.id)).toBe(1);
  });
});

async function entryOf(submissionId: string): Promise<string> {
  const row = await t.db
    .selectFrom("prize_submissions")
    .select("entry_id")
    .where("id", "=", submissionId)
    .executeTakeFirstOrThrow();
  return row.entry_id;
}
