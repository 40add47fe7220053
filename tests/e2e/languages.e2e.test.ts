import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UN_LANGUAGES } from "../../src/platform/i18n.ts";
import { type MailCatcher, startMailCatcher } from "../../src/testing/mail-catcher.ts";
import { axeViolations, describeViolations, launchBrowser } from "./support/browser.ts";
import { flagDuplicatePair } from "./support/duplicate-pair.ts";
import { type ForumFixtures, forumOutcomeAndAdminPages, SCHEDULE_YEAR } from "./support/forum-editions.ts";
import { setUpLiveEditions } from "./support/live-editions.ts";
import type { LivePrizes } from "./support/live-prizes.ts";
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
/**
 * Signs in 7 times: once for all the set-ups (one client), once per language. Signing in is
 * limited to 10 times in 15 minutes per account and address.
 */
const ADMIN = "admin.languages@e2e.example.org";
const PASSWORD = "correct horse battery staple";

let server: RunningServer;
let browser: Browser;
let mail: MailCatcher;
let entryId: string;
let translatedId: string;
let duplicatePairId: string;
/**
 * Forum editions: one with its open consultation running and a submitted workshop request (F2),
 * one with a published programme and a session the admin organises (F1, F3, F4), and one whose
 * registration is open (F5).
 */
