import type { Kysely } from "kysely";
import type { Database, PrizePhase } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import {
  claimPhaseChange,
  type DuePhaseChange,
  findDuePhaseChanges,
  findPhaseAudit,
  type PhaseAuditRow,
} from "./edition-phase-clock.repo.ts";
import { isPrizePhase, PRIZE_PHASES } from "./prize-phases.ts";

/**
 * The phase clock: puts the phase changes the clock makes into the audit log. Which phase is open
 * is still decided by `openPhase` on every request; this only records, once, that a window has
 * started (`prize.phase_open`) or ended (`prize.phase_close`), so the audit log holds every phase
 * change beside the admins' extensions (`prize.phase_extend`).
 */

type Db = Kysely<Database>;

/**
 * How often the clock looks. Why a minute rather than housekeeping's hour, or a timer set for the
 * next boundary: a phase opens at a minute typed by an admin, and an hour-late record would say
 * the voting opened long after people were voting. A timer aimed at the next boundary would have
 * to be re-aimed whenever any instance's admin moves a window (extensions, edits), which the
 * process cannot see; polling sees every change by the next tick. The poll is one read of six
 * rows per edition against a primary key, and writes only when a boundary has passed, so a
 * record comes at most a minute late and carries the window's exact instant.
 */
export const PHASE_CLOCK_INTERVAL_MS = 60_000;

const AUDIT_ACTION = { open: "prize.phase_open", close: "prize.phase_close" } as const;

/** Oldest first; at one instant a phase closes before the next one opens, in phase order. */
function byInstant(a: DuePhaseChange, b: DuePhaseChange): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    (a.change === b.change ? 0 : a.change === "close" ? -1 : 1) ||
    Number(a.editionId) - Number(b.editionId) ||
    PRIZE_PHASES.indexOf(a.phase) - PRIZE_PHASES.indexOf(b.phase)
  );
}

/**
 * Records every phase start and end the clock has passed by `now` and not recorded yet: one row in
 * `prize_phase_changes` and one audit record (actor: the system) per change, in one transaction
 * each. Safe from several instances and overlapping runs: the table's primary key lets exactly
 * one writer record a change. A window moved after it was recorded is recorded again at its new
 * instant. Returns how many changes this call recorded.
 */
export async function recordPhaseChanges(db: Db, now = new Date()): Promise<number> {
  const due = (await findDuePhaseChanges(db, now)).sort(byInstant);
  let recorded = 0;
  for (const change of due) {
    const claimed = await db.transaction().execute(async (trx) => {
      if (!(await claimPhaseChange(trx, change))) return false;
      await recordAudit(trx, {
        actorId: null,
        action: AUDIT_ACTION[change.change],
        subjectType: "prize_edition",
        subjectId: change.editionId,
        after: {
          year: change.year,
          phase: change.phase,
          at: change.at.toISOString(),
          startsAt: change.startsAt.toISOString(),
          endsAt: change.endsAt.toISOString(),
          timeZone: change.timeZone,
        },
      });
      return true;
    });
    if (claimed) recorded += 1;
  }
  return recorded;
}

/** One line of an edition's phase history, as the admin page shows it. */
export type PhaseHistoryItem =
  | {
      kind: "open" | "close";
      phase: PrizePhase;
      /** The window's start (open) or end (close). */
      at: Date;
      /** When the clock recorded it: later than `at` when no instance was running then. */
      recordedAt: Date;
    }
  | {
      kind: "extend";
      phase: PrizePhase;
      /** When the admin extended it. */
      at: Date;
      by: string | null;
      fromEnd: Date;
      toEnd: Date;
      reason: string;
      shiftLater: boolean;
    };

/** How many records the history shows: the latest ones. An edition makes a few dozen. */
export const PHASE_HISTORY_MAX = 200;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

function instant(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An audit record as a history line; null for one that is not well formed (never a failing page). */
function historyItem(row: PhaseAuditRow): PhaseHistoryItem | null {
  const after = record(row.after);
  const phase = after.phase;
  if (!isPrizePhase(phase)) return null;
  if (row.action === "prize.phase_extend") {
    const fromEnd = instant(record(row.before).endsAt);
    const toEnd = instant(after.endsAt);
    if (!fromEnd || !toEnd) return null;
    return {
      kind: "extend",
      phase,
      at: row.at,
      by: row.actorName,
      fromEnd,
      toEnd,
      reason: typeof after.reason === "string" ? after.reason : "",
      shiftLater: after.shiftLater === true,
    };
  }
  const kind = row.action === "prize.phase_open" ? "open" : "close";
  const at = instant(after.at) ?? instant(kind === "open" ? after.startsAt : after.endsAt);
  return at ? { kind, phase, at, recordedAt: row.at } : null;
}

/** The edition's phase history from the audit log: openings, closings and extensions, by time. */
export async function readPhaseHistory(db: Db, editionId: string): Promise<PhaseHistoryItem[]> {
  const rows = await findPhaseAudit(db, editionId, PHASE_HISTORY_MAX);
  return rows
    .map(historyItem)
    .filter((item): item is PhaseHistoryItem => item !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
