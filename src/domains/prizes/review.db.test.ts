import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import {
  makeOrganisation,
  makePrizeEdition,
  makePrizeSubmission,
  type TestEdition,
} from "./prizes.testing.ts";
import { auditCount, makeExpert, scoreForm } from "./review.testing.ts";
import { expectFieldError, expectRefusedPage } from "./review-http.testing.ts";

let t: TestApp;
let edition: TestEdition;
let c1: string;
let c2: string;
let alice: MadeUser;
let bob: MadeUser;
let expertA: Browser;
let expertB: Browser;
let outsider: Browser;

beforeAll(async () => {
  t = await createTestApp();
  edition = await makePrizeEdition(t.db, { openPhase: "review", year: 2091 });
  [c1, c2] = edition.categories as [string, string];
  alice = await makeUser(t.db, { name: "Alice Expert" });
  bob = await makeUser(t.db, { name: "Bob Expert" });
  await makeExpert(t.db, edition, alice.id, c1);
  await makeExpert(t.db, edition, bob.id, c1);
  expertA = await signedInBrowser(t.app, t.db, alice);
  expertB = await signedInBrowser(t.app, t.db, bob);
  outsider = await signedInBrowser(t.app, t.db, await makeUser(t.db));
});
afterAll(async () => t?.close());

const queue = () => `/prizes/${edition.year}/review`;
const page = (id: string) => `/prizes/${edition.year}/review/${id}`;

async function scoresOf(submissionId: string, expertId?: string) {
  let query = t.db
    .selectFrom("prize_scores")
    .select(["expert_id", "criterion_code", "score", "comment"])
    .where("submission_id", "=", submissionId);
  if (expertId) query = query.where("expert_id", "=", expertId);
  return await query.orderBy("criterion_code").execute();
}

describe("the expert's list", () => {
  it("shows the submitted projects of the expert's categories only", async () => {
    const mine = await makePrizeSubmission(t.db, edition, { category: c1 });
    const draft = await makePrizeSubmission(t.db, edition, { category: c1, status: "draft" });
    const other = await makePrizeSubmission(t.db, edition, { category: c2 });
    const titles = async (id: string) =>
      (
        await t.db
          .selectFrom("prize_submissions")
          .select("title")
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
      ).title;
    const response = await expertA.get(queue());
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`href="${page(mine.id)}"`);
    expect(response.body).toContain(await titles(mine.id));
    expect(response.body).not.toContain(`href="${page(draft.id)}"`);
    expect(response.body).not.toContain(`href="${page(other.id)}"`);
    // Another category's project and a draft are answered as if they did not exist.
    expectRefusedPage(await expertA.get(page(other.id)), 404, "review_submission_not_found");
    expectRefusedPage(await expertA.get(page(draft.id)), 404, "review_submission_not_found");
    expectRefusedPage(await expertA.get(page("99999999")), 404, "review_submission_not_found");
    expectRefusedPage(await expertA.get(page("x'1")), 404, "review_submission_not_found");
  });

  it("refuses accounts that are not experts of the edition, and sends visitors to sign in", async () => {
    expectRefusedPage(await outsider.get(queue()), 403, "review_not_expert");
    const anonymous = await new Browser(t.app).get(queue());
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain("/sign-in?next=");
    expect((await expertA.get("/prizes/1999/review")).statusCode).toBe(404);
    expect((await expertA.get("/prizes/abcd/review")).statusCode).toBe(404);
  });

  it("hides the expert's own organisation's project: a conflict nobody has to declare", async () => {
    const organisationId = await makeOrganisation(t.db);
    const carol = await makeUser(t.db);
    await t.db
      .updateTable("users")
      .set({ organisation_id: organisationId })
      .where("id", "=", carol.id)
      .execute();
    await makeExpert(t.db, edition, carol.id, c2);
    const own = await makePrizeSubmission(t.db, edition, { category: c2, organisationId });
    const browser = await signedInBrowser(t.app, t.db, carol);
    expect((await browser.get(queue())).body).not.toContain(`href="${page(own.id)}"`);
    expectRefusedPage(await browser.get(page(own.id)), 409, "review_conflicted");
  });
});

