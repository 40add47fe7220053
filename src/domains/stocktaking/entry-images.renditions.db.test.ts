import { type Kysely, sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillRenditions } from "../../db/migrations/2026-11-22T1650-image-renditions.ts";
import { ValidationError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n.ts";
import { actorFor, makeEntry } from "../../testing/entry-factory.ts";
import type { MadeUser } from "../../testing/factories.ts";
import {
  gifHeader,
  photoImage,
  pngHeader,
  tinyJpeg,
  tinyPng,
  webpHeader,
} from "../../testing/image-fixtures.ts";
import type { Browser, TestApp } from "../../testing/test-app.ts";
import { countRows, createEntryTestApp } from "./entries.testing.ts";
import { addEntryImage } from "./entry-images.service.ts";
import { imageCount, latestImages, uploadImage } from "./entry-images.testing.ts";
import { sniffImage } from "./image-format.ts";
import { renditionWidths } from "./image-renditions.ts";

let t: TestApp;
let ownerUser: MadeUser;
let owner: Browser;
let other: Browser;
let moderator: Browser;
let anonymous: Browser;
const t_ = translator("en");

beforeAll(async () => {
  ({ t, ownerUser, owner, other, moderator, anonymous } = await createEntryTestApp());
});
afterAll(async () => t?.close());

async function addImage(entryId: string, data: Buffer, alt = "A photo"): Promise<string> {
  const response = await uploadImage(t.app, owner, entryId, { file: { data }, alt });
  expect(response.statusCode).toBe(303);
  const { images } = await latestImages(t.db, entryId);
  return (images as Array<{ id: string }>).at(-1)?.id ?? "";
}

async function renditionsOf(imageId: string) {
  const rows = await t.db
    .selectFrom("entry_image_renditions")
    .selectAll()
    .where("image_id", "=", imageId)
    .orderBy("width")
    .execute();
  return rows.map((row) => ({ ...row, bytes: Buffer.from(row.bytes) }));
}

const backfill = () => backfillRenditions(t.db as unknown as Kysely<unknown>);

async function renditionCount(): Promise<number> {
  const row = await t.db
    .selectFrom("entry_image_renditions")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function sha16(imageId: string): Promise<string> {
  const row = await t.db
    .selectFrom("entry_images")
    .select("sha256")
    .where("id", "=", imageId)
    .executeTakeFirstOrThrow();
  return row.sha256.slice(0, 16);
}

async function submitAndPublish(entryId: string): Promise<void> {
  expect((await owner.submit(`/entries/${entryId}`, `/entries/${entryId}/submit`, {})).statusCode).toBe(303);
  const page = `/moderation/entries/${entryId}`;
  expect((await moderator.submit(page, page, { decision: "publish", comment: "" })).statusCode).toBe(303);
}

describe("renditionWidths", () => {
  it("takes each target width, never wider than the image, each once", () => {
    expect(renditionWidths(4000)).toEqual([320, 640, 1280]);
    expect(renditionWidths(1280)).toEqual([320, 640, 1280]);
    expect(renditionWidths(1000)).toEqual([320, 640, 1000]);
    expect(renditionWidths(640)).toEqual([320, 640]);
    expect(renditionWidths(320)).toEqual([320]);
    expect(renditionWidths(200)).toEqual([200]);
    expect(renditionWidths(1)).toEqual([1]);
  });
});

describe("WebP renditions made at upload", () => {
  it("stores 320, 640 and 1280 px wide WebP files, in proportion, with the image row", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const photo = await photoImage("jpeg", 2000, 1500);
    const id = await addImage(entry.id, photo);
    const renditions = await renditionsOf(id);
    expect(renditions.map(({ width, height }) => [width, height])).toEqual([
      [320, 240],
      [640, 480],
      [1280, 960],
    ]);
    for (const rendition of renditions) {
      // RIFF....WEBP, and a header that says the size the row says.
      expect(rendition.bytes.subarray(0, 4).toString("ascii")).toBe("RIFF");
      expect(rendition.bytes.subarray(8, 12).toString("ascii")).toBe("WEBP");
      expect(sniffImage(rendition.bytes)).toEqual({
        type: "image/webp",
        width: rendition.width,
        height: rendition.height,
      });
      expect(rendition.byte_size).toBe(rendition.bytes.length);
    }
    // The point of it: even the widest is a fraction of the camera file.
    expect(renditions.at(-1)?.byte_size).toBeLessThan(photo.length / 5);
  });

  it("never upscales: a narrower image gets its own width as the widest, one under 320 px only its own", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const medium = await addImage(entry.id, tinyPng(1000, 500));
    expect((await renditionsOf(medium)).map(({ width, height }) => [width, height])).toEqual([
      [320, 160],
      [640, 320],
      [1000, 500],
    ]);
    const small = await addImage(entry.id, tinyJpeg(200, 100));
    expect((await renditionsOf(small)).map(({ width, height }) => [width, height])).toEqual([[200, 100]]);
    // GIF and WebP originals are converted too.
    const gif = await addImage(entry.id, await photoImage("gif", 330, 100));
    expect((await renditionsOf(gif)).map(({ width }) => width)).toEqual([320, 330]);
    const webp = await addImage(entry.id, await photoImage("webp", 100, 50));
    expect((await renditionsOf(webp)).map(({ width }) => width)).toEqual([100]);
  });

  it("turns a photo upright by its EXIF orientation and keeps none of its metadata", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    // Stored landscape, shown portrait (orientation 6: turn 90° clockwise), with a camera note.
    const photo = await photoImage("jpeg", 400, 200, { orientation: 6, exif: { Copyright: "Camera owner" } });
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const id = await addImage(entry.id, photo, "Upright photo");
    const renditions = await renditionsOf(id);
    expect(renditions.map(({ width, height }) => [width, height])).toEqual([[200, 400]]);
    const meta = await sharp(renditions[0]?.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // The page reserves the upright size too.
    const page = await owner.get(`/entries/${entry.id}`);
    expect(page.body).toMatch(/<img src="[^"]+" alt="Upright photo" width="200" height="400"/);
  });
});

