import { overlappingPairs } from "./conflicts.ts";

/**
 * Clashes in a personal agenda: two starred sessions that overlap in time ([start, end) windows,
 * so back-to-back sessions do not clash), found by the same sweep as the schedule's conflicts.
 */

export interface AgendaSlot {
  key: string;
  startsAt: Date;
  endsAt: Date;
}

/** For each session key, the keys of the starred sessions it overlaps (empty sets left out). */
export function findClashes(slots: readonly AgendaSlot[]): Map<string, string[]> {
  const clashes = new Map<string, string[]>();
  const note = (from: string, to: string) => {
    const list = clashes.get(from) ?? [];
    list.push(to);
    clashes.set(from, list);
  };
  overlappingPairs(
    slots.map((slot) => ({ id: slot.key, start: slot.startsAt.getTime(), end: slot.endsAt.getTime() })),
    (first, second) => {
      note(first.id, second.id);
      note(second.id, first.id);
    },
  );
  return clashes;
}
