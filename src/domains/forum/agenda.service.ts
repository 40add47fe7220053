import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { notFound } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { deleteStar, findSessionIdByNumber, findStars, insertStar, isStarred } from "./agenda.repo.ts";
import { findClashes } from "./agenda-clashes.ts";
import { latestPublished, loadProgrammeEdition } from "./programme.service.ts";
import type { ProgrammeSession } from "./programme-snapshot.ts";
import { latestProgrammes } from "./programme-version-cache.ts";

/** Personal agendas: starring sessions of a published programme, and the clashes among them. */

export interface AgendaItem {
  sessionId: string;
  year: number;
  timeZone: string;
  venue: string;
  city: string;
  number: number;
  /** As the latest published programme has it; null when the session left the programme. */
  session: ProgrammeSession | null;
  /** The title of the live row, for a session no longer in the programme. */
  title: string;
  /** The other starred sessions this one overlaps, in agenda order. */
  clashesWith: Array<{ year: number; number: number; title: string }>;
}

/**
 * The account's starred sessions, by start (sessions out of the programme last), each with the
 * starred sessions it clashes with. One query for the stars, one for the editions' latest version
 * numbers, and one for the versions not parsed already.
 */
export async function getMyAgenda(db: Kysely<Database>, actor: Actor): Promise<AgendaItem[]> {
  const stars = await findStars(db, actor.id);
  const programmes = await latestProgrammes(db, [...new Set(stars.map((star) => star.editionId))]);
  const items: AgendaItem[] = stars.map((star) => {
    const sessionId = String(star.sessionId);
    const session = programmes.get(star.editionId)?.sessions.find((item) => item.id === sessionId) ?? null;
    return {
      sessionId,
      year: star.year,
      timeZone: effectiveTimeZone(star.timeZone),
      venue: star.venue,
      city: star.city,
      number: star.number,
      session,
      title: session?.title ?? star.title,
      clashesWith: [],
    };
  });
  items.sort(
    (a, b) =>
      (a.session ? 0 : 1) - (b.session ? 0 : 1) ||
      (a.session?.startsAt.getTime() ?? 0) - (b.session?.startsAt.getTime() ?? 0) ||
      a.year - b.year ||
      a.number - b.number,
  );
  const byId = new Map(items.map((item) => [item.sessionId, item]));
  const clashes = findClashes(
    items.flatMap((item) =>
      item.session
        ? [{ key: item.sessionId, startsAt: item.session.startsAt, endsAt: item.session.endsAt }]
        : [],
    ),
  );
  for (const item of items) {
    const others = (clashes.get(item.sessionId) ?? []).flatMap((key) => byId.get(key) ?? []);
    others.sort((a, b) => items.indexOf(a) - items.indexOf(b));
    item.clashesWith = others.map((other) => ({
      year: other.year,
      number: other.number,
      title: other.title,
    }));
  }
  return items;
}

/** The published session `number` of `year`, or 404 `forum_session_not_found`. */
async function publishedSession(db: Kysely<Database>, year: number, number: number) {
  const edition = await loadProgrammeEdition(db, year);
  const programme = await latestPublished(db, edition.id);
  const session = programme?.sessions.find((item) => item.number === number);
  if (!session) throw notFound("forum_session_not_found");
  return { edition, session };
}

/** Whether the actor starred the published session (false for visitors). */
export async function isSessionStarred(
  db: Kysely<Database>,
  actor: Actor | null,
  sessionId: string,
): Promise<boolean> {
  return actor ? isStarred(db, actor.id, sessionId) : false;
}

/** Stars a session of the published programme (again: no change, nothing audited). */
export async function starSession(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  number: number,
  meta: { ip: string | null },
): Promise<void> {
  const { session } = await publishedSession(db, year, number);
  await db.transaction().execute(async (trx) => {
    if (!(await insertStar(trx, actor.id, session.id))) return;
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.agenda.star",
      subjectType: "forum_session",
      subjectId: session.id,
      after: { year, number },
      ip: meta.ip,
    });
  });
}

/**
 * Removes a star. It works for a session that has since left the programme too (the agenda lists
 * those so they can be removed), hence the live row, not the snapshot, is looked up.
 */
export async function unstarSession(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  number: number,
  meta: { ip: string | null },
): Promise<void> {
  const edition = await loadProgrammeEdition(db, year);
  const row = await findSessionIdByNumber(db, edition.id, number);
  if (!row) throw notFound("forum_session_not_found");
  await db.transaction().execute(async (trx) => {
    if (!(await deleteStar(trx, actor.id, row.id))) return;
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.agenda.unstar",
      subjectType: "forum_session",
      subjectId: row.id,
      before: { year, number },
      ip: meta.ip,
    });
  });
}
