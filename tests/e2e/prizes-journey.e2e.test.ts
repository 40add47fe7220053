import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/platform/i18n.ts";
import { instantToLocal } from "../../src/platform/zoned-time.ts";
import { type MailCatcher, startMailCatcher } from "../../src/testing/mail-catcher.ts";
import { launchBrowser } from "./support/browser.ts";
import { FormClient } from "./support/form-client.ts";
import { JourneySteps } from "./support/journey.ts";
import { byText, chooseRadio, pressAndWait, tabTo, typeInto } from "./support/keyboard.ts";
import {
  PASSWORD,
  registerParticipant,
  submitProject,
  submittedEntry,
  wordsOf,
} from "./support/live-prizes.ts";
import { assertBefore, DAY, MINUTE, nextMinute, PHASES, waitForClock } from "./support/prize-edition.ts";
import { addUser, newDataDir, type RunningServer, removeDataDir, startServer } from "./support/server.ts";

/**
 * Issue 6 in Chromium, one edition from set-up to certificates: the admin sets up the edition and
 * later edits and extends its phases on the admin pages; a submitter (registered, the project an
 * entry) submits it, the word count under the short description kept live; an expert declares a
 * conflict on one project and scores another; the secretariat confirms and publishes the nominated
 * list; a verified voter votes by keyboard, finds the receipt on "My votes" and is refused a
 * second vote (in Arabic, from a second device); the secretariat records the winner and publishes
 * the results; the public results page shows the winner and a champion, the certificate is a PDF,
 * and the audit log holds every step.
 *
 * The server's clock opens the phases and the admin pages only extend a started phase, never
 * shorten it, so the admin gives the later phases windows of a minute or two (while they have not
 * started, the edit form may move them) and the journey waits for the clock: about ten minutes.
 * Every page on the way is checked by axe-core, and the ballot and results are kept as screenshots
 * in English and Arabic.
 */

const t = translator("en");
const ar = translator("ar");
const SCREENSHOTS = "artifacts/screenshots";
const ZONE = "Europe/Zurich";
/** Each step, waits for the clock included. */
const STEP = 5 * 60_000;
const YEAR = 2088;
const ADMIN = "ada.admin@e2e.example.org";
const SECRETARIAT = "sam.secretariat@e2e.example.org";
const EXPERT = "eve.expert@e2e.example.org";
const VOTER = "vic.voter@e2e.example.org";
const SUBMITTER = `amina.${Date.now()}@e2e.example.org`;
const PROJECT = "Solar classrooms for Kolda";
const RIVAL = "Village radio lessons";

let server: RunningServer;
let browser: Browser;
let mail: MailCatcher;
/** The phase boundaries the admin types in: submission ends at `review`, and so on. */
const at = { review: 0, nomination: 0, voting: 0, evaluation: 0 };
const ids = { project: "", rival: "" };

const steps = new JourneySteps(SCREENSHOTS);
const { check, go, press, expectFlash, shot } = steps;

/** A browser context on the server, English unless said otherwise. */
const newContext = (locale = "en-GB") => browser.newContext({ locale, baseURL: server.baseUrl });

async function signedIn(email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext();
  const page = await context.newPage();
  await go(page, "/sign-in");
  await page.fill("#field-email", email);
  await page.fill("#field-password", PASSWORD);
  await press(page, t("accounts.signIn.submit"));
  return { context, page };
}

const local = (instant: number) => instantToLocal(new Date(instant), ZONE);

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mail = await startMailCatcher();
  const dataDir = newDataDir();
  addUser(dataDir, { email: ADMIN, password: PASSWORD, role: "admin", name: "Ada Admin" });
  addUser(dataDir, { email: SECRETARIAT, password: PASSWORD, role: "moderator", name: "Sam Secretariat" });
  addUser(dataDir, { email: EXPERT, password: PASSWORD, role: "user", name: "Eve Expert" });
  // user:add makes accounts whose email is confirmed: a verified voter.
  addUser(dataDir, { email: VOTER, password: PASSWORD, role: "user", name: "Vic Voter" });
  server = await startServer(dataDir, { SMTP_URL: mail.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mail?.close();
  if (server) removeDataDir(server.dataDir);
});

