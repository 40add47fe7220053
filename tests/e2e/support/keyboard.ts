import type { Page } from "playwright-core";
import { expect } from "vitest";

/**
 * Keyboard-only driving of a page in Chromium: Tab to a control (asserting a visible focus on
 * every stop on the way), then type, press Space, arrows or Enter on it, as a person without a
 * mouse would.
 */

/** What the keyboard is on: enough to recognise a control without a selector engine. */
export interface Focused {
  tag: string;
  id: string;
  name: string;
  type: string;
  value: string;
  checked: boolean;
  href: string;
  /** The accessible text a sighted user reads on it (its own text, or its label's). */
  text: string;
  /** Whether the element shows a focus indicator: an outline or a box shadow. */
  visibleFocus: boolean;
  /** The element, as HTML, for failure messages. */
  html: string;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body)
      return {
        tag: "body",
        id: "",
        name: "",
        type: "",
        value: "",
        checked: false,
        href: "",
        text: "",
        visibleFocus: false,
        html: "<body>",
      };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "" && style.boxShadow !== "none";
    const input = el as HTMLInputElement;
    const labels = input.labels
      ? Array.from(input.labels)
          .map((l) => l.textContent ?? "")
          .join(" ")
      : "";
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute("name") ?? "",
      type: el.getAttribute("type") ?? "",
      value: "value" in el ? String(input.value) : "",
      checked: input.checked === true,
      href: el.getAttribute("href") ?? "",
      text: (labels || el.textContent || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim(),
      visibleFocus: outline || shadow,
      html: el.outerHTML.slice(0, 200),
    };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element matches, asserting on the way that every
 * element Tab lands on shows where the focus is. Fails when the control is not reached in `max`
 * presses: an unreachable control is an accessibility bug.
 */
export async function tabTo(
  page: Page,
  what: string,
  matches: (el: Focused) => boolean,
  { max = 80, back = false }: { max?: number; back?: boolean } = {},
): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const el = await focused(page);
    expect(el.visibleFocus, `no visible focus on ${el.html} (${page.url()})`).toBe(true);
    if (matches(el)) return el;
  }
  throw new Error(`${what} not reached by keyboard within ${max} presses of Tab on ${page.url()}`);
}

export const byId = (id: string) => (el: Focused) => el.id === id;
export const byText = (tag: string, text: string) => (el: Focused) => el.tag === tag && el.text === text;

/** Presses a key that submits or follows a link, and waits for the page it leads to. */
export async function pressAndWait(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

/** Tabs to a text control and types into it, as a person would. */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `#${id}`, byId(id));
  await page.keyboard.type(text);
  expect((await focused(page)).value).toBe(text);
}

/** Tabs to a select and picks an option by typing the start of its label (type-ahead), then arrows. */
export async function chooseOption(page: Page, id: string, label: string, value: string): Promise<void> {
  await tabTo(page, `#${id}`, byId(id));
  await page.keyboard.type(label);
  for (let i = 0; i < 300 && (await focused(page)).value !== value; i++)
    await page.keyboard.press("ArrowDown");
  expect((await focused(page)).value).toBe(value);
}

/** Tabs into a radio group, then moves the choice with the arrow keys (radios are one Tab stop). */
export async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabTo(page, `radio group ${name}`, (el) => el.type === "radio" && el.name === name);
  await page.keyboard.press("Space");
  for (let i = 0; i < 20 && (await focused(page)).value !== value; i++)
    await page.keyboard.press("ArrowDown");
  const el = await focused(page);
  expect({ name: el.name, value: el.value, checked: el.checked }).toEqual({ name, value, checked: true });
}

/** Tabs to one checkbox and ticks it with Space. */
export async function tick(page: Page, name: string, value: string, max = 80): Promise<void> {
  await tabTo(
    page,
    `checkbox ${name}=${value}`,
    (el) => el.type === "checkbox" && el.name === name && el.value === value,
    { max },
  );
  await page.keyboard.press("Space");
  expect((await focused(page)).checked).toBe(true);
}
