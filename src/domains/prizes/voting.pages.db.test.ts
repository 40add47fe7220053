import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makeVotingEdition, type VotingFixture, voteRows } from "./prizes-voting.testing.ts";
import { receiptHash } from "./vote-receipts.ts";

let t: TestApp;
let f: VotingFixture;
beforeAll(async () => {
  t = await createTestApp();
  f = await makeVotingEdition(t.db);
});
afterAll(async () => t?.close());

const ballot = (category: string) => `/prizes/${f.edition.year}/vote/${category}`;

describe("the ballot pages", () => {
  it("lists the categories to anyone, with a way to sign in and no totals", async () => {
    const page = await new Browser(t.app).get(`/prizes/${f.edition.year}/vote`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/prizes/${f.edition.year}/vote/${f.c1}"`);
    expect(page.body).toContain("/sign-in?next=");
    // The window in the edition's own zone, naming it.
    expect(page.body).toMatch(/Voting is open until [^<]+ \(time zone Europe\/\w+\)/);
    const category = await new Browser(t.app).get(ballot(f.c1));
    expect(category.statusCode).toBe(200);
    expect(category.body).not.toContain('type="radio"');
    expect(category.body).toContain("word159");
    expect((await new Browser(t.app).get(`/prizes/${f.edition.year}/vote/C99`)).statusCode).toBe(404);
    expect((await new Browser(t.app).get("/prizes/2099/vote")).statusCode).toBe(404);
  });

  it("takes one vote from the form, then shows it with its receipt on My votes", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const form = await browser.get(ballot(f.c1));
    expect(form.body).toContain('type="radio"');
    const done = await browser.submit(ballot(f.c1), ballot(f.c1), {
      nominee: f.b,
      idempotencyKey: "form-key-000000001",
    });
    expect([done.statusCode, done.headers.location]).toEqual([
      303,
      `/prizes/my-votes?year=${f.edition.year}`,
    ]);
    const row = await t.db
      .selectFrom("prize_votes")
      .selectAll()
      .where("voter_id", "=", user.id)
      .executeTakeFirstOrThrow();
    const mine = await browser.get(`/prizes/my-votes?year=${f.edition.year}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(row.receipt.slice(0, 8));
    expect(mine.body).toContain("SHA-256");
    expect(mine.body).toMatch(/1 of 18 categories/);
    expect(
      receiptHash({ year: f.edition.year, category: f.c1, nomineeId: f.b, nonce: row.receipt_nonce ?? "" }),
    ).toBe(row.receipt);
    // The re-sent form (same key) acts once; a new form says the vote is already cast.
    const resent = await browser.submit(ballot(f.c1), ballot(f.c1), {
      nominee: f.b,
      idempotencyKey: "form-key-000000001",
    });
    expect(resent.statusCode).toBe(303);
    const page = await browser.get(ballot(f.c1));
    expect(page.body).not.toContain('type="radio"');
    expect(page.body).toContain(row.receipt.slice(0, 8));
    expect(await voteRows(t.db, f.edition.id, user.id)).toBe(1);
  });

  it("shows refusals on the ballot: already cast, no choice, non-nominee, unverified", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const csrf = await browser.csrfToken(ballot(f.c1));
    const none = await browser.submit(ballot(f.c1), ballot(f.c1), {}, { csrf });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('class="error-summary"');
    const forged = await browser.submit(ballot(f.c1), ballot(f.c1), { nominee: f.c }, { csrf });
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain("not a nominee of this category");
    expect((await browser.submit(ballot(f.c1), ballot(f.c1), { nominee: f.a }, { csrf })).statusCode).toBe(
      303,
    );
    const twice = await browser.submit(ballot(f.c1), ballot(f.c1), { nominee: f.b }, { csrf });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain("already voted in this category");
    expect(await voteRows(t.db, f.edition.id, user.id)).toBe(1);

    const unverified = await makeUser(t.db, { verified: false });
    const other = await signedInBrowser(t.app, t.db, unverified);
    const page = await other.get(ballot(f.c1));
    expect(page.body).toContain('href="/verify-email/resend"');
    expect(page.body).not.toContain('type="radio"');
    const refused = await other.submit(ballot(f.c1), ballot(f.c1), { nominee: f.a });
    expect(refused.statusCode).toBe(403);
    expect(await voteRows(t.db, f.edition.id, unverified.id)).toBe(0);
  });

  it("refuses a form post without its CSRF token and stores nothing", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const response = await browser.submit(ballot(f.c2), ballot(f.c2), { nominee: f.c }, { csrf: null });
    expect(response.statusCode).toBe(403);
    const forged = await browser.submit(ballot(f.c2), ballot(f.c2), { nominee: f.c }, { csrf: "forged" });
    expect(forged.statusCode).toBe(403);
    expect(await voteRows(t.db, f.edition.id, user.id)).toBe(0);
  });

  it("says when voting is closed, in the edition's zone, and takes no vote", async () => {
    const closed = await makeVotingEdition(t.db, { openPhase: "evaluation", timeZone: "America/New_York" });
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const url = `/prizes/${closed.edition.year}/vote/${closed.c1}`;
    const page = await browser.get(url);
    expect(page.body).toContain("America/New_York");
    const csrf = await browser.csrfToken(`/prizes/${closed.edition.year}/vote`);
    const refused = await browser.submit(url, url, { nominee: closed.a }, { csrf });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Voting is not open");
    expect(await voteRows(t.db, closed.edition.id)).toBe(0);
  });

  it("asks anonymous voters to sign in, for the post and My votes", async () => {
    const anonymous = new Browser(t.app);
    expect((await anonymous.get("/prizes/my-votes")).statusCode).toBe(303);
    const csrf = await anonymous.csrfToken("/sign-in");
    const post = await anonymous.submit(ballot(f.c1), ballot(f.c1), { nominee: f.a }, { csrf });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toMatch(/^\/sign-in\?next=/);
  });
});

describe("the public receipt list", () => {
  it("is published only with the results, every vote with its nonce and never its voter", async () => {
    const edition = await makeVotingEdition(t.db);
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const cast = await browser.api("POST", `/api/v1/prizes/editions/${edition.edition.year}/votes`, {
      category: edition.c1,
      nomineeId: edition.a,
    });
    expect(cast.statusCode).toBe(201);
    const url = `/prizes/${edition.edition.year}/vote/receipts.csv`;
    expect((await new Browser(t.app).get(url)).statusCode).toBe(404);
    // Voting over, results published.
    await t.db
      .updateTable("prize_phases")
      .set({ starts_at: new Date(Date.now() - 2 * 86_400_000), ends_at: new Date(Date.now() - 86_400_000) })
      .where("edition_id", "=", edition.edition.id)
      .where("phase", "=", "voting")
      .execute();
    await t.db
      .updateTable("prize_editions")
      .set({ results_published_at: new Date() })
      .where("id", "=", edition.edition.id)
      .execute();
    const csv = await new Browser(t.app).get(url);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.trim().split("\r\n");
    expect(lines).toHaveLength(2);
    const [receipt, nonce, year, category, nominee, status] = (lines[1] as string).split(",");
    expect([receipt, year, category, nominee, status]).toEqual([
      cast.json().receipt,
      String(edition.edition.year),
      edition.c1,
      edition.a,
      "valid",
    ]);
    expect(
      receiptHash({
        year: edition.edition.year,
        category: edition.c1,
        nomineeId: edition.a,
        nonce: nonce ?? "",
      }),
    ).toBe(receipt);
    expect(csv.body).not.toContain(user.email);
    const mine = await browser.api("GET", `/api/v1/prizes/editions/${edition.edition.year}/my-votes`);
    expect(mine.json().items[0].vote.counted).toBe(true);
  });
});
