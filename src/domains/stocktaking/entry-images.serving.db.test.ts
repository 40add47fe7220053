import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import type { MadeUser } from "../../testing/factories.ts";
import { tinyJpeg, tinyPng } from "../../testing/image-fixtures.ts";
import type { Browser, TestApp } from "../../testing/test-app.ts";
import { createEntryTestApp } from "./entries.testing.ts";
import { latestImages, uploadImage } from "./entry-images.testing.ts";

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

/** Uploads and answers the new image's id (the last of the draft's images). */
async function addImage(entryId: string, data: Buffer, alt: string): Promise<string> {
  const response = await uploadImage(t.app, owner, entryId, { file: { data }, alt });
  expect(response.statusCode).toBe(303);
  const { images } = await latestImages(t.db, entryId);
  return (images as Array<{ id: string }>).at(-1)?.id ?? "";
}

async function submitAndPublish(entryId: string): Promise<void> {
  const submitted = await owner.submit(`/entries/${entryId}`, `/entries/${entryId}/submit`, {});
  expect(submitted.statusCode).toBe(303);
  const page = `/moderation/entries/${entryId}`;
  const published = await moderator.submit(page, page, { decision: "publish", comment: "" });
  expect(published.statusCode).toBe(303);
}

async function sha(id: string): Promise<string> {
  const row = await t.db
    .selectFrom("entry_images")
    .select("sha256")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return row.sha256;
}

