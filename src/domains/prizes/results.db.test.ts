import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { makePrizeEdition, makePrizeSubmission, type TestEdition } from "./prizes.testing.ts";
import { castVotes, makeVoters } from "./prizes-results.testing.ts";

let t: TestApp;
let secretariat: Browser;
let moderator: MadeUser;
let voters: string[];

beforeAll(async () => {
  t = await createTestApp();
  moderator = await makeUser(t.db, { role: "moderator" });
  secretariat = await signedInBrowser(t.app, t.db, moderator);
  voters = await makeVoters(t.db, 12);
});
afterAll(async () => t?.close());

const nominee = async (edition: TestEdition, category: string, title?: string) => {
  const made = await makePrizeSubmission(t.db, edition, { category, status: "nominated" });
  if (title) await t.db.updateTable("prize_submissions").set({ title }).where("id", "=", made.id).execute();
  return made.id;
};

const stored = async (edition: TestEdition) => ({
  awards: await t.db.selectFrom("prize_awards").selectAll().where("edition_id", "=", edition.id).execute(),
  picks: await t.db
    .selectFrom("prize_winner_picks")
    .selectAll()
    .where("edition_id", "=", edition.id)
    .execute(),
  published: (
    await t.db
      .selectFrom("prize_editions")
      .select("results_published_at")
      .where("id", "=", edition.id)
      .executeTakeFirstOrThrow()
  ).results_published_at,
  audits: (
    await t.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("subject_type", "=", "prize_edition")
      .where("subject_id", "=", edition.id)
      .where("action", "in", ["prize.winner_record", "prize.results_publish"])
      .orderBy("id")
      .execute()
  ).map((row) => row.action),
});

const page = (edition: TestEdition) => `/prizes/${edition.year}/secretariat/results`;
const recordWinner = (edition: TestEdition, category: string, submission: string, browser = secretariat) =>
  browser.submit(page(edition), `/prizes/${edition.year}/secretariat/results/winner`, {
    category,
    submission,
  });
const publish = (edition: TestEdition, browser = secretariat) =>
  browser.submit(page(edition), `/prizes/${edition.year}/secretariat/results/publish`, {});

describe("results before voting has ended", () => {
  it("shows the secretariat live champions, hides everything from the public, refuses to publish", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "voting" });
    const [c1] = edition.categories as [string];
    const a = await nominee(edition, c1, "Live leader");
    const b = await nominee(edition, c1);
    await castVotes(t.db, edition, c1, voters, [
      { nominee: a, count: 3 },
      { nominee: b, count: 1 },
    ]);

    const live = await secretariat.get(page(edition));
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain("Live leader");
    expect(live.body).toContain("Voting is open until");
    // No decision forms while voting runs.
    expect(live.body).not.toContain("/secretariat/results/winner");

    const publicPage = await new Browser(t.app).get(`/prizes/${edition.year}/results`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain("The results are not published yet.");
    expect(publicPage.body).not.toContain("Live leader");

    const api = await t.app.inject({ method: "GET", url: `/api/v1/prizes/editions/${edition.year}/results` });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe("results_not_published");

    const refused = await publish(edition);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Voting has not ended yet");
    const winner = await recordWinner(edition, c1, a);
    expect(winner.statusCode).toBe(409);
    expect(await stored(edition)).toEqual({ awards: [], picks: [], published: null, audits: [] });
  });
});

