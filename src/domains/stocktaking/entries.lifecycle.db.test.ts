import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryData } from "../../testing/entry-factory.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { entryRow, formFields } from "./entries.testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const idFrom = (location: unknown): string => {
  const match = String(location).match(/^\/entries\/(\d+)$/);
  if (!match?.[1]) throw new Error(`unexpected redirect ${String(location)}`);
  return match[1];
};

describe("an entry's whole life: draft, review, return, publication, new revision", () => {
  it("goes from draft to a published second revision, with history and decision mails", async () => {
    const org = await t.db
      .insertInto("organisations")
      .values({
        name: "Kenya ICT Action Network",
        name_key: "kenya ict action network",
        stakeholder_type: "civil_society",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ownerUser = await makeUser(t.db, { name: "Wanjiru Kamau" });
    await t.db.updateTable("users").set({ organisation_id: org.id }).where("id", "=", ownerUser.id).execute();
    const owner = await signedInBrowser(t.app, t.db, ownerUser);
    const moderator = await signedInBrowser(
      t.app,
      t.db,
      await makeUser(t.db, { role: "moderator", name: "Mo Derator" }),
    );
    const visitor = new Browser(t.app);

    // The form starts with the user's organisation and offers every field.
    const form = await owner.get("/entries/new");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Kenya ICT Action Network"');
    for (const name of [
      "title",
      "description",
      "language",
      "organisationName",
      "stakeholderType",
      "startDate",
      "endDate",
      "website",
      "contactName",
      "contactEmail",
    ]) {
      expect(form.body).toContain(`id="field-${name}"`);
    }
    for (const value of [
      'name="countries" value="KE"',
      'name="actionLines" value="C7-ehealth"',
      'name="sdgs" value="17"',
      'name="targetGroups" value="youth"',
      'name="coverage" value="international"',
      'name="projectStatus" value="completed"',
    ]) {
      expect(form.body).toContain(value);
    }
    expect(form.body).toMatch(/<legend>C7 ICT applications<\/legend>/);
    expect(form.body).toMatch(/name="idempotencyKey" value="[A-Za-z0-9_-]{20,}"/);

    // 1. A draft with only a title.
    const draft = await owner.submit("/entries/new", "/entries", {
      title: "Mobile health clinics",
      intent: "draft",
    });
    expect(draft.statusCode).toBe(303);
    const id = idFrom(draft.headers.location);
    expect((await entryRow(t.db, id)).state).toBe("draft");
    expect((await visitor.get(`/entries/${id}`)).statusCode).toBe(404);
    const ownView = await owner.get(`/entries/${id}`);
    expect(ownView.statusCode).toBe(200);
    expect(ownView.body).toContain("This entry is not public");

    // 2. Completed and submitted from the edit form.
    const first = entryData({
      title: "Mobile health clinics",
      website: null,
      countries: ["KE", "TZ"],
      actionLines: ["C7-ehealth"],
      sdgs: [3],
    });
    const submitted = await owner.submit(`/entries/${id}/edit`, `/entries/${id}`, {
      ...formFields(first),
      intent: "submit",
    });
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe("/my/entries");
    expect((await entryRow(t.db, id)).state).toBe("submitted");
    const mine = await owner.get("/my/entries");
    expect(mine.body).toContain("Mobile health clinics");
    expect(mine.body).toContain("Awaiting review");

    // 3. The moderator returns it with a comment; the owner is told by mail.
    const queue = await moderator.get("/moderation");
    expect(queue.body).toContain(`/moderation/entries/${id}`);
    const returned = await moderator.submit(`/moderation/entries/${id}`, `/moderation/entries/${id}`, {
      decision: "return",
      comment: "Please add the project website.",
    });
    expect(returned.statusCode).toBe(303);
    expect((await entryRow(t.db, id)).state).toBe("returned");
    const returnMail = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", ownerUser.email)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(returnMail.subject).toBe("Changes requested: Mobile health clinics");
    expect(returnMail.text_body).toContain("Please add the project website.");
    expect(returnMail.text_body).toContain(`${t.config.baseUrl}/entries/${id}`);

    // 4. The owner sees the comment, edits (state stays "returned") and resubmits.
    const edit = await owner.get(`/entries/${id}/edit`);
    expect(edit.body).toContain("Please add the project website.");
    const edited = await owner.submit(`/entries/${id}/edit`, `/entries/${id}`, {
      ...formFields({ ...first, website: "https://clinics.example.org" }),
      intent: "draft",
    });
    expect(edited.statusCode).toBe(303);
    expect((await entryRow(t.db, id)).state).toBe("returned");
    const resubmitted = await owner.submit("/my/entries", `/entries/${id}/submit`, {});
    expect(resubmitted.statusCode).toBe(303);
    expect((await entryRow(t.db, id)).state).toBe("submitted");

    // 5. Published: the public sees it and search columns hold its fields.
    const published = await moderator.submit(`/moderation/entries/${id}`, `/moderation/entries/${id}`, {
      decision: "publish",
      comment: "",
    });
    expect(published.statusCode).toBe(303);
    const afterPublish = await entryRow(t.db, id);
    expect(afterPublish).toMatchObject({
      state: "published",
      title: "Mobile health clinics",
      regions: ["AFR"],
      start_year: 2021,
    });
    expect(afterPublish.published_revision_id).toBe(afterPublish.latest_revision_id);
    const publicPage = await visitor.get(`/entries/${id}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('<h1 dir="auto">Mobile health clinics</h1>');

    // 6. The owner edits the published entry: the public keeps seeing revision 3.
    const second = {
      ...first,
      website: "https://clinics.example.org",
      title: "Mobile health clinics in East Africa",
      countries: ["KE", "UG"],
    };
    const revised = await owner.submit(`/entries/${id}/edit`, `/entries/${id}`, {
      ...formFields(second),
      intent: "submit",
    });
    expect(revised.statusCode).toBe(303);
    const pending = await entryRow(t.db, id);
    expect(pending).toMatchObject({
      state: "submitted",
      title: "Mobile health clinics",
      countries: ["KE", "TZ"],
    });
    expect(pending.published_revision_id).toBe(afterPublish.published_revision_id);
    const stillOld = await visitor.get(`/entries/${id}`);
    expect(stillOld.body).toContain('<h1 dir="auto">Mobile health clinics</h1>');
    expect(stillOld.body).not.toContain("East Africa");
    expect((await visitor.api("GET", `/api/v1/entries/${id}`)).json()).toMatchObject({
      title: "Mobile health clinics",
      pendingRevision: null,
    });
    const ownerSees = await owner.get(`/entries/${id}`);
    expect(ownerSees.body).toContain("There is a newer revision (4, state: Awaiting review)");
    const ownerApi = (await owner.api("GET", `/api/v1/entries/${id}`)).json();
    expect(ownerApi).toMatchObject({
      title: "Mobile health clinics",
      pendingRevision: { revisionNumber: 4, title: "Mobile health clinics in East Africa" },
    });
    const mineNow = await owner.get("/my/entries");
    expect(mineNow.body).toContain("(revision 3 is public)");
    expect(mineNow.body).toContain("New revision 4:");

    // The moderator reviews the change against the public revision.
    const review = await moderator.get(`/moderation/entries/${id}`);
    expect(review.body).toContain("Changes from the public revision 3 to revision 4");
    expect(review.body).toMatch(
      /class="diff-old"><span class="diff-marker">removed:<\/span> Mobile health clinics<\/del>/,
    );
    expect(review.body).toMatch(
      /class="diff-new"><span class="diff-marker">added:<\/span> Mobile health clinics in East Africa<\/ins>/,
    );
    expect(review.body).toContain("Returned for changes");

    // 7. The revision is published and replaces the public version.
    await moderator.submit(`/moderation/entries/${id}`, `/moderation/entries/${id}`, {
      decision: "publish",
      comment: "",
    });
    const final = await entryRow(t.db, id);
    expect(final).toMatchObject({
      state: "published",
      title: "Mobile health clinics in East Africa",
      countries: ["KE", "UG"],
    });
    const newPublic = await visitor.get(`/entries/${id}`);
    expect(newPublic.body).toContain('<h1 dir="auto">Mobile health clinics in East Africa</h1>');
    expect(newPublic.body).toContain('href="/entries?country=UG"');

    // 8. History lists the four revisions, each with its author and diff.
    const history = await owner.get(`/entries/${id}/history`);
    expect(history.statusCode).toBe(200);
    for (const n of [1, 2, 3, 4]) expect(history.body).toContain(`Revision ${n}</h3>`);
    expect(history.body).toContain("Saved by Wanjiru Kamau");
    expect(history.body).toMatch(/removed:<\/span> Mobile health clinics<\/del>/);
    expect(history.body).toMatch(/added:<\/span> Mobile health clinics in East Africa<\/ins>/);
    expect(history.body).toMatch(/removed:<\/span> (the )?United Republic of Tanzania/);
    expect(history.body).toMatch(/added:<\/span> https:\/\/clinics.example.org/);
    expect((await moderator.get(`/entries/${id}/history`)).statusCode).toBe(200);

    // Every decision was mailed to the owner, and every transition audited.
    const mails = await t.db
      .selectFrom("outbox")
      .select("subject")
      .where("to_address", "=", ownerUser.email)
      .orderBy("id")
      .execute();
    expect(mails.map((mail) => mail.subject)).toEqual([
      "Changes requested: Mobile health clinics",
      "Published: Mobile health clinics",
      "Published: Mobile health clinics in East Africa",
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("subject_type", "=", "entry")
      .where("subject_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((row) => row.action)).toEqual([
      "entry.create",
      "entry.update",
      "entry.submit",
      "entry.return",
      "entry.update",
      "entry.submit",
      "entry.publish",
      "entry.update",
      "entry.submit",
      "entry.publish",
    ]);
    expect(audit[3]).toMatchObject({ before: { state: "submitted" }, after: { state: "returned" } });
    expect(audit[7]).toMatchObject({
      before: { state: "published", revision: 3 },
      after: { state: "draft", revision: 4 },
    });
  });
});

describe("entry page", () => {
  it("shows every field, names for codes, and links back to the filtered search", async () => {
    const ownerUser = await makeUser(t.db);
    const owner = await signedInBrowser(t.app, t.db, ownerUser);
    const data = entryData({
      title: "Smart farming alerts",
      actionLines: ["C1", "C7-eagri"],
      sdgs: [2, 13],
      countries: ["KE"],
      stakeholderType: "government",
      targetGroups: ["youth", "rural_remote"],
      projectStatus: "ongoing",
      startDate: "2021-06-01",
      endDate: "2024-12-31",
    });
    const created = await owner.api("POST", "/api/v1/entries", { ...data, submit: true });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const moderator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
    expect(
      (await moderator.api("POST", `/api/v1/entries/${id}/moderation`, { decision: "publish" })).statusCode,
    ).toBe(200);

    const page = await new Browser(t.app).get(`/entries/${id}`);
    expect(page.statusCode).toBe(200);
    for (const href of [
      "/entries?actionLine=C1",
      "/entries?actionLine=C7-eagri",
      "/entries?sdg=2",
      "/entries?sdg=13",
      "/entries?country=KE",
      "/entries?region=AFR",
      "/entries?stakeholderType=government",
      "/entries?targetGroup=youth",
      "/entries?targetGroup=rural_remote",
      "/entries?status=ongoing",
      "/entries?year=2021",
    ]) {
      expect(page.body).toContain(`href="${href}"`);
    }
    for (const text of [
      "Smart farming alerts",
      "C7-eagri ICT applications: E-agriculture",
      "SDG 13: Climate action",
      "Kenya",
      "Africa",
      "Government",
      "Youth",
      "Ongoing",
      "National",
      "English",
      "Digital Inclusion Network",
      data.description,
      'href="https://example.org/skills"',
      "amina@example.org",
      "Amina Odhiambo",
    ]) {
      expect(page.body).toContain(text);
    }
  });
});
