import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, createTestApp, type TestApp } from "../../testing/test-app.ts";
import { validRegistration } from "./accounts.testing.ts";

interface Received {
  to: string[];
  raw: string;
}

let smtp: SMTPServer;
let t: TestApp;
const received: Received[] = [];
const waiters: (() => void)[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` });
});
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function mailTo(address: string, timeoutMs = 10_000): Promise<Received> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = received.find((mail) => mail.to.includes(address));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      setTimeout(resolve, 200);
    });
  }
}

/** Quoted-printable soft line breaks and escapes, so the link can be read back whole. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

describe("mail over SMTP", () => {
  it("delivers the verification mail with a working link", async () => {
    const browser = new Browser(t.app);
    const form = validRegistration();
    const email = form.email as string;
    expect((await browser.submit("/register", "/register", form)).statusCode).toBe(303);

    const mail = await mailTo(email);
    expect(mail.raw).toContain("Subject: Confirm your email address for the WSIS Platform");
    const body = decodeQuotedPrintable(mail.raw);
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
