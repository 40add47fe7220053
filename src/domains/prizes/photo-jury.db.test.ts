import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { auditActions, makePrizePhoto } from "./photos.testing.ts";
import { makePrizeEdition, type TestEdition } from "./prizes.testing.ts";

let t: TestApp;
let jurorUser: MadeUser;
let juror: Browser;
beforeAll(async () => {
  t = await createTestApp();
  jurorUser = await makeUser(t.db, { role: "moderator" });
  juror = await signedInBrowser(t.app, t.db, jurorUser);
});
afterAll(async () => t?.close());

const juryPage = (edition: TestEdition) => `/prizes/${edition.year}/photos/jury`;
const decide = (
  browser: Browser,
  edition: TestEdition,
  photoId: string,
  action: string,
  fields: Record<string, string> = {},
) => browser.submit(juryPage(edition), `/prizes/${edition.year}/photos/${photoId}/${action}`, fields);
const publish = (browser: Browser, edition: TestEdition) =>
  browser.submit(juryPage(edition), `/prizes/${edition.year}/photos/jury/publish`, {});

async function rankOf(id: string) {
  const row = await t.db
    .selectFrom("prize_photos")
    .select(["winner_rank", "shortlisted_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { rank: row.winner_rank, shortlisted: row.shortlisted_at !== null };
}

describe("the Photo Contest jury", () => {
  it("shortlists, ranks three winners and publishes them; the gallery shows the shortlist, then the winners", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const entrants = await Promise.all([1, 2, 3, 4].map(() => makeUser(t.db)));
    const photos: string[] = [];
    for (const [index, entrant] of entrants.entries())
      photos.push(await makePrizePhoto(t.db, edition, entrant.id, { caption: `Entry ${index + 1}` }));
    const [a, b, c, d] = photos as [string, string, string, string];

    const anonymous = new Browser(t.app);
    expect((await anonymous.get(`/prizes/${edition.year}/photos`)).body).toContain(
      "The jury has not shortlisted any photos yet.",
    );
    for (const id of [a, b, c, d])
      expect((await decide(juror, edition, id, "shortlist")).statusCode).toBe(303);
    expect((await decide(juror, edition, d, "shortlist", { shortlisted: "no" })).statusCode).toBe(303);
    expect(await rankOf(d)).toEqual({ rank: null, shortlisted: false });

    expect((await decide(juror, edition, a, "rank", { rank: "2" })).statusCode).toBe(303);
    expect((await decide(juror, edition, b, "rank", { rank: "1" })).statusCode).toBe(303);

    // Before publication the public sees the shortlist without ranks, and not the photo left off.
    const before = await anonymous.get(`/prizes/${edition.year}/photos`);
    expect(before.body).toContain("Entry 1");
    expect(before.body).toContain("Entry 3");
    expect(before.body).not.toContain("Entry 4");
    expect(before.body).not.toContain("1st prize");
    expect(before.body).toContain(`alt="Entry 2"`);
    expect(before.body).toMatch(/srcset="[^"]+320w/);
    const api = (await anonymous.api("GET", `/api/v1/prizes/editions/${edition.year}/photos`)).json();
    expect(api.winnersPublished).toBe(false);
    expect(api.items.map((item: { winnerRank: unknown }) => item.winnerRank)).toEqual([null, null, null]);
    expect((await anonymous.get(`/prizes/${edition.year}/photos/${a}/image`)).statusCode).toBe(200);
    expect((await anonymous.get(`/prizes/${edition.year}/photos/${d}/image`)).statusCode).toBe(404);

    // The jury sees its ranks.
    const jury = await juror.get(juryPage(edition));
    expect(jury.statusCode).toBe(200);
    expect(jury.body).toContain("Winners (2 of 3)");

    expect((await publish(juror, edition)).statusCode).toBe(409);
    expect((await decide(juror, edition, c, "rank", { rank: "3" })).statusCode).toBe(303);
    const published = await publish(juror, edition);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/prizes/${edition.year}/photos`);

    const after = await anonymous.get(`/prizes/${edition.year}/photos`);
    const order = ["Entry 2", "Entry 1", "Entry 3"].map((caption) => after.body.indexOf(`alt="${caption}"`));
    expect(order.every((position) => position > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(after.body).toContain("1st prize");
    expect(after.body).toContain("3rd prize");
    const ranks = (await anonymous.api("GET", `/api/v1/prizes/editions/${edition.year}/photos`)).json();
    expect(ranks.items.map((item: { winnerRank: unknown }) => item.winnerRank)).toEqual([1, 2, 3]);

    expect(await auditActions(t.db, "prize_photo", a)).toEqual(["prize_photo.shortlist", "prize_photo.rank"]);
    expect(await auditActions(t.db, "prize_photo", d)).toEqual([
      "prize_photo.shortlist",
      "prize_photo.unshortlist",
    ]);
    expect(await auditActions(t.db, "prize_edition", edition.id)).toContain("prize_photo.publish_winners");

    // Final: no change after publication.
    const late = await decide(juror, edition, a, "rank", { rank: "" });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("the jury's decisions are final");
    expect((await decide(juror, edition, a, "shortlist", { shortlisted: "no" })).statusCode).toBe(409);
    expect((await publish(juror, edition)).statusCode).toBe(409);
    expect(await rankOf(a)).toEqual({ rank: 2, shortlisted: true });
  });

  it("refuses a winner not shortlisted, a rank already given, a rank out of range, and decisions while entries are open", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const [x, y, z] = await Promise.all(
      [1, 2, 3].map(async () => makePrizePhoto(t.db, edition, (await makeUser(t.db)).id)),
    );
    const [first, second, third] = [x, y, z] as [string, string, string];
    await decide(juror, edition, first, "shortlist");
    await decide(juror, edition, second, "shortlist");

    const notShortlisted = await decide(juror, edition, third, "rank", { rank: "1" });
    expect(notShortlisted.statusCode).toBe(409);
    expect(notShortlisted.body).toContain("Only a shortlisted photo can win a prize.");
    expect((await decide(juror, edition, first, "rank", { rank: "1" })).statusCode).toBe(303);
    const taken = await decide(juror, edition, second, "rank", { rank: "1" });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain("Another photo already has this prize");
    expect((await decide(juror, edition, second, "rank", { rank: "4" })).statusCode).toBe(400);
    expect((await decide(juror, edition, second, "rank", { rank: "0" })).statusCode).toBe(400);
    expect(await rankOf(second)).toEqual({ rank: null, shortlisted: true });
    // Taking a winner off the shortlist takes its rank too.
    await decide(juror, edition, first, "shortlist", { shortlisted: "no" });
    expect(await rankOf(first)).toEqual({ rank: null, shortlisted: false });
    expect((await decide(juror, edition, "999999", "shortlist")).statusCode).toBe(404);

    const open = await makePrizeEdition(t.db, { openPhase: "submission" });
    const early = await makePrizePhoto(t.db, open, (await makeUser(t.db)).id);
    const response = await decide(juror, open, early, "shortlist");
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain("The jury decides once entries have closed.");
    expect(await rankOf(early)).toEqual({ rank: null, shortlisted: false });
  });

  it("is the secretariat's: other accounts get 403 and nothing changes", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const entrant = await makeUser(t.db);
    const photo = await makePrizePhoto(t.db, edition, entrant.id);
    const user = await signedInBrowser(t.app, t.db, entrant);
    expect((await user.get(juryPage(edition))).statusCode).toBe(403);
    const csrf = await user.csrfToken(`/prizes/${edition.year}/photos/mine`);
    const attempt = await user.submit("", `/prizes/${edition.year}/photos/${photo}/shortlist`, {}, { csrf });
    expect(attempt.statusCode).toBe(403);
    expect(
      (await user.submit("", `/prizes/${edition.year}/photos/jury/publish`, {}, { csrf })).statusCode,
    ).toBe(403);
    expect(
      (
        await juror.submit(
          juryPage(edition),
          `/prizes/${edition.year}/photos/${photo}/shortlist`,
          {},
          { csrf: null },
        )
      ).statusCode,
    ).toBe(403);
    expect(await rankOf(photo)).toEqual({ rank: null, shortlisted: false });
    // The jury sees every entry, shortlisted or not, and its files.
    const page = await juror.get(juryPage(edition));
    expect(page.body).toContain(`/prizes/${edition.year}/photos/${photo}/image`);
    expect((await juror.get(`/prizes/${edition.year}/photos/${photo}/image`)).statusCode).toBe(200);
    expect((await juror.get(`${juryPage(edition)}?shortlisted=1`)).body).toContain("No photos to show.");
  });
});
