import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makePrizeEdition, makePrizeSubmission, type TestEdition } from "./prizes.testing.ts";
import { auditCount, storeScores } from "./review.testing.ts";
import { expectFieldError, expectRefusedPage } from "./review-http.testing.ts";

let t: TestApp;
let edition: TestEdition;
let secretariat: Browser;
let moderatorId: string;
let expert: MadeUser;

beforeAll(async () => {
  t = await createTestApp();
  edition = await makePrizeEdition(t.db, { openPhase: "review", year: 2081 });
  const moderator = await makeUser(t.db, { role: "moderator" });
  moderatorId = moderator.id;
  secretariat = await signedInBrowser(t.app, t.db, moderator);
  expert = await makeUser(t.db, { name: "Erin Expert", email: "erin.expert@example.org" });
});
afterAll(async () => t?.close());

const url = () => `/prizes/${edition.year}/secretariat/nominations/experts`;
const assignments = () =>
  t.db
    .selectFrom("prize_experts")
    .select(["category_code", "user_id", "assigned_by"])
    .where("edition_id", "=", edition.id)
    .orderBy("category_code")
    .execute();

describe("assigning experts", () => {
  it("assigns an existing account by its email, in any case, and audits it", async () => {
    const [c1] = edition.categories as [string];
    const response = await secretariat.submit(url(), url(), {
      email: " ERIN.Expert@example.org ",
      category: c1,
    });
    expect(response.statusCode).toBe(303);
    expect(await assignments()).toEqual([
      { category_code: c1, user_id: expert.id, assigned_by: moderatorId },
    ]);
    expect(await auditCount(t.db, "prize.expert_assign", edition.id)).toBe(1);
    const page = await secretariat.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Erin Expert");
    // The expert now reaches the review list.
    expect(
      (await (await signedInBrowser(t.app, t.db, expert)).get(`/prizes/${edition.year}/review`)).statusCode,
    ).toBe(200);
  });

  it("refuses unknown accounts, bad emails, unknown categories and repeated assignments, storing nothing", async () => {
    const [c1] = edition.categories as [string];
    const before = await assignments();
    const audits = await auditCount(t.db, "prize.expert_assign");
    const post = (fields: Record<string, string>) => secretariat.submit(url(), url(), fields);
    expectFieldError(await post({ email: "nobody@example.org", category: c1 }), "email", "no_such_account");
    expectFieldError(await post({ email: "not-an-email", category: c1 }), "email", "invalid_email");
    expectFieldError(await post({ email: "", category: c1 }), "email", "required");
    expectFieldError(await post({ email: expert.email, category: "C99" }), "category", "unknown_code");
    expectFieldError(await post({ email: expert.email, category: "" }), "category", "required");
    const repeated = await post({ email: expert.email, category: c1 });
    expectFieldError(repeated, "email", "duplicate");
    // The refused form keeps what was typed.
    expect(repeated.body).toContain(`value="${expert.email}"`);
    expect(await assignments()).toEqual(before);
    expect(await auditCount(t.db, "prize.expert_assign")).toBe(audits);
  });

  it("is the secretariat's: other accounts are refused", async () => {
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await user.get(url())).statusCode).toBe(403);
    const refused = await user.submit("/", url(), { email: expert.email, category: "C2" });
    expect(refused.statusCode).toBe(403);
    expect((await assignments()).some((row) => row.category_code === "C2")).toBe(false);
  });
});

describe("removing experts", () => {
  it("ends the assignment with the expert's scores and conflicts there, and audits what went", async () => {
    const other = await makePrizeEdition(t.db, { openPhase: "review", year: 2082 });
    const [c1] = other.categories as [string];
    const user = await makeUser(t.db);
    await secretariat.submit(url(), `/prizes/${other.year}/secretariat/nominations/experts`, {
      email: user.email,
      category: c1,
    });
    const submission = await makePrizeSubmission(t.db, other, { category: c1 });
    const conflicted = await makePrizeSubmission(t.db, other, { category: c1 });
    await storeScores(t.db, other, submission, user.id, 6);
    await t.db
      .insertInto("prize_conflicts")
      .values({
        submission_id: conflicted.id,
        edition_id: other.id,
        category_code: c1,
        expert_id: user.id,
        reason: "r",
      })
      .execute();
    const removeUrl = `/prizes/${other.year}/secretariat/nominations/experts/remove`;
    const response = await secretariat.submit("/", removeUrl, { userId: user.id, category: c1 });
    expect(response.statusCode).toBe(303);
    const left = await t.db
      .selectFrom("prize_scores")
      .select("expert_id")
      .where("edition_id", "=", other.id)
      .execute();
    expect(left).toEqual([]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "prize.expert_remove")
      .where("subject_id", "=", other.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toEqual({ scoresRemoved: 8, conflictsRemoved: 1 });
    // Removing it again: there is no such assignment.
    expectRefusedPage(
      await secretariat.submit("/", removeUrl, { userId: user.id, category: c1 }),
      404,
      "review_expert_not_found",
    );
    expectRefusedPage(
      await secretariat.submit("/", removeUrl, { userId: "abc", category: c1 }),
      404,
      "review_expert_not_found",
    );
  });

  it("refuses changes once the nominated list is published", async () => {
    const done = await makePrizeEdition(t.db, { openPhase: "voting", year: 2083 });
    await t.db
      .updateTable("prize_editions")
      .set({ nominees_published_at: new Date() })
      .where("id", "=", done.id)
      .execute();
    const response = await secretariat.submit("/", `/prizes/${done.year}/secretariat/nominations/experts`, {
      email: expert.email,
      category: done.categories[0] as string,
    });
    expectRefusedPage(response, 409, "nominees_published");
    expect(
      await t.db.selectFrom("prize_experts").select("user_id").where("edition_id", "=", done.id).execute(),
    ).toEqual([]);
  });
});
