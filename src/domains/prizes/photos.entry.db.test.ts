import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { gifHeader, tinyPng } from "../../testing/image-fixtures.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import {
  auditActions,
  exifHasGps,
  jpegPhoto,
  makePrizePhoto,
  photoCount,
  postPhoto,
  validPhotoFields,
} from "./photos.testing.ts";
import { makePrizeEdition, type TestEdition } from "./prizes.testing.ts";

// Small enough that an oversized file is cheap to build; the test photos are a few dozen KB.
const MAX_BYTES = 256 * 1024;

let t: TestApp;
let edition: TestEdition;
let closed: TestEdition;
beforeAll(async () => {
  t = await createTestApp({ photoMaxBytes: MAX_BYTES });
  edition = await makePrizeEdition(t.db, { openPhase: "submission" });
  closed = await makePrizeEdition(t.db, { openPhase: "review" });
});
afterAll(async () => t?.close());

async function entrant(): Promise<{ user: MadeUser; browser: Browser }> {
  const user = await makeUser(t.db);
  return { user, browser: await signedInBrowser(t.app, t.db, user) };
}

describe("entering a photo (pages)", () => {
  it("stores the photo without its EXIF location, with renditions, shows it on the entrant's page, and audits it", async () => {
    const { user, browser } = await entrant();
    const original = await jpegPhoto({ gps: true });
    expect(exifHasGps((await sharp(original).metadata()).exif)).toBe(true);

    const response = await postPhoto(t.app, browser, edition.year, {
      file: { data: original, filename: "clinic.jpg", type: "image/jpeg" },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/prizes/${edition.year}/photos/mine`);

    const row = await t.db
      .selectFrom("prize_photos")
      .selectAll()
      .where("entrant_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      slot: 1,
      licence: "CC-BY-4.0",
      content_type: "image/jpeg",
      width: 480,
      height: 320,
    });
    expect([...row.sdgs].map(Number)).toEqual([3, 9]);
    const stored = await sharp(Buffer.from(row.bytes)).metadata();
    expect(stored.exif).toBeUndefined();
    expect(stored.xmp).toBeUndefined();
    const renditions = await t.db
      .selectFrom("prize_photo_renditions")
      .select(["width", "bytes"])
      .where("photo_id", "=", row.id)
      .orderBy("width")
      .execute();
    expect(renditions.map((rendition) => rendition.width)).toEqual([320, 480]);
    for (const rendition of renditions)
      expect(exifHasGps((await sharp(Buffer.from(rendition.bytes)).metadata()).exif)).toBe(false);
    expect(await auditActions(t.db, "prize_photo", row.id)).toEqual(["prize_photo.enter"]);

    const page = await browser.get(`/prizes/${edition.year}/photos/mine`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`alt="A nurse checks a patient record on a tablet in a rural clinic"`);
    expect(page.body).toContain(`/prizes/${edition.year}/photos/${row.id}/320.webp`);
    expect(page.body).toMatch(/srcset="[^"]+ 320w, [^"]+ 480w"/);
    expect(page.body).toContain('width="480" height="320"');

    // The entrant fetches the served file: no GPS there either.
    const image = await browser.get(`/prizes/${edition.year}/photos/${row.id}/image`);
    expect(image.statusCode).toBe(200);
    expect(image.headers["content-type"]).toBe("image/jpeg");
    expect(exifHasGps((await sharp(image.rawPayload).metadata()).exif)).toBe(false);
    // Not shortlisted: nobody else may fetch it.
    expect((await new Browser(t.app).get(`/prizes/${edition.year}/photos/${row.id}/image`)).statusCode).toBe(
      404,
    );
  });

  it("turns a photo upright by its EXIF orientation and keeps PNG and WebP as they are", async () => {
    const { user, browser } = await entrant();
    const turned = await sharp(await jpegPhoto({ width: 300, height: 200 }))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await postPhoto(t.app, browser, edition.year, { file: { data: turned } })).statusCode).toBe(303);
    const png = await sharp(await jpegPhoto({ width: 200, height: 100 }))
      .png()
      .toBuffer();
    expect(
      (await postPhoto(t.app, browser, edition.year, { file: { data: png, filename: "a.png" } })).statusCode,
    ).toBe(303);
    const webp = await sharp(await jpegPhoto({ width: 200, height: 100 }))
      .webp()
      .toBuffer();
    expect(
      (await postPhoto(t.app, browser, edition.year, { file: { data: webp, filename: "a.webp" } }))
        .statusCode,
    ).toBe(303);
    const rows = await t.db
      .selectFrom("prize_photos")
      .select(["content_type", "width", "height"])
      .where("entrant_id", "=", user.id)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { content_type: "image/jpeg", width: 200, height: 300 },
      { content_type: "image/png", width: 200, height: 100 },
      { content_type: "image/webp", width: 200, height: 100 },
    ]);
  });

  it("refuses each bad input with a message next to its field, keeps what was typed, and stores nothing", async () => {
    const { browser } = await entrant();
    const before = await photoCount(t.db, edition.id);
    const cases: Array<{
      name: string;
      fields?: Array<[string, string]>;
      file?: { data: Buffer; filename?: string } | null;
      message: string;
    }> = [
      {
        name: "fake image",
        file: { data: Buffer.from("just some text, not a photo"), filename: "photo.jpg" },
        message: "The file is not a JPEG, PNG or WebP photo",
      },
      {
        name: "GIF",
        file: { data: gifHeader(20, 20), filename: "a.gif" },
        message: "The file is not a JPEG, PNG or WebP photo",
      },
      {
        name: "header of an image with no pixels",
        file: { data: tinyPng(4, 4).subarray(0, 40) },
        message: "The file is not a JPEG, PNG or WebP photo",
      },
      {
        name: "oversized file",
        file: { data: Buffer.concat([await jpegPhoto(), Buffer.alloc(MAX_BYTES)]) },
        message: "The file is too large: use a photo of at most 0.3 MB",
      },
      { name: "no file", file: null, message: "Choose a photo to upload" },
      {
        name: "missing rights consent",
        fields: validPhotoFields({ ownsRights: null }),
        message: "Rights to the photo: Enter a value",
      },
      {
        name: "missing persons consent",
        fields: validPhotoFields({ personsConsented: null }),
        message: "Consent of the persons shown: Enter a value",
      },
      {
        name: "under 18",
        fields: validPhotoFields({ birthDate: `${new Date().getUTCFullYear() - 17}-01-01` }),
        message: "You must be 18 or older",
      },
      { name: "SDG out of range", fields: validPhotoFields({ sdgs: ["3", "18"] }), message: "SDG" },
      {
        name: "no SDG",
        fields: validPhotoFields({ sdgs: null }),
        message: "Sustainable Development Goals shown: Enter a value",
      },
      {
        name: "unknown licence",
        fields: validPhotoFields({ licence: "all-rights-reserved" }),
        message: "Licence: This value is not valid",
      },
      { name: "no caption", fields: validPhotoFields({ caption: "  " }), message: "Caption: Enter a value" },
      {
        name: "caption too long",
        fields: validPhotoFields({ caption: "x".repeat(301) }),
        message: "Use at most 300 characters",
      },
      {
        name: "impossible birth date",
        fields: validPhotoFields({ birthDate: "1990-02-30" }),
        message: "Enter a real date",
      },
    ];
    for (const item of cases) {
      const response = await postPhoto(t.app, browser, edition.year, {
        ...(item.fields ? { fields: item.fields } : {}),
        ...(item.file !== undefined ? { file: item.file } : {}),
      });
      expect({ name: item.name, status: response.statusCode }).toEqual({ name: item.name, status: 400 });
      expect(response.body, item.name).toContain(item.message);
      expect(response.body, item.name).toContain('aria-invalid="true"');
    }
    // The typed caption is kept when another field fails.
    const kept = await postPhoto(t.app, browser, edition.year, {
      fields: validPhotoFields({ caption: "Solar kiosk", ownsRights: null }),
    });
    expect(kept.body).toContain('value="Solar kiosk"');
    expect(await photoCount(t.db, edition.id)).toBe(before);
  });

  it("refuses a sixth photo, and entries outside the submission phase, with a clear message", async () => {
    const { user, browser } = await entrant();
    for (let index = 0; index < 5; index += 1)
      expect((await postPhoto(t.app, browser, edition.year)).statusCode).toBe(303);
    const mine = await browser.get(`/prizes/${edition.year}/photos/mine`);
    expect(mine.body).toContain("You have entered 5 photos, the most allowed.");
    expect(mine.body).not.toContain('enctype="multipart/form-data"');
    const csrf = await browser.csrfToken(`/prizes/${edition.year}/photos/mine`);
    const sixth = await postPhoto(t.app, browser, edition.year, { csrf });
    expect(sixth.statusCode).toBe(409);
    expect(sixth.body).toContain("You have already entered 5 photos in this edition");
    expect(
      await t.db
        .selectFrom("prize_photos")
        .select("slot")
        .where("entrant_id", "=", user.id)
        .orderBy("slot")
        .execute(),
    ).toEqual([1, 2, 3, 4, 5].map((slot) => ({ slot })));

    const late = await postPhoto(t.app, browser, closed.year, { csrf });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("The Photo Contest is not open for entries");
    expect(await photoCount(t.db, closed.id)).toBe(0);
    const closedPage = await browser.get(`/prizes/${closed.year}/photos/mine`);
    expect(closedPage.body).toContain("Entries are closed");
    expect(closedPage.body).toMatch(/Entries closed on [^<]*(GMT|CET|CEST|UTC)/);
  });

  it("lets an entrant remove their own photo while entries are open, and nobody else's", async () => {
    const owner = await entrant();
    const other = await entrant();
    expect((await postPhoto(t.app, owner.browser, edition.year)).statusCode).toBe(303);
    const photo = await t.db
      .selectFrom("prize_photos")
      .select("id")
      .where("entrant_id", "=", owner.user.id)
      .executeTakeFirstOrThrow();
    const url = `/prizes/${edition.year}/photos/${photo.id}/remove`;
    const mine = `/prizes/${edition.year}/photos/mine`;

    const stolen = await other.browser.submit(mine, url, {});
    expect(stolen.statusCode).toBe(404);
    expect(stolen.body).toContain("There is no such photo.");
    expect((await other.browser.submit(mine, url, {}, { csrf: null })).statusCode).toBe(403);
    expect((await owner.browser.submit(mine, url, {}, { csrf: null })).statusCode).toBe(403);
    expect(await photoCount(t.db, edition.id)).toBeGreaterThan(0);

    const removed = await owner.browser.submit(mine, url, {});
    expect(removed.statusCode).toBe(303);
    expect(
      await t.db.selectFrom("prize_photos").select("id").where("id", "=", photo.id).executeTakeFirst(),
    ).toBeUndefined();
    expect(await auditActions(t.db, "prize_photo", photo.id)).toEqual([
      "prize_photo.enter",
      "prize_photo.remove",
    ]);
    expect((await owner.browser.submit(mine, url, {})).statusCode).toBe(404);

    // After the deadline, even the owner cannot remove a photo.
    const kept = await makePrizePhoto(t.db, closed, owner.user.id);
    const late = await owner.browser.submit(mine, `/prizes/${closed.year}/photos/${kept}/remove`, {});
    expect(late.statusCode).toBe(409);
    expect(await photoCount(t.db, closed.id)).toBe(1);
  });

  it("asks anonymous visitors to sign in and answers 404 for unknown editions", async () => {
    const anonymous = new Browser(t.app);
    const mine = await anonymous.get(`/prizes/${edition.year}/photos/mine`);
    expect(mine.statusCode).toBe(303);
    expect(mine.headers.location).toContain("/sign-in?next=");
    expect((await anonymous.get("/prizes/1999/photos")).statusCode).toBe(404);
    expect((await anonymous.get("/prizes/abcd/photos")).statusCode).toBe(404);
    expect((await anonymous.get(`/prizes/${edition.year}/photos/x1/image`)).statusCode).toBe(404);
  });
});
