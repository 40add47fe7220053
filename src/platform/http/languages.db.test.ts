import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../testing/test-app.ts";
import { LANGUAGE_COOKIE } from "./request-context.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const page = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: "GET", url, headers });

describe("choosing the language", () => {
  it("follows Accept-Language, with right-to-left for Arabic", async () => {
    const arabic = await page("/", { "accept-language": "ar-EG,ar;q=0.9,en;q=0.5" });
    expect(arabic.body).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.headers["content-language"]).toBe("ar");
    const chinese = await page("/", { "accept-language": "zh-CN" });
    expect(chinese.body).toContain('<html lang="zh" dir="ltr">');
  });

  it("switches with ?lang=, keeps the query, and remembers the choice in a cookie", async () => {
    const french = await page("/entries?sdg=4&lang=fr", { "accept-language": "es" });
    expect(french.body).toContain('<html lang="fr" dir="ltr">');
    const cookie = french.cookies.find((c) => c.name === LANGUAGE_COOKIE);
    expect(cookie).toMatchObject({ value: "fr", path: "/", httpOnly: true, sameSite: "Lax" });
    // The switcher offers the same page in every language, each named in itself.
    expect(french.body).toContain('href="/entries?sdg=4&amp;lang=ru" lang="ru" hreflang="ru"');
    expect(french.body).toMatch(/hreflang="fr" aria-current="true">Français</);

    const later = await page("/", { cookie: `${LANGUAGE_COOKIE}=fr`, "accept-language": "es" });
    expect(later.body).toContain('<html lang="fr" dir="ltr">');
    expect(later.cookies.find((c) => c.name === LANGUAGE_COOKIE)).toBeUndefined();
  });

  it("falls back to English for unknown languages and malformed headers, never an error", async () => {
    for (const [url, headers] of [
      ["/?lang=xx", {}],
      ["/?lang=", {}],
      ["/?lang=fr&lang=ar", { "accept-language": "es" }],
      ["/", { "accept-language": "*;q=x, ;;;,-,q=1" }],
      ["/", { "accept-language": "x".repeat(5000) }],
      ["/", { cookie: `${LANGUAGE_COOKIE}=klingon` }],
    ] as Array<[string, Record<string, string>]>) {
      const response = await page(url, headers);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 200 });
      const lang = response.body.match(/<html lang="([a-z]+)"/)?.[1];
      expect(["en", "fr"]).toContain(lang); // repeated lang: the first valid value wins
    }
    const unknown = await page("/?lang=xx");
    expect(unknown.body).toContain('<html lang="en" dir="ltr">');
    expect(unknown.cookies.find((c) => c.name === LANGUAGE_COOKIE)).toBeUndefined();
  });

  it("answers API problems in the caller's language", async () => {
    const response = await t.app.inject({
      method: "GET",
      url: "/api/v1/entries?page=-1",
      headers: { "accept-language": "fr" },
    });
    expect(response.statusCode).toBe(400);
    const english = await t.app.inject({ method: "GET", url: "/api/v1/entries?page=-1" });
    expect(response.json().code).toBe(english.json().code);
    expect(response.json().title).not.toBe(english.json().title);
  });
});
