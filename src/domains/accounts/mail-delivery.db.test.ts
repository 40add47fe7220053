import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MailCatcher, startMailCatcher } from "../../testing/mail-catcher.ts";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import { validRegistration } from "./accounts.testing.ts";

let catcher: MailCatcher;
let t: TestApp;

beforeAll(async () => {
  catcher = await startMailCatcher();
  t = await createTestApp({ smtpUrl: catcher.url });
});
afterAll(async () => {
  await t?.close();
  await catcher?.close();
});

describe("mail over SMTP", () => {
  it("delivers the verification mail with a working link", async () => {
    const browser = new Browser(t.app);
    const form = validRegistration();
    const email = form.email as string;
    expect((await browser.submit("/register", "/register", form)).statusCode).toBe(303);

    const body = await catcher.waitFor(email);
    expect(body).toContain("Subject: Confirm your email address for the WSIS Platform");
    const link = body.match(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]{43}/)?.[0];
    expect(link).toBeDefined();
    expect(link?.startsWith(`${t.config.baseUrl}/verify-email?token=`)).toBe(true);

    const row = await t.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    await expect
      .poll(
        async () =>
          (
            await t.db
              .selectFrom("outbox")
              .select("sent_at")
              .where("id", "=", row.id)
              .executeTakeFirstOrThrow()
          ).sent_at,
      )
      .not.toBeNull();

    const verified = await browser.get(new URL(link as string).pathname + new URL(link as string).search);
    expect(verified.statusCode).toBe(200);
  });
});