describe("serving a rendition", () => {
  it("follows the original's access rules and caching", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const id = await addImage(entry.id, tinyPng(700, 350));
    const url = `/images/${id}/640.webp`;
    for (const browser of [anonymous, other]) {
      expect((await browser.get(url)).statusCode).toBe(404);
    }
    for (const browser of [owner, moderator]) {
      const response = await browser.get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers["cache-control"]).toBe("private, no-store");
      expect(response.headers["content-type"]).toBe("image/webp");
      expect(sniffImage(response.rawPayload)).toEqual({ type: "image/webp", width: 640, height: 320 });
    }

    await submitAndPublish(entry.id);
    const response = await anonymous.get(`${url}?v=${await sha16(id)}`);
    expect(response.statusCode).toBe(200);
    const stored = (await renditionsOf(id)).find((rendition) => rendition.width === 640);
    expect(response.rawPayload.equals(stored?.bytes ?? Buffer.alloc(0))).toBe(true);
    const etag = response.headers.etag;
    expect(etag).toMatch(/^"[0-9a-f]{64}-640w"$/);
    expect(response.headers).toMatchObject({
      "content-type": "image/webp",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
      "content-disposition": "inline",
    });
    const revalidated = await anonymous.get(url, { "if-none-match": String(etag) });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    // Each width has its own ETag: a 320 px copy is not the 640 px one.
    expect(
      (await anonymous.get(`/images/${id}/320.webp`, { "if-none-match": String(etag) })).statusCode,
    ).toBe(200);
  });

  it("answers 404 for a width that was not made, a malformed name or an unknown image", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const id = await addImage(entry.id, tinyPng(300, 200));
    expect((await owner.get(`/images/${id}/300.webp`)).statusCode).toBe(200);
    for (const file of [
      "320.webp",
      "640.webp",
      "1280.webp",
      "301.webp",
      "0300.webp",
      "0.webp",
      "300",
      "300.png",
      "300.webp.png",
      "-300.webp",
      "1e3.webp",
      "999999.webp",
      "abc.webp",
    ]) {
      const response = await owner.get(`/images/${id}/${file}`);
      expect(response.statusCode, file).toBe(404);
      expect(response.body, file).toContain(t_("errors.image_not_found"));
    }
    for (const bad of ["0", "abc", "99999999999"]) {
      expect((await owner.get(`/images/${bad}/320.webp`)).statusCode).toBe(404);
    }
  });
});

