import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { countRows, entryRow } from "./entries.testing.ts";

let t: TestApp;
let ownerUser: MadeUser;
let moderatorUser: MadeUser;
let moderator: Browser;
beforeAll(async () => {
  t = await createTestApp();
  ownerUser = await makeUser(t.db, { name: "Olu Owner" });
  moderatorUser = await makeUser(t.db, { role: "moderator", name: "Mina Moderator" });
  moderator = await signedInBrowser(t.app, t.db, moderatorUser);
});
afterAll(async () => t?.close());

async function lastMail() {
  return t.db
    .selectFrom("outbox")
    .select(["to_address", "subject", "text_body"])
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

describe("the moderation queue", () => {
  it("lists submitted entries only, the longest-waiting first, in pages", async () => {
    const entries = [];
    for (let i = 0; i < 27; i++) {
      entries.push(
        await makeEntry(t.db, ownerUser.id, { state: "submitted", data: { title: `Queued ${i}` } }),
      );
    }
    await makeEntry(t.db, ownerUser.id, { data: { title: "Still a draft" } });
    await makeEntry(t.db, ownerUser.id, { state: "published", data: { title: "Already public" } });
    // Entry 5 has waited longest, entry 0 the least.
    await t.db
      .updateTable("entries")
      .set({ submitted_at: new Date("2020-01-01T00:00:00Z") })
      .where("id", "=", entries[5]?.id as string)
      .execute();
    await t.db
      .updateTable("entries")
      .set({ submitted_at: new Date("2099-01-01T00:00:00Z") })
      .where("id", "=", entries[0]?.id as string)
      .execute();

    const first = await moderator.get("/moderation");
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("27 entries waiting");
    const titles = [...first.body.matchAll(/\/moderation\/entries\/\d+"><bdi>([^<]+)</g)].map((m) => m[1]);
    expect(titles).toHaveLength(25);
    expect(titles[0]).toBe("Queued 5");
    expect(titles[1]).toBe("Queued 1");
    expect(first.body).not.toContain("Still a draft");
    expect(first.body).not.toContain("Already public");
    expect(first.body).toContain('href="/moderation?page=2"');
    const second = await moderator.get("/moderation?page=2");
    const rest = [...second.body.matchAll(/\/moderation\/entries\/\d+"><bdi>([^<]+)</g)].map((m) => m[1]);
    expect(rest.at(-1)).toBe("Queued 0");
    expect(rest).toHaveLength(2);
    expect((await moderator.get("/moderation?page=abc")).statusCode).toBe(200);

    // Clear the queue for the other tests.
    for (const entry of entries) {
      await moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, {
        decision: "reject",
        comment: "Test cleanup",
      });
    }
  });
});

describe("decisions", () => {
  it("publishing copies the revision into the search columns and mails the owner", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, {
      state: "submitted",
      data: {
        title: "Solar school servers",
        countries: ["KE", "FR", "BR"],
        actionLines: ["C2", "C7-elearn"],
        sdgs: [4, 7],
        startDate: "2019-09-01",
      },
    });
    const response = await moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, {
      decision: "publish",
      comment: "Welcome!",
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      state: "published",
      isPublic: true,
      regions: [{ code: "AFR" }, { code: "AMS" }, { code: "EUR" }],
    });
    const row = await entryRow(t.db, entry.id);
    expect(row).toMatchObject({
      state: "published",
      title: "Solar school servers",
      countries: ["BR", "FR", "KE"],
      regions: ["AFR", "AMS", "EUR"],
      action_lines: ["C2", "C7-elearn"],
      sdgs: [4, 7],
      start_year: 2019,
    });
    expect(row.published_at).not.toBeNull();
    expect(row.published_revision_id).toBe(row.latest_revision_id);
    const mail = await lastMail();
    expect(mail.to_address).toBe(ownerUser.email);
    expect(mail.subject).toBe("Published: Solar school servers");
    expect(mail.text_body).toContain("Olu Owner");
    expect(mail.text_body).toContain("“Solar school servers”");
    expect(mail.text_body).toContain("Welcome!");
    expect(mail.text_body).toContain(`${t.config.baseUrl}/entries/${entry.id}`);
  });

  it("refuses a comment with a NUL byte as a field error, storing nothing", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "submitted", data: { title: "NUL comment" } });
    const before = await countRows(t.db);
    const response = await moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, {
      decision: "return",
      comment: "Please fix\u0000 this",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "validation_failed",
      errors: [{ field: "comment", code: "invalid_value" }],
    });
    expect(await countRows(t.db)).toEqual(before);
  });

  it("returning and rejecting need a comment, which reaches the owner", async () => {
    for (const [decision, subject] of [
      ["return", "Changes requested"],
      ["reject", "Not accepted"],
    ] as const) {
      const entry = await makeEntry(t.db, ownerUser.id, {
        state: "submitted",
        data: { title: `To ${decision}` },
      });
      const before = await countRows(t.db);
      const missing = await moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, {
        decision,
        comment: "  ",
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({
        code: "validation_failed",
        errors: [{ field: "comment", code: "required" }],
      });
      const page = await moderator.submit(
        `/moderation/entries/${entry.id}`,
        `/moderation/entries/${entry.id}`,
        { decision, comment: "" },
      );
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('id="comment-error"');
      expect(page.body).toMatch(new RegExp(`value="${decision}" checked`));
      expect(await countRows(t.db)).toEqual(before);

      const ok = await moderator.submit(
        `/moderation/entries/${entry.id}`,
        `/moderation/entries/${entry.id}`,
        {
          decision,
          comment: `Reason for ${decision}: <b>see guidelines</b>`,
        },
      );
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe("/moderation");
      const mail = await lastMail();
      expect(mail.subject).toBe(`${subject}: To ${decision}`);
      expect(mail.text_body).toContain(`Reason for ${decision}: <b>see guidelines</b>`);
      expect(mail.text_body).toContain(`${t.config.baseUrl}/entries/${entry.id}`);
      const decisions = await t.db
        .selectFrom("moderation_decisions")
        .selectAll()
        .where("entry_id", "=", entry.id)
        .execute();
      expect(decisions).toEqual([expect.objectContaining({ decision, moderator_id: moderatorUser.id })]);
    }
  });

  it("an unknown decision is a field error", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "submitted" });
    const page = await moderator.submit(
      `/moderation/entries/${entry.id}`,
      `/moderation/entries/${entry.id}`,
      { decision: "approve" },
    );
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('id="decision-error"');
    const api = await moderator.api("POST", `/api/v1/entries/${entry.id}/moderation`, {
      decision: "approve",
    });
    expect(api.statusCode).toBe(400);
    expect(api.json().code).toBe("validation_failed");
  });

  it("every transition is audited with its before and after state", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, { state: "published" });
    const rows = await t.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "before", "after"])
      .where("subject_type", "=", "entry")
      .where("subject_id", "=", entry.id)
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        action: "entry.create",
        actor_id: ownerUser.id,
        before: null,
        after: expect.objectContaining({ state: "draft" }),
      }),
      expect.objectContaining({
        action: "entry.submit",
        before: { state: "draft" },
        after: expect.objectContaining({ state: "submitted" }),
      }),
      expect.objectContaining({
        action: "entry.publish",
        before: expect.objectContaining({ state: "submitted" }),
        after: expect.objectContaining({ state: "published", revision: 1 }),
      }),
    ]);
  });

  it("the review page shows the submitted revision, decisions so far and the form", async () => {
    const entry = await makeEntry(t.db, ownerUser.id, {
      state: "returned",
      data: { title: "Reviewed twice" },
    });
    const owner = await signedInBrowser(t.app, t.db, ownerUser);
    await owner.api("POST", `/api/v1/entries/${entry.id}/submit`);
    const page = await moderator.get(`/moderation/entries/${entry.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Review: Reviewed twice");
    expect(page.body).toContain("This is a new entry");
    expect(page.body).toContain("Factory decision comment");
    expect(page.body).toContain('name="decision" value="publish"');
    expect(page.body).toContain('name="comment"');
    expect(page.body).toContain('href="/entries?actionLine=C4"');
  });
});

describe("unknown entries", () => {
  it.each(["abc", "0", "123456789"])("answer 404 entry_not_found for id %s", async (id) => {
    const api = await moderator.api("POST", `/api/v1/entries/${id}/moderation`, { decision: "publish" });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe("entry_not_found");
    expect((await moderator.get(`/moderation/entries/${id}`)).statusCode).toBe(404);
  });
});

describe("the API description", () => {
  it("documents the entry and moderation operations", async () => {
    const doc = (await new Browser(t.app).api("GET", "/openapi.json")).json();
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId: string; tags: string[] }>>,
    ).flatMap((path) => Object.values(path));
    const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
    for (const id of ["createEntry", "updateEntry", "submitEntry", "getEntry", "withdrawEntry"])
      expect(byId.get(id)?.tags).toEqual(["entries"]);
    expect(byId.get("moderateEntry")?.tags).toEqual(["moderation"]);
  });
});
