import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { axeViolations, describeViolations, launchBrowser } from "./support/browser.ts";
import { newDataDir, type RunningServer, removeDataDir, startServer } from "./support/server.ts";

let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer(newDataDir());
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

it("serves an accessible error page in a real browser", async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.baseUrl}/no-such-page`);
  expect(response?.status()).toBe(404);
  const violations = await axeViolations(page);
  expect(violations, describeViolations("/no-such-page", violations)).toEqual([]);
});
