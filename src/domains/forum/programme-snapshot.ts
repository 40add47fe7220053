import type {
  ForumSessionMode,
  ForumSessionType,
  ForumSnapshotSession,
  ForumSpeakerRole,
} from "../../db/schema-forum.ts";

/**
 * The public programme as F4 reads it: a published version's sessions (F3's immutable snapshot in
 * `forum_programme_versions`, with instants as dates), never the live draft rows.
 */
export interface ProgrammeSession {
  /** The live session row's id, stable across versions. */
  id: string;
  number: number;
  title: string;
  type: ForumSessionType;
  /** The special track's code, or null. */
  track: string | null;
  mode: ForumSessionMode;
  /** The room's name, or null for a remote session. */
  room: string | null;
  startsAt: Date;
  endsAt: Date;
  speakers: Array<{ name: string; role: ForumSpeakerRole; organisation: string }>;
  actionLines: string[];
  sdgs: number[];
}

export interface PublishedProgramme {
  version: number;
  publishedAt: Date;
  sessions: ProgrammeSession[];
}

/** A session's revision history across published versions, for the iCal feed. */
export interface SessionRevision {
  /** The last published state; for a session no longer in the programme, its last state in one. */
  session: ProgrammeSession;
  /** Increases each time the session's title, slot or room changed, or it left or came back. */
  sequence: number;
  /** When the last such change was published. */
  lastModified: Date;
  /** Not in the latest published version any more. */
  removed: boolean;
}

const signature = (session: ProgrammeSession) =>
  JSON.stringify([session.title, session.startsAt.getTime(), session.endsAt.getTime(), session.room]);

/**
 * Each session's revision over the published versions (oldest first): the feed's SEQUENCE and
 * LAST-MODIFIED must change when a session moves and never go back, which comparing only the last
 * two versions cannot guarantee; versions are few (a handful per edition), so all are read.
 */
export function sessionRevisions(versions: readonly PublishedProgramme[]): Map<string, SessionRevision> {
  const revisions = new Map<string, SessionRevision & { signature: string }>();
  for (const version of versions) {
    const present = new Set<string>();
    for (const session of version.sessions) {
      present.add(session.id);
      const known = revisions.get(session.id);
      const current = signature(session);
      if (!known) {
        revisions.set(session.id, {
          session,
          sequence: 0,
          lastModified: version.publishedAt,
          removed: false,
          signature: current,
        });
      } else if (known.removed || known.signature !== current) {
        revisions.set(session.id, {
          session,
          sequence: known.sequence + 1,
          lastModified: version.publishedAt,
          removed: false,
          signature: current,
        });
      } else {
        known.session = session;
      }
    }
    for (const [id, known] of revisions)
      if (!present.has(id) && !known.removed) {
        known.removed = true;
        known.sequence += 1;
        known.lastModified = version.publishedAt;
      }
  }
  return new Map([...revisions].map(([id, { signature: _s, ...revision }]) => [id, revision]));
}

/** A snapshot session (F3's JSON, instants as ISO strings) as F4 reads it. */
export function toProgrammeSession(row: ForumSnapshotSession): ProgrammeSession {
  return {
    id: String(row.id),
    number: row.number,
    title: row.title,
    type: row.type,
    track: row.track ?? null,
    mode: row.mode,
    room: row.room ?? null,
    startsAt: new Date(row.startsAt),
    endsAt: new Date(row.endsAt),
    speakers: (row.speakers ?? []).map((speaker) => ({
      name: speaker.name,
      role: speaker.role,
      organisation: speaker.organisation ?? "",
    })),
    actionLines: row.actionLines ?? [],
    sdgs: row.sdgs ?? [],
  };
}

/** A published version (a row, or F3's `latestProgrammeVersion`) as F4 reads it. */
export function toPublishedProgramme(version: {
  version: number;
  publishedAt: Date | string;
  sessions: ForumSnapshotSession[] | string;
}): PublishedProgramme {
  // The jsonb column reads back parsed on both engines; a string is parsed all the same.
  const sessions =
    typeof version.sessions === "string"
      ? (JSON.parse(version.sessions) as ForumSnapshotSession[])
      : version.sessions;
  return {
    version: version.version,
    publishedAt: new Date(version.publishedAt),
    sessions: sessions.map(toProgrammeSession),
  };
}
