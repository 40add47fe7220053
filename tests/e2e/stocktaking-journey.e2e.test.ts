import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/platform/i18n.ts";
import { startMailCatcher } from "../../src/testing/mail-catcher.ts";
import { axeViolations, describeViolations, launchBrowser } from "./support/browser.ts";
import { addUser, newDataDir, type RunningServer, removeDataDir, startServer } from "./support/server.ts";

const t = translator("en");
const SCREENSHOTS = "artifacts/screenshots";
const PASSWORD = "a long and unusual passphrase 42";
const MODERATOR = "moderator@e2e.example.org";
const unique = `Heliotrope${Date.now().toString(36)}`;
const TITLE = `${unique} solar-powered digital classrooms for rural schools`;

let server: RunningServer;
let browser: Browser;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;
const checkedPages: string[] = [];

/** Every page of the journey is checked by axe-core; serious and critical violations fail the run. */
async function check(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/en-${name}.png`, fullPage: true });
  const violations = await axeViolations(page);
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (violations.length > blocking.length) console.warn(describeViolations(page.url(), violations));
  expect(blocking, describeViolations(page.url(), blocking)).toEqual([]);
  checkedPages.push(name);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.baseUrl}/sign-in`);
  await check(page, "sign-in");
  await page.fill("#field-email", email);
  await page.fill("#field-password", PASSWORD);
  await Promise.all([
    page.waitForNavigation(),
    page.getByRole("button", { name: t("accounts.signIn.submit") }).click(),
  ]);
}

async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: t("nav.signOut") }).click()]);
  await page.getByRole("link", { name: t("nav.signIn") }).waitFor();
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mail = await startMailCatcher();
  const dataDir = newDataDir();
  addUser(dataDir, { email: MODERATOR, password: PASSWORD, role: "moderator", name: "Mona Moderator" });
  server = await startServer(dataDir, { SMTP_URL: mail.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mail?.close();
  if (server) removeDataDir(server.dataDir);
});

describe("stocktaking journey", () => {
  const email = `amina.${Date.now()}@e2e.example.org`;

  it("registers, verifies by email and submits an entry", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    await check(page, "home");
    await page.goto(`${server.baseUrl}/register`);
    await check(page, "register");
    await page.fill("#field-name", "Amina Diallo");
    await page.fill("#field-email", email);
    await page.fill("#field-password", PASSWORD);
    await page.fill("#field-confirmPassword", PASSWORD);
    await page.fill("#field-organisation", "Sahel Digital Schools Initiative");
    await page.selectOption("#field-stakeholderType", "civil_society");
    await page.selectOption("#field-country", "SN");
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: t("accounts.register.submit") }).click(),
    ]);
    await check(page, "register-done");

    const message = await mail.waitFor(email, /verify-email\?token=/);
    const link = message.match(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeDefined();
    await page.goto(link as string);
    await check(page, "verified");

    await signIn(page, email);
    await page.goto(`${server.baseUrl}/entries/new`);
    await check(page, "entry-form");
    await page.fill("#field-title", TITLE);
    await page.fill(
      "#field-description",
      "Solar kits and offline tablets bring digital lessons to 40 rural schools in the Kolda region, with teacher training in Pulaar and French.",
    );
    await page.selectOption("#field-language", "en");
    await page.selectOption("#field-stakeholderType", "civil_society");
    await page.check('input[name="coverage"][value="national"]');
    await page.check('input[name="countries"][value="SN"]');
    await page.check('input[name="actionLines"][value="C7-elearn"]');
    await page.check('input[name="sdgs"][value="4"]');
    await page.check('input[name="projectStatus"][value="ongoing"]');
    await page.fill("#field-startDate", "2024-09-01");
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: t("entries.form.submit") }).click(),
    ]);
    await page.goto(`${server.baseUrl}/my/entries`);
    await check(page, "my-entries");
    await page.getByText(TITLE).first().waitFor();
    await signOut(page);
    await page.close();
  });

  it("is published by a moderator, who the owner hears from by email", async () => {
    const page = await browser.newPage();
    await signIn(page, MODERATOR);
    await page.goto(`${server.baseUrl}/moderation`);
    await check(page, "moderation-queue");
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: TITLE }).first().click()]);
    await check(page, "moderation-review");
    await page.check('input[name="decision"][value="publish"]');
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: t("moderation.form.record") }).click(),
    ]);
    await check(page, "moderation-done");
    await mail.waitFor(email, new RegExp(unique));
    await signOut(page);
    await page.close();
  });

  it("is found by a visitor through search", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/entries?q=${encodeURIComponent(unique.toLowerCase())}`);
    await check(page, "search-results");
    await Promise.all([page.waitForNavigation(), page.getByRole("link", { name: TITLE }).click()]);
    await check(page, "entry");
    await page.getByRole("heading", { level: 1, name: TITLE }).waitFor();
    await page.goto(`${server.baseUrl}/entries?q=zzzznothingmatches`);
    await check(page, "search-empty");
    expect(checkedPages.length).toBeGreaterThanOrEqual(14);
    await page.close();
  });
});
