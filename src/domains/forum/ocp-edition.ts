import type { Kysely, Transaction } from "kysely";
import type { Database, ForumOcpPhase } from "../../db/schema.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { isPhaseOpen, type PhaseWindow } from "../../platform/phase-windows.ts";
import { effectiveTimeZone, formatInZone } from "../../platform/zoned-time.ts";
import { requireForumEdition } from "./editions.service.ts";
import { findOcpWindows } from "./forum-editions.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An edition as the OCP reads it: its zone and the OCP windows. */
export interface OcpEdition {
  id: string;
  year: number;
  timeZone: string;
  windows: PhaseWindow<ForumOcpPhase>[];
}

/**
 * The one reader of a year in a URL or API path. Years are 4 digits; anything else names no edition
 * (a 404, not a 400). No range here: an unknown year is a 404 from the lookup.
 */
export function parseForumYear(raw: unknown): number {
  const text = typeof raw === "number" ? String(raw) : raw;
  if (typeof text !== "string" || !/^\d{4}$/.test(text)) throw notFound("forum_edition_not_found");
  return Number(text);
}

export async function loadOcpEdition(db: Db, year: number): Promise<OcpEdition> {
  const edition = await requireForumEdition(db, year);
  return {
    id: edition.id,
    year: edition.year,
    timeZone: effectiveTimeZone(edition.time_zone),
    windows: await findOcpWindows(db, edition.id),
  };
}

/** An instant in the venue's zone, naming it; English reads it the UN way (day month year). */
export function formatVenueTime(instant: Date, timeZone: string, lang: string): string {
  return formatInZone(instant, lang === "en" ? "en-GB" : lang, effectiveTimeZone(timeZone));
}

/** The zone's city for "(Zurich time)". */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").at(-1) ?? timeZone).replace(/_/g, " ");
}

/** When official submissions and binding requests are taken, in the venue's zone. */
export interface OcpDeadline {
  opens: string;
  closes: string;
  zone: string;
  /** The end of the window (ISO 8601, UTC), for the API. */
  closesAt: string;
}

export function ocpDeadline(edition: OcpEdition, lang: string): OcpDeadline | null {
  const window = edition.windows.find((item) => item.phase === "submissions");
  if (!window) return null;
  return {
    opens: formatVenueTime(window.startsAt, edition.timeZone, lang),
    closes: formatVenueTime(window.endsAt, edition.timeZone, lang),
    zone: zoneCity(edition.timeZone),
    closesAt: window.endsAt.toISOString(),
  };
}

/** Whether stakeholders may write now (the `submissions` window is open; the server's clock decides). */
export function isOcpOpen(edition: OcpEdition, now = new Date()): boolean {
  return isPhaseOpen(edition.windows, "submissions", now);
}

/**
 * Refuses a write outside the `submissions` window, naming the deadline in the venue's zone
 * ("closed on 14 March 2027 at 23:59 CET (Zurich time)"), since stakeholders write from anywhere.
 */
export function assertOcpOpen(edition: OcpEdition, lang: string, now = new Date()): void {
  if (isOcpOpen(edition, now)) return;
  const window = edition.windows.find((item) => item.phase === "submissions");
  const text = ocpDeadline(edition, lang);
  if (!window || !text) throw conflict("forum_ocp_closed", { deadline: "—", zone: "UTC" });
  if (now < window.startsAt) throw conflict("forum_ocp_not_yet_open", { opens: text.opens, zone: text.zone });
  throw conflict("forum_ocp_closed", { deadline: text.closes, zone: text.zone });
}
