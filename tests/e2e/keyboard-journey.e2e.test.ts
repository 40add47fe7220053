import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/platform/i18n.ts";
import { startMailCatcher } from "../../src/testing/mail-catcher.ts";
import { axeViolations, describeViolations, launchBrowser } from "./support/browser.ts";
import {
  byId,
  byText,
  chooseOption,
  chooseRadio,
  focused,
  pressAndWait,
  tabTo,
  tick,
  typeInto,
} from "./support/keyboard.ts";
import {
  addUser,
  cli,
  newDataDir,
  type RunningServer,
  removeDataDir,
  startServer,
} from "./support/server.ts";

/**
 * Issue 4, point 3 proven in Chromium: a whole journey (register → verify → sign in → submit an
 * entry after fixing its errors → sign out) driven by the keyboard alone — no click, no fill, no
 * selectOption — with a visible focus indicator on every stop Tab makes. Then reflow at 320 px
 * and at 200% zoom, and `prefers-reduced-motion`.
 */

const t = translator("en");
const SCREENSHOTS = "artifacts/screenshots";
const PASSWORD = "a long and unusual passphrase 42";
const READER = "keyboard.reader@e2e.example.org";
const unique = `Marigold${Date.now().toString(36)}`;
const TITLE = `${unique} community radio lessons for nomadic pastoralists`;
const DESCRIPTION =
  "Weekly radio lessons in Fulfulde and Tamasheq reach herding families on the move, with solar radios lent through village cooperatives.";

let server: RunningServer;
let browser: Browser;
let mail: Awaited<ReturnType<typeof startMailCatcher>>;

async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(page.url(), violations)).toEqual([]);
}

