import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../platform/i18n.ts";
import { instantToLocal } from "../../platform/zoned-time.ts";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { auditRows } from "./edition-admin.testing.ts";
import { readPhaseHistory, recordPhaseChanges } from "./edition-phase-clock.ts";
import { setPhaseWindow } from "./edition-write.repo.ts";
import { findPhaseWindows } from "./editions.repo.ts";
import type { PhaseWindow } from "./prize-phases.ts";
import { makePrizeEdition } from "./prizes.testing.ts";

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60_000;
const ZONE = "Europe/Zurich";
let t: TestApp;
let asAdmin: Browser;
const en = translator("en");

beforeAll(async () => {
  t = await createTestApp();
  asAdmin = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "admin", name: "Ada Admin" }));
});
afterAll(async () => t?.close());

const windowOf = (windows: PhaseWindow[], phase: string) =>
  windows.find((window) => window.phase === phase) as PhaseWindow;

/** The edition's clock records as `change phase@instant`, in the order they were written. */
async function records(editionId: string): Promise<string[]> {
  const rows = [
    ...(await auditRows(t.db, "prize.phase_open", editionId)),
    ...(await auditRows(t.db, "prize.phase_close", editionId)),
  ].sort((a, b) => Number(a.id) - Number(b.id));
  return rows.map((row) => {
    const after = row.after as { phase: string; at: string };
    return `${row.action.replace("prize.phase_", "")} ${after.phase}@${after.at}`;
  });
}

describe("the phase clock", () => {
  it("records each window start and end the clock has passed exactly once, and none to come", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "voting" });
    const windows = await findPhaseWindows(t.db, edition.id);
    const at = (phase: string, end: "startsAt" | "endsAt") => windowOf(windows, phase)[end].toISOString();
    const now = new Date();
    expect(await recordPhaseChanges(t.db, now)).toBeGreaterThanOrEqual(7);
    expect(await recordPhaseChanges(t.db, now)).toBe(0);
    expect(await records(edition.id)).toEqual([
      `open submission@${at("submission", "startsAt")}`,
      // At one instant the phase that ends is recorded before the one that starts.
      `close submission@${at("submission", "endsAt")}`,
      `open review@${at("review", "startsAt")}`,
      `close review@${at("review", "endsAt")}`,
      `open nomination@${at("nomination", "startsAt")}`,
      `close nomination@${at("nomination", "endsAt")}`,
      `open voting@${at("voting", "startsAt")}`,
    ]);
    const [voting] = (await auditRows(t.db, "prize.phase_open", edition.id)).filter(
      (row) => (row.after as { phase: string }).phase === "voting",
    );
    expect(voting).toMatchObject({ actor_id: null, subject_type: "prize_edition", subject_id: edition.id });
    expect(voting?.after).toEqual({
      year: edition.year,
      phase: "voting",
      at: at("voting", "startsAt"),
      startsAt: at("voting", "startsAt"),
      endsAt: at("voting", "endsAt"),
      timeZone: ZONE,
    });
  });

  it("records nothing for an edition whose first phase has not started", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "submission" });
    const submission = windowOf(await findPhaseWindows(t.db, edition.id), "submission");
    await recordPhaseChanges(t.db, new Date(submission.startsAt.getTime() - MINUTE));
    expect(await records(edition.id)).toEqual([]);
    // The minute it opens, the next run records it.
    await recordPhaseChanges(t.db, submission.startsAt);
    expect(await records(edition.id)).toEqual([`open submission@${submission.startsAt.toISOString()}`]);
  });

  it("gives one record per change when runs overlap (several instances, or a slow tick)", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "review" });
    const now = new Date();
    const counts = await Promise.all(Array.from({ length: 5 }, () => recordPhaseChanges(t.db, now)));
    expect(await records(edition.id)).toHaveLength(3);
    // Whatever the runs found due, each change was recorded by exactly one of them.
    const all = await t.db
      .selectFrom("prize_phase_changes")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const audited = await t.db
      .selectFrom("audit_log")
      .select(({ fn }) => fn.countAll<string>().as("n"))
      .where("action", "in", ["prize.phase_open", "prize.phase_close"])
      .executeTakeFirstOrThrow();
    expect(Number(all.n)).toBe(Number(audited.n));
    // Everything older was recorded by the tests before: these runs had only this edition's three.
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(3);
  });

  it("records a phase at its new start after an extension moves it, and again if a recorded start moves", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "nomination" });
    const before = await findPhaseWindows(t.db, edition.id);
    await recordPhaseChanges(t.db);
    const nomination = windowOf(before, "nomination");
    const newEnd = instantToLocal(new Date(nomination.endsAt.getTime() + 2 * DAY), ZONE);
    const url = `/admin/prizes/${edition.year}/phases/nomination/extend`;
    const extended = await asAdmin.submit(url, url, {
      newEnd,
      reason: "Experts need two more days",
      shiftLater: "1",
    });
    expect(extended.statusCode).toBe(303);
    const after = await findPhaseWindows(t.db, edition.id);
    const voting = windowOf(after, "voting");
    expect(voting.startsAt.getTime()).toBeGreaterThan(windowOf(before, "voting").startsAt.getTime());

    // The old start passes: nothing (voting has not started, nomination has not ended).
    await recordPhaseChanges(t.db, new Date(windowOf(before, "voting").startsAt.getTime() + MINUTE));
    expect((await records(edition.id)).filter((line) => line.includes("voting"))).toEqual([]);
    // The new start passes: nomination closes and voting opens, at their new instants.
    await recordPhaseChanges(t.db, new Date(voting.startsAt.getTime() + MINUTE));
    expect((await records(edition.id)).slice(-2)).toEqual([
      `close nomination@${windowOf(after, "nomination").endsAt.toISOString()}`,
      `open voting@${voting.startsAt.toISOString()}`,
    ]);

    // A recorded start moved (by an edit of the window): recorded again, at its new instant.
    const moved = new Date(voting.startsAt.getTime() + 60 * MINUTE);
    await t.db
      .transaction()
      .execute((trx) => setPhaseWindow(trx, edition.id, "voting", moved, voting.endsAt));
    await recordPhaseChanges(t.db, new Date(moved.getTime() + MINUTE));
    await recordPhaseChanges(t.db, new Date(moved.getTime() + 2 * MINUTE));
    expect((await records(edition.id)).filter((line) => line.startsWith("open voting"))).toEqual([
      `open voting@${voting.startsAt.toISOString()}`,
      `open voting@${moved.toISOString()}`,
    ]);

    // The admin page shows the history: openings by the clock, the extension by whom and why.
    const history = await readPhaseHistory(t.db, edition.id);
    expect(history.map((item) => `${item.kind} ${item.phase}`)).toContain("extend nomination");
    const page = await asAdmin.get(`/admin/prizes/${edition.year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(en("prizes.editions.history.title"));
    expect(page.body).toContain("Experts need two more days");
    expect(page.body).toContain("Ada Admin");
    expect(page.body).toContain(en("prizes.editions.history.clock"));
    expect(page.body).toContain(en("prizes.editions.history.shifted"));
    expect(page.body).toContain(`datetime="${voting.startsAt.toISOString()}"`);
  });

  it("shows an empty history while the clock has recorded nothing", async () => {
    const edition = await makePrizeEdition(t.db, { openPhase: "submission" });
    const page = await asAdmin.get(`/admin/prizes/${edition.year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(en("prizes.editions.history.none"));
  });
});