let forum: ForumFixtures;
/** Prize editions in each live phase; made while the first pages are checked (it waits on the clock). */
let livePrizes: Promise<LivePrizes>;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mail = await startMailCatcher();
  const dataDir = newDataDir();
  cli(dataDir, ["seed", "--entries", "60", "--seed", "11"]);
  addUser(dataDir, { email: ADMIN, password: PASSWORD, role: "admin", name: "Ada Admin" });
  const token = apiToken(dataDir, ADMIN);
  server = await startServer(dataDir, { SMTP_URL: mail.url });
  browser = await launchBrowser();
  ({ prizes: livePrizes, forum } = await setUpLiveEditions(server.baseUrl, mail, {
    email: ADMIN,
    password: PASSWORD,
  }));
  entryId = await anyEntryId(server.baseUrl);
  translatedId = await publishTranslatedEntry(server.baseUrl, token);
  duplicatePairId = await flagDuplicatePair(server.baseUrl, token);
}, 300_000); // the CLI set-up, the server start and the Forum set-ups take minutes on a busy machine

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mail?.close();
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
      // Forum editions (F1): the list, the history (chart beside its table), a live and a past edition.
      await visit("forum", "/forum");
      await visit("forum-history", "/forum/history");
      await visit("forum-edition", `/forum/${SCHEDULE_YEAR}`);
      await visit("forum-edition-past", "/forum/2024");
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
      // Photo Contest jurors (the secretariat names and removes them).
      await visit("prize-photo-jurors", "/prizes/2018/photos/jury/jurors");
      // Forum programme building (F3): the grid, a session's page, its slot form and publication
      // sent empty (errors summarised and shown next to the fields).
      const programme = `/forum/${forum.schedule.year}/secretariat/programme`;
      const sessionPath = `${programme}/sessions/${forum.schedule.sessionNumber}`;
      await visit("forum-schedule", programme);
      await Promise.all([
        page.waitForNavigation(),
        page.locator(`form[action="${programme}/publish"] button[type=submit]`).click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBe(1);
      await expectAccessible(page, lang, "forum-schedule-publish-errors");
      await visit("forum-schedule-session", sessionPath);
      await page.fill("#field-duration", "");
      await Promise.all([
        page.waitForNavigation(),
        page.locator(`form[action="${sessionPath}/slot"] button[type=submit]`).click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBe(1);
      await expectAccessible(page, lang, "forum-schedule-session-errors");
      // Forum OCP (F2): the official submission, a request form, "my requests", and the
      // secretariat's list, review page and live analysis (charts beside tables).
      await visit("forum-ocp", `/forum/${forum.ocp.year}/ocp`);
      await visit("forum-request-new", `/forum/${forum.ocp.year}/requests/new?kind=workshop`);
      await visit("forum-my-requests", "/forum/my-requests");
      await visit("forum-secretariat-requests", `/forum/${forum.ocp.year}/secretariat/requests`);
      await visit(
        "forum-secretariat-request",
        `/forum/${forum.ocp.year}/secretariat/requests/${forum.ocp.requestId}`,
      );
      await visit("forum-ocp-analysis", `/forum/${forum.ocp.year}/secretariat/requests/analysis`);
      // Forum editions and outcomes (F1): the outcome and admin pages, then the new-edition form
      // sent empty (every problem summarised).
      for (const [name, path] of forumOutcomeAndAdminPages(forum.schedule)) await visit(name, path);
      await visit("admin-forum-new", "/admin/forum/new");
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/admin/forum"] button[type=submit]').click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      await expectAccessible(page, lang, "admin-forum-new-errors");
      // Public programme and personal agenda (F4): the programme (and with a visitor's zone), a
      // session starred from its page, the agenda with a new calendar address, "what changed".
      const programmePath = `/forum/${SCHEDULE_YEAR}/programme`;
      const sessionPage = `/forum/${SCHEDULE_YEAR}/sessions/${forum.schedule.sessionNumber}`;
      await visit("forum-programme", programmePath);
      await visit("forum-programme-tz", `${programmePath}?tz=Pacific/Kiritimati&type=thematic_workshop`);
      await visit("forum-session", sessionPage);
      // Starred in the first language; the later ones find it starred already.
      const starButton = page.locator(`form[action="${sessionPage}/star"] button[type=submit]`);
      if ((await starButton.count()) > 0) await Promise.all([page.waitForNavigation(), starButton.click()]);
      await visit("forum-my-agenda", "/forum/my-agenda");
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/forum/my-agenda/ical"] button[type=submit]').click(),
      ]);
      expect(await page.locator("#ical-url").inputValue()).toMatch(/\/forum\/ical\/[\w-]{43}\.ics$/);
      await expectAccessible(page, lang, "forum-my-agenda-ical");
      await visit("forum-changes", `/forum/${SCHEDULE_YEAR}/changes`);
      // Registration (F5): the form, then sent empty (every problem summarised); one's
      // registrations; a session's places; accreditation and focal points; the door check-in page.
      const registerPath = `/forum/${forum.registrationYear}/register`;
      await visit("forum-register", registerPath);
      await Promise.all([
        page.waitForNavigation(),
        page.locator(`form[action="${registerPath}"] button[type=submit]`).click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      await expectAccessible(page, lang, "forum-register-errors");
      await visit("forum-my-registration", "/forum/my-registration");
      await visit("forum-places", `/forum/${SCHEDULE_YEAR}/sessions/${forum.schedule.sessionNumber}/places`);
      await visit("forum-accreditation", `/forum/${forum.registrationYear}/secretariat/registrations`);
      await visit("forum-checkin", `/forum/${forum.registrationYear}/checkin`);
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
      // Past figures (P1): the correction form, then sent with a negative number.
      await visit("admin-prize-figures", "/admin/prizes/2018/figures");
      await page.fill("#field-submissions_value", "-1");
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/admin/prizes/2018/figures"] button[type=submit]').click(),
      ]);
      expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
      await expectAccessible(page, lang, "admin-prize-figures-errors");
      // A special prize added to 2018, its page with the delete button and the confirmation step;
      // then deleted, so each language starts without one.
      await visit("admin-prize-special-new", "/admin/prizes/2018/special-prizes/new");
      await page.fill("#field-code", `e2e_${lang}`);
      await page.fill("#field-name_en", `E2E special prize ${lang}`);
      await page.fill("#field-startsAt", "2018-03-01T09:00");
      await page.fill("#field-endsAt", "2018-04-01T09:00");
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action="/admin/prizes/2018/special-prizes"] button[type=submit]').click(),
      ]);
      const special = await page
        .locator('main a[href^="/admin/prizes/2018/special-prizes/"]:not([href$="/new"])')
        .first()
        .getAttribute("href");
      expect(special).toMatch(/^\/admin\/prizes\/2018\/special-prizes\/\d+$/);
      await visit("admin-prize-special-edit", special as string);
      await visit("admin-prize-special-delete", `${special}/delete`);
      await Promise.all([
        page.waitForNavigation(),
        page.locator(`form[action="${special}/delete"] button[type=submit]`).click(),
      ]);
      expect(new URL(page.url()).pathname).toBe("/admin/prizes/2018");
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

