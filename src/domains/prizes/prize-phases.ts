import type { PrizePhase } from "../../db/schema.ts";
import { isPhaseOpen, openPhaseOf, type PhaseWindow as Window } from "../../platform/phase-windows.ts";

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
export type PhaseWindow = Window<PrizePhase>;

export function isPrizePhase(value: unknown): value is PrizePhase {
  return typeof value === "string" && (PRIZE_PHASES as readonly string[]).includes(value);
}

/** Whether `phase` is open at `now`. The server's clock decides, never a stored "current phase". */
export { isPhaseOpen };

/**
 * The phase open at `now`, or null between phases, before the first and after the last. When an
 * extension makes two windows overlap, the later phase in `PRIZE_PHASES` order wins: it is the one
 * the edition has moved on to.
 */
export function openPhase(windows: readonly PhaseWindow[], now: Date): PrizePhase | null {
  return openPhaseOf(PRIZE_PHASES, windows, now);
}
