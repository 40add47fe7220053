import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { findForumEditionByYear } from "./forum-editions.repo.ts";
import { formatVenueTime, zoneCity } from "./ocp-edition.ts";
import { accreditationDeadline, type WindowState, windowState } from "./registration-rules.ts";

type Db = Kysely<Database> | Transaction<Database>;

const instant = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** An edition as registration reads it: its zone and its registration and accreditation windows. */
export interface RegistrationEdition {
  id: string;
  year: number;
  timeZone: string;
  opensAt: Date | null;
  closesAt: Date | null;
  /** The end of expressions of interest (the accreditation deadline, capped by the close). */
  interestClosesAt: Date | null;
}

export async function loadRegistrationEdition(db: Db, year: number): Promise<RegistrationEdition> {
  const edition = await findForumEditionByYear(db, year);
  if (!edition) throw notFound("forum_edition_not_found");
  const closesAt = instant(edition.registration_closes_at);
  return {
    id: edition.id,
    year: edition.year,
    timeZone: effectiveTimeZone(edition.time_zone),
    opensAt: instant(edition.registration_opens_at),
    closesAt,
    interestClosesAt: accreditationDeadline({
      registration_closes_at: closesAt,
      accreditation_deadline: instant(edition.accreditation_deadline),
    }),
  };
}

/** Where registration stands now (the server's clock decides). */
export function registrationState(edition: RegistrationEdition, now = new Date()): WindowState {
  return windowState(edition.opensAt, edition.closesAt, now);
}

/** Whether an expression of interest may still be sent now. */
export function interestOpen(edition: RegistrationEdition, now = new Date()): boolean {
  return windowState(edition.opensAt, edition.interestClosesAt, now) === "open";
}

/** The edition's dates in its zone, for pages and messages. */
export function registrationDates(edition: RegistrationEdition, lang: string) {
  const show = (value: Date | null) => (value ? formatVenueTime(value, edition.timeZone, lang) : null);
  return {
    opens: show(edition.opensAt),
    closes: show(edition.closesAt),
    interestCloses: show(edition.interestClosesAt),
    zone: zoneCity(edition.timeZone),
  };
}

/**
 * Refuses a registration outside the window, naming the date in the venue's zone:
 * `forum_registration_not_open` (not set, or not yet open) or `forum_registration_closed`.
 */
export function assertRegistrationOpen(edition: RegistrationEdition, lang: string, now = new Date()): void {
  const state = registrationState(edition, now);
  if (state === "open") return;
  const dates = registrationDates(edition, lang);
  if (state === "closed")
    throw conflict("forum_registration_closed", { deadline: dates.closes ?? "—", zone: dates.zone });
  throw conflict("forum_registration_not_open", { opens: dates.opens ?? "—", zone: dates.zone });
}

/** Refuses an expression of interest after its deadline: `forum_accreditation_closed`. */
export function assertInterestOpen(edition: RegistrationEdition, lang: string, now = new Date()): void {
  if (interestOpen(edition, now)) return;
  const dates = registrationDates(edition, lang);
  throw conflict("forum_accreditation_closed", { deadline: dates.interestCloses ?? "—", zone: dates.zone });
}
