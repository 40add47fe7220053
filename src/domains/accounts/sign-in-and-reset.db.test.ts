import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../platform/auth/passwords.ts";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { makeUser, TEST_PASSWORD } from "../../testing/factories.ts";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import { mailedLink } from "./accounts.testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimits: { signIn: 1000, register: 1000, reset: 1000, windowMs: 60_000 } });
});
afterAll(async () => t?.close());

async function signedIn(email: string, password = TEST_PASSWORD): Promise<Browser> {
  const browser = new Browser(t.app);
  const response = await browser.submit("/sign-in", "/sign-in", { email, password });
  expect(response.statusCode).toBe(303);
  return browser;
}

async function sessionCount(userId: string): Promise<number> {
  const rows = await t.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
  return rows.length;
}

describe("sign in", () => {
  it("gives the same answer for a wrong password and an unknown address", async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(t.app);
    const wrong = await browser.submit("/sign-in", "/sign-in", {
      email: user.email,
      password: "wrong password here",
    });
    const unknown = await browser.submit("/sign-in", "/sign-in", {
      email: "nobody-here@example.org",
      password: "wrong password here",
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain("The email or password is not right.");
      expect(response.body).toContain('role="alert"');
      expect(response.body).not.toContain("wrong password here");
    }
    expect(wrong.body).toContain(`value="${user.email}"`);
    expect(browser.hasCookie(SESSION_COOKIE)).toBe(false);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("asks for both fields and a real address", async () => {
    const browser = new Browser(t.app);
    const empty = await browser.submit("/sign-in", "/sign-in", { email: "", password: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/id="field-email"[^>]*aria-invalid="true"/);
    expect(empty.body).toMatch(/id="field-password"[^>]*aria-invalid="true"/);
    const bad = await browser.submit("/sign-in", "/sign-in", { email: "not an email", password: "x" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Enter an email address like name@example.org");
  });

  it.each([
    ["/entries?q=water", "/entries?q=water"],
    ["//evil.example/steal", "/account"],
    ["https://evil.example/", "/account"],
    ["/\\evil.example", "/account"],
    ["javascript:alert(1)", "/account"],
  ])("returns to next=%s only when it is a same-site path", async (next, expected) => {
    const user = await makeUser(t.db);
    const browser = new Browser(t.app);
    const form = await browser.get(`/sign-in?next=${encodeURIComponent(next)}`);
    if (expected === next) expect(form.body).toContain(`name="next" value="${next}"`);
    else expect(form.body).not.toContain('name="next"');
    const response = await browser.submit("/sign-in", "/sign-in", {
      email: user.email,
      password: TEST_PASSWORD,
      next,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(expected);
  });

  it("sends anonymous visitors of the account page to sign in and back", async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(t.app);
    const anonymous = await browser.get("/account");
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe("/sign-in?next=%2Faccount");
    const form = await browser.get(anonymous.headers.location as string);
    expect(form.body).toContain('name="next" value="/account"');
    const response = await browser.submit(anonymous.headers.location as string, "/sign-in", {
      email: user.email,
      password: TEST_PASSWORD,
      next: "/account",
    });
    expect(response.headers.location).toBe("/account");
    const account = await browser.get("/account");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("You are signed in.");
  });

  it("replaces the browser's previous session instead of keeping it", async () => {
    const user = await makeUser(t.db);
    const browser = await signedIn(user.email);
    const first = browser.cookieHeader();
    await browser.submit("/sign-in", "/sign-in", { email: user.email, password: TEST_PASSWORD });
    expect(await sessionCount(user.id)).toBe(1);
    const replay = await t.app.inject({ method: "GET", url: "/account", headers: { cookie: first } });
    expect(replay.statusCode).toBe(303);
  });

  it("signs out only with a valid CSRF token, and tolerates signing out twice", async () => {
    const user = await makeUser(t.db);
    const browser = await signedIn(user.email);
    const forged = await browser.submit("/account", "/sign-out", {}, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect((await browser.get("/account")).statusCode).toBe(200);
    expect((await browser.submit("/account", "/sign-out", {})).statusCode).toBe(303);
    const again = await browser.submit("/sign-in", "/sign-out", {});
    expect(again.statusCode).toBe(303);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it("shows the account of moderators and accounts without organisation", async () => {
    const user = await makeUser(t.db, { role: "moderator", name: "Mo Derator" });
    const browser = await signedIn(user.email);
    const page = await browser.get("/account");
    expect(page.body).toContain(">Moderator<");
    expect(page.body).toContain("Not given");
  });
});

describe("forgotten password", () => {
  it("resets by mailed link, ends every session and retires the link", async () => {
    const user = await makeUser(t.db);
    const laptop = await signedIn(user.email);
    const phone = await signedIn(user.email);
    expect(await sessionCount(user.id)).toBe(2);
    const oldCookie = laptop.cookieHeader();

    const browser = new Browser(t.app);
    const requested = await browser.submit("/forgot-password", "/forgot-password", {
      email: user.email.toUpperCase(),
    });
    expect(requested.statusCode).toBe(303);
    expect(requested.headers.location).toBe("/forgot-password/sent");
    expect((await browser.get("/forgot-password/sent")).body).toContain("If an account uses that address");
    const mail = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", user.email)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe("Reset your WSIS Platform password");
    expect(mail.text_body).toContain(user.name);
    const link = await mailedLink(t.db, user.email, "/reset-password");
    const token = new URL(link, "http://x").searchParams.get("token") as string;

    const form = await browser.get(link);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="token" value="${token}"`);

    const weak = await browser.submit(link, "/reset-password", {
      token,
      password: "short",
      confirmPassword: "short",
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain("Use at least 10 characters");
    expect(weak.body).toMatch(/id="field-password"[^>]*aria-invalid="true"/);
    const differ = await browser.submit(link, "/reset-password", {
      token,
      password: "brand new river stones",
      confirmPassword: "brand new river stone",
    });
    expect(differ.statusCode).toBe(400);
    expect(differ.body).toContain("The passwords do not match");
    expect(await sessionCount(user.id)).toBe(2);

    const done = await browser.submit(link, "/reset-password", {
      token,
      password: "brand new river stones",
      confirmPassword: "brand new river stones",
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/sign-in");
    expect(await sessionCount(user.id)).toBe(0);
    for (const cookie of [oldCookie, phone.cookieHeader()]) {
      const replay = await t.app.inject({ method: "GET", url: "/account", headers: { cookie } });
      expect(replay.statusCode).toBe(303);
    }
    const row = await t.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, "brand new river stones")).toBe(true);
    expect(await verifyPassword(row.password_hash, TEST_PASSWORD)).toBe(false);
    const old = await new Browser(t.app).submit("/sign-in", "/sign-in", {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(old.statusCode).toBe(401);
    await signedIn(user.email, "brand new river stones");

    const reusedGet = await browser.get(link);
    expect(reusedGet.statusCode).toBe(410);
    expect(reusedGet.body).toContain("This link has already been used.");
    const reusedPost = await browser.submit("/forgot-password", "/reset-password", {
      token,
      password: "another fresh password",
      confirmPassword: "another fresh password",
    });
    expect(reusedPost.statusCode).toBe(410);

    const audit = await t.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("subject_id", "=", user.id)
      .where("action", "like", "user.password_reset%")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.password_reset_request", "user.password_reset"]);
    expect(audit[1]?.after).toEqual({ sessionsEnded: 2 });
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const browser = new Browser(t.app);
    const response = await browser.submit("/forgot-password", "/forgot-password", {
      email: "ghost@example.org",
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/forgot-password/sent");
    const mails = await t.db
      .selectFrom("outbox")
      .select("id")
      .where("to_address", "=", "ghost@example.org")
      .execute();
    expect(mails).toEqual([]);
  });

  it("asks for a real address", async () => {
    const response = await new Browser(t.app).submit("/forgot-password", "/forgot-password", {
      email: "ghost",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('value="ghost"');
    expect(response.body).toMatch(/id="field-email"[^>]*aria-invalid="true"/);
  });

  it("refuses an expired link on the form and on submission, keeping the password", async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(t.app);
    await browser.submit("/forgot-password", "/forgot-password", { email: user.email });
    const link = await mailedLink(t.db, user.email, "/reset-password");
    const token = new URL(link, "http://x").searchParams.get("token") as string;
    await t.db
      .updateTable("one_time_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("user_id", "=", user.id)
      .execute();
    const page = await browser.get(link);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain("This link has expired");
    expect(page.body).toContain('href="/forgot-password"');
    const post = await browser.submit("/forgot-password", "/reset-password", {
      token,
      password: "brand new river stones",
      confirmPassword: "brand new river stones",
    });
    expect(post.statusCode).toBe(410);
    await signedIn(user.email);
  });

  it("retires other reset links once one is used", async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(t.app);
    await browser.submit("/forgot-password", "/forgot-password", { email: user.email });
    const first = await mailedLink(t.db, user.email, "/reset-password");
    await browser.submit("/forgot-password", "/forgot-password", { email: user.email });
    const second = await mailedLink(t.db, user.email, "/reset-password");
    const token = new URL(second, "http://x").searchParams.get("token") as string;
    const password = "quiet autumn harbour lights";
    expect(
      (await browser.submit(second, "/reset-password", { token, password, confirmPassword: password }))
        .statusCode,
    ).toBe(303);
    expect((await browser.get(first)).statusCode).toBe(410);
  });

  it("answers a broken reset link with link_invalid", async () => {
    const browser = new Browser(t.app);
    expect((await browser.get("/reset-password?token=nope")).statusCode).toBe(400);
    const post = await browser.submit("/forgot-password", "/reset-password", {
      token: "A".repeat(43),
      password: "brand new river stones",
      confirmPassword: "brand new river stones",
    });
    expect(post.statusCode).toBe(400);
    expect(post.body).toContain("This link is not valid");
  });

  it("counts a reset link as proof of the address for an unverified account", async () => {
    const user = await makeUser(t.db, { verified: false });
    const browser = new Browser(t.app);
    await browser.submit("/forgot-password", "/forgot-password", { email: user.email });
    const link = await mailedLink(t.db, user.email, "/reset-password");
    const token = new URL(link, "http://x").searchParams.get("token") as string;
    const password = "silver kettle morning song";
    await browser.submit(link, "/reset-password", { token, password, confirmPassword: password });
    await signedIn(user.email, password);
  });
});
