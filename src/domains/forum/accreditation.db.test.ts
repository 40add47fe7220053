import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { expectFieldError } from "../prizes/review-http.testing.ts";
import { makeForumEdition, type TestForumEdition } from "./forum.testing.ts";
import {
  makeForumRegistration,
  makeOrganisationMember,
  setRegistrationWindow,
} from "./registration.testing.ts";

let t: TestApp;
let secretariat: Browser;
beforeAll(async () => {
  t = await createTestApp();
  secretariat = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
});
afterAll(async () => t?.close());

const pageUrl = (edition: TestForumEdition) => `/forum/${edition.year}/secretariat/registrations`;
const decide = (browser: Browser, edition: TestForumEdition, id: string, fields: Record<string, string>) =>
  browser.submit(pageUrl(edition), `${pageUrl(edition)}/${id}/decision`, fields);
const statusOf = async (id: string) =>
  await t.db
    .selectFrom("forum_registrations")
    .select(["status", "accreditation", "decision_reason"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

async function pendingRequest(edition: TestForumEdition) {
  const member = await makeOrganisationMember(t.db, "academia", makeUser);
  const id = await makeForumRegistration(t.db, edition, member.user.id, {
    status: "pending",
    organisationId: member.organisationId,
  });
  return { ...member, registrationId: id };
}

async function edition() {
  const made = await makeForumEdition(t.db);
  await setRegistrationWindow(t.db, made);
  return made;
}

describe("accreditation decisions", () => {
  it("lets the secretariat approve, audited and mailed, and refuses deciding twice", async () => {
    const forum = await edition();
    const request = await pendingRequest(forum);
    const page = await secretariat.get(pageUrl(forum));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Awaiting a decision (1)");
    const approved = await decide(secretariat, forum, request.registrationId, { decision: "approve" });
    expect(approved.statusCode).toBe(303);
    expect(await statusOf(request.registrationId)).toMatchObject({
      status: "confirmed",
      accreditation: "approved",
    });
    const mail = await t.db
      .selectFrom("outbox")
      .select(["subject", "text_body"])
      .where("to_address", "=", request.user.email)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain("is approved");
    const audits = await t.db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_id", "=", request.registrationId)
      .where("action", "=", "forum.accreditation_approve")
      .execute();
    expect(audits).toHaveLength(1);
    const twice = await decide(secretariat, forum, request.registrationId, {
      decision: "decline",
      reason: "Late",
    });
    expect(twice.statusCode).toBe(409);
  });

  it("needs a reason to decline, shown next to that request's box, and sends the reason", async () => {
    const forum = await edition();
    const request = await pendingRequest(forum);
    const missing = await decide(secretariat, forum, request.registrationId, {
      decision: "decline",
      reason: "  ",
    });
    expectFieldError(missing, `reason-${request.registrationId}`, "required");
    expect((await statusOf(request.registrationId)).status).toBe("pending");
    // A forged decision (the page only sends approve/decline): refused in the error summary.
    const forged = await decide(secretariat, forum, request.registrationId, { decision: "maybe" });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain("This value is not valid");
    const declined = await decide(secretariat, forum, request.registrationId, {
      decision: "decline",
      reason: "The room allocation for academia is full.",
    });
    expect(declined.statusCode).toBe(303);
    expect(await statusOf(request.registrationId)).toMatchObject({
      status: "declined",
      decision_reason: "The room allocation for academia is full.",
    });
    const mail = await t.db
      .selectFrom("outbox")
      .select("text_body")
      .where("to_address", "=", request.user.email)
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain("The room allocation for academia is full.");
  });

  it("lets a focal point decide their own organisation's requests only", async () => {
    const forum = await edition();
    const own = await pendingRequest(forum);
    const other = await pendingRequest(forum);
    const focal = await makeUser(t.db);
    await t.db
      .updateTable("users")
      .set({ organisation_id: own.organisationId })
      .where("id", "=", focal.id)
      .execute();
    const named = await secretariat.submit(pageUrl(forum), `${pageUrl(forum)}/focal-points`, {
      email: focal.email.toUpperCase(),
    });
    expect(named.statusCode).toBe(303);
    const browser = await signedInBrowser(t.app, t.db, focal);
    const page = await browser.get(pageUrl(forum));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(own.user.email);
    expect(page.body).not.toContain(other.user.email);
    expect(page.body).not.toContain("focal-points");
    const refused = await decide(browser, forum, other.registrationId, { decision: "approve" });
    expect(refused.statusCode).toBe(403);
    expect((await statusOf(other.registrationId)).status).toBe("pending");
    expect((await decide(browser, forum, own.registrationId, { decision: "approve" })).statusCode).toBe(303);
    expect((await statusOf(own.registrationId)).status).toBe("confirmed");
    const stranger = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await stranger.get(pageUrl(forum))).statusCode).toBe(403);
  });

  it("names focal points by email: an unknown account, one without an organisation and a second naming are refused next to the field", async () => {
    const forum = await edition();
    const name = (email: string) =>
      secretariat.submit(pageUrl(forum), `${pageUrl(forum)}/focal-points`, { email });
    expectFieldError(await name("nobody@example.org"), "email", "no_such_account");
    expectFieldError(await name("not an email"), "email", "invalid_email");
    const loner = await makeUser(t.db);
    expectFieldError(await name(loner.email), "email", "no_organisation");
    const member = await makeOrganisationMember(t.db, "private_sector", makeUser);
    expect((await name(member.user.email)).statusCode).toBe(303);
    expectFieldError(await name(member.user.email), "email", "duplicate");
    const removed = await secretariat.submit(pageUrl(forum), `${pageUrl(forum)}/focal-points/remove`, {
      userId: member.user.id,
      organisationId: member.organisationId,
    });
    expect(removed.statusCode).toBe(303);
    const again = await secretariat.submit(pageUrl(forum), `${pageUrl(forum)}/focal-points/remove`, {
      userId: member.user.id,
      organisationId: member.organisationId,
    });
    expect(again.statusCode).toBe(404);
  });
});