describe("entry pages", () => {
  it("offer the renditions in srcset with sizes, keeping the original as src and the alt text", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const id = await addImage(entry.id, tinyJpeg(1600, 1200), "A wide photo");
    await submitAndPublish(entry.id);
    const v = await sha16(id);
    const srcset = [320, 640, 1280].map((width) => `/images/${id}/${width}.webp?v=${v} ${width}w`).join(", ");
    const img =
      `<img src="/images/${id}?v=${v}" alt="A wide photo" width="1600" height="1200" loading="lazy" ` +
      `decoding="async" srcset="${srcset}" sizes="(max-width: 40rem) 100vw, 40rem"/>`;
    expect((await anonymous.get(`/entries/${entry.id}`)).body).toContain(img);
    // Every address in it answers.
    for (const width of [320, 640, 1280]) {
      expect((await anonymous.get(`/images/${id}/${width}.webp?v=${v}`)).statusCode).toBe(200);
    }
    // The moderation review shows the same figure; the edit page's thumbnails use them too.
    expect((await moderator.get(`/moderation/entries/${entry.id}`)).body).toContain(`srcset="${srcset}"`);
    expect((await owner.get(`/entries/${entry.id}/edit`)).body).toContain(`srcset="${srcset}" sizes="16rem"`);
    // The API shape is unchanged.
    const api = await anonymous.api("GET", `/api/v1/entries/${entry.id}`);
    expect(api.json().images).toEqual([
      { id, url: `/images/${id}?v=${v}`, alt: "A wide photo", width: 1600, height: 1200 },
    ]);
  });

  it("show an old image without renditions by its original alone", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const id = await addImage(entry.id, tinyPng(50, 40), "Old photo");
    await t.db.deleteFrom("entry_image_renditions").where("image_id", "=", id).execute();
    const page = await owner.get(`/entries/${entry.id}`);
    expect(page.body).toContain(`alt="Old photo" width="50" height="40" loading="lazy" decoding="async"/>`);
    expect(page.body).not.toContain(`/images/${id}/`);
  });
});

describe("an image that sniffs right but cannot be decoded", () => {
  const invalid = () => t_("entries.images.fileError.invalid_value");

  it("is refused on the upload form with the field error, keeping the alt text and storing nothing", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    // A PNG whose compressed pixel data is garbage: signature and header are fine.
    const png = tinyPng(8, 8);
    const idat = png.indexOf("IDAT") + 4;
    const damaged = Buffer.concat([png.subarray(0, idat), Buffer.alloc(12, 0xab), png.subarray(idat + 12)]);
    const cases: Array<[string, Buffer]> = [
      ["a PNG header without pixels", pngHeader(5, 5)],
      ["a PNG with damaged pixel data", damaged],
      ["a GIF header alone", gifHeader(32, 32)],
      ["a WebP header alone", webpHeader("VP8X", 64, 48)],
    ];
    const before = {
      ...(await countRows(t.db)),
      images: await imageCount(t.db),
      renditions: await renditionCount(),
    };
    for (const [label, data] of cases) {
      expect(sniffImage(data), label).not.toBeNull();
      const response = await uploadImage(t.app, owner, entry.id, { file: { data }, alt: "Kept alt" });
      expect(response.statusCode, label).toBe(400);
      expect(response.body, label).toContain(`<span class="field-error" id="file-error">${invalid()}</span>`);
      expect(response.body, label).toContain('aria-describedby="file-hint file-error"');
      expect(response.body, label).toContain('value="Kept alt"');
    }
    expect({
      ...(await countRows(t.db)),
      images: await imageCount(t.db),
      renditions: await renditionCount(),
    }).toEqual(before);
  });

  it("reports invalid_value on the file field to service callers", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const actor = await actorFor(t.db, ownerUser.id);
    const error = await addEntryImage(t.db, actor, entry.id, {
      data: gifHeader(4, 4),
      truncated: false,
      alt: "x",
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual([{ field: "file", code: "invalid_value" }]);
  });
});

describe("the migration's backfill", () => {
  it("makes renditions for images stored without, and leaves undecodable ones without", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const good = await addImage(entry.id, tinyPng(900, 300));
    await t.db.deleteFrom("entry_image_renditions").where("image_id", "=", good).execute();
    // Before this check existed, a header alone was accepted.
    const header = pngHeader(10, 10);
    const { id: bad } = await t.db
      .insertInto("entry_images")
      .values({
        entry_id: entry.id,
        uploader_id: ownerUser.id,
        content_type: "image/png",
        bytes: header,
        byte_size: header.length,
        width: 10,
        height: 10,
        sha256: "0".repeat(64),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await backfill();
    expect((await renditionsOf(good)).map(({ width, height }) => [width, height])).toEqual([
      [320, 107],
      [640, 213],
      [900, 300],
    ]);
    expect(await renditionsOf(bad)).toEqual([]);
    // Running it again changes nothing.
    const count = await renditionCount();
    await backfill();
    expect(await renditionCount()).toBe(count);
    await sql`delete from entry_images where id = ${bad}`.execute(t.db);
  });
});
