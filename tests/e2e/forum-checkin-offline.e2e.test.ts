import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../src/platform/i18n.ts";
import { launchBrowser } from "./support/browser.ts";
import { FormClient } from "./support/form-client.ts";
import { setUpForumRegistration } from "./support/forum-editions.ts";
import { addUser, newDataDir, type RunningServer, removeDataDir, startServer } from "./support/server.ts";

/**
 * The Forum door check-in page at a flaky venue (issue 7, point 5): after one visit online it
 * loads with the network gone (service worker), queues scans in the phone's storage while offline,
 * and syncs them when the network returns, each with its result.
 */

const t = translator("en");
const ADMIN = "admin.checkin@e2e.example.org";
const PASSWORD = "correct horse battery staple";

let server: RunningServer;
let browser: Browser;
let year: number;

beforeAll(async () => {
  const dataDir = newDataDir();
  addUser(dataDir, { email: ADMIN, password: PASSWORD, role: "admin", name: "Ada Admin" });
  server = await startServer(dataDir);
  browser = await launchBrowser();
  year = await setUpForumRegistration(
    await FormClient.signedIn(server.baseUrl, { email: ADMIN, password: PASSWORD }),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

describe("the check-in page offline", () => {
  it("loads without a network after the first visit, queues a scan and syncs it when back online", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.fill("#field-email", ADMIN);
      await page.fill("#field-password", PASSWORD);
      await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);
      const url = `${server.baseUrl}/forum/${year}/checkin`;
      await page.goto(url);
      // The worker took control and kept the page and its assets.
      await page.waitForFunction(async () => {
        if (navigator.serviceWorker.controller?.state !== "activated") return false;
        const cache = await caches.open("wsis-forum-checkin-v1");
        const page = await cache.match(location.pathname, { ignoreVary: true });
        return page !== undefined && (await cache.keys()).length >= 3;
      });

      // Playwright's offline switch reaches a just-started worker a moment later (without this
      // pause the reload sometimes bypasses it); a venue's real outage has no such race.
      await page.waitForTimeout(1000);
      await context.setOffline(true);
      await page.reload();
      await expect(page.locator("h1").textContent()).resolves.toBe(
        t("forum.registration.checkin.title", { year }),
      );
      await page.fill("#field-token", `WF1.${year}.1.1.AAAAAAAAAAAAAAAAAAAAAA`);
      await page.locator("#checkin-form button[type=submit]").click();
      await expect(page.locator("#checkin-status").textContent()).resolves.toContain("Offline");
      const queued = await page.evaluate(
        (key) => JSON.parse(localStorage.getItem(key) ?? "[]").length,
        `wsis-forum-checkin:${year}`,
      );
      expect(queued).toBe(1);

      await context.setOffline(false);
      await page.waitForSelector("#checkin-results li");
      await expect(page.locator("#checkin-results li").first().textContent()).resolves.toBe(
        t("forum.registration.checkin.result.invalid"),
      );
      const left = await page.evaluate(
        (key) => JSON.parse(localStorage.getItem(key) ?? "[]").length,
        `wsis-forum-checkin:${year}`,
      );
      expect(left).toBe(0);
    } finally {
      await context.close();
    }
  });
});