describe("champions, winners and publication after voting", () => {
  let edition: TestEdition;
  let c1: string;
  let c2: string;
  let c3: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    edition = await makePrizeEdition(t.db, { openPhase: "evaluation", rules: { championsPerCategory: 2 } });
    [c1, c2, c3] = edition.categories as [string, string, string];
    for (const name of ["a", "b", "c", "d"])
      ids[name] = await nominee(edition, c1, `Project ${name.toUpperCase()}`);
    ids.e = await nominee(edition, c2, "Project E");
    ids.f = await nominee(edition, c2, "Project F");
    ids.g = await nominee(edition, c3, "Project G (no votes)");
    // c1: A 4, B 2, C 2 (tied at the cut-off), D 1 valid + 3 invalidated (would have led with 4).
    await castVotes(t.db, edition, c1, voters, [
      { nominee: ids.a as string, count: 4 },
      { nominee: ids.b as string, count: 2 },
      { nominee: ids.c as string, count: 2 },
      { nominee: ids.d as string, count: 1 },
      { nominee: ids.d as string, count: 3, invalid: "burst_from_ip_range" },
    ]);
    await castVotes(t.db, edition, c2, voters, [
      { nominee: ids.e as string, count: 1, invalid: "email_alias" },
      { nominee: ids.f as string, count: 2 },
    ]);
  });

  it("lists the champions with the tie at the cut-off included and invalidated votes left out", async () => {
    const response = await secretariat.get(page(edition));
    expect(response.statusCode).toBe(200);
    for (const name of ["A", "B", "C", "F"]) expect(response.body).toContain(`Project ${name}`);
    expect(response.body).not.toContain("Project D");
    expect(response.body).not.toContain("Project E");
    expect(response.body).toContain("burst_from_ip_range");
    expect(response.body).toContain("Tie rule:");
    expect(response.body).toContain(`Without champions (no counted vote): ${c3}`);
  });

  it("refuses a non-champion, a forged category and a forged id, storing nothing", async () => {
    const notChampion = await recordWinner(edition, c1, ids.d as string);
    expect(notChampion.statusCode).toBe(409);
    expect(notChampion.body).toContain(`Only a champion of category ${c1}`);
    const otherCategory = await recordWinner(edition, c2, ids.a as string);
    expect(otherCategory.statusCode).toBe(409);
    const noVotes = await recordWinner(edition, c3, ids.g as string);
    expect(noVotes.statusCode).toBe(409);
    const forgedCategory = await recordWinner(edition, "C99", ids.a as string);
    expect(forgedCategory.statusCode).toBe(400);
    const forgedId = await recordWinner(edition, c1, "1 or 1=1");
    expect(forgedId.statusCode).toBe(400);
    const missing = await recordWinner(edition, c1, "");
    expect(missing.statusCode).toBe(400);
    const noCsrf = await secretariat.submit(
      page(edition),
      `/prizes/${edition.year}/secretariat/results/winner`,
      { category: c1, submission: ids.a as string },
      { csrf: null },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect((await stored(edition)).picks).toEqual([]);
  });

  it("is the secretariat's work only", async () => {
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await user.get(page(edition))).statusCode).toBe(403);
    expect((await recordWinner(edition, c1, ids.a as string, user)).statusCode).toBe(403);
    const anonymous = await new Browser(t.app).get(page(edition));
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=/);
    expect((await stored(edition)).picks).toEqual([]);
  });

  it("refuses to publish while a category with champions has no winner", async () => {
    const first = await recordWinner(edition, c1, ids.b as string);
    expect(first.statusCode).toBe(303);
    // The secretariat changes its mind: the pick is replaced, both audited.
    expect((await recordWinner(edition, c1, ids.c as string)).statusCode).toBe(303);
    const refused = await publish(edition);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(c2);
    const state = await stored(edition);
    expect(state.picks.map((pick) => pick.submission_id)).toEqual([ids.c]);
    expect(state.awards).toEqual([]);
    expect(state.published).toBeNull();
    expect(state.audits).toEqual(["prize.winner_record", "prize.winner_record"]);
  });

  it("publishes the awards and the frozen count in one audited step, once", async () => {
    expect((await recordWinner(edition, c2, ids.f as string)).statusCode).toBe(303);
    const published = await publish(edition);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/prizes/${edition.year}/results`);

    const state = await stored(edition);
    expect(state.published).not.toBeNull();
    expect(state.audits.at(-1)).toBe("prize.results_publish");
    const awards = state.awards
      .map((award) => [award.submission_id, award.award, Number(award.rank), Number(award.votes)])
      .sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[1]).localeCompare(String(y[1])));
    expect(awards).toEqual(
      [
        [ids.a, "champion", 1, 4],
        [ids.b, "champion", 2, 2],
        [ids.c, "champion", 2, 2],
        [ids.c, "winner", 2, 2],
        [ids.f, "champion", 1, 2],
        [ids.f, "winner", 1, 2],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || String(x[1]).localeCompare(String(y[1]))),
    );

    const again = await publish(edition);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("already published");
    expect((await recordWinner(edition, c1, ids.a as string)).statusCode).toBe(409);
    const after = await stored(edition);
    expect(after.awards).toHaveLength(6);
    expect(after.audits.filter((action) => action === "prize.results_publish")).toHaveLength(1);
  });

  it("shows the public results page and answers getPrizeResults", async () => {
    const response = await new Browser(t.app).get(`/prizes/${edition.year}/results`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Winner: Project C");
    expect(response.body).toContain("burst_from_ip_range");
    expect(response.body).toContain(`/prizes/${edition.year}/certificates/${ids.c}.pdf`);
    expect(response.body).not.toContain("Project D");

    const api = await t.app.inject({
      method: "GET",
      url: `/api/v1/prizes/editions/${edition.year}/results`,
    });
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.votes).toEqual({
      counted: 11,
      notCounted: 0,
      invalidated: 4,
      invalidatedByReason: [
        { reason: "burst_from_ip_range", count: 3 },
        { reason: "email_alias", count: 1 },
      ],
    });
    expect(body.rules).toEqual({
      championsPerCategory: 2,
      votesOnlyFromCompleteVoters: false,
      tieRule: "ties_at_cutoff_all_champions",
    });
    const first = body.categories.find((category: { code: string }) => category.code === c1);
    expect(first.winner.submissionId).toBe(ids.c);
    expect(
      first.champions.map((champion: { title: string; rank: number }) => [champion.title, champion.rank]),
    ).toEqual([
      ["Project A", 1],
      ["Project B", 2],
      ["Project C", 2],
    ]);
    const none = body.categories.find((category: { code: string }) => category.code === c3);
    expect(none).toEqual({ code: c3, name: expect.any(String), winner: null, champions: [] });
  });

  it("answers 404 for an unknown edition and a malformed year", async () => {
    const api = await t.app.inject({ method: "GET", url: "/api/v1/prizes/editions/1999/results" });
    expect(api.statusCode).toBe(400);
    const unknown = await t.app.inject({ method: "GET", url: "/api/v1/prizes/editions/2099/results" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("prize_edition_not_found");
    expect((await new Browser(t.app).get("/prizes/20x7/results")).statusCode).toBe(404);
  });
});

describe("the complete-voter rule", () => {
  it("counts only voters who voted in every category and says how many valid votes were left out", async () => {
    const edition = await makePrizeEdition(t.db, {
      openPhase: "evaluation",
      rules: { votesOnlyFromCompleteVoters: true },
    });
    const [c1] = edition.categories as [string];
    const a = await nominee(edition, c1, "Partly voted");
    await castVotes(t.db, edition, c1, voters, [{ nominee: a, count: 2 }]);
    const response = await secretariat.get(page(edition));
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("only voters who voted in every category are counted");
    expect(response.body).not.toContain("Partly voted");
    // Nothing to decide: publishing records no award, and the count keeps the two votes not counted.
    expect((await publish(edition)).statusCode).toBe(303);
    const api = await t.app.inject({ method: "GET", url: `/api/v1/prizes/editions/${edition.year}/results` });
    expect(api.json().votes).toMatchObject({ counted: 0, notCounted: 2, invalidated: 0 });
  });
});
