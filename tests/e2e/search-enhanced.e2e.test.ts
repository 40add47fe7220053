import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/platform/i18n.ts";
import { axeViolations, describeViolations, launchBrowser } from "./support/browser.ts";
import { cli, newDataDir, type RunningServer, removeDataDir, startServer } from "./support/server.ts";

/**
 * The search page with and without JavaScript (issue 3, point 3): a plain GET form that
 * `search.js` turns into in-place updates with the URL, the count and focus kept in step.
 */

const t = translator("en");
const SCREENSHOTS = "artifacts/screenshots";
const ENTRIES = 300;

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = newDataDir();
  cli(dataDir, ["seed", "--entries", String(ENTRIES), "--seed", "3"]);
  server = await startServer(dataDir);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

const statusText = (page: Page) => page.locator("#search-status").textContent();
const facetCounts = (page: Page) => page.locator("#search-facets .count").allTextContents();

/** An Action Line that narrows the results without emptying them, and the count it promises. */
async function narrowingActionLine(): Promise<{ value: string; count: number }> {
  const response = await fetch(`${server.baseUrl}/api/v1/entries`);
  const body = (await response.json()) as {
    total: number;
    facets: { actionLine: Array<{ value: string; count: number }> };
  };
  const choice = body.facets.actionLine.find((item) => item.count > 0 && item.count < body.total);
  if (!choice) throw new Error("no Action Line narrows the demo entries");
  return choice;
}

async function apiTotal(query: string): Promise<number> {
  const response = await fetch(`${server.baseUrl}/api/v1/entries?${query}`);
  return ((await response.json()) as { total: number }).total;
}

