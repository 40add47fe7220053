/**
 * Dated phases decided by the clock: a process (a prize edition, the Forum's open consultation)
 * stores each phase's window and the server's clock says which is open, never a stored "current
 * phase", so an extension or a new date takes effect at once and nothing has to flip a state.
 */

/** One phase's window: open from `startsAt` (included) to `endsAt` (excluded). */
export interface PhaseWindow<P extends string = string> {
  phase: P;
  startsAt: Date;
  endsAt: Date;
}

/** Whether `phase` is open at `now`. */
export function isPhaseOpen<P extends string>(
  windows: readonly PhaseWindow<P>[],
  phase: P,
  now: Date,
): boolean {
  const window = windows.find((item) => item.phase === phase);
  return window !== undefined && window.startsAt <= now && now < window.endsAt;
}

/**
 * The phase open at `now`, or null between phases, before the first and after the last. When an
 * extension makes two windows overlap, the later phase in `order` wins: it is the one the process
 * has moved on to.
 */
export function openPhaseOf<P extends string>(
  order: readonly P[],
  windows: readonly PhaseWindow<P>[],
  now: Date,
): P | null {
  let open: P | null = null;
  for (const phase of order) if (isPhaseOpen(windows, phase, now)) open = phase;
  return open;
}
