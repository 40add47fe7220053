import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, TEST_PASSWORD } from "../../testing/factories.ts";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import { countUsers, validRegistration } from "./accounts.testing.ts";
import { SIGN_IN_IP_FACTOR } from "./sign-in.service.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimits: { signIn: 3, register: 3, reset: 3, windowMs: 60_000 } });
});
afterAll(async () => t?.close());

/** A form post from another client address (the app trusts X-Forwarded-For from its proxy). */
async function submitFrom(
  browser: Browser,
  ip: string,
  formUrl: string,
  action: string,
  fields: Record<string, string>,
) {
  const csrf = await browser.csrfToken(formUrl);
  return t.app.inject({
    method: "POST",
    url: action,
    headers: {
      accept: "text/html",
      "content-type": "application/x-www-form-urlencoded",
      cookie: browser.cookieHeader(),
      "x-forwarded-for": ip,
    },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
}

describe("rate limits", () => {
  it("limits registrations per address; refused attempts store nothing, other addresses go on", async () => {
    const browser = new Browser(t.app);
    // Form mistakes do not count: a person fixing a typo is not locked out.
    for (let i = 0; i < 3; i++) {
      const invalid = await submitFrom(
        browser,
        "203.0.113.1",
        "/register",
        "/register",
        validRegistration({ country: "XX" }),
      );
      expect(invalid.statusCode).toBe(400);
    }
    for (let i = 0; i < 3; i++) {
      const ok = await submitFrom(browser, "203.0.113.1", "/register", "/register", validRegistration());
      expect(ok.statusCode).toBe(303);
    }
    const form = validRegistration();
    const limited = await submitFrom(browser, "203.0.113.1", "/register", "/register", form);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    expect(limited.body).toContain("Too many attempts");
    expect(await countUsers(t.db, form.email as string)).toBe(0);
    const elsewhere = await submitFrom(browser, "203.0.113.2", "/register", "/register", form);
    expect(elsewhere.statusCode).toBe(303);
  });

  it("limits sign-in attempts per account and address, even with the right password", async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(t.app);
    const ip = "198.51.100.7";
    for (let i = 0; i < 3; i++) {
      const wrong = await submitFrom(browser, ip, "/sign-in", "/sign-in", {
        email: user.email,
        password: "wrong password!",
      });
      expect(wrong.statusCode).toBe(401);
    }
    const limited = await submitFrom(browser, ip, "/sign-in", "/sign-in", {
      email: user.email,
      password: TEST_PASSWORD,
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.cookies.some((c) => c.name === "wsis_session")).toBe(false);
    // Same address, another account, and same account elsewhere, are still served.
    const other = await makeUser(t.db);
    expect(
      (await submitFrom(browser, ip, "/sign-in", "/sign-in", { email: other.email, password: TEST_PASSWORD }))
        .statusCode,
    ).toBe(303);
    expect(
      (
        await submitFrom(browser, "198.51.100.8", "/sign-in", "/sign-in", {
          email: user.email,
          password: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(303);
  });

  it("limits sign-in attempts per address across accounts", async () => {
    const browser = new Browser(t.app);
    const ip = "198.51.100.99";
    const perAddress = 3 * SIGN_IN_IP_FACTOR;
    for (let i = 0; i < perAddress; i++) {
      const response = await submitFrom(browser, ip, "/sign-in", "/sign-in", {
        email: `probe${i}@example.org`,
        password: "guessing again",
      });
      expect(response.statusCode).toBe(401);
    }
    const limited = await submitFrom(browser, ip, "/sign-in", "/sign-in", {
      email: "probe-last@example.org",
      password: "x",
    });
    expect(limited.statusCode).toBe(429);
  });

  it("limits reset requests per address", async () => {
    const browser = new Browser(t.app);
    const ip = "192.0.2.10";
    for (let i = 0; i < 3; i++) {
      const response = await submitFrom(browser, ip, "/forgot-password", "/forgot-password", {
        email: `reset${i}@example.org`,
      });
      expect(response.statusCode).toBe(303);
    }
    const limited = await submitFrom(browser, ip, "/forgot-password", "/forgot-password", {
      email: "reset9@example.org",
    });
    expect(limited.statusCode).toBe(429);
  });

  it("limits reset mails to one mailbox whatever the address they are asked from", async () => {
    const user = await makeUser(t.db);
    const browser = new Browser(t.app);
    for (let i = 0; i < 3; i++) {
      const response = await submitFrom(
        browser,
        `192.0.2.${20 + i}`,
        "/forgot-password",
        "/forgot-password",
        { email: user.email },
      );
      expect(response.statusCode).toBe(303);
    }
    const limited = await submitFrom(browser, "192.0.2.30", "/forgot-password", "/forgot-password", {
      email: user.email,
    });
    expect(limited.statusCode).toBe(429);
    const mails = await t.db.selectFrom("outbox").select("id").where("to_address", "=", user.email).execute();
    expect(mails).toHaveLength(3);
  });

  it("limits requests for new confirmation links", async () => {
    const browser = new Browser(t.app);
    const ip = "192.0.2.50";
    for (let i = 0; i < 3; i++) {
      const response = await submitFrom(browser, ip, "/verify-email/resend", "/verify-email/resend", {
        email: `r${i}@example.org`,
      });
      expect(response.statusCode).toBe(303);
    }
    const limited = await submitFrom(browser, ip, "/verify-email/resend", "/verify-email/resend", {
      email: "r9@example.org",
    });
    expect(limited.statusCode).toBe(429);
  });
});
