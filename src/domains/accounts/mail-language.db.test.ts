import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "../../platform/errors.ts";
import { LANGUAGE_COOKIE } from "../../platform/http/request-context.ts";
import { translator } from "../../platform/i18n.ts";
import { makeUser } from "../../testing/factories.ts";
import { lastMailTo } from "../../testing/outbox.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { addVerifiedUser } from "./accounts.cli.ts";
import { GENEROUS_RATE_LIMITS, validRegistration } from "./accounts.testing.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimits: GENEROUS_RATE_LIMITS });
});
afterAll(async () => t?.close());

async function storedLanguage(userId: string): Promise<string> {
  const row = await t.db
    .selectFrom("users")
    .select("language")
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return row.language;
}

async function languageAudits(userId: string) {
  return t.db
    .selectFrom("audit_log")
    .selectAll()
    .where("subject_id", "=", userId)
    .where("action", "=", "user.language")
    .orderBy("id")
    .execute();
}

/** A mail body with a one-time link: the text around the link, which the test cannot know. */
function aroundLink(text: string): [string, string] {
  const [before = "", after = ""] = text.split("LINK");
  return [before, after];
}

describe("a new account's language", () => {
  it("is the language the person registers in, and the verification mail is written in it", async () => {
    const browser = new Browser(t.app);
    const form = validRegistration({ name: "Amélie Fournier" });
    const response = await browser.submit("/register", "/register", form, {
      headers: { "accept-language": "fr-CH, fr;q=0.9, en;q=0.5" },
    });
    expect(response.statusCode).toBe(303);
    const user = await t.db
      .selectFrom("users")
      .select(["id", "language"])
      .where("email", "=", form.email as string)
      .executeTakeFirstOrThrow();
    expect(user.language).toBe("fr");

    const fr = translator("fr");
    const mail = await lastMailTo(t.db, form.email as string);
    expect(mail.subject).toBe(fr("accounts.mail.verify.subject"));
    const [before, after] = aroundLink(
      fr("accounts.mail.verify.body", { name: "Amélie Fournier", link: "LINK", hours: 48 }),
    );
    expect(mail.text_body.startsWith(before)).toBe(true);
    expect(mail.text_body.endsWith(after)).toBe(true);
    expect(mail.subject).not.toBe(translator("en")("accounts.mail.verify.subject"));
    const audit = await t.db
      .selectFrom("audit_log")
      .select("after")
      .where("subject_id", "=", user.id)
      .where("action", "=", "user.register")
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ language: "fr" });
  });

  it("is English when the reader's language is not one of the six", async () => {
    const form = validRegistration();
    await new Browser(t.app).submit("/register", "/register", form, {
      headers: { "accept-language": "de-DE, de;q=0.9" },
    });
    const row = await t.db
      .selectFrom("users")
      .select("language")
      .where("email", "=", form.email as string)
      .executeTakeFirstOrThrow();
    expect(row.language).toBe("en");
  });

  it("is refused by the database unless it is one of the six UN languages", async () => {
    const user = await makeUser(t.db);
    await expect(
      t.db.updateTable("users").set({ language: "de" }).where("id", "=", user.id).execute(),
    ).rejects.toThrow();
    expect(await storedLanguage(user.id)).toBe("en");
  });
});

describe("link mails go out in the account's language, not the requester's", () => {
  it("mails a password reset link in Chinese to a Chinese-speaking user who asks from an English page", async () => {
    const user = await makeUser(t.db, { name: "Li Wei", language: "zh" });
    const browser = new Browser(t.app);
    const response = await browser.submit(
      "/forgot-password",
      "/forgot-password",
      { email: user.email },
      {
        headers: { "accept-language": "en" },
      },
    );
    expect(response.statusCode).toBe(303);
    const zh = translator("zh");
    const mail = await lastMailTo(t.db, user.email);
    expect(mail.subject).toBe(zh("accounts.mail.reset.subject"));
    const [before, after] = aroundLink(
      zh("accounts.mail.reset.body", { name: "Li Wei", link: "LINK", minutes: 60 }),
    );
    expect(mail.text_body.startsWith(before)).toBe(true);
    expect(mail.text_body.endsWith(after)).toBe(true);
  });

  it("mails a new confirmation link in the language stored at registration", async () => {
    const user = await makeUser(t.db, { name: "Olga Ivanova", language: "ru", verified: false });
    const response = await new Browser(t.app).submit(
      "/verify-email/resend",
      "/verify-email/resend",
      { email: user.email },
      { headers: { "accept-language": "es" } },
    );
    expect(response.statusCode).toBe(303);
    expect((await lastMailTo(t.db, user.email)).subject).toBe(
      translator("ru")("accounts.mail.verify.subject"),
    );
  });
});