/**
 * Waits until an in-place update has finished: the results are no longer marked busy and the live
 * region has its words back (it is emptied for a moment when the count is unchanged).
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.getElementById("search-results")?.hasAttribute("aria-busy") &&
      document.getElementById("search-status")?.textContent !== "",
  );
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, describeViolations(page.url(), violations)).toEqual([]);
}

describe("search with JavaScript", () => {
  it("updates results, counts and URL in place when a filter is ticked, and Back restores them", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    // Every request the script makes must succeed (the browser's own favicon probe is not ours).
    page.on("response", (response) => {
      if (response.status() >= 400 && !response.url().endsWith("/favicon.ico"))
        errors.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${server.baseUrl}/entries`);
    const before = await statusText(page);
    expect(before).toBe(t("search.resultCount", { count: ENTRIES }));
    const countsBefore = await facetCounts(page);
    const { value, count } = await narrowingActionLine();
    await page.evaluate(() => {
      (window as unknown as { __marker: number }).__marker = 1;
    });

    // By keyboard, as someone without a mouse would.
    const box = page.locator(`input[name="actionLine"][value="${value}"]`);
    await box.focus();
    await page.keyboard.press("Space");
    await page.waitForFunction(
      (previous) => document.getElementById("search-status")?.textContent !== previous,
      before,
    );
    await settled(page);

    expect(new URL(page.url()).searchParams.getAll("actionLine")).toEqual([value]);
    expect(new URL(page.url()).search).toBe(`?actionLine=${encodeURIComponent(value)}`);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    const after = await statusText(page);
    expect(after).toBe(t("search.resultCount", { count }));
    expect(await apiTotal(`actionLine=${encodeURIComponent(value)}`)).toBe(count);
    expect(await facetCounts(page)).not.toEqual(countsBefore);
    expect(
      await page.evaluate(() => {
        const active = document.activeElement;
        return active instanceof HTMLInputElement ? `${active.name}=${active.value}:${active.checked}` : null;
      }),
    ).toBe(`actionLine=${value}:true`);
    // The results shown are the filtered ones: the chip and the first page's count agree.
    await page
      .getByRole("link", { name: new RegExp(`^${t("search.remove")} `) })
      .first()
      .waitFor();
    expect(await page.locator("#search-results ol.results > li").count()).toBe(Math.min(count, 20));

    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}/en-search-enhanced.png`, fullPage: true });

    await page.goBack();
    await page.waitForFunction(
      (original) => document.getElementById("search-status")?.textContent === original,
      before,
    );
    await settled(page);
    expect(new URL(page.url()).searchParams.has("actionLine")).toBe(false);
    expect(await page.locator(`input[name="actionLine"][value="${value}"]`).isChecked()).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

    await page.goForward();
    await page.waitForFunction(
      (expected) => document.getElementById("search-status")?.textContent === expected,
      after,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it("follows page links in place and searches words only on submit, with marked matches", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/entries`);
    await page.evaluate(() => {
      (window as unknown as { __marker: number }).__marker = 1;
    });
    const firstTitle = await page.locator("ol.results h3").first().textContent();
    await page.getByRole("link", { name: t("pagination.next"), exact: true }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get("page") === "2");
    await settled(page);
    expect(await page.locator("ol.results h3").first().textContent()).not.toBe(firstTitle);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("results-title");

    // Typing alone does nothing; Enter submits the words and the page is swapped, not reloaded.
    await settled(page);
    const before = await statusText(page);
    await page.fill("#search-q", "digital");
    await page.waitForTimeout(300);
    expect(await statusText(page)).toBe(before);
    await page.press("#search-q", "Enter");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("q") === "digital");
    await settled(page);
    expect(new URL(page.url()).searchParams.has("page")).toBe(false);
    // "Newest first" was only the default without words; with words the default is the best match.
    expect(new URL(page.url()).searchParams.has("sort")).toBe(false);
    expect(await page.locator("#search-sort").inputValue()).toBe("relevance");
    expect(await page.locator(".snippet mark").count()).toBeGreaterThan(0);
    expect((await page.locator(".snippet mark").first().textContent())?.toLowerCase()).toMatch(/^digital/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("search-q");
    await page.screenshot({ path: `${SCREENSHOTS}/en-search-enhanced-words.png` });
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    await page.close();
  });

  it("narrows by a typed year range and shows a wrong year beside its box", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/entries`);
    await page.evaluate(() => {
      (window as unknown as { __marker: number }).__marker = 1;
    });
    await page.locator('[data-facet="year"] summary').click();
    await page.fill("#field-yearFrom", "2015");
    await page.fill("#field-yearTo", "2020");
    await page.press("#field-yearTo", "Enter");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("yearTo") === "2020");
    await settled(page);
    const total = await apiTotal("yearFrom=2015&yearTo=2020");
    expect(await statusText(page)).toBe(t("search.resultCount", { count: total }));
    expect(await page.locator(".active-filters").textContent()).toContain(
      t("search.yearRange.between", { from: "2015", to: "2020" }),
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-yearTo");
    await page.screenshot({ path: `${SCREENSHOTS}/en-search-enhanced-years.png` });

    await page.fill("#field-yearFrom", "3000");
    await page.press("#field-yearFrom", "Enter");
    await page.locator("#yearFrom-error").waitFor();
    await settled(page);
    expect(await page.locator("#field-yearFrom").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#field-yearFrom").inputValue()).toBe("3000");
    expect(await page.locator("#search-results").textContent()).toContain(t("search.invalidTitle"));
    await page.locator("#field-yearFrom").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/en-search-enhanced-year-error.png` });
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    await expectNoAxeViolations(page);
    await page.close();
  });

  it("falls back to loading the page when the in-place request fails", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/entries`);
    await page.evaluate(() => {
      (window as unknown as { __marker: number }).__marker = 1;
    });
    // The script's request fails; the browser's own navigation to the same URL goes through.
    await page.route(/\/entries\?/, (route) =>
      route.request().resourceType() === "fetch"
        ? route.fulfill({ status: 503, contentType: "text/plain", body: "unavailable" })
        : route.continue(),
    );
    const { value, count } = await narrowingActionLine();
    await Promise.all([page.waitForNavigation(), page.check(`input[name="actionLine"][value="${value}"]`)]);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBeUndefined();
    expect(new URL(page.url()).searchParams.getAll("actionLine")).toEqual([value]);
    expect(await statusText(page)).toBe(t("search.resultCount", { count }));
    await page.close();
  });
});

describe("search without JavaScript", () => {
  it("is a plain GET form: ticking a box and pressing the button loads the filtered page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/entries`);
    const { value, count } = await narrowingActionLine();
    await page.check(`input[name="actionLine"][value="${value}"]`);
    // Nothing happens until the form is submitted.
    expect(new URL(page.url()).searchParams.has("actionLine")).toBe(false);
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: t("search.apply") }).click(),
    ]);
    expect(new URL(page.url()).searchParams.getAll("actionLine")).toEqual([value]);
    expect(await statusText(page)).toBe(t("search.resultCount", { count }));
    expect(await page.locator(`input[name="actionLine"][value="${value}"]`).isChecked()).toBe(true);
    // (No axe run here: it is injected as a script, which this context refuses; the markup is the same.)
    await context.close();
  });
});

describe("search in Arabic", () => {
  it("lays out right to left", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/entries?lang=ar`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ar");
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await page.screenshot({ path: `${SCREENSHOTS}/ar-search.png`, fullPage: true });
    await expectNoAxeViolations(page);
    await page.close();
  });
});
