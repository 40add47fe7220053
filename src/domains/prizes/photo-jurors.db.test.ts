import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { auditRecords, makePhotoJuror, photoJurorIds } from "./photo-jurors.testing.ts";
import { makePrizePhoto } from "./photos.testing.ts";
import { makePrizeEdition, type TestEdition } from "./prizes.testing.ts";
import { auditCount } from "./review.testing.ts";
import { expectFieldError, expectRefusedPage } from "./review-http.testing.ts";

let t: TestApp;
let secretariat: Browser;
let moderatorId: string;
let jurorUser: MadeUser;

beforeAll(async () => {
  t = await createTestApp();
  const moderator = await makeUser(t.db, { role: "moderator" });
  moderatorId = moderator.id;
  secretariat = await signedInBrowser(t.app, t.db, moderator);
  jurorUser = await makeUser(t.db, { name: "Jo Juror", email: "jo.juror@example.org" });
});
afterAll(async () => t?.close());

const jurorsUrl = (edition: TestEdition) => `/prizes/${edition.year}/photos/jury/jurors`;
const assign = (edition: TestEdition, email: string) =>
  secretariat.submit(jurorsUrl(edition), jurorsUrl(edition), { email });
const remove = (edition: TestEdition, userId: string) =>
  secretariat.submit(jurorsUrl(edition), `${jurorsUrl(edition)}/remove`, { userId });

