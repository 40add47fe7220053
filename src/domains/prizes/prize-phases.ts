import type { PrizePhase } from "../../db/schema.ts";

/** The phases of an edition in the order they run (DOMAIN.md, "WSIS Prizes"). */
export const PRIZE_PHASES: readonly PrizePhase[] = [
  "submission",
  "review",
  "nomination",
  "voting",
  "evaluation",
  "results",
];

/** One phase's window: open from `startsAt` (included) to `endsAt` (excluded). */
export interface PhaseWindow {
  phase: PrizePhase;
  startsAt: Date;
  endsAt: Date;
}

export function isPrizePhase(value: unknown): value is PrizePhase {
  return typeof value === "string" && (PRIZE_PHASES as readonly string[]).includes(value);
}

/** Whether `phase` is open at `now`. The server's clock decides, never a stored "current phase". */
export function isPhaseOpen(windows: readonly PhaseWindow[], phase: PrizePhase, now: Date): boolean {
  const window = windows.find((item) => item.phase === phase);
  return window !== undefined && window.startsAt <= now && now < window.endsAt;
}

/**
 * The phase open at `now`, or null between phases, before the first and after the last. When an
 * extension makes two windows overlap, the later phase in `PRIZE_PHASES` order wins: it is the one
 * the edition has moved on to.
 */
export function openPhase(windows: readonly PhaseWindow[], now: Date): PrizePhase | null {
  let open: PrizePhase | null = null;
  for (const phase of PRIZE_PHASES) if (isPhaseOpen(windows, phase, now)) open = phase;
  return open;
}
