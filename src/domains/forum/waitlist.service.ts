import type { Kysely, Transaction } from "kysely";
import type { Database, ForumPlaceStatus } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/mail.ts";
import type { Actor } from "../../platform/permissions.ts";
import { isRowId } from "../../platform/validation.ts";
import { findForumEditionById } from "./forum-editions.repo.ts";
import {
  countPlaces,
  deletePlace,
  findAccountForMail,
  findPlace,
  findSessionEdition,
  findSessionForPlaces,
  hasConfirmedOnsite,
  insertPlace,
  lockSessionForPlaces,
  placesOfUser,
  promoteFirstWaitlisted,
  waitlistPosition,
} from "./waitlist.repo.ts";

/**
 * Places in sessions with limited places, with a waiting list. The session row is locked `for
 * update` by every join and leave (waitlist.repo.ts), so the confirmed count read under the lock
 * is exact: 200 simultaneous joins for 100 seats confirm exactly 100 and waitlist 100. Freed
 * seats go to the waiting list in order, in the same transaction as the leave that freed them,
 * each waitlisted person being promoted once (`promoted_at`), and told by mail (outbox).
 */

type Locked = NonNullable<Awaited<ReturnType<typeof lockSessionForPlaces>>>;

export interface PlaceOutcome {
  sessionId: string;
  status: ForumPlaceStatus;
  /** Position on the waiting list (1 = next), for a waitlisted place. */
  position: number | null;
  /** True when the account already held this place (nothing changed). */
  already: boolean;
}

export interface PlaceOptions {
  ip?: string | null;
  baseUrl?: string;
  now?: Date;
}

/** Checks the session takes places now: limited, with a known capacity, scheduled and not started. */
function assertTakesPlaces(session: Locked, now: Date): number {
  if (!session.places_limited || session.capacity === null) throw conflict("forum_places_not_limited");
  if (!placesOpen(session, now)) throw conflict("forum_session_not_open");
  return session.capacity;
}

/** What promoting needs of a session: the caller holds its row lock (`lockSessionForPlaces`). */
export type PromotableSession = Pick<Locked, "id" | "edition_id" | "number" | "title" | "capacity">;

/**
 * Promotes waitlisted people, first come first served, while confirmed seats are under `seats`
 * (the session's effective capacity unless told: a seat freed by a leave, or places raised by the
 * secretariat; Infinity when the limit is lifted); each promoted person gets a mail in their own
 * language. The ONE promotion path: joins, leaves, cancellations and the secretariat's places
 * form all come here, under the session row lock. Returns the confirmed seats after and how many
 * were promoted.
 */
export async function fillFreeSeats(
  trx: Transaction<Database>,
  session: PromotableSession,
  options: PlaceOptions,
  seats: number | null = session.capacity,
): Promise<{ confirmed: number; promoted: number }> {
  let { confirmed, waitlisted } = await countPlaces(trx, session.id);
  let count = 0;
  if (seats === null) return { confirmed, promoted: count };
  let year: number | undefined;
  while (confirmed < seats && waitlisted > 0) {
    const promoted = await promoteFirstWaitlisted(trx, session.id);
    if (!promoted) break;
    waitlisted -= 1;
    confirmed += 1;
    count += 1;
    await recordAudit(trx, {
      actorId: null,
      action: "forum.place_promote",
      subjectType: "forum_session",
      subjectId: session.id,
      after: { userId: promoted.user_id, placeId: promoted.id },
      ip: options.ip ?? null,
    });
    year ??= (await findForumEditionById(trx, session.edition_id))?.year;
    await mailPromotion(trx, promoted.user_id, { ...session, year: year as number }, options.baseUrl ?? "");
  }
  return { confirmed, promoted: count };
}

async function mailPromotion(
  trx: Transaction<Database>,
  userId: string,
  session: PromotableSession & { year: number },
  baseUrl: string,
) {
  const account = await findAccountForMail(trx, userId);
  if (!account) return;
  const t = translator(toLanguage(account.language));
  const values = {
    number: session.number,
    title: session.title.replace(/\s+/g, " ").trim(),
    year: session.year,
  };
  await enqueueMail(trx, {
    to: account.email,
    subject: t("forum.registration.mail.promoted.subject", values),
    text: [
      t("forum.registration.mail.promoted.body", { name: account.name, ...values }),
      `${baseUrl}/forum/${session.year}/sessions/${session.number}/places`,
    ].join("\n\n"),
  });
}

/**
 * Takes a place in a limited session for `actor`: a seat while confirmed seats are under the
 * capacity (the session's own, else its room's), otherwise a place on the waiting list. Asking
 * again returns the place already held. Refusals: 404 `forum_session_not_found`, 409
 * `forum_places_not_limited`, `forum_session_not_open` (draft, cancelled or started),
 * `forum_not_registered_onsite`. Audited `forum.place_join`. The lead's bench calls this under
 * contention.
 */
