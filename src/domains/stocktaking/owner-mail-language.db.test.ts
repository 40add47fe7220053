import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { makeEntry } from "../../testing/entry-factory.ts";
import { type MadeUser, makeUser } from "../../testing/factories.ts";
import { lastMailTo } from "../../testing/outbox.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";

let t: TestApp;
let arabicOwner: MadeUser;
let moderator: Browser;
beforeAll(async () => {
  t = await createTestApp();
  arabicOwner = await makeUser(t.db, { name: "ليلى حداد", language: "ar" });
  const moderatorUser = await makeUser(t.db, { role: "moderator", language: "en" });
  moderator = await signedInBrowser(t.app, t.db, moderatorUser);
});
afterAll(async () => t?.close());

const EN = { "accept-language": "en" };
const ar = translator("ar");
const en = translator("en");

describe("mail to an entry's owner is in the owner's language, not the moderator's", () => {
  it("publishing by an English-reading moderator mails an Arabic-speaking owner in Arabic", async () => {
    const entry = await makeEntry(t.db, arabicOwner.id, {
      state: "submitted",
      data: { title: "خوادم مدرسية تعمل بالطاقة الشمسية" },
    });
    const response = await moderator.api(
      "POST",
      `/api/v1/entries/${entry.id}/moderation`,
      { decision: "publish", comment: "Welcome!" },
      EN,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-language"]).toBe("en");
    const title = "خوادم مدرسية تعمل بالطاقة الشمسية";
    const mail = await lastMailTo(t.db, arabicOwner.email);
    expect(mail.subject).toBe(ar("entries.mail.publish.subject", { title }));
    expect(mail.subject).not.toBe(en("entries.mail.publish.subject", { title }));
    expect(mail.text_body).toBe(
      [
        ar("entries.mail.publish.body", { name: "ليلى حداد", title }),
        ar("entries.mail.comment", { comment: "Welcome!" }),
        ar("entries.mail.link", { link: `${t.config.baseUrl}/entries/${entry.id}` }),
        ar("entries.mail.signature"),
      ].join("\n\n"),
    );
  });

  it("returning through the moderator's English page mails the owner in Arabic", async () => {
    const entry = await makeEntry(t.db, arabicOwner.id, {
      state: "submitted",
      data: { title: "Digital literacy vans" },
    });
    const page = `/moderation/entries/${entry.id}?lang=en`;
    const response = await moderator.submit(page, `/moderation/entries/${entry.id}`, {
      decision: "return",
      comment: "Please add the start date.",
    });
    expect(response.statusCode).toBe(303);
    const mail = await lastMailTo(t.db, arabicOwner.email);
    expect(mail.subject).toBe(ar("entries.mail.return.subject", { title: "Digital literacy vans" }));
    expect(mail.text_body).toContain(
      ar("entries.mail.return.body", { name: "ليلى حداد", title: "Digital literacy vans" }),
    );
    expect(mail.text_body).toContain(ar("entries.mail.comment", { comment: "Please add the start date." }));
  });

  it("follows the owner's later choice: after switching to Spanish the rejection is in Spanish", async () => {
    const owner = await makeUser(t.db, { name: "Carmen Ruiz", language: "ar" });
    const ownerBrowser = await signedInBrowser(t.app, t.db, owner);
    expect((await ownerBrowser.get("/?lang=es")).statusCode).toBe(200);
    const entry = await makeEntry(t.db, owner.id, { state: "submitted", data: { title: "Rural hubs" } });
    const response = await moderator.api(
      "POST",
      `/api/v1/entries/${entry.id}/moderation`,
      { decision: "reject", comment: "Out of scope." },
      EN,
    );
    expect(response.statusCode).toBe(200);
    const es = translator("es");
    const mail = await lastMailTo(t.db, owner.email);
    expect(mail.subject).toBe(es("entries.mail.reject.subject", { title: "Rural hubs" }));
    expect(mail.text_body).toContain(
      es("entries.mail.reject.body", { name: "Carmen Ruiz", title: "Rural hubs" }),
    );
  });

  it("a moderator's withdrawal mails the owner in the owner's language, with the reason", async () => {
    const entry = await makeEntry(t.db, arabicOwner.id, {
      state: "published",
      data: { title: "Community radio archive" },
    });
    const response = await moderator.api(
      "POST",
      `/api/v1/entries/${entry.id}/withdraw`,
      { reason: "Duplicate of another entry." },
      EN,
    );
    expect(response.statusCode).toBe(200);
    const title = "Community radio archive";
    const mail = await lastMailTo(t.db, arabicOwner.email);
    expect(mail.subject).toBe(ar("entries.mail.withdraw.subject", { title }));
    expect(mail.text_body).toBe(
      [
        ar("entries.mail.withdraw.body", { name: "ليلى حداد", title }),
        ar("entries.mail.withdraw.reason", { reason: "Duplicate of another entry." }),
        ar("entries.mail.link", { link: `${t.config.baseUrl}/entries/${entry.id}` }),
        ar("entries.mail.signature"),
      ].join("\n\n"),
    );
  });
});

describe("API problem details follow Accept-Language", () => {
  // A client with no language cookie: the cookie, once set, wins over Accept-Language.
  let client: Browser;
  beforeAll(async () => {
    client = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  });

  it("answers a 400 in French: title and each field's message", async () => {
    const entry = await makeEntry(t.db, arabicOwner.id, { state: "submitted" });
    const fr = translator("fr");
    const response = await client.api(
      "POST",
      `/api/v1/entries/${entry.id}/moderation`,
      { decision: "maybe" },
      { "accept-language": "fr-FR, fr;q=0.9, en;q=0.8" },
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.headers["content-language"]).toBe("fr");
    const problem = response.json();
    expect(problem.code).toBe("validation_failed");
    expect(problem.title).toBe(fr("errors.validation_failed"));
    expect(problem.title).not.toBe(en("errors.validation_failed"));
    expect(problem.errors).toEqual([
      { field: "decision", code: "invalid_value", message: fr("fields.invalid_value") },
    ]);
    const row = await t.db
      .selectFrom("entries")
      .select("state")
      .where("id", "=", entry.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe("submitted");
  });

  it("answers in Chinese for a 404 on another language's request", async () => {
    const response = await client.api("GET", "/api/v1/entries/999999999", undefined, {
      "accept-language": "zh-CN",
    });
    expect(response.statusCode).toBe(404);
    const problem = response.json();
    expect(problem.title).toBe(translator("zh")(`errors.${problem.code}`));
    expect(problem.title).not.toBe(en(`errors.${problem.code}`));
  });
});
