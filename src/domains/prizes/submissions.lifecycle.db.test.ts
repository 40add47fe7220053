// The operations after creation: list, read, update, submit, withdraw (API).
import { describe, expect, it } from "vitest";
import {
  auditActions,
  closeSubmissions,
  completeForm,
  createUrl,
  makeEdition,
  makeSubmitter,
  useSubmissionsEnv,
} from "./prizes-submissions.testing.ts";

const env = useSubmissionsEnv();

describe("the other submission operations", () => {
  it("lists, reads, updates, submits and withdraws the submitter's own submissions, each audited", async () => {
    const s = await makeSubmitter(env.t);
    const created = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: s.entryId,
      category: env.c1,
      title: "Draft project",
    });
    const id = created.json().id as string;
    const early = await s.browser.api("POST", `/api/v1/prizes/submissions/${id}/submit`);
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe("validation_failed");
    const { category: _c, title: _t, ...rest } = completeForm(env.c1);
    const patched = await s.browser.api("PATCH", `/api/v1/prizes/submissions/${id}`, rest);
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ status: "draft", title: "Draft project", impact: rest.impact });
    const submitted = await s.browser.api("POST", `/api/v1/prizes/submissions/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe("submitted");
    // A submitted submission stays editable until the deadline, but must stay complete.
    const emptied = await s.browser.api("PATCH", `/api/v1/prizes/submissions/${id}`, { impact: "" });
    expect(emptied.statusCode).toBe(400);
    expect(emptied.json().errors[0]).toMatchObject({ field: "impact", code: "required" });
    const renamed = await s.browser.api("PATCH", `/api/v1/prizes/submissions/${id}`, {
      title: "Final title",
    });
    expect(renamed.json()).toMatchObject({ status: "submitted", title: "Final title" });
    const again = await s.browser.api("POST", `/api/v1/prizes/submissions/${id}/submit`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("prize_submission_locked");
    const list = await s.browser.api("GET", "/api/v1/prizes/submissions");
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([id]);
    const read = await s.browser.api("GET", `/api/v1/prizes/submissions/${id}`);
    expect(read.json().links.html).toBe(`/prizes/submissions/${id}`);
    const withdrawn = await s.browser.api("POST", `/api/v1/prizes/submissions/${id}/withdraw`);
    expect(withdrawn.json().status).toBe("withdrawn");
    const afterwards = await s.browser.api("PATCH", `/api/v1/prizes/submissions/${id}`, {
      title: "Too late",
    });
    expect(afterwards.statusCode).toBe(409);
    expect(afterwards.json().code).toBe("prize_submission_locked");
    expect(await auditActions(env.t.db, id)).toEqual([
      "prize.submission_create",
      "prize.submission_update",
      "prize.submission_submit",
      "prize.submission_update",
      "prize.submission_withdraw",
    ]);
  });

  it("hides other users' submissions (404) and refuses changes after the deadline", async () => {
    const s = await makeSubmitter(env.t);
    const other = await makeSubmitter(env.t);
    const running = await makeEdition(env.t.db);
    const created = await s.browser.api("POST", createUrl(running.year), {
      entryId: s.entryId,
      ...completeForm(env.c1),
    });
    const id = created.json().id as string;
    for (const [method, url] of [
      ["GET", `/api/v1/prizes/submissions/${id}`],
      ["PATCH", `/api/v1/prizes/submissions/${id}`],
      ["POST", `/api/v1/prizes/submissions/${id}/withdraw`],
      ["GET", "/api/v1/prizes/submissions/not-an-id"],
    ] as const) {
      const response = await other.browser.api(method, url, method === "PATCH" ? { title: "x" } : undefined);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("prize_submission_not_found");
    }
    await closeSubmissions(env.t.db, running, new Date(Date.now() - 60_000));
    const late = await s.browser.api("PATCH", `/api/v1/prizes/submissions/${id}`, { title: "Late" });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("prize_submission_closed");
    const submitLate = await s.browser.api("POST", `/api/v1/prizes/submissions/${id}/submit`);
    expect(submitLate.statusCode).toBe(409);
    const read = await s.browser.api("GET", `/api/v1/prizes/submissions/${id}`);
    expect(read.json()).toMatchObject({ editable: false, title: created.json().title });
  });

  it("shows the secretariat's decision and its reason", async () => {
    const s = await makeSubmitter(env.t);
    const created = await s.browser.api("POST", createUrl(env.edition.year), {
      entryId: s.entryId,
      ...completeForm(env.c2),
      submit: true,
    });
    await env.t.db
      .updateTable("prize_submissions")
      .set({ status: "ineligible", status_reason: "Not an ICT project" })
      .where("id", "=", created.json().id)
      .execute();
    const read = await s.browser.api("GET", `/api/v1/prizes/submissions/${created.json().id}`);
    expect(read.json()).toMatchObject({
      status: "ineligible",
      statusReason: "Not an ICT project",
      editable: false,
    });
    const withdraw = await s.browser.api("POST", `/api/v1/prizes/submissions/${created.json().id}/withdraw`);
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json().code).toBe("prize_submission_locked");
  });
});