describe("scoring", () => {
  it("stores every criterion's score and comment, lets the expert change them, and audits both", async () => {
    const submission = await makePrizeSubmission(t.db, edition, { category: c1 });
    const first = await expertA.submit("/", page(submission.id), scoreForm(7, "Solid results"));
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(queue());
    const stored = await scoresOf(submission.id, alice.id);
    expect(stored).toHaveLength(8);
    expect(stored.every((row) => row.score === 7 && row.comment === "Solid results")).toBe(true);
    // The form shows the expert's own scores back, and the list says it is done.
    expect((await expertA.get(page(submission.id))).body).toContain("Solid results");
    expect((await expertA.get(queue())).body).toContain("Scored");

    const second = await expertA.submit("/", page(submission.id), scoreForm({ ...allAt(7), impact: 10 }));
    expect(second.statusCode).toBe(303);
    const changed = await scoresOf(submission.id, alice.id);
    expect(changed.find((row) => row.criterion_code === "impact")?.score).toBe(10);
    expect(changed.filter((row) => row.score === 7)).toHaveLength(7);
    expect(await auditCount(t.db, "prize.score", submission.id)).toBe(2);
    const last = await t.db
      .selectFrom("audit_log")
      .select(["actor_id", "before", "after"])
      .where("action", "=", "prize.score")
      .where("subject_id", "=", submission.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last.actor_id).toBe(alice.id);
    expect(last.before).toMatchObject({ impact: 7 });
    expect(last.after).toMatchObject({ impact: 10, relevance: 7 });
  });

  it("keeps scores blind: an expert never sees another expert's scores or comments", async () => {
    const submission = await makePrizeSubmission(t.db, edition, { category: c1 });
    await expertA.submit("/", page(submission.id), scoreForm(9, "Alice-only remark"));
    const seenByBob = await expertB.get(page(submission.id));
    expect(seenByBob.statusCode).toBe(200);
    expect(seenByBob.body).not.toContain("Alice-only remark");
    // Bob's form starts empty: no criterion has a selected score.
    expect(seenByBob.body).not.toMatch(/<option value="9" selected/);
    expect(seenByBob.body).not.toContain("Alice Expert");
    const bobList = await expertB.get(queue());
    expect(bobList.body).toContain("Not scored yet");
    await expertB.submit("/", page(submission.id), scoreForm(2, "Bob-only remark"));
    const seenByAlice = await expertA.get(page(submission.id));
    expect(seenByAlice.body).toContain("Alice-only remark");
    expect(seenByAlice.body).not.toContain("Bob-only remark");
    expect(await scoresOf(submission.id)).toHaveLength(16);
  });

  it("refuses scores out of range, not whole, missing or for an unknown criterion, storing nothing", async () => {
    const submission = await makePrizeSubmission(t.db, edition, { category: c1 });
    const post = (form: Record<string, string>) => expertA.submit("/", page(submission.id), form);
    expectFieldError(await post(scoreForm({ ...allAt(5), impact: 11 })), "score-impact", "out_of_range", {
      min: 0,
      max: 10,
    });
    expectFieldError(await post(scoreForm({ ...allAt(5), impact: -1 })), "score-impact", "out_of_range", {
      min: 0,
      max: 10,
    });
    expectFieldError(await post(scoreForm({ ...allAt(5), impact: "7.5" })), "score-impact", "invalid_value");
    const { impact: _left, ...rest } = allAt(5);
    expectFieldError(await post(scoreForm(rest)), "score-impact", "required");
    const unknown = await post({ ...scoreForm(5), "score-charisma": "9" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain(`href="#field-score-charisma"`);
    expectFieldError(await post(scoreForm(5, "x".repeat(2001))), "comment-impact", "too_long", { max: 2000 });
    // The refused form keeps what was typed.
    expect((await post(scoreForm({ ...allAt(5), impact: 11 }))).body).toMatch(/<option value="5" selected/);
    expect(await scoresOf(submission.id)).toEqual([]);
    expect(await auditCount(t.db, "prize.score", submission.id)).toBe(0);
  });

  it("refuses a form without its CSRF token", async () => {
    const submission = await makePrizeSubmission(t.db, edition, { category: c1 });
    const response = await expertA.submit("/", page(submission.id), scoreForm(5), { csrf: null });
    expect(response.statusCode).toBe(403);
    expect(await scoresOf(submission.id)).toEqual([]);
  });
});

describe("conflicts of interest", () => {
  it("hides the project from the expert, removes their scores, refuses their scores and is audited", async () => {
    const submission = await makePrizeSubmission(t.db, edition, { category: c1 });
    await expertA.submit("/", page(submission.id), scoreForm(8));
    await expertB.submit("/", page(submission.id), scoreForm(6));
    const declared = await expertA.submit("/", `${page(submission.id)}/conflict`, {
      reason: "I advised this organisation in 2024.",
    });
    expect(declared.statusCode).toBe(303);
    expect((await expertA.get(queue())).body).not.toContain(`href="${page(submission.id)}"`);
    expect((await expertB.get(queue())).body).toContain(`href="${page(submission.id)}"`);
    expectRefusedPage(await expertA.get(page(submission.id)), 409, "review_conflicted");
    expectRefusedPage(await expertA.submit("/", page(submission.id), scoreForm(9)), 409, "review_conflicted");
    expectRefusedPage(
      await expertA.submit("/", `${page(submission.id)}/conflict`, { reason: "again" }),
      409,
      "review_conflicted",
    );
    // Alice's scores are gone; Bob's stay.
    const left = await scoresOf(submission.id);
    expect(left.every((row) => row.expert_id === bob.id)).toBe(true);
    expect(left).toHaveLength(8);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["actor_id", "after"])
      .where("action", "=", "prize.conflict_declare")
      .where("subject_id", "=", submission.id)
      .execute();
    expect(audit).toEqual([
      { actor_id: alice.id, after: { reason: "I advised this organisation in 2024.", scoresRemoved: 8 } },
    ]);
  });

  it("needs a reason", async () => {
    const submission = await makePrizeSubmission(t.db, edition, { category: c1 });
    const response = await expertA.submit("/", `${page(submission.id)}/conflict`, { reason: "  " });
    expectFieldError(response, "reason", "required");
    expect(
      await t.db
        .selectFrom("prize_conflicts")
        .selectAll()
        .where("submission_id", "=", submission.id)
        .execute(),
    ).toEqual([]);
  });
});

describe("outside the review phase", () => {
  it("lists nothing and refuses scores and conflicts with review_phase_closed", async () => {
    for (const [year, phase] of [
      [2092, "submission"],
      [2093, "nomination"],
    ] as const) {
      const closed = await makePrizeEdition(t.db, { openPhase: phase, year });
      await makeExpert(t.db, closed, alice.id, closed.categories[0]);
      const submission = await makePrizeSubmission(t.db, closed);
      const list = await expertA.get(`/prizes/${year}/review`);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(`/prizes/${year}/review/${submission.id}`);
      const url = `/prizes/${year}/review/${submission.id}`;
      expectRefusedPage(await expertA.get(url), 409, "review_phase_closed");
      expectRefusedPage(await expertA.submit("/", url, scoreForm(5)), 409, "review_phase_closed");
      expectRefusedPage(
        await expertA.submit("/", `${url}/conflict`, { reason: "r" }),
        409,
        "review_phase_closed",
      );
      expect(await scoresOf(submission.id)).toEqual([]);
    }
  });
});

function allAt(score: number) {
  return {
    relevance: score,
    impact: score,
    empowerment: score,
    sdg_relevance: score,
    replication: score,
    sustainability: score,
    partnerships: score,
    wsis_values: score,
  } as Record<string, number | string>;
}
