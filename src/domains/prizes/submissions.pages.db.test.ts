import { describe, expect, it } from "vitest";
import { entryData } from "../../testing/entry-factory.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, signedInBrowser } from "../../testing/test-app.ts";
import { formFields } from "../stocktaking/entries.testing.ts";
import {
  closeSubmissions,
  completeForm,
  formPost,
  makeEdition,
  makeSubmitter,
  submissionCounts,
  useSubmissionsEnv,
  words,
} from "./prizes-submissions.testing.ts";

const env = useSubmissionsEnv({ timeZone: "Europe/Geneva" });

const submitUrl = () => `/prizes/${env.edition.year}/submit`;
const submissionIdOf = (location: unknown) =>
  String(location).match(/\/prizes\/submissions\/(\d+)$/)?.[1] as string;
/** Text of a page with tags removed and entities decoded, to look for sentences. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("the submission pages", () => {
  it("sends anonymous visitors to sign in", async () => {
    const response = await new Browser(env.t.app).get(submitUrl());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(submitUrl())}`);
  });

  it("shows the form with the user's entries, the categories, the deadline and the live word count", async () => {
    const s = await makeSubmitter(env.t);
    const page = await s.browser.get(submitUrl());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="entryId" value="${s.entryId}"`);
    expect(page.body).toContain(`<option value="${env.c1}"`);
    expect(page.body).toMatch(/<script src="\/assets\/word-count\.[0-9a-f]{12}\.js" defer/);
    expect(page.body).toContain('aria-live="polite"');
    expect(text(page.body)).toContain("Words: 0 (allowed: 150–200)");
    expect(text(page.body)).toMatch(/Submissions close on .+ (CET|CEST) \(Geneva time\)\./);
    expect(page.body).not.toMatch(/<script>|style="/);
  });

  it("saves a draft, shows it for editing with its word count, then submits it", async () => {
    const s = await makeSubmitter(env.t);
    const draft = await s.browser.submit(
      submitUrl(),
      submitUrl(),
      formPost({
        entryId: s.entryId,
        category: env.c1,
        title: "",
        shortDescription: words(12),
        intent: "draft",
      }),
    );
    expect(draft.statusCode).toBe(303);
    const id = submissionIdOf(draft.headers.location);
    const edit = await s.browser.get(`/prizes/submissions/${id}`);
    expect(edit.statusCode).toBe(200);
    expect(text(edit.body)).toContain("Your submission was saved.");
    expect(text(edit.body)).toContain("Words: 12 (allowed: 150–200)");
    expect(edit.body).toContain("Community digital skills centre");
    const refused = await s.browser.submit(
      `/prizes/submissions/${id}`,
      `/prizes/submissions/${id}`,
      formPost({ ...completeForm(env.c1, { shortDescription: words(149) }), intent: "submit" }),
    );
    expect(refused.statusCode).toBe(400);
    expect(text(refused.body)).toContain("Use at least 150 words");
    expect(refused.body).toContain('aria-invalid="true"');
    expect(text(refused.body)).toContain("Words: 149 (allowed: 150–200)");
    const submitted = await s.browser.submit(
      `/prizes/submissions/${id}`,
      `/prizes/submissions/${id}`,
      formPost({ ...completeForm(env.c1), intent: "submit" }),
    );
    expect(submitted.statusCode).toBe(303);
    const list = await s.browser.get("/prizes/submissions");
    expect(text(list.body)).toContain("Your submission was submitted.");
    expect(text(list.body)).toContain("Submitted");
    expect(text(list.body)).toContain(completeForm(env.c1).title);
  });

  it("refuses a form post without its CSRF token, storing nothing", async () => {
    const s = await makeSubmitter(env.t);
    const before = await submissionCounts(env.t.db);
    const response = await s.browser.submit(
      submitUrl(),
      submitUrl(),
      formPost({ entryId: s.entryId, ...completeForm(env.c1), intent: "submit" }),
      { csrf: null },
    );
    expect(response.statusCode).toBe(403);
    expect(await submissionCounts(env.t.db)).toEqual(before);
  });

  it("shows refusals on the form with what was typed: a duplicate, another user's entry, no organisation", async () => {
    const first = await makeSubmitter(env.t);
    const colleague = await makeSubmitter(env.t, first.organisationId);
    await first.browser.submit(
      submitUrl(),
      submitUrl(),
      formPost({ entryId: first.entryId, ...completeForm(env.c2), intent: "submit" }),
    );
    const before = await submissionCounts(env.t.db);
    const duplicate = await colleague.browser.submit(
      submitUrl(),
      submitUrl(),
      formPost({
        entryId: colleague.entryId,
        ...completeForm(env.c2, { title: "Kept title" }),
        intent: "submit",
      }),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(text(duplicate.body)).toContain("Your organisation already has a project in this category");
    expect(duplicate.body).toContain('value="Kept title"');
    const foreign = await colleague.browser.submit(
      submitUrl(),
      submitUrl(),
      formPost({ entryId: first.entryId, ...completeForm(env.c1), intent: "draft" }),
    );
    expect(foreign.statusCode).toBe(403);
    expect(text(foreign.body)).toContain("You can only enter your own stocktaking entries");
    const loner = await signedInBrowser(env.t.app, env.t.db, await makeUser(env.t.db));
    const lonely = await loner.submit(
      submitUrl(),
      submitUrl(),
      formPost({ entryId: "1", ...completeForm(env.c1) }),
    );
    expect(lonely.statusCode).toBe(409);
    expect(text(lonely.body)).toContain("Your account is not linked to an organisation");
    expect(await submissionCounts(env.t.db)).toEqual(before);
  });

  it("after the deadline, says when the phase closed in the edition's zone and shows submissions read-only", async () => {
    const closing = await makeEdition(env.t.db, { timeZone: "Europe/Geneva" });
    const s = await makeSubmitter(env.t);
    const url = `/prizes/${closing.year}/submit`;
    const draft = await s.browser.submit(
      url,
      url,
      formPost({ entryId: s.entryId, category: env.c1, title: "Draft", intent: "draft" }),
    );
    const id = submissionIdOf(draft.headers.location);
    const csrf = await s.browser.csrfToken(url);
    await closeSubmissions(env.t.db, closing, new Date("2026-03-14T22:59:00Z"));
    const closedMessage = "The submission phase closed on 14 March 2026 at 23:59 CET (Geneva time).";
    const page = await s.browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain(closedMessage);
    expect(page.body).not.toContain('name="entryId"');
    const before = await submissionCounts(env.t.db);
    const late = await s.browser.submit(
      url,
      url,
      formPost({ entryId: s.entryId, ...completeForm(env.c2), intent: "submit" }),
      { csrf },
    );
    expect(late.statusCode).toBe(409);
    expect(text(late.body)).toContain(closedMessage);
    const lateEdit = await s.browser.submit(
      url,
      `/prizes/submissions/${id}`,
      formPost({ ...completeForm(env.c1), intent: "submit" }),
      { csrf },
    );
    expect(lateEdit.statusCode).toBe(409);
    expect(text(lateEdit.body)).toContain(closedMessage);
    expect(await submissionCounts(env.t.db)).toEqual(before);
    const view = await s.browser.get(`/prizes/submissions/${id}`);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain('name="shortDescription"');
    expect(text(view.body)).toContain("Submission deadline: 14 March 2026 at 23:59 CET (Geneva time).");
  });

  it("enters a new project: the entry goes to moderation and the submission is made, or both forms' errors show", async () => {
    const s = await makeSubmitter(env.t);
    const url = `/prizes/${env.edition.year}/submit/new`;
    const form = await s.browser.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="countries"');
    const before = await submissionCounts(env.t.db);
    const { description: _d, ...entry } = entryData({ title: "Brand new project" });
    const refused = await s.browser.submit(
      url,
      url,
      formPost({
        ...formFields(entry),
        ...completeForm(env.c1, { shortDescription: words(3) }),
        intent: "submit",
      }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="description-error"');
    expect(refused.body).toContain('id="shortDescription-error"');
    expect(await submissionCounts(env.t.db)).toEqual(before);
    const fields = {
      ...formFields(entryData({ title: "Brand new project" })),
      ...formPost(completeForm(env.c1)),
    };
    const created = await s.browser.submit(url, url, {
      ...fields,
      title: "Brand new project",
      intent: "submit",
    });
    expect(created.statusCode).toBe(303);
    const id = submissionIdOf(created.headers.location);
    const row = await env.t.db
      .selectFrom("prize_submissions")
      .innerJoin("entries", "entries.id", "prize_submissions.entry_id")
      .select(["prize_submissions.status", "prize_submissions.title", "entries.state", "entries.owner_id"])
      .where("prize_submissions.id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "submitted",
      title: "Brand new project",
      state: "submitted",
      owner_id: s.user.id,
    });
  });

  it("withdraws a submission, shows every status with the secretariat's reason, and hides others' submissions", async () => {
    const s = await makeSubmitter(env.t);
    const created = await s.browser.submit(
      submitUrl(),
      submitUrl(),
      formPost({ entryId: s.entryId, ...completeForm(env.c1), intent: "submit" }),
    );
    const id = submissionIdOf(created.headers.location);
    const withdrawn = await s.browser.submit(
      `/prizes/submissions/${id}`,
      `/prizes/submissions/${id}/withdraw`,
      {},
    );
    expect(withdrawn.statusCode).toBe(303);
    const view = await s.browser.get(`/prizes/submissions/${id}`);
    expect(text(view.body)).toContain("Your submission was withdrawn.");
    expect(text(view.body)).toContain("Withdrawn");
    await env.t.db
      .updateTable("prize_submissions")
      .set({ status: "ineligible", status_reason: "Outside the WSIS scope" })
      .where("id", "=", id)
      .execute();
    const list = await s.browser.get("/prizes/submissions");
    expect(text(list.body)).toContain("Not eligible");
    expect(text(list.body)).toContain("Reason: Outside the WSIS scope");
    const other = await makeSubmitter(env.t);
    const hidden = await other.browser.get(`/prizes/submissions/${id}`);
    expect(hidden.statusCode).toBe(404);
  });
});