describe("serving an image", () => {
  it("shows a draft's image only to its owner and moderators (404 for others), never cached", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const id = await addImage(entry.id, tinyPng(3, 3), "Draft photo");
    for (const browser of [anonymous, other]) {
      const response = await browser.get(`/images/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toContain("text/html");
      expect(response.body).toContain(t_("errors.image_not_found"));
    }
    for (const browser of [owner, moderator]) {
      const response = await browser.get(`/images/${id}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["cache-control"]).toBe("private, no-store");
    }
    for (const bad of ["0", "abc", "1e3", "99999999999"]) {
      expect((await anonymous.get(`/images/${bad}`)).statusCode).toBe(404);
    }
  });

  it("serves a published image to everyone with immutable caching, an ETag and locked-down headers", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const jpeg = tinyJpeg(8, 8);
    const id = await addImage(entry.id, jpeg, "Published photo");
    expect((await anonymous.get(`/images/${id}`)).statusCode).toBe(404);
    await submitAndPublish(entry.id);
    const digest = await sha(id);
    const response = await anonymous.get(`/images/${id}?v=${digest.slice(0, 16)}`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(jpeg)).toBe(true);
    expect(response.headers).toMatchObject({
      "content-type": "image/jpeg",
      "cache-control": "public, max-age=31536000, immutable",
      etag: `"${digest}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
      "content-disposition": "inline",
    });
    const head = await t.app.inject({ method: "HEAD", url: `/images/${id}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers["content-type"]).toBe("image/jpeg");
    expect(head.rawPayload.length).toBe(0);
    const revalidated = await anonymous.get(`/images/${id}`, { "if-none-match": `"${digest}"` });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);

    // The public page shows it as a figure with its size and alt text; the API lists it.
    const page = await anonymous.get(`/entries/${entry.id}`);
    expect(page.body).toContain(
      `<figure><img src="/images/${id}?v=${digest.slice(0, 16)}" alt="Published photo" width="8" height="8" loading="lazy"`,
    );
    const api = await anonymous.api("GET", `/api/v1/entries/${entry.id}`);
    expect(api.json().images).toEqual([
      { id, url: `/images/${id}?v=${digest.slice(0, 16)}`, alt: "Published photo", width: 8, height: 8 },
    ]);
  });

  it("keeps the public version's images public until a new revision is published", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const kept = await addImage(entry.id, tinyPng(5, 5), "First photo");
    const dropped = await addImage(entry.id, tinyPng(6, 6), "Second photo");
    await submitAndPublish(entry.id);

    // The owner works on a draft: a new image, and one of the published ones removed.
    const added = await addImage(entry.id, tinyJpeg(9, 9), "Third photo");
    const csrf = await owner.csrfToken(`/entries/${entry.id}/edit`);
    expect(
      (await owner.submit("", `/entries/${entry.id}/images/${dropped}/remove`, {}, { csrf })).statusCode,
    ).toBe(303);
    expect((await latestImages(t.db, entry.id)).images).toEqual([
      { id: kept, alt: "First photo" },
      { id: added, alt: "Third photo" },
    ]);
    const row = await t.db
      .selectFrom("entries")
      .select("state")
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("draft");

    // The public still sees the published revision, with both of its images, and not the new one.
    expect((await anonymous.get(`/images/${kept}`)).statusCode).toBe(200);
    expect((await anonymous.get(`/images/${dropped}`)).statusCode).toBe(200);
    expect((await anonymous.get(`/images/${added}`)).statusCode).toBe(404);
    const page = await anonymous.get(`/entries/${entry.id}`);
    expect(page.body).toContain('alt="Second photo"');
    expect(page.body).not.toContain('alt="Third photo"');
    const api = await anonymous.api("GET", `/api/v1/entries/${entry.id}`);
    expect(api.json().images.map((image: { alt: string }) => image.alt)).toEqual([
      "First photo",
      "Second photo",
    ]);
    // The owner's API view shows the pending revision's images too.
    const own = await owner.api("GET", `/api/v1/entries/${entry.id}`);
    expect(own.json().pendingRevision.images.map((image: { alt: string }) => image.alt)).toEqual([
      "First photo",
      "Third photo",
    ]);

    // The moderator reviews the new revision: its images, and what changed in them.
    expect((await owner.submit(`/entries/${entry.id}`, `/entries/${entry.id}/submit`, {})).statusCode).toBe(
      303,
    );
    const review = await moderator.get(`/moderation/entries/${entry.id}`);
    expect(review.body).toContain('alt="Third photo"');
    expect(review.body).toContain(t_("entries.images.diffItem", { id: added, alt: "Third photo" }));
    expect(review.body).toContain(t_("entries.images.diffItem", { id: dropped, alt: "Second photo" }));
    const page_ = `/moderation/entries/${entry.id}`;
    expect((await moderator.submit(page_, page_, { decision: "publish", comment: "" })).statusCode).toBe(303);

    expect((await anonymous.get(`/images/${added}`)).statusCode).toBe(200);
    expect((await anonymous.get(`/images/${dropped}`)).statusCode).toBe(404);
    // Still there for its owner and in the history.
    expect((await owner.get(`/images/${dropped}`)).statusCode).toBe(200);
  });

  it("records every image change in the revision history, with the alt text", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const id = await addImage(entry.id, tinyPng(2, 2), "History photo");
    const csrf = await owner.csrfToken(`/entries/${entry.id}/edit`);
    await owner.submit("", `/entries/${entry.id}/images/${id}/remove`, {}, { csrf });
    const history = await owner.get(`/entries/${entry.id}/history`);
    expect(history.statusCode).toBe(200);
    const item = t_("entries.images.diffItem", { id, alt: "History photo" });
    // Revision 3 removed it, revision 2 added it (newest first).
    const removedAt = history.body.indexOf(`${t_("entries.diff.removed")}</span> ${item}`);
    const addedAt = history.body.indexOf(`${t_("entries.diff.added")}</span> ${item}`);
    expect(removedAt).toBeGreaterThan(-1);
    expect(addedAt).toBeGreaterThan(removedAt);
    expect(history.body).toContain(t_("entries.field.images"));
  });

  it("escapes alt text wherever it is shown", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const alt = '"><script>alert(1)</script>';
    await addImage(entry.id, tinyPng(2, 2), alt);
    for (const url of [`/entries/${entry.id}`, `/entries/${entry.id}/edit`, `/entries/${entry.id}/history`]) {
      const page = await owner.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain("<script>alert(1)");
    }
  });

  it("reads revisions stored without images (older data, demo entries) as having none", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "published" });
    // jsonb minus a key: exactly what a revision written before images existed looks like.
    await sql`update entry_revisions set data = data - 'images' where entry_id = ${entry.id}`.execute(t.db);
    const stored = await latestImages(t.db, entry.id);
    expect(stored.images).toBeUndefined();
    expect((await anonymous.get(`/entries/${entry.id}`)).statusCode).toBe(200);
    expect((await anonymous.api("GET", `/api/v1/entries/${entry.id}`)).json().images).toEqual([]);
    expect((await owner.get(`/entries/${entry.id}/edit`)).statusCode).toBe(200);
    expect((await owner.get(`/entries/${entry.id}/history`)).statusCode).toBe(200);
    // Saving the form or adding an image on top of such a revision works as for any other.
    const id = await addImage(entry.id, tinyPng(2, 2), "First image of an old entry");
    expect((await latestImages(t.db, entry.id)).images).toEqual([{ id, alt: "First image of an old entry" }]);
  });
});