describe("switching the site's language with ?lang=", () => {
  it("stores the new language of a signed-in user", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const page = await browser.get("/account?lang=ru");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-language"]).toBe("ru");
    expect(await storedLanguage(user.id)).toBe("ru");
    // The same switch again changes nothing; an unknown code is ignored.
    await browser.get("/?lang=ru");
    await browser.get("/?lang=xx");
    expect(await storedLanguage(user.id)).toBe("ru");
  });

  it("only on the switch itself, not on every page read with the language cookie", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    browser.setCookie(LANGUAGE_COOKIE, "ar");
    const page = await browser.get("/account");
    expect(page.headers["content-language"]).toBe("ar");
    expect(await storedLanguage(user.id)).toBe("en");
    await browser.get("/account", { "accept-language": "zh" });
    expect(await storedLanguage(user.id)).toBe("en");
  });

  it("is only the cookie for a visitor who is not signed in", async () => {
    const response = await new Browser(t.app).get("/?lang=es");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-language"]).toBe("es");
    expect(response.cookies.find((cookie) => cookie.name === LANGUAGE_COOKIE)?.value).toBe("es");
  });
});

describe("the account page's language for emails", () => {
  it("shows the stored language, labelled, in each language's own name", async () => {
    const user = await makeUser(t.db, { language: "es" });
    const browser = await signedInBrowser(t.app, t.db, user);
    const page = await browser.get("/account");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('action="/account/language"');
    expect(page.body).toMatch(/<label for="[^"]*language[^"]*">Language for emails/);
    expect(page.body).toContain('<option value="es" selected lang="es">Español</option>');
    expect(page.body).toContain('lang="ar">العربية</option>');
  });

  it("saves a new language, audited, and says so", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const saved = await browser.submit("/account", "/account/language", { language: "ar" });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe("/account");
    expect(await storedLanguage(user.id)).toBe("ar");
    const audits = await languageAudits(user.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_id: user.id,
      subject_type: "user",
      before: { language: "en" },
      after: { language: "ar" },
    });
    const page = await browser.get("/account");
    expect(page.body).toContain("The language for your emails has been saved.");
    expect(page.body).toContain('<option value="ar" selected lang="ar">');

    // Saving the language already stored changes and records nothing.
    expect((await browser.submit("/account", "/account/language", { language: "ar" })).statusCode).toBe(303);
    expect(await languageAudits(user.id)).toHaveLength(1);
  });

  it("refuses an unknown or missing language with a field error and stores nothing", async () => {
    const user = await makeUser(t.db, { language: "fr" });
    const browser = await signedInBrowser(t.app, t.db, user);
    const fr = translator("fr");
    for (const [value, code] of [
      ["de", "invalid_value"],
      ["", "required"],
      ["x".repeat(5000), "invalid_value"],
    ] as const) {
      const response = await browser.submit(
        "/account",
        "/account/language",
        { language: value },
        { headers: { "accept-language": "fr" } },
      );
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('aria-invalid="true"');
      expect(response.body).toContain("error-summary");
      // The form comes back in the language the page is read in.
      expect(response.body).toContain(fr(`fields.${code}`));
      expect(response.body).toContain(fr("accounts.field.mailLanguage"));
    }
    expect(await storedLanguage(user.id)).toBe("fr");
    expect(await languageAudits(user.id)).toHaveLength(0);
  });

  it("refuses a post without the form's CSRF token, and anyone not signed in", async () => {
    const user = await makeUser(t.db);
    const browser = await signedInBrowser(t.app, t.db, user);
    const forged = await browser.submit("/account", "/account/language", { language: "zh" }, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect(await storedLanguage(user.id)).toBe("en");

    const anonymous = new Browser(t.app);
    const response = await anonymous.submit("/sign-in", "/account/language", { language: "zh" });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in\?next=/);
  });
});

describe("user:add --language", () => {
  it("creates the account with that language, English without one, and refuses other codes", async () => {
    const input = { password: "ample purple meadow", role: "user", name: "Cli" };
    const russian = await addVerifiedUser(t.db, { ...input, email: "cli-ru@example.org", language: "ru" });
    expect(await storedLanguage(russian.id)).toBe("ru");
    const plain = await addVerifiedUser(t.db, { ...input, email: "cli-en@example.org" });
    expect(await storedLanguage(plain.id)).toBe("en");

    const refused = addVerifiedUser(t.db, { ...input, email: "cli-de@example.org", language: "de" });
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      fieldErrors: [{ field: "language", code: "invalid_value" }],
    });
    const stored = await t.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "cli-de@example.org")
      .execute();
    expect(stored).toHaveLength(0);

    // Run again for the same address, the given language replaces the stored one.
    await addVerifiedUser(t.db, { ...input, email: "cli-ru@example.org", language: "zh" });
    expect(await storedLanguage(russian.id)).toBe("zh");
  });
});
