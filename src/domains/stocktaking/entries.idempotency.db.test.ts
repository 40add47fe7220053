import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryData, makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { type Browser, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { countRows, createEntryTestApp, entryRow, formFields } from "./entries.testing.ts";

let t: TestApp;
let ownerUser: MadeUser;
let owner: Browser;
let moderator: Browser;
beforeAll(async () => {
  ({ t, ownerUser, owner, moderator } = await createEntryTestApp());
});
afterAll(async () => t?.close());

let keys = 0;
const newKey = () => `test-key-${process.pid}-${++keys}-${Date.now()}`;
const ownedEntries = async () =>
  Number(
    (
      await t.db
        .selectFrom("entries")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("owner_id", "=", ownerUser.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("createEntry with an Idempotency-Key", () => {
  it("returns the first outcome on a replay instead of creating a second entry", async () => {
    const key = newKey();
    const body = { ...entryData(), submit: true };
    const first = await owner.api("POST", "/api/v1/entries", body, { "idempotency-key": key });
    expect(first.statusCode).toBe(201);
    const before = await countRows(t.db);
    const replay = await owner.api("POST", "/api/v1/entries", body, { "idempotency-key": key });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().id).toBe(first.json().id);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("creates one entry when two identical requests race", async () => {
    const key = newKey();
    const body = entryData({ title: "Raced entry" });
    const before = await ownedEntries();
    const [a, b] = await Promise.all([
      owner.api("POST", "/api/v1/entries", body, { "idempotency-key": key }),
      owner.api("POST", "/api/v1/entries", body, { "idempotency-key": key }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(await ownedEntries()).toBe(before + 1);
    const revisions = await t.db
      .selectFrom("entry_revisions")
      .select("id")
      .where("entry_id", "=", a.json().id)
      .execute();
    expect(revisions).toHaveLength(1);
  });

  it("refuses the same key with other content (409 idempotency_conflict)", async () => {
    const key = newKey();
    const first = await owner.api("POST", "/api/v1/entries", entryData({ title: "First" }), {
      "idempotency-key": key,
    });
    expect(first.statusCode).toBe(201);
    const before = await countRows(t.db);
    const other = await owner.api("POST", "/api/v1/entries", entryData({ title: "Second" }), {
      "idempotency-key": key,
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe("idempotency_conflict");
    // A key is bound to its operation too.
    const elsewhere = await owner.api("POST", `/api/v1/entries/${first.json().id}/submit`, undefined, {
      "idempotency-key": key,
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().code).toBe("idempotency_conflict");
    expect(await countRows(t.db)).toEqual(before);
  });

  it("keys belong to their user: another user's identical key acts independently", async () => {
    const key = newKey();
    const otherBrowser = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    const a = await owner.api("POST", "/api/v1/entries", entryData({ title: "Same" }), {
      "idempotency-key": key,
    });
    const b = await otherBrowser.api("POST", "/api/v1/entries", entryData({ title: "Same" }), {
      "idempotency-key": key,
    });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
  });

  it("does not remember a refused request, so the corrected retry with the same key acts", async () => {
    const key = newKey();
    const bad = await owner.api("POST", "/api/v1/entries", entryData({ contactEmail: "nope" }), {
      "idempotency-key": key,
    });
    expect(bad.statusCode).toBe(400);
    const good = await owner.api("POST", "/api/v1/entries", entryData(), { "idempotency-key": key });
    expect(good.statusCode).toBe(201);
    expect(good.headers["idempotent-replayed"]).toBeUndefined();
  });
});

describe("forms carry a key, so a double-submitted form acts once", () => {
  it("new entry form", async () => {
    const form = await owner.get("/entries/new");
    const key = form.body.match(/name="idempotencyKey" value="([^"]+)"/)?.[1];
    expect(key).toBeDefined();
    const fields = {
      ...formFields(entryData({ title: "Double click" })),
      intent: "submit",
      idempotencyKey: key as string,
    };
    const before = await ownedEntries();
    const [a, b] = await Promise.all([
      owner.submit("/entries/new", "/entries", fields),
      owner.submit("/entries/new", "/entries", fields),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
    expect(a.headers.location).toBe(b.headers.location);
    expect(await ownedEntries()).toBe(before + 1);
    const again = await owner.submit("/entries/new", "/entries", fields);
    expect(again.statusCode).toBe(303);
    expect(await ownedEntries()).toBe(before + 1);
  });

  it("edit form with 'submit for review' clicked twice", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const fields = {
      ...formFields({ ...entry.data, title: "Edited once" }),
      intent: "submit",
      idempotencyKey: newKey(),
    };
    const first = await owner.submit(`/entries/${entry.id}/edit`, `/entries/${entry.id}`, fields);
    expect(first.statusCode).toBe(303);
    const before = await countRows(t.db);
    // The entry is now under review (locked), but the replay still answers like the first time.
    const second = await owner.submit("/my/entries", `/entries/${entry.id}`, fields);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("one-click submit button", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const page = await owner.get(`/entries/${entry.id}`);
    const key = page.body.match(
      /action="\/entries\/\d+\/submit"[\s\S]*?name="idempotencyKey" value="([^"]+)"/,
    )?.[1];
    expect(key).toBeDefined();
    const first = await owner.submit(`/entries/${entry.id}`, `/entries/${entry.id}/submit`, {
      idempotencyKey: key as string,
    });
    expect(first.statusCode).toBe(303);
    const second = await owner.submit(`/my/entries`, `/entries/${entry.id}/submit`, {
      idempotencyKey: key as string,
    });
    expect(second.statusCode).toBe(303);
    const submits = await t.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "entry.submit")
      .where("subject_id", "=", entry.id)
      .execute();
    expect(submits).toHaveLength(1);
  });
});

describe("submitEntry and moderateEntry with an Idempotency-Key", () => {
  it("a replayed submit answers 200 again instead of 409", async () => {
    const entry = await makeEntry(t.db, ownerUser.id);
    const key = newKey();
    const first = await owner.api("POST", `/api/v1/entries/${entry.id}/submit`, undefined, {
      "idempotency-key": key,
    });
    expect(first.statusCode).toBe(200);
    const replay = await owner.api("POST", `/api/v1/entries/${entry.id}/submit`, undefined, {
      "idempotency-key": key,
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    const withoutKey = await owner.api("POST", `/api/v1/entries/${entry.id}/submit`);
    expect(withoutKey.statusCode).toBe(409);
  });

  it("a decision replayed or raced is recorded and mailed once", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const key = newKey();
    const body = { decision: "return", comment: "Please add partners." };
    const before = await countRows(t.db);
    const [a, b] = await Promise.all([
      moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, body, { "idempotency-key": key }),
      moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, body, { "idempotency-key": key }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const replay = await moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, body, {
      "idempotency-key": key,
    });
    expect(replay.statusCode).toBe(200);
    const after = await countRows(t.db);
    expect(after.moderation_decisions).toBe(before.moderation_decisions + 1);
    expect(after.outbox).toBe(before.outbox + 1);
    expect((await entryRow(t.db, entry.id)).state).toBe("returned");
    const conflicting = await moderator.api(
      "POST",
      `/api/v1/entries/${entry.id}/moderation`,
      { decision: "reject", comment: "No." },
      { "idempotency-key": key },
    );
    expect(conflicting.statusCode).toBe(409);
    expect(conflicting.json().code).toBe("idempotency_conflict");
  });

  it("the moderation form acts once when sent twice", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const page = await moderator.get(`/moderation/entries/${entry.id}`);
    const key = page.body.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] as string;
    const fields = { decision: "publish", comment: "", idempotencyKey: key };
    const first = await moderator.submit(
      `/moderation/entries/${entry.id}`,
      `/moderation/entries/${entry.id}`,
      fields,
    );
    const second = await moderator.submit("/moderation", `/moderation/entries/${entry.id}`, fields);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    const decisions = await t.db
      .selectFrom("moderation_decisions")
      .select("id")
      .where("entry_id", "=", entry.id)
      .execute();
    expect(decisions).toHaveLength(1);
  });
});
