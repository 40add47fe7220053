import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { tinyPng } from "../../testing/image-fixtures.ts";
import { Browser, type TestApp } from "../../testing/test-app.ts";
import { createEntryTestApp } from "./entries.testing.ts";
import { imageCount, multipartBody } from "./entry-images.testing.ts";

let t: TestApp;
let ownerUser: MadeUser;
let owner: Browser;
let other: Browser;
let moderator: Browser;

beforeAll(async () => {
  ({ t, ownerUser, owner, other, moderator } = await createEntryTestApp({ ownerName: "Wanjiru Workspace" }));
});
afterAll(async () => t?.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("listMyEntries", () => {
  it("lists the caller's own entries in every state, and only theirs", async () => {
    const draft = await makeEntry(t.db, ownerUser.id, { data: { title: "Workspace draft" } });
    const published = await makeEntry(t.db, ownerUser.id, {
      state: "published",
      data: { title: "Workspace live" },
    });
    const mine = await owner.api("GET", "/api/v1/my/entries");
    expect(mine.statusCode).toBe(200);
    const body = mine.json();
    const byId = new Map(body.items.map((item: { id: string }) => [item.id, item]));
    expect(byId.get(draft.id)).toMatchObject({ title: "Workspace draft", state: "draft", isPublic: false });
    expect(byId.get(published.id)).toMatchObject({
      state: "published",
      isPublic: true,
      publishedRevision: 1,
    });
    expect(body).toMatchObject({ page: 1, pageSize: 50, pageCount: 1, total: body.items.length });

    const theirs = (await other.api("GET", "/api/v1/my/entries")).json();
    expect(theirs.items.map((item: { id: string }) => item.id)).not.toContain(draft.id);

    // A read-only token reads them; anonymous callers and a malformed page are refused clearly.
    const reader = await createApiToken(t.db, ownerUser.id, "reader", ["entries:read"], null);
    const viaToken = await new Browser(t.app).api("GET", "/api/v1/my/entries", undefined, bearer(reader));
    expect(viaToken.json().total).toBe(body.total);
    const anonymous = await new Browser(t.app).api("GET", "/api/v1/my/entries");
    expect([anonymous.statusCode, anonymous.json().code]).toEqual([401, "authentication_required"]);
    const badPage = await owner.api("GET", "/api/v1/my/entries?page=first");
    expect([badPage.statusCode, badPage.json().code]).toEqual([400, "validation_failed"]);
  });
});

describe("getEntryHistory", () => {
  it("gives the owner and moderators every revision with its changes, and no one else", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "published", data: { title: "History one" } });
    await owner.api("PATCH", `/api/v1/entries/${entry.id}`, { title: "History two" });
    const history = await owner.api("GET", `/api/v1/entries/${entry.id}/history`);
    expect(history.statusCode).toBe(200);
    const body = history.json();
    expect(body.revisions.map((revision: { number: number }) => revision.number)).toEqual([1, 2]);
    expect(body.revisions[0]).toMatchObject({
      isPublished: true,
      isLatest: false,
      author: "Wanjiru Workspace",
    });
    expect(body.revisions[1].changes).toEqual([
      { field: "title", kind: "value", before: "History one", after: "History two" },
    ]);
    expect(body.decisions).toEqual([expect.objectContaining({ decision: "publish", revisionNumber: 1 })]);

    expect((await moderator.api("GET", `/api/v1/entries/${entry.id}/history`)).statusCode).toBe(200);
    const refused = await other.api("GET", `/api/v1/entries/${entry.id}/history`);
    expect([refused.statusCode, refused.json().code]).toEqual([403, "forbidden"]);
    const missing = await owner.api("GET", "/api/v1/entries/abc/history");
    expect([missing.statusCode, missing.json().code]).toEqual([404, "entry_not_found"]);
  });
});

describe("listModerationQueue", () => {
  it("lists submitted entries oldest first, for moderators only", async () => {
    const first = await makeEntry(t.db, ownerUser.id, { state: "submitted", data: { title: "Queue first" } });
    const second = await makeEntry(t.db, ownerUser.id, {
      state: "submitted",
      data: { title: "Queue second" },
    });
    const queue = await moderator.api("GET", "/api/v1/moderation/queue");
    expect(queue.statusCode).toBe(200);
    const ids = queue.json().items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(queue.json().items.find((item: { id: string }) => item.id === first.id)).toMatchObject({
      title: "Queue first",
      owner: "Wanjiru Workspace",
      revisionNumber: 1,
      isRevisionOfPublished: false,
    });

    const user = await owner.api("GET", "/api/v1/moderation/queue");
    expect([user.statusCode, user.json().code]).toEqual([403, "forbidden"]);
    const moderatorUser = await makeUser(t.db, { role: "moderator" });
    const writer = await createApiToken(t.db, moderatorUser.id, "writer", ["entries:write"], null);
    const scoped = await new Browser(t.app).api("GET", "/api/v1/moderation/queue", undefined, bearer(writer));
    expect([scoped.statusCode, scoped.json().code]).toEqual([403, "insufficient_scope"]);
  });
});

describe("addEntryImage and removeEntryImage", () => {
  it("adds an image with a token's multipart upload and removes it, refusing bad files", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { data: { title: "Images by API" } });
    const token = await createApiToken(t.db, ownerUser.id, "writer", ["entries:write"], null);
    const upload = (fields: Array<[string, string]>, file: Buffer | null) => {
      const { payload, contentType } = multipartBody(fields, file ? [{ data: file }] : []);
      return t.app.inject({
        method: "POST",
        url: `/api/v1/entries/${entry.id}/images`,
        headers: { ...bearer(token), "content-type": contentType },
        payload,
      });
    };

    const before = await imageCount(t.db);
    const notImage = await upload([["alt", "A poster"]], Buffer.from("%PDF-1.7 not an image"));
    expect([notImage.statusCode, notImage.json().code]).toEqual([400, "validation_failed"]);
    expect(notImage.json().errors).toEqual([
      expect.objectContaining({ field: "file", code: "invalid_value" }),
    ]);
    const noAlt = await upload([], tinyPng(4, 4));
    expect(noAlt.json().errors).toEqual([expect.objectContaining({ field: "alt", code: "required" })]);
    expect(await imageCount(t.db)).toBe(before);

    const added = await upload([["alt", "Pupils at a tablet"]], tinyPng(4, 4));
    expect(added.statusCode).toBe(200);
    const images = added.json().images as Array<{ id: string; alt: string }>;
    expect(images).toEqual([expect.objectContaining({ alt: "Pupils at a tablet" })]);

    const imageId = images[0]?.id as string;
    const removed = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/entries/${entry.id}/images/${imageId}`,
      headers: bearer(token),
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().images).toEqual([]);
    const again = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/entries/${entry.id}/images/${imageId}`,
      headers: bearer(token),
    });
    expect([again.statusCode, again.json().code]).toEqual([404, "image_not_found"]);
  });

  it("documents every workspace operation", async () => {
    const doc = (await new Browser(t.app).api("GET", "/openapi.json")).json();
    const ids = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(
      (path) => Object.values(path).map((operation) => operation.operationId),
    );
    for (const id of [
      "listMyEntries",
      "getEntryHistory",
      "listModerationQueue",
      "addEntryImage",
      "removeEntryImage",
    ]) {
      expect(ids).toContain(id);
    }
  });
});
