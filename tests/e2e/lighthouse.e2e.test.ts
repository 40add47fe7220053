import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse, { type Flags, type Result } from "lighthouse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS } from "./support/browser.ts";
import { cli, newDataDir, type RunningServer, removeDataDir, startServer } from "./support/server.ts";

/**
 * Lighthouse with its default (mobile) configuration — mobile form factor and simulated
 * throttling — on the home, search and entry pages, in English and Arabic. Targets:
 * accessibility 100, best practices, SEO and performance at least 95 each.
 */

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof CATEGORIES)[number];

let server: RunningServer;
let chromium: ChildProcess;
let chromiumProfile: string;
let debuggingPort: number;
let entryId: string;
const table: Array<{ page: string; lost: string[] } & Record<Category, number>> = [];

/**
 * Starts Debian's Chromium ourselves (with the same flags as the other e2e tests, so nothing
 * reaches outside the machine) and hands Lighthouse the DevTools port.
 */
async function launchChromium(): Promise<{ child: ChildProcess; port: number }> {
  chromiumProfile = mkdtempSync(join(tmpdir(), "wsis-lighthouse-"));
  const child = spawn(
    process.env.CHROME_PATH ?? "/usr/bin/chromium",
    [
      ...CHROMIUM_ARGS,
      "--remote-debugging-port=0",
      `--user-data-dir=${chromiumProfile}`,
      "--no-default-browser-check",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${stderr}`)), 60_000);
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`chromium exited (${code}): ${stderr}`));
    });
  });
  return { child, port };
}

beforeAll(async () => {
  const dataDir = newDataDir();
  cli(dataDir, ["seed", "--entries", "60", "--seed", "11"]);
  server = await startServer(dataDir);
  const launched = await launchChromium();
  chromium = launched.child;
  debuggingPort = launched.port;
  const body = (await (await fetch(`${server.baseUrl}/api/v1/entries?pageSize=1`)).json()) as {
    items: Array<{ id: string }>;
  };
  entryId = body.items[0]?.id as string;
});

afterAll(async () => {
  if (table.length > 0) {
    const pad = (s: string | number, n: number) => String(s).padEnd(n);
    const lines = [
      `${pad("page", 16)}${CATEGORIES.map((c) => pad(c, 16)).join("")}`,
      ...table.map((row) => `${pad(row.page, 16)}${CATEGORIES.map((c) => pad(row[c], 16)).join("")}`),
    ];
    const lost = table
      .filter((row) => row.lost.length > 0)
      .map((row) => `${row.page}: ${row.lost.join(", ")}`);
    console.log(
      `Lighthouse scores (mobile preset)\n${lines.join("\n")}${lost.length ? `\nAudits below full marks:\n${lost.join("\n")}` : ""}`,
    );
  }
  if (chromium && chromium.exitCode === null) {
    chromium.kill("SIGTERM");
    await new Promise((resolve) => chromium.once("exit", resolve));
  }
  if (chromiumProfile) rmSync(chromiumProfile, { recursive: true, force: true });
  await server?.stop();
  if (server) removeDataDir(server.dataDir);
});

async function audit(name: string, path: string): Promise<void> {
  const flags: Flags = {
    port: debuggingPort,
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
  };
  // A trace is now and then lost (NO_NAVSTART: "Please run Lighthouse again"): retry such a run.
  let lhr: Result | undefined;
  for (let attempt = 1; attempt <= 3; attempt++) {
    lhr = (await lighthouse(`${server.baseUrl}${path}`, flags))?.lhr;
    if (lhr && !lhr.runtimeError) break;
  }
  if (!lhr) throw new Error(`Lighthouse returned no result for ${path}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${path}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
  ) as Record<Category, number>;
  // Name the audits that cost points, so the output and any failure say what to fix.
  const failing = CATEGORIES.flatMap((c) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${c}/${ref.id} (${lhr.audits[ref.id]?.displayValue || lhr.audits[ref.id]?.score})`),
  );
  table.push({ page: name, lost: failing, ...scores });
  const detail = `${name} ${JSON.stringify(scores)}\n${failing.join("\n")}`;
  // The machine is offline and the pages must not depend on anything outside the app.
  const requests = (lhr.audits["network-requests"]?.details as { items?: Array<{ url: string }> } | undefined)
    ?.items;
  const external = (requests ?? [])
    .map((r) => r.url)
    .filter((url) => !url.startsWith(server.baseUrl) && !url.startsWith("data:"));
  expect(external, `${name}: requests outside the app`).toEqual([]);
  expect(scores.accessibility, detail).toBe(100);
  expect(scores["best-practices"], detail).toBeGreaterThanOrEqual(95);
  expect(scores.seo, detail).toBeGreaterThanOrEqual(95);
  expect(scores.performance, detail).toBeGreaterThanOrEqual(95);
}

describe.each(["en", "ar"])("Lighthouse (mobile) in %s", (lang) => {
  it("home page", () => audit(`${lang} home`, `/?lang=${lang}`), 120_000);
  it("search page", () => audit(`${lang} search`, `/entries?lang=${lang}`), 120_000);
  it("entry page", () => audit(`${lang} entry`, `/entries/${entryId}?lang=${lang}`), 120_000);
});
