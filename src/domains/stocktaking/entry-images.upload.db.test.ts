import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n.ts";
import { actorFor, makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { photoImage, pngHeader, tinyJpeg, tinyPng, webpHeader } from "../../testing/image-fixtures.ts";
import { Browser, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { countRows, createEntryTestApp } from "./entries.testing.ts";
import { addEntryImage, IMAGE_LIMITS } from "./entry-images.service.ts";
import { imageCount, latestImages, multipartBody, uploadImage } from "./entry-images.testing.ts";

let t: TestApp;
let ownerUser: MadeUser;
let owner: Browser;
let other: Browser;
const t_ = translator("en");

beforeAll(async () => {
  ({ t, ownerUser, owner, other } = await createEntryTestApp());
});
afterAll(async () => t?.close());

/** Everything a refused upload must leave as it was. */
async function snapshot() {
  return { ...(await countRows(t.db)), images: await imageCount(t.db) };
}

describe("uploading an image to an entry", () => {
  it("stores a real PNG and JPEG by their magic bytes and adds each to the draft as a new revision", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const png = tinyPng(4, 3);
    // The declared type and the name are wrong on purpose: only the bytes count.
    const first = await uploadImage(t.app, owner, entry.id, {
      file: { data: png, filename: "notes.txt", type: "text/plain" },
      alt: "  Students at a laptop  ",
    });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/entries/${entry.id}/edit#images`);
    const jpeg = tinyJpeg(16, 9);
    const second = await uploadImage(t.app, owner, entry.id, {
      file: { data: jpeg, filename: "antenna.jpg", type: "image/jpeg" },
      alt: "A rooftop antenna",
    });
    expect(second.statusCode).toBe(303);

    const rows = await t.db
      .selectFrom("entry_images")
      .select(["id", "entry_id", "uploader_id", "content_type", "byte_size", "width", "height", "sha256"])
      .where("entry_id", "=", entry.id)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      {
        id: expect.any(String),
        entry_id: entry.id,
        uploader_id: ownerUser.id,
        content_type: "image/png",
        byte_size: png.length,
        width: 4,
        height: 3,
        sha256: createHash("sha256").update(png).digest("hex"),
      },
      expect.objectContaining({ content_type: "image/jpeg", width: 16, height: 9, byte_size: jpeg.length }),
    ]);
    const [pngRow, jpegRow] = rows;
    const latest = await latestImages(t.db, entry.id);
    expect(latest.number).toBe(3);
    expect(latest.images).toEqual([
      { id: pngRow?.id, alt: "Students at a laptop" },
      { id: jpegRow?.id, alt: "A rooftop antenna" },
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("subject_id", "=", entry.id)
      .where("action", "=", "entry.image_add")
      .orderBy("id")
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]?.after).toMatchObject({ image: pngRow?.id, contentType: "image/png", revision: 2 });

    // The owner reads back exactly the bytes, privately.
    const served = await owner.get(`/images/${pngRow?.id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.rawPayload.equals(png)).toBe(true);
    expect(served.headers["cache-control"]).toBe("private, no-store");

    // The edit page lists both, with their descriptions and a remove button each.
    const edit = await owner.get(`/entries/${entry.id}/edit`);
    expect(edit.body).toContain(`alt="Students at a laptop"`);
    expect(edit.body).toContain("Description: A rooftop antenna");
    expect(edit.body).toContain(`action="/entries/${entry.id}/images/${jpegRow?.id}/remove"`);
    expect(edit.body).toContain('enctype="multipart/form-data"');

    // The API shows them in order, with their sizes and versioned URLs.
    const api = await owner.api("GET", `/api/v1/entries/${entry.id}`);
    expect(api.json().images).toEqual([
      {
        id: pngRow?.id,
        url: `/images/${pngRow?.id}?v=${pngRow?.sha256.slice(0, 16)}`,
        alt: "Students at a laptop",
        width: 4,
        height: 3,
      },
      expect.objectContaining({ id: jpegRow?.id, width: 16, height: 9 }),
    ]);
  });

  it("accepts WebP and GIF too, and removing an image makes a revision without it", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    // Real files: a header alone sniffs right but is refused, as it cannot be decoded.
    for (const [data, alt] of [
      [await photoImage("webp", 640, 480), "A WebP map"],
      [await photoImage("gif", 32, 32), "A GIF icon"],
    ] as const) {
      expect((await uploadImage(t.app, owner, entry.id, { file: { data }, alt })).statusCode).toBe(303);
    }
    const before = await latestImages(t.db, entry.id);
    const [webp, gif] = before.images as Array<{ id: string; alt: string }>;
    const csrf = await owner.csrfToken(`/entries/${entry.id}/edit`);
    const removed = await owner.submit("", `/entries/${entry.id}/images/${webp?.id}/remove`, {}, { csrf });
    expect(removed.statusCode).toBe(303);
    const after = await latestImages(t.db, entry.id);
    expect(after.number).toBe(before.number + 1);
    expect(after.images).toEqual([gif]);
    // The image row stays: the earlier revision still shows it.
    expect(
      await t.db
        .selectFrom("entry_images")
        .select("id")
        .where("id", "=", webp?.id ?? "")
        .execute(),
    ).toHaveLength(1);
    // Removing it again, or an image of another entry, is a 404 and changes nothing.
    const again = await owner.submit("", `/entries/${entry.id}/images/${webp?.id}/remove`, {}, { csrf });
    expect(again.statusCode).toBe(404);
    expect((await owner.submit("", `/entries/${entry.id}/images/abc/remove`, {}, { csrf })).statusCode).toBe(
      404,
    );
    expect((await latestImages(t.db, entry.id)).number).toBe(after.number);
  });

  it("acts once for a double-submitted upload (same idempotency key)", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const key = "upload-key-0001";
    const file = { data: tinyPng(2, 2) };
    const first = await uploadImage(t.app, owner, entry.id, { file, alt: "Once", idempotencyKey: key });
    const second = await uploadImage(t.app, owner, entry.id, { file, alt: "Once", idempotencyKey: key });
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect((await latestImages(t.db, entry.id)).images).toHaveLength(1);
  });
});

describe("a refused upload", () => {
  const errorOf = (code: string, params?: Record<string, number>) =>
    t_(`entries.images.fileError.${code}`, params);

  it("answers 400 with the reason next to the file field, keeps the alt text, and stores nothing", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const html = Buffer.from("<!doctype html><html><script>alert(document.cookie)</script></html>");
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>');
    const oversize = Buffer.concat([tinyPng(2, 2), Buffer.alloc(IMAGE_LIMITS.maxBytes)]);
    const cases: Array<[string, Buffer | null, string, string]> = [
      ["SVG", svg, "image/svg+xml", errorOf("invalid_value")],
      ["HTML named .png", html, "image/png", errorOf("invalid_value")],
      [
        "a PNG signature with no header",
        pngHeader(5, 5).subarray(0, 20),
        "image/png",
        errorOf("invalid_value"),
      ],
      ["an empty file", Buffer.alloc(0), "image/png", errorOf("required")],
      ["no file at all", null, "", errorOf("required")],
      ["over 5 MB", oversize, "image/png", errorOf("too_long", { max: 5 })],
      ["over 8000 px wide", pngHeader(8001, 10), "image/png", errorOf("out_of_range", { max: 8000 })],
      [
        "over 8000 px high",
        webpHeader("VP8X", 10, 9000),
        "image/webp",
        errorOf("out_of_range", { max: 8000 }),
      ],
    ];
    const before = await snapshot();
    for (const [label, data, type, message] of cases) {
      const response = await uploadImage(t.app, owner, entry.id, {
        file: data ? { data, type, filename: "upload.png" } : null,
        alt: "Kept <alt> text",
      });
      expect(response.statusCode, label).toBe(400);
      expect(response.body, label).toContain(`<span class="field-error" id="file-error">${message}</span>`);
      expect(response.body, label).toContain('aria-describedby="file-hint file-error"');
      expect(response.body, label).toContain('value="Kept &lt;alt> text"');
    }
    expect(await snapshot()).toEqual(before);
  });

  it("needs an alt text of 1 to 250 characters", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const before = await snapshot();
    for (const [alt, message] of [
      ["", t_("fields.required")],
      ["   ", t_("fields.required")],
      ["x".repeat(251), t_("fields.too_long", { max: 250 })],
    ] as const) {
      const response = await uploadImage(t.app, owner, entry.id, { file: { data: tinyPng() }, alt });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(`<span class="field-error" id="alt-error">${message}</span>`);
    }
    // Left out entirely, with the file missing as well: both reported at once.
    const neither = await uploadImage(t.app, owner, entry.id, {});
    expect(neither.statusCode).toBe(400);
    expect(neither.body).toContain('id="file-error"');
    expect(neither.body).toContain('id="alt-error"');
    expect(await snapshot()).toEqual(before);
  });

  it("reports stable codes with their limits to service callers", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const actor = await actorFor(t.db, ownerUser.id);
    const codesOf = async (upload: Parameters<typeof addEntryImage>[3]) => {
      const error = await addEntryImage(t.db, actor, entry.id, upload).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).fieldErrors;
    };
    expect(await codesOf({ data: Buffer.from("<svg/>"), truncated: false, alt: "a" })).toEqual([
      { field: "file", code: "invalid_value" },
    ]);
    expect(await codesOf({ data: tinyPng(), truncated: true, alt: "x".repeat(251) })).toEqual([
      { field: "alt", code: "too_long", params: { max: 250 } },
      { field: "file", code: "too_long", params: { max: 5 * 1024 * 1024 } },
    ]);
    expect(await codesOf({ data: pngHeader(1, 8001), truncated: false, alt: "a" })).toEqual([
      { field: "file", code: "out_of_range", params: { min: 1, max: 8000 } },
    ]);
  });

  it("allows at most 5 images per entry (too_many), storing nothing for the sixth", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    for (let i = 1; i <= 5; i++) {
      const response = await uploadImage(t.app, owner, entry.id, {
        file: { data: tinyPng(i, 1) },
        alt: `Photo ${i}`,
      });
      expect(response.statusCode).toBe(303);
    }
    const full = await owner.get(`/entries/${entry.id}/edit`);
    expect(full.body).toContain(t_("entries.images.full", { max: 5 }));
    expect(full.body).not.toContain('enctype="multipart/form-data"');
    const before = await snapshot();
    const sixth = await uploadImage(t.app, owner, entry.id, {
      file: { data: tinyPng(6, 1) },
      alt: "Photo 6",
      csrf: await owner.csrfToken("/entries/new"),
    });
    expect(sixth.statusCode).toBe(400);
    expect(sixth.body).toContain(`<li>${errorOf("too_many", { max: 5 })}</li>`);
    expect(await snapshot()).toEqual(before);
    const actor = await actorFor(t.db, ownerUser.id);
    const error = await addEntryImage(t.db, actor, entry.id, {
      data: tinyPng(),
      truncated: false,
      alt: "7",
    }).catch((caught: unknown) => caught);
    expect((error as ValidationError).fieldErrors).toEqual([
      { field: "file", code: "too_many", params: { max: 5 } },
    ]);
  });

  it("is refused for another user's entry (403), a locked entry (409), without CSRF (403) or a session", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const submitted = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const file = { data: tinyPng() };
    const before = await snapshot();
    const csrf = await other.csrfToken("/entries/new");
    const foreign = await uploadImage(t.app, other, entry.id, { file, alt: "Not mine", csrf });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain(t_("errors.forbidden"));
    const locked = await uploadImage(t.app, owner, submitted.id, {
      file,
      alt: "Under review",
      csrf: await owner.csrfToken("/entries/new"),
    });
    expect(locked.statusCode).toBe(409);
    const noCsrf = await uploadImage(t.app, owner, entry.id, { file, alt: "No token", csrf: null });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.body).toContain(t_("errors.csrf_invalid"));
    const badCsrf = await uploadImage(t.app, owner, entry.id, { file, alt: "Bad token", csrf: "forged" });
    expect(badCsrf.statusCode).toBe(403);
    const anonymous = await uploadImage(t.app, new Browser(t.app), entry.id, {
      file,
      alt: "Anon",
      csrf: null,
    });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?next=/);
    // Removing: another user's entry, and without CSRF.
    const removeForeign = await other.submit("", `/entries/${entry.id}/images/1/remove`, {}, { csrf });
    expect(removeForeign.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("is rationed per user and hour (429 rate_limited), storing nothing", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const entry = await makeEntry(t.db, user.id);
    await t.db
      .insertInto("rate_limit_hits")
      .values({
        key: `entry-image-upload:${user.id}`,
        count: IMAGE_LIMITS.uploadsPerHour,
        reset_at: new Date(Date.now() + 3_600_000),
      })
      .execute();
    const before = await snapshot();
    const response = await uploadImage(t.app, browser, entry.id, {
      file: { data: tinyPng() },
      alt: "One too many",
    });
    expect(response.statusCode).toBe(429);
    expect(response.headers["retry-after"]).toBeDefined();
    expect(await snapshot()).toEqual(before);
  });

  it("answers malformed or unexpected multipart bodies with a 4xx, never a 500", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const csrf = await owner.csrfToken(`/entries/${entry.id}/edit`);
    const post = (url: string, payload: Buffer, contentType: string) =>
      t.app.inject({
        method: "POST",
        url,
        headers: { accept: "text/html", "content-type": contentType, cookie: owner.cookieHeader() },
        payload,
      });
    const before = await snapshot();
    // A body cut off in the middle of the file.
    const whole = multipartBody(
      [
        ["_csrf", csrf],
        ["alt", "Cut"],
      ],
      [{ data: tinyPng() }],
    );
    const cut = await post(
      `/entries/${entry.id}/images`,
      whole.payload.subarray(0, whole.payload.length - 30),
      whole.contentType,
    );
    expect(cut.statusCode).toBe(400);
    // No boundary at all.
    expect(
      (await post(`/entries/${entry.id}/images`, Buffer.from("garbage"), "multipart/form-data")).statusCode,
    ).toBe(400);
    // Two files where one is allowed.
    const two = multipartBody(
      [
        ["_csrf", csrf],
        ["alt", "Two"],
      ],
      [{ data: tinyPng() }, { data: tinyPng(), field: "other" }],
    );
    expect((await post(`/entries/${entry.id}/images`, two.payload, two.contentType)).statusCode).toBe(413);
    // Routes other than the upload do not take multipart at all.
    const form = multipartBody([
      ["_csrf", csrf],
      ["title", "Via multipart"],
    ]);
    expect((await post("/entries", form.payload, form.contentType)).statusCode).toBe(415);
    expect(await snapshot()).toEqual(before);
  });
});
