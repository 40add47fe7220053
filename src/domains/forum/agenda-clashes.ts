/**
 * Clashes in a personal agenda: two starred sessions that overlap in time ([start, end) windows,
 * so back-to-back sessions do not clash). Sorted by start, a sweep keeps the sessions still
 * running; each newcomer clashes with exactly those.
 */

export interface AgendaSlot {
  key: string;
  startsAt: Date;
  endsAt: Date;
}

/** For each session key, the keys of the starred sessions it overlaps (empty sets left out). */
export function findClashes(slots: readonly AgendaSlot[]): Map<string, string[]> {
  const sorted = [...slots].sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime(),
  );
  const clashes = new Map<string, string[]>();
  const note = (from: string, to: string) => {
    const list = clashes.get(from) ?? [];
    list.push(to);
    clashes.set(from, list);
  };
  let running: AgendaSlot[] = [];
  for (const slot of sorted) {
    const start = slot.startsAt.getTime();
    running = running.filter((other) => other.endsAt.getTime() > start);
    for (const other of running) {
      note(other.key, slot.key);
      note(slot.key, other.key);
    }
    running.push(slot);
  }
  return clashes;
}
