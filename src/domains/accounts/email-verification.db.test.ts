import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import {
  GENEROUS_RATE_LIMITS,
  mailedLink,
  register,
  validRegistration,
  verifiedAt,
} from "./accounts.testing.ts";

let t: TestApp;
// Every test registers and resends from one address; limits have their own file.
beforeAll(async () => {
  t = await createTestApp({ rateLimits: GENEROUS_RATE_LIMITS });
});
afterAll(async () => t?.close());

describe("verification links", () => {
  async function registered(): Promise<{ browser: Browser; email: string; link: string }> {
    const browser = new Browser(t.app);
    const form = validRegistration();
    await register(browser, form);
    const email = form.email as string;
    return { browser, email, link: await mailedLink(t.db, email, "/verify-email") };
  }

  it("refuses a reused link with link_used and does not verify twice", async () => {
    const { browser, email, link } = await registered();
    expect((await browser.get(link)).statusCode).toBe(200);
    const before = await verifiedAt(t.db, email);
    const again = await browser.get(link);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain("This link has already been used.");
    const after = await verifiedAt(t.db, email);
    expect(after).toEqual(before);
  });

  it("refuses an expired link with link_expired, offers a new one and leaves the account unverified", async () => {
    const { browser, email, link } = await registered();
    await t.db
      .updateTable("one_time_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    const response = await browser.get(link);
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain("This link has expired");
    expect(response.body).toContain('action="/verify-email/resend"');
    expect(await verifiedAt(t.db, email)).toBeNull();

    const resent = await browser.submit(link, "/verify-email/resend", { email });
    expect(resent.statusCode).toBe(303);
    const fresh = await mailedLink(t.db, email, "/verify-email");
    expect(fresh).not.toBe(link);
    expect((await browser.get(fresh)).statusCode).toBe(200);
  });

  it("uses up a second link for an already verified account without re-verifying", async () => {
    const { browser, email, link } = await registered();
    await browser.submit("/verify-email/resend", "/verify-email/resend", { email });
    const second = await mailedLink(t.db, email, "/verify-email");
    expect((await browser.get(link)).statusCode).toBe(200);
    const before = await verifiedAt(t.db, email);
    const response = await browser.get(second);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("was already confirmed");
    const after = await verifiedAt(t.db, email);
    expect(after).toEqual(before);
  });

  it.each([
    ["no token", "/verify-email"],
    ["a malformed token", "/verify-email?token=%3Cscript%3E"],
    ["an unknown token", `/verify-email?token=${"A".repeat(43)}`],
    ["a repeated token parameter", `/verify-email?token=a&token=b`],
  ])("answers %s with link_invalid (400)", async (_label, url) => {
    const response = await new Browser(t.app).get(url);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("This link is not valid");
    expect(response.body).not.toContain("<script>");
  });

  it("answers a resend request the same whether or not the address is registered", async () => {
    const browser = new Browser(t.app);
    const { email } = await registered();
    const known = await browser.submit("/verify-email/resend", "/verify-email/resend", { email });
    const unknown = await browser.submit("/verify-email/resend", "/verify-email/resend", {
      email: "nobody@example.org",
    });
    expect(known.statusCode).toBe(303);
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe(known.headers.location);
    const page = await browser.get(unknown.headers.location as string);
    expect(page.body).toContain("If that address belongs to an account waiting for confirmation");
    const mails = await t.db
      .selectFrom("outbox")
      .select("id")
      .where("to_address", "=", "nobody@example.org")
      .execute();
    expect(mails).toEqual([]);
    const bad = await browser.submit("/verify-email/resend", "/verify-email/resend", { email: "nope" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
  });
});
