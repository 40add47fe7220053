import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { AppError, conflict, forbidden, notFound, ValidationError } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { findCategoryCodes, findEditionByYear, findPhaseWindows } from "./editions.repo.ts";
import { isPhaseOpen, type PhaseWindow } from "./prize-phases.ts";
import { type PrizeRules, prizeRules } from "./prize-rules.ts";
import { formatEditionTime, zoneCity } from "./submission-rules.ts";
import {
  type EntrySummary,
  findEarlierWin,
  findEntrySummary,
  findUserOrganisation,
} from "./submissions.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** An edition as the submission rules read it. */
export interface SubmissionEdition {
  id: string;
  year: number;
  timeZone: string;
  rules: PrizeRules;
  windows: PhaseWindow[];
  categories: string[];
}

/** Years are 4 digits; anything else names no edition (a 404, not a 400). */
export function parseYear(raw: unknown): number {
  const text = typeof raw === "number" ? String(raw) : raw;
  if (typeof text !== "string" || !/^\d{4}$/.test(text)) throw notFound("prize_edition_not_found");
  return Number(text);
}

export async function loadSubmissionEdition(db: Db, year: number): Promise<SubmissionEdition> {
  const edition = await findEditionByYear(db, year);
  if (!edition) throw notFound("prize_edition_not_found");
  const [windows, categories] = await Promise.all([
    findPhaseWindows(db, edition.id),
    findCategoryCodes(db, edition.id),
  ]);
  return {
    id: edition.id,
    year: edition.year,
    timeZone: edition.time_zone,
    rules: prizeRules(edition.rules),
    windows,
    categories,
  };
}

/** When the submission phase runs, in the edition's zone, for notices and refusals. */
export interface SubmissionWindowText {
  opens: string;
  closes: string;
  zone: string;
}

export function submissionWindowText(
  edition: Pick<SubmissionEdition, "windows" | "timeZone">,
  lang: string,
): SubmissionWindowText | null {
  const window = edition.windows.find((item) => item.phase === "submission");
  if (!window) return null;
  return {
    opens: formatEditionTime(window.startsAt, edition.timeZone, lang),
    closes: formatEditionTime(window.endsAt, edition.timeZone, lang),
    zone: zoneCity(edition.timeZone),
  };
}

/**
 * Refuses a save or a submission outside the submission phase. The server's clock decides; the
 * refusal names the deadline in the edition's zone ("closed on 14 March 2027 at 23:59 CET
 * (Geneva time)"), since a submitter may be anywhere.
 */
export function assertSubmissionOpen(edition: SubmissionEdition, lang: string, now = new Date()): void {
  if (isPhaseOpen(edition.windows, "submission", now)) return;
  const text = submissionWindowText(edition, lang);
  const window = edition.windows.find((item) => item.phase === "submission");
  if (!text || !window) throw conflict("prize_submission_not_open");
  if (now < window.startsAt)
    throw conflict("prize_submission_not_yet_open", { opens: text.opens, zone: text.zone });
  throw conflict("prize_submission_closed", { deadline: text.closes, zone: text.zone });
}

/** The entity a submitter enters for; an account without an organisation cannot enter. */
export async function requireOrganisation(db: Db, actor: Actor): Promise<{ id: string; name: string }> {
  const organisation = await findUserOrganisation(db, actor.id);
  if (!organisation) throw conflict("prize_no_organisation");
  return organisation;
}

/** Published entries (even with a newer draft) and entries awaiting moderation may be entered. */
export function isEnterableEntry(entry: EntrySummary): boolean {
  if (entry.state === "withdrawn" || entry.state === "merged") return false;
  return entry.state === "submitted" || entry.published_revision_id !== null;
}

/**
 * The project behind a submission: an entry of the submitter's own (someone else's entry is
 * another organisation's project, 403), public or awaiting moderation, that has not won an
 * earlier edition when the edition excludes previous winners.
 */
export async function checkEntry(
  db: Db,
  actor: Actor,
  edition: SubmissionEdition,
  entryId: string,
): Promise<EntrySummary> {
  const entry = await findEntrySummary(db, entryId);
  if (!entry) throw new ValidationError([{ field: "entryId", code: "unknown_entry" }]);
  if (entry.owner_id !== actor.id) throw forbidden("prize_entry_not_owned");
  if (!isEnterableEntry(entry)) throw conflict("prize_entry_not_enterable", { state: entry.state });
  if (edition.rules.previousWinnersExcluded) {
    const won = await findEarlierWin(db, entry.id, edition.year);
    if (won !== undefined) throw conflict("prize_previous_winner", { year: won });
  }
  return entry;
}

/** PostgreSQL's unique_violation, as both engines report it. */
function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  if (e?.code !== "23505") return null;
  return typeof e.constraint === "string" ? e.constraint : "";
}

/**
 * A racing request that passed the checks meets the unique indexes instead: the entity already
 * has a project in the category (`submission_exists`), or the entry is already entered.
 */
export function mapUniqueViolation(error: unknown): unknown {
  const constraint = uniqueViolation(error);
  if (constraint === null) return error;
  if (constraint === "prize_submissions_one_per_entry") return conflict("prize_entry_already_entered");
  return conflict("submission_exists");
}

/** Runs a write, turning a lost race on a unique index into its 409. */
export async function withUniqueChecks<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw error instanceof AppError ? error : mapUniqueViolation(error);
  }
}
