import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { auditRows } from "./edition-admin.testing.ts";
import { makePrizeEdition } from "./prizes.testing.ts";

let t: TestApp;
let asAdmin: Browser;
let asModerator: Browser;
let adminId: string;
let juror: { id: string; email: string };
const en = translator("en");

beforeAll(async () => {
  t = await createTestApp();
  const admin = await makeUser(t.db, { role: "admin" });
  adminId = admin.id;
  asAdmin = await signedInBrowser(t.app, t.db, admin);
  asModerator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  juror = await makeUser(t.db, { name: "Juror Ana" });
});
afterAll(async () => t?.close());

const base = (year: number) => `/admin/prizes/${year}/special-prizes`;

/** A special prize made through the admin form; its id. */
async function addSpecialPrize(year: number, finalists = ""): Promise<string> {
  const response = await asAdmin.submit(`${base(year)}/new`, base(year), {
    code: "healthy_ageing",
    name_en: "Healthy Ageing Innovation Prize",
    rules: "Open to projects serving older persons.",
    startsAt: "2026-05-01T09:00",
    endsAt: "2026-06-30T18:00",
    jurors: juror.email,
    finalists,
    winner: "",
  });
  expect(response.statusCode).toBe(303);
  const admin = await asAdmin.get(`/admin/prizes/${year}`);
  return admin.body.match(/special-prizes\/(\d+)"/)?.[1] as string;
}

const specialPrizes = (editionId: string) =>
  t.db
    .selectFrom("prize_special_prizes")
    .select(["id", "code"])
    .where("edition_id", "=", editionId)
    .execute();

describe("deleting a special prize", () => {
  it("asks for confirmation, then deletes it with its jury, audited", async () => {
    const edition = await makePrizeEdition(t.db);
    const id = await addSpecialPrize(edition.year);
    const url = `${base(edition.year)}/${id}`;
    const edit = await asAdmin.get(url);
    expect(edit.body).toContain(`href="${url}/delete"`);
    const confirm = await asAdmin.get(`${url}/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`action="${url}/delete"`);
    expect(confirm.body).toContain(en("prizes.editions.special.deleteConfirm"));
    expect(confirm.body).toContain("Healthy Ageing Innovation Prize");

    const deleted = await asAdmin.submit(`${url}/delete`, `${url}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe(`/admin/prizes/${edition.year}`);
    expect(await specialPrizes(edition.id)).toEqual([]);
    const jury = await t.db
      .selectFrom("prize_special_prize_jurors")
      .select("user_id")
      .where("special_prize_id", "=", id)
      .execute();
    expect(jury).toEqual([]);
    const [audit] = await auditRows(t.db, "prize.special_delete", id);
    expect(audit).toMatchObject({ actor_id: adminId, subject_type: "prize_special_prize" });
    expect(audit?.before).toMatchObject({
      year: edition.year,
      code: "healthy_ageing",
      names: { en: "Healthy Ageing Innovation Prize" },
      jurorIds: [juror.id],
      finalists: [],
      winner: null,
    });
    const page = await asAdmin.get(`/admin/prizes/${edition.year}`);
    expect(page.body).toContain(en("flash.prizes.editions.specialDeleted"));
    expect(page.body).not.toContain("Healthy Ageing Innovation Prize");
    expect((await asAdmin.get(`${url}/delete`)).statusCode).toBe(404);
  });

  it("refuses while finalists are recorded (409 prize_special_prize_in_use), keeping everything", async () => {
    const edition = await makePrizeEdition(t.db);
    const id = await addSpecialPrize(edition.year, "Project A\nProject B");
    const url = `${base(edition.year)}/${id}/delete`;
    const confirm = await asAdmin.get(url);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(en("errors.prize_special_prize_in_use"));
    expect(confirm.body).not.toContain(`action="${url}"`);

    const csrf = await asAdmin.csrfToken(`${base(edition.year)}/${id}`);
    const refused = await asAdmin.submit(url, url, {}, { csrf });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain(en("errors.prize_special_prize_in_use"));
    expect(await specialPrizes(edition.id)).toEqual([{ id, code: "healthy_ageing" }]);
    expect(await auditRows(t.db, "prize.special_delete", id)).toEqual([]);
  });

  it("refuses a request without its CSRF token, a moderator, and unknown or malformed ids", async () => {
    const edition = await makePrizeEdition(t.db);
    const id = await addSpecialPrize(edition.year);
    const url = `${base(edition.year)}/${id}/delete`;
    const forged = await asAdmin.submit(url, url, {}, { csrf: null });
    expect(forged.statusCode).toBe(403);
    const csrf = await asModerator.csrfToken("/prizes");
    expect((await asModerator.submit(url, url, {}, { csrf })).statusCode).toBe(403);
    expect((await asModerator.get(url)).statusCode).toBe(403);
    expect(await specialPrizes(edition.id)).toHaveLength(1);
    const adminCsrf = await asAdmin.csrfToken(`${base(edition.year)}/${id}`);
    for (const other of ["999999999", "abc", "0"]) {
      const missing = `${base(edition.year)}/${other}/delete`;
      expect((await asAdmin.submit(missing, missing, {}, { csrf: adminCsrf })).statusCode, other).toBe(404);
      expect((await asAdmin.get(missing)).statusCode, other).toBe(404);
    }
    // Another edition's special prize is not found through this one.
    const elsewhere = await makePrizeEdition(t.db);
    const foreign = `${base(elsewhere.year)}/${id}/delete`;
    expect((await asAdmin.submit(foreign, foreign, {}, { csrf: adminCsrf })).statusCode).toBe(404);
    expect(await specialPrizes(edition.id)).toHaveLength(1);
    expect(await auditRows(t.db, "prize.special_delete", id)).toEqual([]);
  });
});