describe("naming Photo Contest jurors", () => {
  it("names an existing account by its email typed in any case, audited, and the juror reaches the jury's page", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const page = await secretariat.get(jurorsUrl(edition));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("No juror has been named yet.");

    const response = await assign(edition, "  JO.Juror@Example.ORG ");
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(jurorsUrl(edition));
    expect(await photoJurorIds(t.db, edition)).toEqual([jurorUser.id]);
    const row = await t.db
      .selectFrom("prize_photo_jurors")
      .select("assigned_by")
      .where("edition_id", "=", edition.id)
      .executeTakeFirstOrThrow();
    expect(row.assigned_by).toBe(moderatorId);
    const audits = await auditRecords(t.db, "photo.juror_assign", edition.id);
    expect(audits).toEqual([
      {
        actor_id: moderatorId,
        before: null,
        after: { edition: edition.year, userId: jurorUser.id, email: "jo.juror@example.org" },
      },
    ]);

    const list = await secretariat.get(jurorsUrl(edition));
    expect(list.body).toContain("The juror has been added to the jury.");
    expect(list.body).toContain("Jo Juror");
    expect(list.body).toContain("Jurors (1)");
    const juror = await signedInBrowser(t.app, t.db, jurorUser);
    const jury = await juror.get(`/prizes/${edition.year}/photos/jury`);
    expect(jury.statusCode).toBe(200);
    expect(jury.body).toContain("Jo Juror");
  });

  it("shows an unknown email, a malformed or missing one and a juror named twice next to the field, storing nothing", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    await makePhotoJuror(t.db, edition, jurorUser.id);
    const audits = await auditCount(t.db, "photo.juror_assign");

    const unknown = await assign(edition, "nobody.here@example.org");
    expectFieldError(unknown, "email", "no_such_account");
    expect(unknown.body).toContain("No account has this email address: the person needs to register first");
    expect(unknown.body).toContain('aria-describedby="email-hint email-error"');
    expect(unknown.body).toContain('value="nobody.here@example.org"');
    expect(unknown.body).toContain('class="error-summary"');
    expectFieldError(await assign(edition, "not-an-email"), "email", "invalid_email");
    expectFieldError(await assign(edition, "   "), "email", "required");
    expectFieldError(await assign(edition, `${"a".repeat(250)}@example.org`), "email", "too_long", {
      max: 254,
    });
    expectFieldError(await assign(edition, "JO.JUROR@example.org"), "email", "duplicate");

    expect(await photoJurorIds(t.db, edition)).toEqual([jurorUser.id]);
    expect(await auditCount(t.db, "photo.juror_assign")).toBe(audits);
  });

  it("removes a juror, audited; their decisions stay in their name; removing again is a 404", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const juror = await makeUser(t.db, { name: "Removed Juror" });
    expect((await assign(edition, juror.email)).statusCode).toBe(303);
    const photo = await makePrizePhoto(t.db, edition, (await makeUser(t.db)).id);
    const jurorBrowser = await signedInBrowser(t.app, t.db, juror);
    const jury = `/prizes/${edition.year}/photos/jury`;
    expect(
      (await jurorBrowser.submit(jury, `/prizes/${edition.year}/photos/${photo}/shortlist`, {})).statusCode,
    ).toBe(303);
    const listed = await secretariat.get(jurorsUrl(edition));
    expect(listed.body).toMatch(/Removed Juror[\s\S]*?<td>1<\/td>/);

    const response = await remove(edition, juror.id);
    expect(response.statusCode).toBe(303);
    expect(await photoJurorIds(t.db, edition)).toEqual([]);
    expect(await auditRecords(t.db, "photo.juror_remove", edition.id)).toEqual([
      {
        actor_id: moderatorId,
        before: { edition: edition.year, userId: juror.id, email: juror.email },
        after: null,
      },
    ]);
    const kept = await t.db
      .selectFrom("prize_photos")
      .select("shortlisted_by")
      .where("id", "=", photo)
      .executeTakeFirstOrThrow();
    expect(kept.shortlisted_by).toBe(juror.id);
    // No longer on the jury: refused.
    expectRefusedPage(await jurorBrowser.get(jury), 403, "photo_not_juror");

    expectRefusedPage(await remove(edition, juror.id), 404, "photo_juror_not_found");
    expectRefusedPage(await remove(edition, "not-an-id"), 404, "photo_juror_not_found");
    expectRefusedPage(await remove(edition, ""), 404, "photo_juror_not_found");
    expect(await auditCount(t.db, "photo.juror_remove", edition.id)).toBe(1);
  });

  it("is the secretariat's: jurors and other accounts are refused, and nothing changes", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    await makePhotoJuror(t.db, edition, jurorUser.id);
    const juror = await signedInBrowser(t.app, t.db, jurorUser);
    const other = await makeUser(t.db);
    expect((await juror.get(jurorsUrl(edition))).statusCode).toBe(403);
    const csrf = await juror.csrfToken(`/prizes/${edition.year}/photos/jury`);
    const assignAttempt = await juror.submit("", jurorsUrl(edition), { email: other.email }, { csrf });
    expect(assignAttempt.statusCode).toBe(403);
    const removeAttempt = await juror.submit(
      "",
      `${jurorsUrl(edition)}/remove`,
      { userId: jurorUser.id },
      { csrf },
    );
    expect(removeAttempt.statusCode).toBe(403);
    // Without the form's CSRF token, even the secretariat is refused.
    const forged = await secretariat.submit(
      jurorsUrl(edition),
      jurorsUrl(edition),
      { email: other.email },
      {
        csrf: null,
      },
    );
    expect(forged.statusCode).toBe(403);
    expect(await photoJurorIds(t.db, edition)).toEqual([jurorUser.id]);
    expect(await auditCount(t.db, "photo.juror_assign", edition.id)).toBe(0);
    expect((await secretariat.get("/prizes/1999/photos/jury/jurors")).statusCode).toBe(404);
  });

  it("freezes the jury once the winners are published", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    await makePhotoJuror(t.db, edition, jurorUser.id);
    await t.db
      .insertInto("prize_photo_results")
      .values({ edition_id: edition.id, published_by: moderatorId })
      .execute();
    const page = await secretariat.get(jurorsUrl(edition));
    expect(page.body).toContain("The winners have been published: the jury can no longer change.");
    expect(page.body).not.toContain(`action="${jurorsUrl(edition)}/remove"`);
    const other = await makeUser(t.db);
    const csrf = await secretariat.csrfToken(`/prizes/${edition.year}/photos/jury`);
    expectRefusedPage(
      await secretariat.submit("", jurorsUrl(edition), { email: other.email }, { csrf }),
      409,
      "photo_results_published",
    );
    expectRefusedPage(
      await secretariat.submit("", `${jurorsUrl(edition)}/remove`, { userId: jurorUser.id }, { csrf }),
      409,
      "photo_results_published",
    );
    expect(await photoJurorIds(t.db, edition)).toEqual([jurorUser.id]);
  });
});
