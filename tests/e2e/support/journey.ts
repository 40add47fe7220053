import type { Page } from "playwright-core";
import { expect } from "vitest";
import { translator } from "../../../src/platform/i18n.ts";
import { axeViolations, describeViolations } from "./browser.ts";

const t = translator("en");

/**
 * The steps a browser journey repeats: open a page (its context has the server as `baseURL`) and
 * check it with axe-core, press a button by its visible name, read the flash message, keep a
 * screenshot. Every page checked is counted, so a journey can say how many it checked. The steps
 * are bound, so they can be taken out of the object.
 */
export class JourneySteps {
  readonly checked: string[] = [];

  constructor(private readonly screenshots: string) {}

  /** axe-core (WCAG 2.1 A and AA) on the page as it is: no violation at any impact. */
  check = async (page: Page, name: string): Promise<void> => {
    const violations = await axeViolations(page);
    expect(violations, describeViolations(`${name} ${page.url()}`, violations)).toEqual([]);
    this.checked.push(name);
  };

  /** Opens `path`, expects a 200, and checks the page when it is given a `name`. */
  go = async (page: Page, path: string, name?: string): Promise<void> => {
    const response = await page.goto(path);
    expect({ path, status: response?.status() }).toEqual({ path, status: 200 });
    if (name) await this.check(page, name);
  };

  /** Presses a button by its visible name and waits for the page it leads to. */
  press = async (page: Page, name: string): Promise<void> => {
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).click()]);
  };

  /** The flash message a successful form leaves on the page it leads to (English catalog key). */
  expectFlash = async (page: Page, key: string): Promise<void> => {
    await expect.poll(() => page.locator("output.notice--ok").first().textContent()).toBe(t(key));
  };

  shot = async (page: Page, lang: "en" | "ar", name: string): Promise<void> => {
    await page.screenshot({ path: `${this.screenshots}/${lang}-journey-${name}.png`, fullPage: true });
  };
}