/** Signs in at /sign-in with the keyboard alone. */
async function signInByKeyboard(page: Page, email: string): Promise<void> {
  await typeInto(page, "field-email", email);
  await typeInto(page, "field-password", PASSWORD);
  await tabTo(page, "the sign-in button", byText("button", t("accounts.signIn.submit")));
  await pressAndWait(page, "Enter");
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  mail = await startMailCatcher();
  const dataDir = newDataDir();
  cli(dataDir, ["seed", "--entries", "40", "--seed", "7"]);
  addUser(dataDir, { email: READER, password: PASSWORD, role: "user", name: "Kofi Reader" });
  server = await startServer(dataDir, { SMTP_URL: mail.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await mail?.close();
  if (server) removeDataDir(server.dataDir);
});

describe("keyboard-only journey", () => {
  const email = `keyboard.${Date.now()}@e2e.example.org`;

  it("registers, verifies, submits an entry after fixing its errors and signs out, with no mouse", async () => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);

    // The first Tab lands on the skip link, which is visible while focused and moves focus to main.
    const skip = await tabTo(page, "the skip link", () => true, { max: 1 });
    expect(skip.text).toBe(t("nav.skipToContent"));
    expect(skip.href).toBe("#main");
    expect(
      await page.evaluate(() => document.querySelector(".skip-link")?.getBoundingClientRect().top),
    ).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.id === "main");

    // Register sits in the header, above main: back there with Shift+Tab.
    await tabTo(page, "the Register link", byText("a", t("nav.register")), { back: true });
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/register");
    await typeInto(page, "field-name", "Amadou Keita");
    await typeInto(page, "field-email", email);
    await typeInto(page, "field-password", PASSWORD);
    await typeInto(page, "field-confirmPassword", PASSWORD);
    await typeInto(page, "field-organisation", "Sahel Community Radio Network");
    await page.keyboard.press("Escape"); // closes the datalist's suggestions, if any opened
    await chooseOption(page, "field-stakeholderType", "Civil society", "civil_society");
    await chooseOption(page, "field-country", "Mali", "ML");
    await tabTo(page, "the register button", byText("button", t("accounts.register.submit")));
    await pressAndWait(page, "Enter");
    await page.getByRole("heading", { level: 1, name: t("accounts.checkEmail.title") }).waitFor();

    // The link arrives by email; opening it from the mail is not a mouse action on the site.
    const message = await mail.waitFor(email, /verify-email\?token=/);
    const link = message.match(/https?:\/\/\S+\/verify-email\?token=[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeDefined();
    await page.goto(link as string);
    await tabTo(
      page,
      "the sign-in link of the verified page",
      (el) => el.tag === "a" && el.href === "/sign-in" && el.text === t("accounts.signIn.title"),
      { max: 40 },
    );
    await pressAndWait(page, "Enter");
    await signInByKeyboard(page, email);

    // To the new-entry form through the header's "My entries" (a new page: Tab starts at the top).
    await tabTo(page, "My entries", byText("a", t("nav.myEntries")));
    await pressAndWait(page, "Enter");
    await tabTo(page, "the new entry button", byText("a", t("entries.actions.new")));
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/entries/new");

    // Submitted empty: the page comes back with focus on the error summary.
    await tabTo(page, "the submit button", byText("button", t("entries.form.submit")), { max: 600 });
    await pressAndWait(page, "Enter");
    await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
    await page.screenshot({ path: `${SCREENSHOTS}/en-keyboard-entry-errors.png`, fullPage: true });
    await expectNoAxeViolations(page);

    const links = await page.$$eval(".error-summary a", (anchors) =>
      anchors.map((a) => ({ href: a.getAttribute("href") ?? "", text: a.textContent ?? "" })),
    );
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const [index, link] of links.entries()) {
      // Each link of the summary in turn: the first is the next Tab stop after the focused summary,
      // the others are reached back up the form with Shift+Tab from the field just visited.
      await tabTo(page, `summary link ${link.href}`, (el) => el.tag === "a" && el.href === link.href, {
        max: index === 0 ? 1 : 600,
        back: index > 0,
      });
      await page.keyboard.press("Enter");
      const targetId = link.href.slice(1);
      await page.waitForFunction((id) => document.activeElement?.id === id, targetId);
      const field = await page.evaluate((id) => {
        const control = document.getElementById(id) as HTMLElement;
        // A radio or checkbox group carries its state on its fieldset; the link lands on the first box.
        const described =
          control.tagName === "FIELDSET" ? control : (control.closest("fieldset.field") ?? control);
        const owner = control.hasAttribute("aria-describedby") ? control : described;
        const ids = (owner.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
        return {
          invalid: owner.getAttribute("aria-invalid"),
          errorText: ids
            .map((ref) => document.getElementById(ref))
            .filter((node) => node?.classList.contains("field-error"))
            .map((node) => node?.textContent ?? "")
            .join(" "),
        };
      }, targetId);
      expect(field.invalid, `aria-invalid of #${targetId}`).toBe("true");
      expect(field.errorText, `error message described by #${targetId}`).not.toBe("");
      // The summary says what the field's own message says.
      expect(link.text).toContain(field.errorText);
    }

    // Now filled in properly, every control reached and set by keyboard: back up to the title first.
    await tabTo(page, "the title", byId("field-title"), { back: true, max: 600 });
    await page.keyboard.type(TITLE);
    await typeInto(page, "field-description", DESCRIPTION);
    await chooseOption(page, "field-language", "English", "en");
    const organisation = await tabTo(page, "organisation", byId("field-organisationName"));
    if (organisation.value === "") await page.keyboard.type("Sahel Community Radio Network");
    await chooseOption(page, "field-stakeholderType", "Civil society", "civil_society");
    await chooseRadio(page, "coverage", "national");
    await tick(page, "countries", "ML", 400);
    await tick(page, "actionLines", "C7-elearn", 400);
    await tick(page, "sdgs", "4");
    await chooseRadio(page, "projectStatus", "ongoing");
    await tabTo(page, "start date", byId("field-startDate"));
    await page.keyboard.type("09012024");
    expect((await focused(page)).value).toBe("2024-09-01");
    await tabTo(page, "the submit button", byText("button", t("entries.form.submit")), { max: 60 });
    await pressAndWait(page, "Enter");
    // Submitted for review: back on "My entries", told so, with the new entry listed.
    expect(new URL(page.url()).pathname).toBe("/my/entries");
    expect(await page.locator(".notice--ok").textContent()).toBe(t("flash.entries.submitted"));
    await page.getByRole("link", { name: TITLE }).waitFor();

    // Sign out from the header, by keyboard.
    await tabTo(page, "the sign-out button", byText("button", t("nav.signOut")));
    await pressAndWait(page, "Enter");
    await page.getByRole("link", { name: t("nav.signIn") }).waitFor();
    await context.close();
  });
});

