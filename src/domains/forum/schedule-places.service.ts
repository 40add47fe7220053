import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, type FieldError, ValidationError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { findRooms } from "./forum-editions.repo.ts";
import { type ScheduleSessionRow, writePlaces } from "./schedule.repo.ts";
import { conflictsFor, loadScheduleSession, type RoomRow, type ScheduleEdition } from "./schedule.service.ts";
import { type PlacesInput, readPlaces } from "./schedule-input.ts";
import { countPlaces } from "./waitlist.repo.ts";
import { fillFreeSeats } from "./waitlist.service.ts";

export interface PlacesOutcome {
  limited: boolean;
  capacity: number | null;
  /** Seats and waiting list after the change (promotions included). */
  confirmed: number;
  waitlisted: number;
  /** How many waitlisted people the change gave a seat to. */
  promoted: number;
}

/** The outcome with the rows the change loaded, so callers present it without reading them again. */
export interface PlacesSaved extends PlacesOutcome {
  /** The session as saved. */
  session: ScheduleSessionRow;
  rooms: RoomRow[];
}

/**
 * Sets a session's places: whether registration takes limited places with a waiting list, and how
 * many. Runs under the session row lock that every join and leave takes first (waitlist.repo.ts),
 * so the places taken read here stay true until commit and a raise cannot race a join into more
 * seats than places.
 * - Refused next to the number: a bad number, none while limited, or fewer places than people
 *   already hold (`below_places_taken`, naming how many): their seats are theirs.
 * - Raising the number promotes the waiting list in order into the new places, in this
 *   transaction, through the waitlist's one promotion path (each person once, audited, mailed in
 *   their language).
 * - Lifting the limit while people wait CONFIRMS EVERYONE WAITING, in order, each mailed once. Why
 *   not refuse or leave them waiting: without a limit nothing would ever promote them, so they
 *   would be stranded on a list for a session anyone may now attend; and refusing would only make
 *   the secretariat type a number big enough, the same outcome in more steps. Because it seats and
 *   mails people at once, it is a warning (`confirms_waitlist`, naming how many) saved only with
 *   "save anyway".
 * - More people expected than the room seats (the larger of the number and the places taken
 *   after the change) is the slot form's `over_capacity` warning, saved only with "save anyway".
 * A cancelled session is 409 `forum_session_cancelled`. Audited as `forum.session_places`.
 */
export async function setSessionPlaces(
  db: Kysely<Database>,
  actor: Pick<Actor, "id">,
  edition: ScheduleEdition,
  rawNumber: unknown,
  input: PlacesInput & { override?: unknown },
  options: { ip: string | null; baseUrl: string },
): Promise<PlacesSaved> {
  const places = readPlaces(input);
  const override = input.override === "yes";
  return db.transaction().execute(async (trx) => {
    const session = await loadScheduleSession(trx, edition, rawNumber, true);
    if (session.status === "cancelled") throw conflict("forum_session_cancelled");
    const before = await countPlaces(trx, session.id);
    const seats = places.limited ? (places.capacity as number) : Number.POSITIVE_INFINITY;
    if (seats < before.confirmed)
      throw new ValidationError([
        { field: "capacity", code: "below_places_taken", params: { taken: before.confirmed } },
      ]);
    const warnings: FieldError[] = [];
    if (!places.limited && before.waitlisted > 0)
      warnings.push({ field: "limited", code: "confirms_waitlist", params: { count: before.waitlisted } });
    const seatedAfter = before.confirmed + Math.min(before.waitlisted, seats - before.confirmed);
    const planned = { ...session, places_limited: places.limited, capacity: places.capacity };
    const rooms = await findRooms(trx, edition.id);
    const overCapacity = conflictsFor(
      edition,
      [planned],
      rooms,
      [],
      new Map([[session.id, seatedAfter]]),
    ).find((item) => item.detail.kind === "over_capacity")?.detail;
    if (overCapacity?.kind === "over_capacity")
      warnings.push({
        field: "capacity",
        code: "over_capacity",
        params: { expected: overCapacity.expected, capacity: overCapacity.capacity },
      });
    if (warnings.length > 0 && !override) throw new ValidationError(warnings);
    await writePlaces(trx, session.id, places);
    const { confirmed, promoted } = await fillFreeSeats(
      trx,
      {
        id: session.id,
        edition_id: edition.id,
        number: session.number,
        title: session.title,
        capacity: places.capacity,
      },
      options,
      seats,
    );
    const outcome = { ...places, confirmed, waitlisted: before.waitlisted - promoted, promoted };
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.session_places",
      subjectType: "forum_session",
      subjectId: session.id,
      before: { limited: session.places_limited, capacity: session.capacity, ...before },
      after: { ...outcome, savedAnyway: warnings.map((warning) => warning.code) },
      ip: options.ip,
    });
    return { ...outcome, session: planned, rooms };
  });
}