describe("WSIS Prizes journey", { timeout: STEP }, () => {
  it("a submitter has an account with an organisation and the project as an entry", async () => {
    // Registration and entries have journeys of their own: here they are made over plain HTTP.
    const submitter = await registerParticipant(server.baseUrl, mail, {
      name: "Amina Diallo",
      email: SUBMITTER,
      organisation: "Sahel Digital Schools Initiative",
      country: "SN",
    });
    await submittedEntry(submitter, PROJECT, { name: "Sahel Digital Schools Initiative", country: "SN" });
  });

  // Europe/Zurich: Geneva, where the Prizes are held, keeps Zurich's clock.
  it("the admin sets up the edition in Geneva time", async () => {
    const { context, page } = await signedIn(ADMIN);
    await go(page, "/admin/prizes/new", "admin-edition-new");
    // Submissions close in about two minutes; the rest of the year is planned a week apart.
    at.review = nextMinute(Date.now() + 100_000);
    const starts = [Math.floor((Date.now() - DAY) / MINUTE) * MINUTE, at.review];
    while (starts.length < PHASES.length) starts.push((starts.at(-1) as number) + 7 * DAY);
    await page.fill("#field-year", String(YEAR));
    await page.fill("#field-theme_en", "Digital inclusion for all");
    await page.fill("#field-timeZone", ZONE);
    for (const [index, phase] of PHASES.entries()) {
      const start = starts[index] as number;
      await page.fill(`#field-${phase}_start`, local(start));
      await page.fill(`#field-${phase}_end`, local(starts[index + 1] ?? start + 7 * DAY));
    }
    await press(page, t("prizes.editions.form.create"));
    expect(new URL(page.url()).pathname).toBe(`/admin/prizes/${YEAR}`);
    await expectFlash(page, "flash.prizes.editions.created");
    await check(page, "admin-edition");
    await context.close();
  });

  it("the project is entered, the word count live and announced", async () => {
    const { context, page } = await signedIn(SUBMITTER);
    await go(page, `/prizes/${YEAR}/submit`, "submit-form");
    await page.getByLabel(new RegExp(PROJECT)).check();
    await page.selectOption("#field-category", "C1");
    const count = page.locator("#shortDescription-words");
    expect(await count.getAttribute("aria-live")).toBe("polite");
    await expect
      .poll(() => count.textContent())
      .toBe(t("prizes.submissions.wordCount", { count: 0, min: 150, max: 200 }));
    // One word short of the minimum: the count says so and is marked outside the range.
    await page.fill("#field-shortDescription", wordsOf(149, "Kolda"));
    await expect
      .poll(() => count.textContent())
      .toBe(t("prizes.submissions.wordCount", { count: 149, min: 150, max: 200 }));
    expect(await count.getAttribute("class")).toContain("word-count--outside");
    // Typing one more word brings it into the range.
    await page.locator("#field-shortDescription").press("End");
    await page.keyboard.type(" schools");
    await expect
      .poll(() => count.textContent())
      .toBe(t("prizes.submissions.wordCount", { count: 150, min: 150, max: 200 }));
    expect(await count.getAttribute("class")).not.toContain("word-count--outside");
    await shot(page, "en", "submit-word-count");
    await page.fill("#field-actionLineSdgLinks", "C7 e-learning serves SDG 4, quality education.");
    await page.check('input[name="gdcObjectives"][value="1"]');
    await page.fill("#field-impact", "Forty schools and twelve thousand pupils reached in two years.");
    await page.fill("#field-partnerships", "The ministry of education and three village cooperatives.");
    await page.fill("#field-challenges", "Spare parts; next year the project trains local repairers.");
    await page.check('input[name="projectStage"][value="completed"]');
    await press(page, t("prizes.submissions.form.submit"));
    expect(new URL(page.url()).pathname).toMatch(/^\/prizes\/submissions\/\d+$/);
    ids.project = new URL(page.url()).pathname.split("/").pop() as string;
    await expectFlash(page, "flash.prizes.submissions.submitted");
    await check(page, "submission");
    await context.close();

    // Another organisation's project in the same category, entered over plain HTTP.
    const rival = await registerParticipant(server.baseUrl, mail, {
      name: "Kofi Mensah",
      email: `kofi.${Date.now()}@e2e.example.org`,
      organisation: "Volta Community Radio",
      country: "GH",
    });
    const entry = await submittedEntry(rival, RIVAL, { name: "Volta Community Radio", country: "GH" });
    ids.rival = await submitProject(rival, YEAR, entry, "C1", RIVAL);
    assertBefore(at.review, "Entering the projects");
  });

  it("the admin assigns the expert and moves the later phases", async () => {
    const { context, page } = await signedIn(ADMIN);
    const experts = `/prizes/${YEAR}/secretariat/nominations/experts`;
    await go(page, experts, "experts");
    await page.fill("#field-email", EXPERT);
    await page.selectOption("#field-category", "C1");
    await press(page, t("prizes.review.experts.assignSubmit"));
    await expectFlash(page, "flash.prizes.review.expertAssigned");

    // The submission phase has started, so the form shows it fixed; the later phases still move.
    at.nomination = at.review + 2 * MINUTE;
    at.voting = at.nomination + MINUTE;
    at.evaluation = at.voting + 2 * MINUTE;
    await go(page, `/admin/prizes/${YEAR}/edit`, "admin-edition-edit");
    expect(await page.locator("#field-submission_end").count()).toBe(0);
    const windows: Array<[string, number, number]> = [
      ["review", at.review, at.nomination],
      ["nomination", at.nomination, at.voting],
      ["voting", at.voting, at.evaluation],
      ["evaluation", at.evaluation, at.evaluation + 7 * DAY],
      ["results", at.evaluation + 7 * DAY, at.evaluation + 14 * DAY],
    ];
    for (const [phase, start, end] of windows) {
      await page.fill(`#field-${phase}_start`, local(start));
      await page.fill(`#field-${phase}_end`, local(end));
    }
    await press(page, t("prizes.editions.form.save"));
    await expectFlash(page, "flash.prizes.editions.saved");
    await context.close();
    assertBefore(at.review, "Editing the phases");
  });

  it("the expert declares a conflict and scores the other project", async () => {
    await waitForClock(at.review);
    const { context, page } = await signedIn(EXPERT);
    await go(page, `/prizes/${YEAR}/review`, "review-queue");
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: RIVAL }).click()]);
    await check(page, "review-submission");
    await page.fill("#field-reason", "I advised Volta Community Radio on this project last year.");
    await press(page, t("prizes.review.conflictSubmit"));
    await expectFlash(page, "flash.prizes.review.conflictDeclared");
    expect(await page.getByRole("link", { name: RIVAL }).count()).toBe(0);
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: PROJECT }).click()]);
    const scores = page.locator('select[name^="score-"]');
    const criteria = await scores.count();
    expect(criteria).toBe(8);
    for (let index = 0; index < criteria; index++)
      await scores.nth(index).selectOption(String(6 + (index % 4)));
    await page.fill('textarea[name="comment-impact"]', "Clear figures on schools and pupils reached.");
    await press(page, t("prizes.review.save"));
    await expectFlash(page, "flash.prizes.review.scoresSaved");
    expect(await page.getByRole("cell", { name: t("prizes.review.scored") }).count()).toBe(1);
    await context.close();
    assertBefore(at.nomination, "Reviewing");
  });

  it("the secretariat confirms and publishes the nominated list", async () => {
    await waitForClock(at.nomination);
    const { context, page } = await signedIn(SECRETARIAT);
    const nominations = `/prizes/${YEAR}/secretariat/nominations`;
    await go(page, `${nominations}/C1`, "nominations-ranking");
    // The scored project ranks first; the conflicted one has no score from this expert.
    const first = page.locator("table.prize-ranking tbody tr").first();
    expect(await first.locator("th").textContent()).toContain(PROJECT);
    await page.check(`input[name="nominees"][value="${ids.project}"]`);
    await page.check(`input[name="nominees"][value="${ids.rival}"]`);
    await press(page, t("prizes.review.nominations.saveSelection"));
    await expectFlash(page, "flash.prizes.review.selectionSaved");
    await go(page, nominations, "nominations");
    await page.check("#field-confirm");
    await press(page, t("prizes.review.nominations.publishSubmit"));
    expect(new URL(page.url()).pathname).toBe(`/prizes/${YEAR}/nominees`);
    await expectFlash(page, "flash.prizes.review.published");
    await page.getByText(PROJECT).first().waitFor();
    await page.getByText(RIVAL).first().waitFor();
    await check(page, "nominees");
    await context.close();
    assertBefore(at.voting, "Publishing the nominated list");
  });

  it("a voter votes by keyboard, gets a receipt, cannot vote twice", async () => {
    await waitForClock(at.voting);
    const ballot = `/prizes/${YEAR}/vote/C1`;
    // A second device, in Arabic, with the ballot already open.
    const phone = await newContext("ar");
    const second = await phone.newPage();
    await go(second, `/sign-in?lang=ar`);
    await second.fill("#field-email", VOTER);
    await second.fill("#field-password", PASSWORD);
    await press(second, ar("accounts.signIn.submit"));
    await go(second, ballot, "ballot-ar");
    expect(await second.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await shot(second, "ar", "ballot");

    // The laptop: signed in and voting with the keyboard alone.
    const context = await newContext();
    const page = await context.newPage();
    await go(page, "/sign-in");
    await typeInto(page, "field-email", VOTER);
    await typeInto(page, "field-password", PASSWORD);
    await tabTo(page, "the sign-in button", byText("button", t("accounts.signIn.submit")));
    await pressAndWait(page, "Enter");
    await go(page, ballot, "ballot");
    await shot(page, "en", "ballot");
    await chooseRadio(page, "nominee", ids.project);
    await tabTo(page, "the vote button", byText("button", t("prizes.voting.cast")));
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/prizes/my-votes");
    await expectFlash(page, "flash.prizes.voting.cast");
    const row = page.locator("#vote-C1");
    expect(await row.textContent()).toContain(PROJECT);
    const receipt = (await row.locator("code.receipt").first().textContent()) ?? "";
    expect(receipt).toMatch(/[0-9a-f]{4}/);
    expect(await page.locator("#progress-text").textContent()).toBe(
      t("prizes.voting.progress", { voted: 1, total: 18 }),
    );
    await check(page, "my-votes");
    await shot(page, "en", "my-votes");
    // Back on the ballot: the vote and the same receipt, and no form any more.
    await go(page, ballot, "ballot-voted");
    expect(await page.locator("code.receipt").textContent()).toBe(receipt);
    expect(await page.locator('input[name="nominee"]').count()).toBe(0);
    await shot(page, "en", "ballot-voted");

    // The second device still shows the form: its vote is refused, and it says why.
    await second.check(`input[name="nominee"][value="${ids.rival}"]`);
    const [refused] = await Promise.all([
      second.waitForNavigation(),
      second.getByRole("button", { name: ar("prizes.voting.cast") }).click(),
    ]);
    expect(refused?.status()).toBe(409);
    expect(await second.getByRole("alert").textContent()).toBe(ar("errors.vote_already_cast"));
    await check(second, "ballot-refused-ar");
    await shot(second, "ar", "ballot-refused");
    await phone.close();

    // The secretariat votes too, for the other project, so the category has two champions.
    const secretariat = new FormClient(server.baseUrl, "en");
    await secretariat.signIn(SECRETARIAT, PASSWORD);
    await secretariat.submit(ballot, ballot, [["nominee", ids.rival]]);
    await context.close();
    assertBefore(at.evaluation, "Voting");
  });

  it("results are published, with the winner and a PDF certificate", async () => {
    await waitForClock(at.evaluation);
    const admin = await signedIn(ADMIN);
    // The expert group needs longer: the evaluation phase is extended, with a reason, by a week.
    await go(admin.page, `/admin/prizes/${YEAR}/phases/evaluation/extend`, "extend-phase");
    await admin.page.fill("#field-newEnd", local(at.evaluation + 14 * DAY));
    await admin.page.fill("#field-reason", "The expert group meets a week later than planned.");
    await admin.page.check("#field-shiftLater");
    await press(admin.page, t("prizes.editions.extend.submit"));
    await expectFlash(admin.page, "flash.prizes.editions.phaseExtended");
    await admin.context.close();

    const { context, page } = await signedIn(SECRETARIAT);
    await go(page, `/prizes/${YEAR}/secretariat/results`, "secretariat-results");
    await page.check(`#winner-C1-${ids.project}`);
    await press(page, t("prizes.results.secretariat.recordWinner"));
    await expectFlash(page, "flash.prizes.results.winnerRecorded");
    await press(page, t("prizes.results.secretariat.publish"));
    expect(new URL(page.url()).pathname).toBe(`/prizes/${YEAR}/results`);
    await expectFlash(page, "flash.prizes.results.published");
    await context.close();

    const visitor = await newContext();
    const results = await visitor.newPage();
    await go(results, `/prizes/${YEAR}/results`, "results");
    const winner = results.locator("tr.results-table__winner");
    expect(await winner.locator("th").textContent()).toBe(PROJECT);
    expect(await winner.textContent()).toContain(t("prizes.results.awardWinner"));
    const champion = results.locator("tr", { hasText: RIVAL });
    expect(await champion.textContent()).toContain(t("prizes.results.awardChampion"));
    await shot(results, "en", "results");
    const href = await winner.locator('a[type="application/pdf"]').getAttribute("href");
    expect(href).toBe(`/prizes/${YEAR}/certificates/${ids.project}.pdf`);
    const pdf = await visitor.request.get(href as string);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await go(results, `/prizes/${YEAR}/results?lang=ar`, "results-ar");
    expect(await results.locator("tr.results-table__winner").textContent()).toContain(
      ar("prizes.results.awardWinner"),
    );
    await shot(results, "ar", "results");
    await visitor.close();

    // Every step of the cycle is in the audit log, the schedule changes with them.
    const audit = await signedIn(ADMIN);
    await go(audit.page, "/admin/audit?action=prize.", "audit");
    const actions = await audit.page.locator(".audit-table td code").allTextContents();
    const expected = `prize.edition_create prize.edition_update prize.phase_extend prize.submission_submit
      prize.expert_assign prize.conflict_declare prize.score prize.nominees_publish prize.winner_record
      prize.results_publish`;
    for (const action of expected.split(/\s+/)) expect(actions, action).toContain(action);
    await audit.context.close();
    expect(steps.checked.length).toBeGreaterThanOrEqual(20);
  });
});
