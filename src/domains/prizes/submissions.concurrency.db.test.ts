import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppError } from "../../platform/errors.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { testEngine } from "../../testing/test-database.ts";
import { completeForm, makeEdition, makeSubmitter } from "./prizes-submissions.testing.ts";
import { mapUniqueViolation } from "./submission-eligibility.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

// PGlite runs one statement at a time; real races need PostgreSQL's connections.
describe.skipIf(testEngine() !== "postgres")("racing submissions on PostgreSQL", () => {
  it("two colleagues submitting in one category at once: one succeeds, one gets submission_exists", async () => {
    const edition = await makeEdition(t.db);
    const category = edition.categories[0] as string;
    for (let round = 0; round < 5; round += 1) {
      const first = await makeSubmitter(t);
      const second = await makeSubmitter(t, first.organisationId);
      const responses = await Promise.all(
        [first, second].map((s) =>
          s.browser.api("POST", `/api/v1/prizes/editions/${edition.year}/submissions`, {
            entryId: s.entryId,
            ...completeForm(category),
            submit: true,
          }),
        ),
      );
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([201, 409]);
      expect(responses.find((response) => response.statusCode === 409)?.json().code).toBe(
        "submission_exists",
      );
      const rows = await t.db
        .selectFrom("prize_submissions")
        .select("id")
        .where("edition_id", "=", edition.id)
        .where("organisation_id", "=", first.organisationId)
        .execute();
      expect(rows).toHaveLength(1);
    }
  });

  it("one entry entered in two categories at once: one succeeds, one gets prize_entry_already_entered", async () => {
    const edition = await makeEdition(t.db);
    const [c1, c2] = edition.categories as [string, string];
    const s = await makeSubmitter(t);
    const responses = await Promise.all(
      [c1, c2].map((category) =>
        s.browser.api("POST", `/api/v1/prizes/editions/${edition.year}/submissions`, {
          entryId: s.entryId,
          ...completeForm(category),
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(responses.find((response) => response.statusCode === 409)?.json().code).toBe(
      "prize_entry_already_entered",
    );
    // A third entry of the same user still goes in.
    const other = await makeEntry(t.db, s.user.id, { state: "published" });
    const third = await s.browser.api("POST", `/api/v1/prizes/editions/${edition.year}/submissions`, {
      entryId: other.id,
      ...completeForm(edition.categories[2] as string),
    });
    expect(third.statusCode).toBe(201);
  });
});

// What a racing request meets after passing the checks: the unique index, answered as a 409.
describe("unique index violations", () => {
  it("are answered submission_exists or prize_entry_already_entered, on either engine", async () => {
    const edition = await makeEdition(t.db);
    const [c1, c2] = edition.categories as [string, string];
    const s = await makeSubmitter(t);
    const other = await makeEntry(t.db, s.user.id, { state: "published" });
    const insert = (entryId: string, category: string) =>
      t.db
        .insertInto("prize_submissions")
        .values({
          edition_id: edition.id,
          category_code: category,
          entry_id: entryId,
          organisation_id: s.organisationId,
          submitter_id: s.user.id,
        })
        .execute();
    await insert(s.entryId, c1);
    const sameCategory = await insert(other.id, c1).catch((error: unknown) => error);
    expect((mapUniqueViolation(sameCategory) as AppError).code).toBe("submission_exists");
    const sameEntry = await insert(s.entryId, c2).catch((error: unknown) => error);
    expect((mapUniqueViolation(sameEntry) as AppError).code).toBe("prize_entry_already_entered");
    const unrelated = new Error("boom");
    expect(mapUniqueViolation(unrelated)).toBe(unrelated);
  });
});
