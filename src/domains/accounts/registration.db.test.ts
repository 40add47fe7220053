import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import {
  countUsers,
  GENEROUS_RATE_LIMITS,
  mailedLink,
  register,
  validRegistration,
} from "./accounts.testing.ts";

let t: TestApp;
// This file registers many accounts from one address; limits have their own file.
beforeAll(async () => {
  t = await createTestApp({ rateLimits: GENEROUS_RATE_LIMITS });
});
afterAll(async () => t?.close());

describe("registration journey", () => {
  it("registers, verifies by mailed link, signs in, shows the account, signs out and rejects the old cookie", async () => {
    const browser = new Browser(t.app);
    const form = validRegistration({ organisation: "  Journey   Foundation " });
    const registered = await register(browser, form);
    expect(registered.statusCode).toBe(303);
    expect(registered.headers.location).toBe("/register/check-email");
    const checkEmail = await browser.get("/register/check-email");
    expect(checkEmail.body).toContain("Check your email");

    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", form.email as string)
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("user");
    expect(user.email_verified_at).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const org = await t.db
      .selectFrom("organisations")
      .selectAll()
      .where("id", "=", user.organisation_id as string)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ name: "Journey Foundation", name_key: "journey foundation" });
    expect(org.stakeholder_type).toBe("civil_society");
    expect(org.country_code).toBe("KE");

    const mail = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", form.email as string)
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain("Confirm your email");
    expect(mail.text_body).toContain("Amina Diallo");
    expect(mail.text_body).toContain(`${t.config.baseUrl}/verify-email?token=`);
    const link = await mailedLink(t.db, form.email as string, "/verify-email");
    const token = new URL(link, "http://x").searchParams.get("token") as string;
    const stored = await t.db.selectFrom("one_time_tokens").selectAll().execute();
    expect(stored.some((row) => row.id === token)).toBe(false);

    // Not verified yet: the right password is met with the "confirm first" message and a resend form.
    const early = await browser.submit("/sign-in", "/sign-in", {
      email: form.email as string,
      password: form.password as string,
    });
    expect(early.statusCode).toBe(403);
    expect(early.body).toContain("Please verify your email address first");
    expect(early.body).toContain('action="/verify-email/resend"');
    expect(browser.hasCookie(SESSION_COOKIE)).toBe(false);

    const verified = await browser.get(link);
    expect(verified.statusCode).toBe(200);
    expect(verified.body).toContain("Email address confirmed");

    const signedIn = await browser.submit("/sign-in", "/sign-in", {
      email: (form.email as string).toUpperCase(),
      password: form.password as string,
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe("/account");
    const cookie = signedIn.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(cookie?.maxAge).toBe(14 * 24 * 3600);
    const oldCookie = browser.cookieHeader();

    const account = await browser.get("/account");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("Amina Diallo");
    expect(account.body).toContain(form.email);
    expect(account.body).toContain("Journey Foundation");
    expect(account.body).toContain("Civil society");
    expect(account.body).toContain("Kenya");
    expect(account.body).toContain("Yes, on");
    expect(account.body).toContain(">User<");

    const signedOut = await browser.submit("/account", "/sign-out", {});
    expect(signedOut.statusCode).toBe(303);
    expect(browser.hasCookie(SESSION_COOKIE)).toBe(false);
    expect(await t.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toEqual(
      [],
    );

    // Replaying the cookie captured before sign-out must not authenticate.
    const replay = await t.app.inject({ method: "GET", url: "/account", headers: { cookie: oldCookie } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toBe("/sign-in?next=%2Faccount");

    const actions = await t.db
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("subject_type", "=", "user")
      .where("subject_id", "=", user.id)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "user.register",
      "user.verify_email",
      "user.sign_in",
      "user.sign_out",
    ]);
    const auditText = JSON.stringify(actions);
    expect(auditText).not.toContain("argon2");
    expect(auditText).not.toContain(token);
  });

  it("joins an existing organisation whatever the case and spacing of its name", async () => {
    const browser = new Browser(t.app);
    const first = validRegistration({ organisation: "Digital Bridge Initiative" });
    expect((await register(browser, first)).statusCode).toBe(303);
    const second = validRegistration({
      organisation: "  digital   BRIDGE initiative",
      stakeholderType: "academia",
      country: "FR",
    });
    expect((await register(browser, second)).statusCode).toBe(303);
    const orgs = await t.db
      .selectFrom("organisations")
      .selectAll()
      .where("name_key", "=", "digital bridge initiative")
      .execute();
    expect(orgs).toHaveLength(1);
    expect(orgs[0]?.stakeholder_type).toBe("civil_society");
    const users = await t.db
      .selectFrom("users")
      .select(["organisation_id", "stakeholder_type", "country_code"])
      .where("email", "in", [first.email as string, second.email as string])
      .orderBy("id")
      .execute();
    expect(users[0]?.organisation_id).toBe(orgs[0]?.id);
    expect(users[1]).toMatchObject({
      organisation_id: orgs[0]?.id,
      stakeholder_type: "academia",
      country_code: "FR",
    });

    const page = await browser.get("/register");
    expect(page.body).toContain('list="organisation-suggestions"');
    expect(page.body).toContain('<option value="Digital Bridge Initiative">');
  });

  it("offers stakeholder types and countries sorted by their names", async () => {
    const page = await new Browser(t.app).get("/register");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="civil_society">Civil society</option>');
    const afghanistan = page.body.indexOf('<option value="AF">');
    const zimbabwe = page.body.indexOf('<option value="ZW">');
    expect(afghanistan).toBeGreaterThan(0);
    expect(zimbabwe).toBeGreaterThan(afghanistan);
  });
});

describe("registration refuses bad input, keeps the input and stores nothing", () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ["a bad email", { email: "not-an-email" }, "email", "Enter an email address like name@example.org"],
    ["a missing name", { name: "   " }, "name", "Enter a value"],
    ["an oversized name", { name: "n".repeat(201) }, "name", "Use at most 200 characters"],
    [
      "a short password",
      { password: "short", confirmPassword: "short" },
      "password",
      "Use at least 10 characters",
    ],
    [
      "a common password",
      { password: "password123", confirmPassword: "password123" },
      "password",
      "Choose a less common password",
    ],
    [
      "an oversized password",
      { password: "p".repeat(150) + "q".repeat(60), confirmPassword: "p".repeat(150) + "q".repeat(60) },
      "password",
      "Use at most 200 characters",
    ],
    [
      "different confirmation",
      { confirmPassword: "something else entirely" },
      "confirmPassword",
      "The passwords do not match",
    ],
    ["a missing organisation", { organisation: "" }, "organisation", "Enter a value"],
    [
      "an oversized organisation",
      { organisation: "o".repeat(301) },
      "organisation",
      "Use at most 300 characters",
    ],
    [
      "an unknown stakeholder type",
      { stakeholderType: "pirates" },
      "stakeholderType",
      "Choose a value from the list",
    ],
    ["a missing stakeholder type", { stakeholderType: "" }, "stakeholderType", "Enter a value"],
    ["an unknown country", { country: "XX" }, "country", "Choose a value from the list"],
    ["a control character in the name", { name: "Bad\u0000Name" }, "name", "This value is not valid"],
  ];

  it.each(cases)("%s", async (label, overrides, field, message) => {
    const browser = new Browser(t.app);
    const form = validRegistration({ organisation: `Organisation for ${label}`, ...overrides });
    const response = await register(browser, form);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain(message);
    expect(response.body).toMatch(
      new RegExp(`id="field-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-${field}"`),
    );
    expect(response.body).toContain(`id="${field}-error"`);
    expect(response.body).toContain('class="error-summary"');
    // The password is never sent back; other input is kept.
    expect(response.body).not.toContain(`value="${form.password}"`);
    expect(response.body).not.toMatch(/type="password"[^>]*value=/);
    if (field !== "email") expect(response.body).toContain(`value="${form.email}"`);
    expect(await countUsers(t.db, form.email as string)).toBe(0);
    const orgs = await t.db
      .selectFrom("organisations")
      .select("id")
      .where("name", "=", form.organisation as string)
      .execute();
    expect(orgs).toEqual([]);
  });

  it("stores HTML in the name as typed and escapes it on output", async () => {
    const browser = new Browser(t.app);
    const name = `<script>alert("x")</script><b>Bold</b>`;
    const form = validRegistration({ name, organisation: "<img src=x onerror=alert(1)> Org" });
    const bad = await register(browser, { ...form, country: "XX" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain("<script>alert");
    expect(bad.body).toContain("&lt;script>alert");
    expect(bad.body).not.toContain("<img src=x");

    expect((await register(browser, form)).statusCode).toBe(303);
    const user = await t.db
      .selectFrom("users")
      .select("name")
      .where("email", "=", form.email as string)
      .executeTakeFirstOrThrow();
    expect(user.name).toBe(name);
    await browser.get(await mailedLink(t.db, form.email as string, "/verify-email"));
    await browser.submit("/sign-in", "/sign-in", {
      email: form.email as string,
      password: form.password as string,
    });
    const account = await browser.get("/account");
    expect(account.statusCode).toBe(200);
    expect(account.body).not.toContain("<script>alert");
    expect(account.body).not.toContain("<b>Bold</b>");
    expect(account.body).toContain("&lt;b>Bold&lt;/b>");
    expect(account.body).not.toContain("<img src=x");
  });

  it("refuses a duplicate email whatever its case", async () => {
    const browser = new Browser(t.app);
    const form = validRegistration();
    expect((await register(browser, form)).statusCode).toBe(303);
    const again = validRegistration({ email: (form.email as string).toUpperCase(), name: "Someone Else" });
    const response = await register(browser, again);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("An account with this email already exists");
    expect(response.body).toContain('value="Someone Else"');
    expect(await countUsers(t.db, form.email as string)).toBe(1);
  });

  it("lets only one of two simultaneous registrations with the same address through", async () => {
    const form = validRegistration({ organisation: "Simultaneous Start-up" });
    const [a, b] = await Promise.all([
      register(new Browser(t.app), form),
      register(new Browser(t.app), { ...form, email: (form.email as string).toUpperCase() }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 400]);
    expect((a.statusCode === 400 ? a : b).body).toContain("An account with this email already exists");
    expect(await countUsers(t.db, form.email as string)).toBe(1);
    const orgs = await t.db
      .selectFrom("organisations")
      .select("id")
      .where("name_key", "=", "simultaneous start-up")
      .execute();
    expect(orgs).toHaveLength(1);
  });

  it("refuses a form without its CSRF token", async () => {
    const browser = new Browser(t.app);
    const form = validRegistration();
    const response = await browser.submit("/register", "/register", form, { csrf: null });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain("The form has expired");
    expect(await countUsers(t.db, form.email as string)).toBe(0);
  });

  it("does not break on repeated or unexpected fields", async () => {
    const browser = new Browser(t.app);
    const form = validRegistration();
    const response = await browser.submit("/register", "/register", {
      ...form,
      country: ["KE", "FR"],
      extra: "x",
    });
    expect(response.statusCode).toBe(303);
  });
});