/** Signs in at /sign-in in the page's language. */
async function signIn(page: Page, lang: string, email: string): Promise<void> {
  await page.goto(`${server.baseUrl}${withLang("/sign-in", lang)}`);
  await page.fill("#field-email", email);
  await page.fill("#field-password", PASSWORD);
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);
}

/** Presses a form's submit button and checks the page that comes back shows field errors. */
async function submitWithErrors(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(button).click()]);
  expect(await page.locator("[aria-invalid=true]").count()).toBeGreaterThan(0);
}

describe.each(UN_LANGUAGES)("live prize pages in %s", (lang) => {
  it("has no axe violations while each phase is open", async () => {
    const live = await livePrizes;
    const { years } = live;
    const context = await browser.newContext();
    const page = await context.newPage();
    const visit = async (name: string, path: string) => {
      const response = await page.goto(`${server.baseUrl}${withLang(path, lang)}`);
      expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
      await expectAccessible(page, lang, name);
    };
    try {
      // The secretariat member: expert of the review and nomination editions, and a voter.
      await signIn(page, lang, live.secretariat.email);
      await visit("prize-review-queue", `/prizes/${years.review}/review`);
      const scoring = `/prizes/${years.review}/review/${live.reviewSubmissionId}`;
      await visit("prize-review-score", scoring);
      // Saved with no score chosen: every criterion's score is required.
      await submitWithErrors(page, `form[action="${scoring}"] button[type=submit]`);
      await expectAccessible(page, lang, "prize-review-score-errors");
      const nominations = `/prizes/${years.nomination}/secretariat/nominations`;
      await visit("prize-nominations-scored", nominations);
      await visit("prize-nominations-ranking", `${nominations}/C1`);
      await visit("prize-nominations-reviews", `${nominations}/submissions/${live.scoredSubmissionId}`);
      await visit("prize-nominees-voting", `/prizes/${years.voting}/nominees`);
      await visit("prize-ballot-index", `/prizes/${years.voting}/vote`);
      const ballot = `/prizes/${years.voting}/vote/${live.ballotCategory}`;
      await visit("prize-ballot", ballot);
      expect(await page.locator('input[name="nominee"]').count()).toBe(2);
      // Cast without choosing a nominee: the error summary, nothing recorded.
      await submitWithErrors(page, `form[action="${ballot}"] button[type=submit]`);
      await expectAccessible(page, lang, "prize-ballot-errors");
      await visit("prize-ballot-voted", `/prizes/${years.voting}/vote/${live.votedCategory}`);
      expect(await page.locator("code.receipt").count()).toBe(1);
      await visit("prize-my-votes-receipts", `/prizes/my-votes?year=${years.voting}`);
      expect(await page.locator("table.my-votes code.receipt").count()).toBeGreaterThan(0);
      await context.clearCookies();

      // A submitter with an organisation and entries, while submissions and photo entries are open.
      await signIn(page, lang, live.submitter.email);
      const submit = `/prizes/${years.submission}/submit`;
      await visit("prize-submit", submit);
      await submitWithErrors(page, 'button[name="intent"][value="submit"]');
      await expectAccessible(page, lang, "prize-submit-errors");
      const photos = `/prizes/${years.submission}/photos`;
      await visit("prize-photos-entry", `${photos}/mine`);
      await submitWithErrors(page, `form[action="${photos}"] button[type=submit]`);
      await expectAccessible(page, lang, "prize-photos-entry-errors");
    } finally {
      await context.close();
    }
  }, 300_000);
});
