import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UN_LANGUAGES } from "../../src/platform/i18n.ts";
import { axeViolations, describeViolations, launchBrowser } from "./support/browser.ts";
import { flagDuplicatePair } from "./support/duplicate-pair.ts";
import {
  addUser,
  anyEntryId,
  cli,
  newDataDir,
  type RunningServer,
  removeDataDir,
  startServer,
} from "./support/server.ts";
import { apiToken, publishTranslatedEntry } from "./support/translated-entry.ts";

/**
 * Every page type in each of the six UN languages, in Chromium, checked by axe-core (WCAG 2.1 A
 * and AA): zero violations at any impact. Arabic and English pages are kept as screenshots.
 */

const SCREENSHOTS = "artifacts/screenshots";
const ADMIN = "admin.languages@e2e.example.org";
const PASSWORD = "correct horse battery staple";

let server: RunningServer;
let browser: Browser;
let entryId: string;
let translatedId: string;
let duplicatePairId: string;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = newDataDir();
  cli(dataDir, ["seed", "--entries", "60", "--seed", "11"]);
  addUser(dataDir, { email: ADMIN, password: PASSWORD, role: "admin", name: "Ada Admin" });
  const token = apiToken(dataDir, ADMIN);
  server = await startServer(dataDir);
  browser = await launchBrowser();
  entryId = await anyEntryId(server.baseUrl);
  translatedId = await publishTranslatedEntry(server.baseUrl, token);
  duplicatePairId = await flagDuplicatePair(server.baseUrl, token);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

/** A small import file: one row to create, one with an unknown country. */
const IMPORT_CSV = [
  "external_id,title,description,organisation,stakeholderType,coverage,countries,actionLines,status",
  "e2e-1,School mesh network,Solar powered mesh network for twelve rural schools.,Rural Connect,civil_society,national,KE,C2,ongoing",
  "e2e-2,Clinic records,Offline-first health records for district clinics and nurses.,Rural Connect,civil_society,national,XX,C7-ehealth,ongoing",
].join("\r\n");

const withLang = (path: string, lang: string) => `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;

async function expectAccessible(page: Page, lang: string, name: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
  expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
  if (lang === "ar" || lang === "en")
    await page.screenshot({ path: `${SCREENSHOTS}/${lang}-page-${name}.png`, fullPage: true });
  const violations = await axeViolations(page);
  expect(violations, describeViolations(`${lang} ${name}`, violations)).toEqual([]);
}

describe.each(UN_LANGUAGES)("every page type in %s", (lang) => {
  it("has no axe violations, signed out and signed in", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      const visit = async (name: string, path: string) => {
        const response = await page.goto(`${server.baseUrl}${withLang(path, lang)}`);
        expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
        await expectAccessible(page, lang, name);
      };
      await visit("home", "/");
      await visit("search", "/entries");
      await visit("search-none", "/entries?q=zzqxwv");
      await visit("entry", `/entries/${entryId}`);
      // Translated into French and Arabic: a translation there, the original marked as such elsewhere.
      await visit("entry-translated", `/entries/${translatedId}`);
      await visit("action-lines", "/action-lines");
      await visit("sdg-matrix", "/sdg-matrix");
      await visit("open-data", "/open-data");
      // A past edition (seeded on start): its results notice and its statistics, charts beside tables.
      await visit("prize-results", "/prizes/2018/results");
      await visit("prize-statistics", "/prizes/2018/statistics");
      // Expert review (P3): the public nominated list of a past edition.
      await visit("prize-nominees", "/prizes/2018/nominees");
      // Voting (P4): the ballot of a past edition (voting closed, no ballot form).
      await visit("prize-vote", "/prizes/2018/vote");
      // Prize editions (P1): the list and a past edition with its figures.
      await visit("prizes", "/prizes");
      await visit("prize-edition-past", "/prizes/2018");
      // Photo Contest (P6): the public gallery of an edition.
      await visit("prize-photos", "/prizes/2018/photos");
      await visit("register", "/register");
      await visit("sign-in", "/sign-in");

      await page.fill("#field-email", ADMIN);
      await page.fill("#field-password", PASSWORD);
      await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);

      await visit("my-entries", "/my/entries");
      await visit("account-tokens", "/account/tokens");
      // Creating a token without a name: the error summary; then with one: the secret shown once.
      const createToken = page.locator('form[action="/account/tokens"] button[type=submit]');
      await Promise.all([page.waitForNavigation(), createToken.click()]);
      expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      await expectAccessible(page, lang, "account-tokens-errors");
      await page.fill("#field-name", `E2E script ${lang}`);
      await Promise.all([page.waitForNavigation(), createToken.click()]);
      expect(await page.locator("#new-token").inputValue()).toMatch(/^wsis_/);
      await expectAccessible(page, lang, "account-tokens-created");
      await visit("entry-translations", `/entries/${translatedId}/translations`);
      // Saving the empty translation form: errors summarised and linked, as on every form.
      await Promise.all([
        page.waitForNavigation(),
        page.locator("#translation-form button[type=submit]").click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      await expectAccessible(page, lang, "entry-translations-errors");
      await visit("moderation", "/moderation");
      // Prize submissions (P2): the submitter's list, and the submit page of an edition not taking any.
      await visit("prize-my-submissions", "/prizes/submissions");
      await visit("prize-submit-closed", "/prizes/2018/submit");
      await visit("prize-secretariat-results", "/prizes/2018/secretariat/results");
      // The secretariat's nominations overview (forms: top-N selection, publication) and experts form.
      await visit("prize-nominations", "/prizes/2018/secretariat/nominations");
      await visit("prize-experts", "/prizes/2018/secretariat/nominations/experts");
      // Voting (P4): "My votes" and the secretariat's live totals, flags and invalidation form.
      await visit("prize-my-votes", "/prizes/my-votes");
      await visit("prize-secretariat-votes", "/prizes/2018/secretariat/votes");
      // Photo Contest (P6): the entrant's own page (entries closed) and the jury's page.
      await visit("prize-photos-mine", "/prizes/2018/photos/mine");
      await visit("prize-photos-jury", "/prizes/2018/photos/jury");
      await visit("duplicates", "/moderation/duplicates");
      // Two entries side by side: a table with a column per entry and the decision forms.
      await visit("duplicates-pair", `/moderation/duplicates/${duplicatePairId}`);
      // Bulk import: the upload form, then a checked file with an error shown next to its row.
      await visit("imports", "/imports");
      await page.setInputFiles("#field-file", {
        name: `entries-${lang}.csv`,
        mimeType: "text/csv",
        buffer: Buffer.from(IMPORT_CSV, "utf8"),
      });
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/imports"] button[type=submit]').click(),
      ]);
      expect(await page.locator("tr.import-row--error").count()).toBe(1);
      await expectAccessible(page, lang, "import");
      await visit("admin-reference", "/admin/action-lines");
      await visit("admin-prizes", "/admin/prizes");
      await visit("admin-prize-edition", "/admin/prizes/2018");
      await visit("admin-prize-new", "/admin/prizes/new");
      // The new-edition form sent without its phases: every problem summarised and linked.
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/admin/prizes"] button[type=submit]').click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      await expectAccessible(page, lang, "admin-prize-new-errors");
      await visit("entry-form", "/entries/new");
      // Submitting the empty form: the errors are summarised and linked to their fields.
      await Promise.all([
        page.waitForNavigation(),
        page.locator('button[name="intent"][value="submit"]').click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      await expectAccessible(page, lang, "entry-form-errors");
    } finally {
      await context.close();
    }
  }, 120_000);
});
