import { afterAll, beforeAll, expect, it } from "vitest";
import { type MailCatcher, startMailCatcher } from "../testing/mail-catcher.ts";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.ts";
import { createMailDispatcher, enqueueMail } from "./mail.ts";

const QUIET = { info: () => undefined, error: () => undefined };
let t: TestDatabase;
let catcher: MailCatcher;
beforeAll(async () => {
  t = await createTestDatabase();
  catcher = await startMailCatcher();
});
afterAll(async () => {
  await catcher?.close();
  await t?.destroy();
});

const mailTo = (to: string) => ({ to, subject: "Hello", text: `For ${to}` });

// A request's flush that arrives while a pass is sending must not leave its mail waiting for the
// next request that writes mail: on a quiet server that can be a long time.
it("delivers mail committed while a delivery pass was running, by the time that flush settles", async () => {
  const dispatcher = createMailDispatcher(t.db, catcher.url, "platform@example.org", QUIET);
  try {
    await enqueueMail(t.db, mailTo("first@example.org"));
    await enqueueMail(t.db, mailTo("second@example.org"));
    const firstPass = dispatcher.flush();
    await catcher.waitFor("first@example.org"); // the pass has selected its rows and is sending
    await enqueueMail(t.db, mailTo("late@example.org"));
    await dispatcher.flush();
    await firstPass;
    const delivered = catcher.mails.flatMap((mail) => mail.to);
    expect(delivered).toEqual(["first@example.org", "second@example.org", "late@example.org"]);
    const pending = await t.db.selectFrom("outbox").select("id").where("sent_at", "is", null).execute();
    expect(pending).toEqual([]);
  } finally {
    dispatcher.close();
  }
});
