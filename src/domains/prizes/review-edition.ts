import type { Kysely } from "kysely";
import type { Database, PrizePhase } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { findEditionByYear, findPhaseWindows } from "./editions.repo.ts";
import { isPhaseOpen, type PhaseWindow } from "./prize-phases.ts";

/** An edition as review and nominations read it: its zone, phases and whether the list is out. */
export interface ReviewEdition {
  id: string;
  year: number;
  timeZone: string;
  nomineesPublishedAt: Date | null;
  /** Run before this platform (kept as figures only): no review or nominated list of its own here. */
  past: boolean;
  windows: PhaseWindow[];
}

/** The `:year` of a URL; anything but a four-digit year names no edition. */
export function parseYear(raw: unknown): number {
  if (typeof raw !== "string" || !/^[12][0-9]{3}$/.test(raw)) throw notFound();
  return Number(raw);
}

/** The edition of `:year`, or 404; editions of past years kept only as figures have no review. */
export async function loadEdition(db: Kysely<Database>, rawYear: unknown): Promise<ReviewEdition> {
  const edition = await findEditionByYear(db, parseYear(rawYear));
  if (!edition) throw notFound();
  return {
    id: edition.id,
    year: edition.year,
    // A zone Intl does not know (the historical default `Europe/Geneva`) must never break a page.
    timeZone: effectiveTimeZone(edition.time_zone),
    nomineesPublishedAt: edition.nominees_published_at
      ? new Date(edition.nominees_published_at as unknown as Date | string)
      : null,
    past: edition.past_figures !== null,
    windows: await findPhaseWindows(db, edition.id),
  };
}

export function phaseWindow(edition: ReviewEdition, phase: PrizePhase): PhaseWindow | undefined {
  return edition.windows.find((window) => window.phase === phase);
}

/** Whether experts may score now: the review phase is open by the server's clock, the list not out. */
export function isReviewOpen(edition: ReviewEdition, now = new Date()): boolean {
  return edition.nomineesPublishedAt === null && isPhaseOpen(edition.windows, "review", now);
}

/** Whether the review phase has ended (the secretariat may publish the list from then on). */
export function hasReviewEnded(edition: ReviewEdition, now = new Date()): boolean {
  const window = phaseWindow(edition, "review");
  return window !== undefined && window.endsAt <= now;
}
