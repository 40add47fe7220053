import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { expectFieldError } from "../prizes/review-http.testing.ts";
import { makeForumEdition, type TestForumEdition } from "./forum.testing.ts";
import { makeOrganisationMember, setRegistrationWindow } from "./registration.testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const registrations = (edition: TestForumEdition) =>
  t.db
    .selectFrom("forum_registrations")
    .select(["user_id", "attendance", "accreditation", "status", "interest"])
    .where("edition_id", "=", edition.id)
    .execute();

async function openEdition(days: Parameters<typeof setRegistrationWindow>[2] = {}) {
  const edition = await makeForumEdition(t.db);
  await setRegistrationWindow(t.db, edition, days);
  return edition;
}

async function participant(stakeholderType = "civil_society"): Promise<{ browser: Browser; id: string }> {
  const { user } = await makeOrganisationMember(t.db, stakeholderType, makeUser);
  return { browser: await signedInBrowser(t.app, t.db, user), id: user.id };
}

const registerUrl = (edition: TestForumEdition) => `/forum/${edition.year}/register`;
const apiUrl = (edition: TestForumEdition) => `/api/v1/forum/editions/${edition.year}/registration`;

describe("registering for the Forum (pages)", () => {
  it("confirms a remote registration at once, audited, and shows it on my registration page", async () => {
    const edition = await openEdition();
    const { browser, id } = await participant();
    const form = await browser.get(registerUrl(edition));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Expression of interest");
    const response = await browser.submit(registerUrl(edition), registerUrl(edition), {
      attendance: "remote",
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/forum/my-registration");
    expect(await registrations(edition)).toEqual([
      { user_id: id, attendance: "remote", accreditation: "none", status: "confirmed", interest: "" },
    ]);
    const audit = await t.db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "forum.register")
      .where("actor_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ edition: edition.year, attendance: "remote", status: "confirmed" });
    const mine = await browser.get("/forum/my-registration");
    expect(mine.body).toContain("You are registered: your registration is confirmed.");
    expect(mine.body).toContain(`WSIS Forum ${edition.year}`);
    expect(mine.body).not.toContain("badge.pdf");
  });

  it("accredits government and international organisations automatically, and keeps others pending with their expression of interest", async () => {
    const edition = await openEdition();
    const government = await participant("government");
    const page = await government.browser.get(registerUrl(edition));
    expect(page.body).toContain("is accredited automatically");
    await government.browser.submit(registerUrl(edition), registerUrl(edition), { attendance: "onsite" });
    const civil = await participant("civil_society");
    const sent = await civil.browser.submit(registerUrl(edition), registerUrl(edition), {
      attendance: "onsite",
      interest: "  We present our community network project.  ",
    });
    expect(sent.statusCode).toBe(303);
    const rows = await registrations(edition);
    expect(rows.find((row) => row.user_id === government.id)).toMatchObject({
      accreditation: "automatic",
      status: "confirmed",
    });
    expect(rows.find((row) => row.user_id === civil.id)).toMatchObject({
      accreditation: "requested",
      status: "pending",
      interest: "We present our community network project.",
    });
    const mine = await civil.browser.get("/forum/my-registration");
    expect(mine.body).toContain("Awaiting a decision");
  });

  it("asks for the expression of interest and a valid attendance next to the fields, storing nothing", async () => {
    const edition = await openEdition();
    const { browser } = await participant();
    expectFieldError(
      await browser.submit(registerUrl(edition), registerUrl(edition), {
        attendance: "onsite",
        interest: " ",
      }),
      "interest",
      "required",
    );
    expectFieldError(
      await browser.submit(registerUrl(edition), registerUrl(edition), { attendance: "" }),
      "attendance",
      "required",
    );
    expectFieldError(
      await browser.submit(registerUrl(edition), registerUrl(edition), { attendance: "in-orbit" }),
      "attendance",
      "invalid_value",
    );
    expectFieldError(
      await browser.submit(registerUrl(edition), registerUrl(edition), {
        attendance: "onsite",
        interest: "x".repeat(2001),
      }),
      "interest",
      "too_long",
      { max: 2000 },
    );
    expect(await registrations(edition)).toEqual([]);
  });

  it("refuses a registration after the close and before the opening, saying the date in the venue's zone", async () => {
    const closed = await openEdition({ opens: -20, closes: -1, deadline: -5 });
    const { browser } = await participant();
    const page = await browser.get(registerUrl(closed));
    expect(page.body).toContain("Registration closed on");
    expect(page.body).not.toContain('name="attendance"');
    const late = await browser.api("POST", apiUrl(closed), { attendance: "remote" });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("forum_registration_closed");
    const early = await openEdition({ opens: 2, closes: 20 });
    const soon = await browser.api("POST", apiUrl(early), { attendance: "remote" });
    expect(soon.statusCode).toBe(409);
    expect(soon.json().code).toBe("forum_registration_not_open");
    expect(soon.json().detail ?? soon.json().title).toMatch(/Zurich/);
    expect([...(await registrations(closed)), ...(await registrations(early))]).toEqual([]);
  });

  it("refuses an expression of interest after the accreditation deadline, but still takes remote and automatic onsite registrations", async () => {
    const edition = await openEdition({ opens: -10, closes: 10, deadline: -1 });
    const civil = await participant();
    const refused = await civil.browser.submit(registerUrl(edition), registerUrl(edition), {
      attendance: "onsite",
      interest: "Please let us in.",
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("Expressions of interest for onsite attendance closed on");
    expect(await registrations(edition)).toEqual([]);
    const remote = await civil.browser.submit(registerUrl(edition), registerUrl(edition), {
      attendance: "remote",
    });
    expect(remote.statusCode).toBe(303);
    const government = await participant("government");
    const onsite = await government.browser.api("POST", apiUrl(edition), { attendance: "onsite" });
    expect(onsite.statusCode).toBe(201);
    expect(onsite.json()).toMatchObject({ status: "confirmed", accreditation: "automatic" });
  });
});

describe("registerForForum (API)", () => {
  it("registers once per key: a retry with the same Idempotency-Key replays, another registration is 409 forum_already_registered", async () => {
    const edition = await openEdition();
    const { browser } = await participant();
    const headers = { "idempotency-key": "forum-register-0001" };
    const first = await browser.api(
      "POST",
      apiUrl(edition),
      { attendance: "onsite", interest: "Panel speaker." },
      headers,
    );
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      year: edition.year,
      attendance: "onsite",
      status: "pending",
      accreditation: "requested",
    });
    const again = await browser.api(
      "POST",
      apiUrl(edition),
      { attendance: "onsite", interest: "Panel speaker." },
      headers,
    );
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    const other = await browser.api("POST", apiUrl(edition), { attendance: "remote" });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe("forum_already_registered");
    expect(await registrations(edition)).toHaveLength(1);
  });

  it("answers problem+json for bad input: a missing body field, an unknown attendance, an unknown edition", async () => {
    const edition = await openEdition();
    const { browser } = await participant();
    const missing = await browser.api("POST", apiUrl(edition), {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe("validation_failed");
    const unknown = await browser.api("POST", apiUrl(edition), { attendance: "sometimes" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fieldErrors ?? unknown.json().errors).toBeDefined();
    const nowhere = await browser.api("POST", "/api/v1/forum/editions/1999/registration", {
      attendance: "remote",
    });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().code).toBe("forum_edition_not_found");
    expect(await registrations(edition)).toEqual([]);
  });

  it("lets a cancelled registrant register again, and a visitor who is not signed in is asked to sign in", async () => {
    const edition = await openEdition();
    const { browser } = await participant();
    await browser.api("POST", apiUrl(edition), { attendance: "remote" });
    const cancelled = await browser.submit(
      "/forum/my-registration",
      `/forum/${edition.year}/registration/cancel`,
      {},
    );
    expect(cancelled.statusCode).toBe(303);
    expect((await registrations(edition))[0]?.status).toBe("cancelled");
    const twice = await browser.submit(
      "/forum/my-registration",
      `/forum/${edition.year}/registration/cancel`,
      {},
      { csrf: await browser.csrfToken(registerUrl(edition)) },
    );
    expect(twice.statusCode).toBe(404);
    const again = await browser.api("POST", apiUrl(edition), { attendance: "remote" });
    expect(again.statusCode).toBe(201);
    expect((await registrations(edition))[0]?.status).toBe("confirmed");
    const anonymous = await t.app.inject({ method: "GET", url: registerUrl(edition) });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain("/sign-in");
  });
});