export async function registerForSession(
  db: Kysely<Database>,
  actor: Pick<Actor, "id">,
  sessionId: string,
  options: PlaceOptions = {},
): Promise<PlaceOutcome> {
  const now = options.now ?? new Date();
  if (!isRowId(sessionId)) throw notFound("forum_session_not_found");
  const known = await findSessionEdition(db, sessionId);
  if (!known) throw notFound("forum_session_not_found");
  return db.transaction().execute(async (trx) => {
    const registered = await hasConfirmedOnsite(trx, known.edition_id, actor.id);
    const session = await lockSessionForPlaces(trx, sessionId);
    if (!session) throw notFound("forum_session_not_found");
    const capacity = assertTakesPlaces(session, now);
    if (!registered) throw conflict("forum_not_registered_onsite");
    const existing = await findPlace(trx, session.id, actor.id);
    if (existing) {
      const position =
        existing.status === "waitlisted" ? await waitlistPosition(trx, session.id, existing.id) : null;
      return { sessionId: session.id, status: existing.status, position, already: true };
    }
    const { confirmed } = await fillFreeSeats(trx, session, options);
    const status: ForumPlaceStatus = confirmed < capacity ? "confirmed" : "waitlisted";
    const placeId = await insertPlace(trx, session.id, actor.id, status);
    const position = status === "waitlisted" ? await waitlistPosition(trx, session.id, placeId) : null;
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.place_join",
      subjectType: "forum_session",
      subjectId: session.id,
      after: { status, position },
      ip: options.ip ?? null,
    });
    return { sessionId: session.id, status, position, already: false };
  });
}

/**
 * Gives up `actor`'s seat or waiting-list place; a freed seat goes to the first person waiting in
 * the same transaction. 404 `forum_place_not_found` when they hold none. Audited `forum.place_leave`.
 */
export async function leaveSession(
  db: Kysely<Database>,
  actor: Pick<Actor, "id">,
  sessionId: string,
  options: PlaceOptions = {},
): Promise<void> {
  if (!isRowId(sessionId)) throw notFound("forum_session_not_found");
  await db.transaction().execute(async (trx) => {
    const session = await lockSessionForPlaces(trx, sessionId);
    if (!session) throw notFound("forum_session_not_found");
    const place = await findPlace(trx, session.id, actor.id);
    if (!place) throw notFound("forum_place_not_found");
    await deletePlace(trx, place.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.place_leave",
      subjectType: "forum_session",
      subjectId: session.id,
      before: { status: place.status },
      ip: options.ip ?? null,
    });
    if (place.status === "confirmed") await fillFreeSeats(trx, session, options);
  });
}

/**
 * Gives up every place `userId` holds in the edition (their registration is being cancelled),
 * inside the caller's transaction; sessions are locked in id order so two such releases never
 * deadlock.
 */
export async function releasePlacesOf(
  trx: Transaction<Database>,
  userId: string,
  editionId: string,
): Promise<void> {
  const places = await placesOfUser(trx, editionId, userId);
  const bySession = [...places].sort((a, b) => Number(a.session_id) - Number(b.session_id));
  for (const place of bySession) {
    const session = await lockSessionForPlaces(trx, place.session_id);
    if (!session) continue;
    await deletePlace(trx, place.id);
    await recordAudit(trx, {
      actorId: userId,
      action: "forum.place_leave",
      subjectType: "forum_session",
      subjectId: session.id,
      before: { status: place.status, reason: "registration_cancelled" },
    });
    if (place.status === "confirmed") await fillFreeSeats(trx, session, {});
  }
}

/** The seats and queue of a session, and the account's place in it with its queue position. */
async function placesIn(db: Kysely<Database>, sessionId: string, actorId: string | null) {
  const counts = await countPlaces(db, sessionId);
  const place = actorId ? await findPlace(db, sessionId, actorId) : undefined;
  const position = place?.status === "waitlisted" ? await waitlistPosition(db, sessionId, place.id) : null;
  return {
    counts,
    place: place ? { status: place.status, position, promoted: place.promoted_at !== null } : null,
  };
}

/** The places page's data: the session, its seats and queue, and the account's place. */
export async function placesView(
  db: Kysely<Database>,
  actorId: string | null,
  editionId: string,
  number: number,
) {
  const session = await findSessionForPlaces(db, editionId, number);
  if (!session) throw notFound("forum_session_not_found");
  return {
    session: { ...session, capacity: session.capacity === null ? null : Number(session.capacity) },
    ...(await placesIn(db, session.id, actorId)),
  };
}

/** Places can be taken while the session is scheduled and has not started. */
export function placesOpen(
  session: { status: string; starts_at: string | Date | null },
  now = new Date(),
): boolean {
  return session.status === "scheduled" && (session.starts_at === null || new Date(session.starts_at) > now);
}

/**
 * The places of a published session as its public page shows them, or null when it has no limit
 * (or no known number of places). Read live, not from the published snapshot: seats change by the
 * minute, programme versions do not.
 */
export async function sessionPlacesSummary(
  db: Kysely<Database>,
  actorId: string | null,
  editionId: string,
  number: number,
) {
  const session = await findSessionForPlaces(db, editionId, number);
  if (!session?.places_limited || session.capacity === null) return null;
  const { counts, place } = await placesIn(db, session.id, actorId);
  return {
    capacity: Number(session.capacity),
    confirmed: counts.confirmed,
    waitlisted: counts.waitlisted,
    mine: place?.status ?? null,
    open: placesOpen(session),
  };
}