/** Whether the page scrolls sideways at its current viewport. */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    // The widest culprits, for a useful failure message.
    offenders: Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 5)
      .map((el) => el.outerHTML.slice(0, 120)),
  }));

async function expectNoSidewaysScroll(page: Page, path: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  expect(new URL(page.url()).pathname).toBe(path.split("?")[0]);
  const result = await horizontalOverflow(page);
  expect(
    result.scrollWidth,
    `${path} at ${result.viewport} px:\n${result.offenders.join("\n")}`,
  ).toBeLessThanOrEqual(result.viewport);
}

/** A context signed in as the reader, by keyboard as everywhere here. */
async function signedIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}/sign-in`);
  await signInByKeyboard(page, READER);
  return page;
}

describe("reflow, zoom and motion", () => {
  it("does not scroll sideways at 320 px wide: home, search and the entry form", async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await signedIn(context);
    for (const path of ["/", "/entries", "/entries?q=water", "/entries/new"])
      await expectNoSidewaysScroll(page, path);
    // And the form with its errors: Enter in the empty title saves a draft, which needs a title.
    await tabTo(page, "the title", byId("field-title"));
    await pressAndWait(page, "Enter");
    await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
    const withErrors = await horizontalOverflow(page);
    expect(withErrors.scrollWidth, withErrors.offenders.join("\n")).toBeLessThanOrEqual(320);
    await page.screenshot({ path: `${SCREENSHOTS}/en-320px-entry-form-errors.png`, fullPage: true });
    await context.close();
  });

  it("does not scroll sideways at 200% zoom (a 1280 px window seen as 640 CSS px): home and search", async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    for (const path of ["/", "/entries"]) await expectNoSidewaysScroll(page, path);
    await context.close();
  });

  it("stops transitions and animations on the search page when reduced motion is asked for", async () => {
    const durations = async (reducedMotion: "reduce" | "no-preference") => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.emulateMedia({ reducedMotion });
      await page.goto(`${server.baseUrl}/entries`);
      // The results fade while loading: the one transition the page has, shown as it would be.
      await page.evaluate(() =>
        document.querySelector(".search-results__body")?.setAttribute("aria-busy", "true"),
      );
      const result = await page.evaluate(() => {
        const seconds = (list: string) => list.split(",").map((part) => Number.parseFloat(part) || 0);
        const moving: string[] = [];
        let busyTransition = 0;
        for (const el of Array.from(document.querySelectorAll("*"))) {
          for (const pseudo of [null, "::before", "::after"]) {
            const style = getComputedStyle(el, pseudo);
            const transition = Math.max(
              ...seconds(style.transitionDuration),
              ...seconds(style.transitionDelay),
            );
            const animated =
              style.animationName !== "none" && Math.max(...seconds(style.animationDuration)) > 0;
            if (transition > 0 || animated)
              moving.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ""}`);
            if (pseudo === null && el.classList.contains("search-results__body")) busyTransition = transition;
          }
        }
        return { moving, busyTransition };
      });
      await context.close();
      return result;
    };
    const normal = await durations("no-preference");
    expect(normal.busyTransition).toBeGreaterThan(0);
    const reduced = await durations("reduce");
    expect(reduced.moving).toEqual([]);
    expect(reduced.busyTransition).toBe(0);
  });
});
