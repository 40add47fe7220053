import type { Kysely, Transaction } from "kysely";
import type { Database, ForumSnapshotSession } from "../../db/schema.ts";
import { findVersion, listVersionNumbers } from "./programme-versions.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Where and when a session is, as a version published it. */
export interface SessionPlace {
  room: string | null;
  startsAt: string;
  endsAt: string;
}

export interface ProgrammeChanges {
  from: number;
  to: number;
  /** Sessions in `to` and not in `from`, as `to` published them. */
  added: ForumSnapshotSession[];
  /** Sessions in `from` and not in `to` (taken off the programme), as `from` published them. */
  removed: ForumSnapshotSession[];
  /** Sessions whose room or times changed, with both places. */
  moved: Array<{ session: ForumSnapshotSession; before: SessionPlace; after: SessionPlace }>;
  /** Sessions whose title changed, with both titles. */
  renamed: Array<{ session: ForumSnapshotSession; before: string; after: string }>;
}

const placeOf = (session: ForumSnapshotSession): SessionPlace => ({
  room: session.room,
  startsAt: session.startsAt,
  endsAt: session.endsAt,
});

/**
 * The differences between two snapshots. Sessions are matched by their row id (stable across
 * versions, even when renumbered); a session both moved and renamed is in both lists. Each list
 * is in the order of the later version (start, then number); `removed` in the earlier one's.
 */
export function diffSnapshots(
  before: readonly ForumSnapshotSession[],
  after: readonly ForumSnapshotSession[],
): Omit<ProgrammeChanges, "from" | "to"> {
  const earlier = new Map(before.map((session) => [session.id, session]));
  const later = new Set(after.map((session) => session.id));
  const changes: Omit<ProgrammeChanges, "from" | "to"> = { added: [], removed: [], moved: [], renamed: [] };
  for (const session of after) {
    const old = earlier.get(session.id);
    if (!old) {
      changes.added.push(session);
      continue;
    }
    if (old.room !== session.room || old.startsAt !== session.startsAt || old.endsAt !== session.endsAt)
      changes.moved.push({ session, before: placeOf(old), after: placeOf(session) });
    if (old.title !== session.title)
      changes.renamed.push({ session, before: old.title, after: session.title });
  }
  changes.removed = before.filter((session) => !later.has(session.id));
  return changes;
}

/**
 * What changed in the edition's published programme between version `from` and version `to`
 * (default: the last two). Null when there is nothing to compare: fewer than two versions, or a
 * version asked for that does not exist. For F4's "what changed" page and the iCal feeds.
 */
export async function programmeChanges(
  db: Db,
  editionId: string,
  from?: number,
  to?: number,
): Promise<ProgrammeChanges | null> {
  let fromNumber = from;
  let toNumber = to;
  if (fromNumber === undefined || toNumber === undefined) {
    const numbers = await listVersionNumbers(db, editionId);
    toNumber ??= numbers[0];
    fromNumber ??= numbers.find((number) => toNumber !== undefined && number < toNumber);
  }
  if (fromNumber === undefined || toNumber === undefined) return null;
  const [earlier, later] = await Promise.all([
    findVersion(db, editionId, fromNumber),
    findVersion(db, editionId, toNumber),
  ]);
  if (!earlier || !later) return null;
  return { from: fromNumber, to: toNumber, ...diffSnapshots(earlier.sessions, later.sessions) };
}
