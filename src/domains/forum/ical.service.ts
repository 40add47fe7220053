import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { randomToken, sha256 } from "../../platform/crypto.ts";
import { notFound } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import type { Actor } from "../../platform/permissions.ts";
import { isRowId } from "../../platform/validation.ts";
import { findStars } from "./agenda.repo.ts";
import { vocabularyLabel } from "./forum-vocabulary.ts";
import {
  findIcalToken,
  insertIcalToken,
  listIcalTokens,
  revokeIcalToken,
  touchIcalToken,
} from "./ical.repo.ts";
import { type CalendarEvent, writeCalendar } from "./ical.ts";
import { sessionRevisions } from "./programme-snapshot.ts";
import { programmeHistory } from "./programme-version-cache.ts";

/**
 * Personal iCal feeds: a secret address per feed (only its sha256 is stored) that calendar
 * applications poll without signing in. Creating and revoking are audited; the feed itself reads
 * the published programmes, so it follows every published move of a starred session.
 */

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The account's feeds (live and revoked), newest first. */
export function listIcalFeeds(db: Kysely<Database>, actor: Actor) {
  return listIcalTokens(db, actor.id);
}

/** A new feed; the returned secret is shown once and never again. */
export async function createIcalFeed(
  db: Kysely<Database>,
  actor: Actor,
  meta: { ip: string | null },
): Promise<{ id: string; token: string }> {
  const token = randomToken();
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertIcalToken(trx, actor.id, sha256(token));
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.ical.create",
      subjectType: "forum_ical_token",
      subjectId: inserted.id,
      ip: meta.ip,
    });
    return inserted;
  });
  return { id: row.id, token };
}

/** Revokes one of the account's live feeds, or 404 `forum_ical_token_not_found`. */
export async function revokeIcalFeed(
  db: Kysely<Database>,
  actor: Actor,
  tokenId: string,
  meta: { ip: string | null },
): Promise<void> {
  if (!isRowId(tokenId)) throw notFound("forum_ical_token_not_found");
  await db.transaction().execute(async (trx) => {
    const revoked = await revokeIcalToken(trx, actor.id, tokenId);
    if (!revoked) throw notFound("forum_ical_token_not_found");
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.ical.revoke",
      subjectType: "forum_ical_token",
      subjectId: revoked.id,
      ip: meta.ip,
    });
  });
}

/**
 * The feed behind a secret: every starred session that has been in a published programme. UIDs
 * are the session's id (stable whatever moves); SEQUENCE and LAST-MODIFIED come from the published
 * history, so a session moved in a later version is updated in place, and one taken out of the
 * programme is sent as CANCELLED. Unknown secrets are 404 `forum_ical_feed_not_found`, revoked
 * ones 404 `forum_ical_feed_revoked` (a page saying so, for whoever opens the address).
 */
export async function renderIcalFeed(
  db: Kysely<Database>,
  token: string,
  options: { baseUrl: string; now?: Date },
): Promise<string> {
  if (!TOKEN.test(token)) throw notFound("forum_ical_feed_not_found");
  const owner = await findIcalToken(db, sha256(token));
  if (!owner) throw notFound("forum_ical_feed_not_found");
  if (owner.revoked_at) throw notFound("forum_ical_feed_revoked");
  const now = options.now ?? new Date();
  await touchIcalToken(db, owner.id, now);
  const t = translator(toLanguage(owner.language));
  const stars = await findStars(db, owner.user_id);
  const history = await programmeHistory(db, [...new Set(stars.map((star) => star.editionId))]);
  const revisions = new Map(
    [...history].map(([editionId, versions]) => [editionId, sessionRevisions(versions)] as const),
  );
  const host = new URL(options.baseUrl).hostname || "wsis-platform";
  const events: CalendarEvent[] = [];
  for (const star of stars) {
    const revision = revisions.get(star.editionId)?.get(String(star.sessionId));
    if (!revision) continue;
    const { session } = revision;
    const url = `${options.baseUrl}/forum/${star.year}/sessions/${session.number}`;
    const speakers = session.speakers.map(
      (speaker) => `${speaker.name} (${vocabularyLabel.speakerRole(t, speaker.role)})`,
    );
    events.push({
      uid: `forum-session-${session.id}@${host}`,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      summary: t("forum.programme.ical.summary", { number: session.number, title: session.title }),
      description: [
        t("forum.programme.ical.edition", { year: star.year }),
        vocabularyLabel.sessionType(t, session.type),
        speakers.length > 0 ? t("forum.programme.ical.speakers", { names: speakers.join(", ") }) : "",
        url,
      ]
        .filter((line) => line !== "")
        .join("\n"),
      location:
        session.room === null
          ? t("forum.programme.ical.online")
          : [session.room, star.venue, star.city].filter((part) => part !== "").join(", "),
      url,
      sequence: revision.sequence,
      lastModified: revision.lastModified,
      cancelled: revision.removed,
    });
  }
  events.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  // DTSTAMP: when the feed's content last changed, so an unchanged feed reads the same each poll.
  const stamp = [...history.values()]
    .flat()
    .reduce<Date | null>(
      (latest, version) => (!latest || version.publishedAt > latest ? version.publishedAt : latest),
      null,
    );
  return writeCalendar({ name: t("forum.programme.ical.calendarName"), stamp: stamp ?? now, events });
}
