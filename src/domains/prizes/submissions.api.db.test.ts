import { describe, expect, it } from "vitest";
import { makeEntry } from "../../testing/entry-factory.ts";
import { makeUser } from "../../testing/factories.ts";
import { signedInBrowser } from "../../testing/test-app.ts";
import {
  auditActions,
  closeSubmissions,
  completeForm,
  createUrl,
  makeEdition,
  makeSubmitter,
  submissionCounts,
  useSubmissionsEnv,
  words,
} from "./prizes-submissions.testing.ts";

const env = useSubmissionsEnv();

describe("createPrizeSubmission", () => {
  it("enters a published entry as a submitted project, audited, with the entry's title when none is given", async () => {
    const s = await makeSubmitter(env.t);
    const { title: _title, ...form } = completeForm(env.c1);
    const response = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: s.entryId,
      ...form,
      submit: true,
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      year: env.edition.year,
      category: { code: env.c1 },
      entryId: s.entryId,
      status: "submitted",
      shortDescriptionWords: 160,
      gdcObjectives: [1, 2],
      projectStage: "completed",
      editable: true,
    });
    expect(body.title).toMatch(/^Community digital skills centre/);
    expect(response.headers.location).toBe(`/api/v1/prizes/submissions/${body.id}`);
    expect(await auditActions(env.t.db, body.id)).toEqual([
      "prize.submission_create",
      "prize.submission_submit",
    ]);
    const row = await env.t.db
      .selectFrom("prize_submissions")
      .select(["organisation_id", "submitter_id", "submitted_at"])
      .where("id", "=", body.id)
      .executeTakeFirstOrThrow();
    expect(row.organisation_id).toBe(s.organisationId);
    expect(row.submitter_id).toBe(s.user.id);
    expect(row.submitted_at).not.toBeNull();
  });

  it("accepts an entry awaiting moderation, and saves an incomplete draft", async () => {
    const s = await makeSubmitter(env.t);
    const pending = await makeEntry(env.t.db, s.user.id, { state: "submitted" });
    const response = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: pending.id,
      category: env.c2,
      title: "Half-written",
      shortDescription: words(12),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      status: "draft",
      title: "Half-written",
      shortDescriptionWords: 12,
    });
    expect(await auditActions(env.t.db, response.json().id)).toEqual(["prize.submission_create"]);
  });

  it.each([
    [149, 400],
    [150, 201],
    [200, 201],
    [201, 400],
  ])("a %i-word short description is answered %i", async (count, status) => {
    const s = await makeSubmitter(env.t);
    const before = await submissionCounts(env.t.db);
    const response = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: s.entryId,
      ...completeForm(env.c1, { shortDescription: words(count) }),
      submit: true,
    });
    expect(response.statusCode).toBe(status);
    if (status === 400) {
      expect(response.json().code).toBe("validation_failed");
      expect(response.json().errors).toEqual([
        expect.objectContaining({
          field: "shortDescription",
          code: count < 150 ? "too_few_words" : "too_many_words",
        }),
      ]);
      expect(await submissionCounts(env.t.db)).toEqual(before);
    } else {
      expect(response.json().shortDescriptionWords).toBe(count);
    }
  });

  it("refuses an incomplete form on submit, each field with its code, storing nothing", async () => {
    const s = await makeSubmitter(env.t);
    const before = await submissionCounts(env.t.db);
    const response = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: s.entryId,
      category: env.c1,
      title: "Incomplete",
      shortDescription: words(160),
      submit: true,
    });
    expect(response.statusCode).toBe(400);
    expect(
      response.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`),
    ).toEqual([
      "actionLineSdgLinks:required",
      "impact:required",
      "partnerships:required",
      "challenges:required",
      "gdcObjectives:required",
      "projectStage:required",
    ]);
    const unknown = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: s.entryId,
      ...completeForm("C99", { gdcObjectives: [] }),
      submit: true,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(
      ["category:unknown_code", "gdcObjectives:required"],
    );
    const stage = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: s.entryId,
      ...completeForm(env.c1, { projectStage: "ongoing", gdcObjectives: [6] }),
    });
    expect(stage.statusCode).toBe(400);
    expect(new Set(stage.json().errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(["projectStage", "gdcObjectives.0"]),
    );
    expect(await submissionCounts(env.t.db)).toEqual(before);
  });

  it("refuses after the deadline with the deadline in the edition's time zone", async () => {
    const closed = await makeEdition(env.t.db, { timeZone: "Europe/Geneva" });
    await closeSubmissions(env.t.db, closed, new Date("2026-03-14T22:59:00Z"));
    const s = await makeSubmitter(env.t);
    const before = await submissionCounts(env.t.db);
    const response = await s.browser.api("POST", createUrl(closed.year), {
      entryId: s.entryId,
      ...completeForm(env.c1),
      submit: true,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("prize_submission_closed");
    expect(response.json().title).toBe(
      "The submission phase closed on 14 March 2026 at 23:59 CET (Geneva time). Submissions can no longer be saved or submitted.",
    );
    const french = await s.browser.api(
      "POST",
      createUrl(closed.year),
      { entryId: s.entryId, ...completeForm(env.c1) },
      { "accept-language": "fr" },
    );
    expect(french.json().title).toContain("14 mars 2026");
    expect(await submissionCounts(env.t.db)).toEqual(before);
  });

  it("refuses before the phase opens, and for an unknown edition", async () => {
    const later = await makeEdition(env.t.db, { openPhase: null });
    await env.t.db
      .updateTable("prize_phases")
      .set({ starts_at: new Date(Date.now() + 86_400_000), ends_at: new Date(Date.now() + 10 * 86_400_000) })
      .where("edition_id", "=", later.id)
      .where("phase", "=", "submission")
      .execute();
    const s = await makeSubmitter(env.t);
    const early = await s.browser.api("POST", createUrl(later.year), {
      entryId: s.entryId,
      ...completeForm(env.c1),
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe("prize_submission_not_yet_open");
    const none = await s.browser.api("POST", createUrl(1999), {
      entryId: s.entryId,
      ...completeForm(env.c1),
    });
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe("prize_edition_not_found");
  });

  it("allows one project per organisation per category, and a project in one category only", async () => {
    const first = await makeSubmitter(env.t);
    const colleague = await makeSubmitter(env.t, first.organisationId);
    const ok = await first.browser.api("POST", createUrl(env.edition.year), {
      entryId: first.entryId,
      ...completeForm(env.c1),
    });
    expect(ok.statusCode).toBe(201);
    const before = await submissionCounts(env.t.db);
    const duplicate = await colleague.browser.api("POST", createUrl(env.edition.year), {
      entryId: colleague.entryId,
      ...completeForm(env.c1),
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe("submission_exists");
    const twice = await first.browser.api("POST", createUrl(env.edition.year), {
      entryId: first.entryId,
      ...completeForm(env.c2),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("prize_entry_already_entered");
    expect(await submissionCounts(env.t.db)).toEqual(before);
    // Another category is free for the organisation, and a withdrawal frees the first one.
    const other = await colleague.browser.api("POST", createUrl(env.edition.year), {
      entryId: colleague.entryId,
      ...completeForm(env.c2),
    });
    expect(other.statusCode).toBe(201);
    const withdrawn = await first.browser.api("POST", `/api/v1/prizes/submissions/${ok.json().id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json().status).toBe("withdrawn");
    const third = await makeEntry(env.t.db, colleague.user.id, { state: "published" });
    const again = await colleague.browser.api("POST", createUrl(env.edition.year), {
      entryId: third.id,
      ...completeForm(env.c1),
    });
    expect(again.statusCode).toBe(201);
  });

  it("refuses another user's entry (another organisation's project) with 403", async () => {
    const owner = await makeSubmitter(env.t);
    const intruder = await makeSubmitter(env.t);
    const before = await submissionCounts(env.t.db);
    const response = await intruder.browser.api("POST", createUrl(env.edition.year), {
      entryId: owner.entryId,
      ...completeForm(env.c1),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe("prize_entry_not_owned");
    const missing = await intruder.browser.api("POST", createUrl(env.edition.year), {
      entryId: "999999999",
      ...completeForm(env.c1),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ field: "entryId", code: "unknown_entry" }),
    ]);
    expect(await submissionCounts(env.t.db)).toEqual(before);
  });

  it("refuses drafts and withdrawn entries", async () => {
    const s = await makeSubmitter(env.t);
    const draft = await makeEntry(env.t.db, s.user.id, { state: "draft" });
    const response = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: draft.id,
      ...completeForm(env.c1),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("prize_entry_not_enterable");
  });

  it("refuses a project that won an earlier edition, unless the edition admits previous winners", async () => {
    const s = await makeSubmitter(env.t);
    const earlier = await makeEdition(env.t.db, { openPhase: null });
    const current = await makeEdition(env.t.db);
    const won = await env.t.db
      .insertInto("prize_submissions")
      .values({
        edition_id: earlier.id,
        category_code: env.c1,
        entry_id: s.entryId,
        organisation_id: s.organisationId,
        submitter_id: s.user.id,
        status: "nominated",
        title: "Winner",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await env.t.db
      .insertInto("prize_awards")
      .values({ edition_id: earlier.id, category_code: env.c1, submission_id: won.id, award: "winner" })
      .execute();
    const before = await submissionCounts(env.t.db);
    const refused = await s.browser.api("POST", createUrl(current.year), {
      entryId: s.entryId,
      ...completeForm(env.c1),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("prize_previous_winner");
    expect(refused.json().title).toContain(String(earlier.year));
    expect(await submissionCounts(env.t.db)).toEqual(before);
    const open = await makeEdition(env.t.db, { rules: { previousWinnersExcluded: false } });
    const admitted = await s.browser.api("POST", createUrl(open.year), {
      entryId: s.entryId,
      ...completeForm(env.c1),
    });
    expect(admitted.statusCode).toBe(201);
  });

  it("tells a user without an organisation why they cannot enter", async () => {
    const user = await makeUser(env.t.db);
    const entry = await makeEntry(env.t.db, user.id, { state: "published" });
    const browser = await signedInBrowser(env.t.app, env.t.db, user);
    const response = await browser.api("POST", createUrl(env.edition.year), {
      entryId: entry.id,
      ...completeForm(env.c1),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe("prize_no_organisation");
  });

  it("replays a create with the same Idempotency-Key and refuses the key with other content", async () => {
    const s = await makeSubmitter(env.t);
    const key = `prize-key-${process.pid}-${Date.now()}`;
    const body = { entryId: s.entryId, ...completeForm(env.c1) };
    const first = await s.browser.api("POST", createUrl(env.edition.year), body, { "idempotency-key": key });
    expect(first.statusCode).toBe(201);
    const replay = await s.browser.api("POST", createUrl(env.edition.year), body, { "idempotency-key": key });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().id).toBe(first.json().id);
    const other = await s.browser.api(
      "POST",
      createUrl(env.edition.year),
      { ...body, title: "Other" },
      { "idempotency-key": key },
    );
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe("idempotency_conflict");
  });

  it("needs a session or a token with prizes:write", async () => {
    const anonymous = await env.t.app.inject({
      method: "POST",
      url: createUrl(env.edition.year),
      payload: {},
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
