import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { auditRecords, makePhotoJuror } from "./photo-jurors.testing.ts";
import { auditActions, makePrizePhoto } from "./photos.testing.ts";
import { makePrizeEdition, type TestEdition } from "./prizes.testing.ts";
import { expectRefusedPage } from "./review-http.testing.ts";

let t: TestApp;
let jurorUser: MadeUser;
let juror: Browser;
let moderatorUser: MadeUser;
let secretariat: Browser;
beforeAll(async () => {
  t = await createTestApp();
  // A juror is any account the secretariat names: here an ordinary one.
  jurorUser = await makeUser(t.db, { name: "Jules Juror" });
  juror = await signedInBrowser(t.app, t.db, jurorUser);
  moderatorUser = await makeUser(t.db, { role: "moderator", name: "Sam Secretariat" });
  secretariat = await signedInBrowser(t.app, t.db, moderatorUser);
});
afterAll(async () => t?.close());

/** An edition whose entries have closed, with `jurorUser` on its jury. */
async function judgedEdition(): Promise<TestEdition> {
  const edition = await makePrizeEdition(t.db, { openPhase: "review" });
  await makePhotoJuror(t.db, edition, jurorUser.id);
  return edition;
}

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

async function decidedBy(id: string) {
  return t.db
    .selectFrom("prize_photos")
    .select(["shortlisted_by", "ranked_by"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe("the Photo Contest jury", () => {
  it("shortlists, ranks three winners and publishes them; the gallery shows the shortlist, then the winners", async () => {
    const edition = await judgedEdition();
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
    // Each decision standing on a photo names the juror who took it.
    expect(await decidedBy(a)).toEqual({ shortlisted_by: jurorUser.id, ranked_by: jurorUser.id });
    expect(await decidedBy(d)).toEqual({ shortlisted_by: null, ranked_by: null });

    // Before publication the public sees the shortlist without ranks, and not the photo left off.
    const before = await anonymous.get(`/prizes/${edition.year}/photos`);
    expect(before.body).toContain("Entry 1");
    expect(before.body).toContain("Entry 3");
    expect(before.body).not.toContain("Entry 4");
    expect(before.body).not.toContain("1st prize");
    expect(before.body).not.toContain(juryPage(edition));
    expect(before.body).toContain(`alt="Entry 2"`);
    expect(before.body).toMatch(/srcset="[^"]+320w/);
    const api = (await anonymous.api("GET", `/api/v1/prizes/editions/${edition.year}/photos`)).json();
    expect(api.winnersPublished).toBe(false);
    expect(api.items.map((item: { winnerRank: unknown }) => item.winnerRank)).toEqual([null, null, null]);
    expect((await anonymous.get(`/prizes/${edition.year}/photos/${a}/image`)).statusCode).toBe(200);
    expect((await anonymous.get(`/prizes/${edition.year}/photos/${d}/image`)).statusCode).toBe(404);

    // The jury sees its ranks, who took each decision, and the gallery links to its page.
    const jury = await juror.get(juryPage(edition));
    expect(jury.statusCode).toBe(200);
    expect(jury.body).toContain("Winners (2 of 3)");
    expect(jury.body).toContain("Prize given by Jules Juror");
    expect(jury.body).toContain("Shortlisted by Jules Juror");
    expect(jury.body).not.toContain("on the jury’s behalf");
    expect((await juror.get(`/prizes/${edition.year}/photos`)).body).toContain(juryPage(edition));

    expectRefusedPage(await publish(juror, edition), 409, "photo_winners_incomplete");
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
    const [rankAudit] = await auditRecords(t.db, "prize_photo.rank", a);
    expect(rankAudit).toMatchObject({ actor_id: jurorUser.id, after: { rank: 2, onBehalfOfJury: false } });
    const [publication] = await auditRecords(t.db, "prize_photo.publish_winners", edition.id);
    expect(publication).toMatchObject({ actor_id: jurorUser.id, after: { onBehalfOfJury: false } });

    // Final: no change after publication.
    const late = await decide(juror, edition, a, "rank", { rank: "" });
    expectRefusedPage(late, 409, "photo_results_published");
    expect((await decide(juror, edition, a, "shortlist", { shortlisted: "no" })).statusCode).toBe(409);
    expect((await publish(juror, edition)).statusCode).toBe(409);
    expect(await rankOf(a)).toEqual({ rank: 2, shortlisted: true });
  });

  it("refuses a winner not shortlisted, a rank already given, a rank out of range, and decisions while entries are open", async () => {
    const edition = await judgedEdition();
    const [x, y, z] = await Promise.all(
      [1, 2, 3].map(async () => makePrizePhoto(t.db, edition, (await makeUser(t.db)).id)),
    );
    const [first, second, third] = [x, y, z] as [string, string, string];
    await decide(juror, edition, first, "shortlist");
    await decide(juror, edition, second, "shortlist");

    expectRefusedPage(
      await decide(juror, edition, third, "rank", { rank: "1" }),
      409,
      "photo_not_shortlisted",
    );
    expect((await decide(juror, edition, first, "rank", { rank: "1" })).statusCode).toBe(303);
    expectRefusedPage(await decide(juror, edition, second, "rank", { rank: "1" }), 409, "photo_rank_taken", {
      rank: 1,
    });
    expect((await decide(juror, edition, second, "rank", { rank: "4" })).statusCode).toBe(400);
    expect((await decide(juror, edition, second, "rank", { rank: "0" })).statusCode).toBe(400);
    expect(await rankOf(second)).toEqual({ rank: null, shortlisted: true });
    // Taking a winner off the shortlist takes its rank, and its ranker, too.
    await decide(juror, edition, first, "shortlist", { shortlisted: "no" });
    expect(await rankOf(first)).toEqual({ rank: null, shortlisted: false });
    expect(await decidedBy(first)).toEqual({ shortlisted_by: null, ranked_by: null });
    expectRefusedPage(await decide(juror, edition, "999999", "shortlist"), 404, "photo_not_found");

    const open = await makePrizeEdition(t.db, { openPhase: "submission" });
    await makePhotoJuror(t.db, open, jurorUser.id);
    const early = await makePrizePhoto(t.db, open, (await makeUser(t.db)).id);
    expectRefusedPage(await decide(juror, open, early, "shortlist"), 409, "photo_judging_not_open");
    expect(await rankOf(early)).toEqual({ rank: null, shortlisted: false });
  });

  it("caps the winners at three: a fourth photo finds every rank taken", async () => {
    const edition = await judgedEdition();
    const photos = await Promise.all(
      [1, 2, 3, 4].map(async () =>
        makePrizePhoto(t.db, edition, (await makeUser(t.db)).id, { shortlisted: true }),
      ),
    );
    const [p1, p2, p3, p4] = photos as [string, string, string, string];
    for (const [rank, id] of [p1, p2, p3].entries())
      expect((await decide(juror, edition, id, "rank", { rank: String(rank + 1) })).statusCode).toBe(303);
    for (const rank of ["1", "2", "3"])
      expectRefusedPage(await decide(juror, edition, p4, "rank", { rank }), 409, "photo_rank_taken", {
        rank: Number(rank),
      });
    expect((await decide(juror, edition, p4, "rank", { rank: "4" })).statusCode).toBe(400);
    const winners = await t.db
      .selectFrom("prize_photos")
      .select("id")
      .where("edition_id", "=", edition.id)
      .where("winner_rank", "is not", null)
      .execute();
    expect(winners).toHaveLength(3);
    expect(await rankOf(p4)).toEqual({ rank: null, shortlisted: true });
  });

  it("does not let a juror judge their own photo", async () => {
    const edition = await judgedEdition();
    const own = await makePrizePhoto(t.db, edition, jurorUser.id, { caption: "The juror's own photo" });
    const other = await makePrizePhoto(t.db, edition, (await makeUser(t.db)).id, { shortlisted: true });
    expectRefusedPage(await decide(juror, edition, own, "shortlist"), 409, "photo_own_entry");
    expect(await rankOf(own)).toEqual({ rank: null, shortlisted: false });
    // Shortlisted by another member, it still cannot be ranked (or taken off) by its entrant.
    const colleague = await makeUser(t.db);
    await makePhotoJuror(t.db, edition, colleague.id);
    const colleagueBrowser = await signedInBrowser(t.app, t.db, colleague);
    expect((await decide(colleagueBrowser, edition, own, "shortlist")).statusCode).toBe(303);
    expectRefusedPage(await decide(juror, edition, own, "rank", { rank: "1" }), 409, "photo_own_entry");
    expectRefusedPage(
      await decide(juror, edition, own, "shortlist", { shortlisted: "no" }),
      409,
      "photo_own_entry",
    );
    expect(await rankOf(own)).toEqual({ rank: null, shortlisted: true });
    expect(await decidedBy(own)).toEqual({ shortlisted_by: colleague.id, ranked_by: null });
    expect(await auditActions(t.db, "prize_photo", own)).toEqual(["prize_photo.shortlist"]);
    // The page offers no decision on it, and says why; other photos keep their forms.
    const page = await juror.get(juryPage(edition));
    expect(page.body).toContain("You entered this photo: you do not judge it.");
    expect(page.body).not.toContain(`/prizes/${edition.year}/photos/${own}/shortlist`);
    expect(page.body).toContain(`/prizes/${edition.year}/photos/${other}/rank`);
  });

  it("refuses every other account with 403 photo_not_juror, and nothing changes", async () => {
    const edition = await judgedEdition();
    const entrant = await makeUser(t.db);
    const photo = await makePrizePhoto(t.db, edition, entrant.id);
    const user = await signedInBrowser(t.app, t.db, entrant);
    expectRefusedPage(await user.get(juryPage(edition)), 403, "photo_not_juror");
    const csrf = await user.csrfToken(`/prizes/${edition.year}/photos/mine`);
    const shortlist = await user.submit(
      "",
      `/prizes/${edition.year}/photos/${photo}/shortlist`,
      {},
      { csrf },
    );
    expectRefusedPage(shortlist, 403, "photo_not_juror");
    const rank = await user.submit(
      "",
      `/prizes/${edition.year}/photos/${photo}/rank`,
      { rank: "1" },
      { csrf },
    );
    expectRefusedPage(rank, 403, "photo_not_juror");
    expectRefusedPage(
      await user.submit("", `/prizes/${edition.year}/photos/jury/publish`, {}, { csrf }),
      403,
      "photo_not_juror",
    );
    // A juror of another edition is no juror here.
    const elsewhere = await judgedEdition();
    const stranger = await makeUser(t.db);
    await makePhotoJuror(t.db, elsewhere, stranger.id);
    const strangerBrowser = await signedInBrowser(t.app, t.db, stranger);
    expectRefusedPage(await strangerBrowser.get(juryPage(edition)), 403, "photo_not_juror");
    expect((await strangerBrowser.get(`/prizes/${edition.year}/photos/${photo}/image`)).statusCode).toBe(404);
    // Signed out: to the sign-in page. Without the CSRF token: refused.
    expect((await new Browser(t.app).get(juryPage(edition))).statusCode).toBe(303);
    const noCsrf = await juror.submit(
      juryPage(edition),
      `/prizes/${edition.year}/photos/${photo}/shortlist`,
      {},
      { csrf: null },
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(await rankOf(photo)).toEqual({ rank: null, shortlisted: false });
    expect(await auditActions(t.db, "prize_photo", photo)).toEqual([]);
    // The jury sees every entry, shortlisted or not, and its files.
    const page = await juror.get(juryPage(edition));
    expect(page.body).toContain(`/prizes/${edition.year}/photos/${photo}/image`);
    expect((await juror.get(`/prizes/${edition.year}/photos/${photo}/image`)).statusCode).toBe(200);
    expect((await juror.get(`${juryPage(edition)}?shortlisted=1`)).body).toContain("No photos to show.");
  });

  it("lets a secretariat member who is not a juror record the jury's decisions on its behalf, once there is a jury", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const photo = await makePrizePhoto(t.db, edition, (await makeUser(t.db)).id);
    // No jury yet: the page shows, but there is nobody to act for.
    const empty = await secretariat.get(juryPage(edition));
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain("No jurors have been named for this edition yet.");
    expect(empty.body).not.toContain(`/prizes/${edition.year}/photos/${photo}/shortlist`);
    expectRefusedPage(await decide(secretariat, edition, photo, "shortlist"), 409, "photo_jury_empty");
    expect(await rankOf(photo)).toEqual({ rank: null, shortlisted: false });

    await makePhotoJuror(t.db, edition, jurorUser.id);
    const page = await secretariat.get(juryPage(edition));
    expect(page.body).toContain("decisions you record here are recorded on the jury’s behalf, in your name");
    expect(page.body).toContain("Jules Juror");
    expect(page.body).toContain(`${juryPage(edition)}/jurors`);
    expect((await decide(secretariat, edition, photo, "shortlist")).statusCode).toBe(303);
    expect((await decide(secretariat, edition, photo, "rank", { rank: "1" })).statusCode).toBe(303);
    expect(await decidedBy(photo)).toEqual({ shortlisted_by: moderatorUser.id, ranked_by: moderatorUser.id });
    const [shortlisted] = await auditRecords(t.db, "prize_photo.shortlist", photo);
    expect(shortlisted).toMatchObject({ actor_id: moderatorUser.id, after: { onBehalfOfJury: true } });
    const [ranked] = await auditRecords(t.db, "prize_photo.rank", photo);
    expect(ranked).toMatchObject({ actor_id: moderatorUser.id, after: { rank: 1, onBehalfOfJury: true } });
    // The secretariat's own photo is no more theirs to judge than a juror's.
    const mine = await makePrizePhoto(t.db, edition, moderatorUser.id);
    expectRefusedPage(await decide(secretariat, edition, mine, "shortlist"), 409, "photo_own_entry");
    // A juror's page has no link to manage the jury (that is the secretariat's).
    expect((await juror.get(juryPage(edition))).body).not.toContain(`${juryPage(edition)}/jurors`);
  });
});
