import { randomBytes } from "node:crypto";
import type { ReferenceData } from "../src/domains/taxonomy/taxonomy.repo.ts";

/** A JSON API call; throws with the problem body on any status other than `expect`. */
export async function apiCall(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; expect?: number } = {},
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(base + path, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const expect = options.expect ?? 200;
  if (response.status !== expect)
    throw new Error(
      `${method} ${path} answered ${response.status} (expected ${expect}): ${text.slice(0, 500)}`,
    );
  return JSON.parse(text) as Record<string, unknown>;
}

/** Lowercase letters only, so the full-text parser keeps it as one word found nowhere else. */
export function nonsenseWord(): string {
  return `zqx${[...randomBytes(10)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("")}`;
}

/** A complete entry (it must pass the submit rules) whose title carries `word`. */
export function freshnessEntry(word: string, reference: ReferenceData) {
  const code = <T extends { code: string }>(rows: T[], preferred: string) =>
    (rows.find((row) => row.code === preferred) ?? rows[0])?.code;
  return {
    title: `Search benchmark freshness probe ${word}`,
    description: "A probe entry that the search benchmark publishes to time how soon search shows it.",
    language: "en",
    organisationName: "Search Benchmark",
    stakeholderType: code(reference.stakeholderTypes, "civil_society"),
    coverage: "national",
    countries: [code(reference.countries, "KE")],
    actionLines: [code(reference.actionLines, "C4")],
    sdgs: [reference.sdgs[0]?.number ?? 4],
    targetGroups: [],
    projectStatus: "ongoing",
    startDate: "2024-01-01",
  };
}

export interface FreshnessProbe {
  base: string;
  submitterToken: string;
  moderatorToken: string;
  reference: ReferenceData;
  /** Give up (and report null) after this long. */
  timeoutMs?: number;
}

/**
 * Milliseconds from the moderator's publish answer to the first search answer that finds the new
 * entry, the way real users cause it: create, submit, publish over the API with their tokens.
 * Null when it never showed within the timeout.
 */
export async function measureFreshness(probe: FreshnessProbe): Promise<number | null> {
  const { base } = probe;
  const word = nonsenseWord();
  const created = await apiCall(base, "POST", "/api/v1/entries", {
    token: probe.submitterToken,
    body: freshnessEntry(word, probe.reference),
    expect: 201,
  });
  const id = String(created.id);
  await apiCall(base, "POST", `/api/v1/entries/${id}/submit`, { token: probe.submitterToken });
  await apiCall(base, "POST", `/api/v1/entries/${id}/moderation`, {
    token: probe.moderatorToken,
    body: { decision: "publish" },
  });
  const published = performance.now();
  const deadline = published + (probe.timeoutMs ?? 10_000);
  for (;;) {
    const polled = performance.now();
    const answer = await apiCall(base, "GET", `/api/v1/entries?q=${word}`);
    if (answer.total === 1) return performance.now() - published;
    if (performance.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10 - (performance.now() - polled))));
  }
}
