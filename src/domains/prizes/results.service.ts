import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { AppError, conflict, notFound } from "../../platform/errors.ts";
import type { Actor } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import {
  findCategoryCodes,
  findEditionByYear,
  findPhaseWindows,
  type PrizeEditionRow,
} from "./editions.repo.ts";
import type { PhaseWindow } from "./prize-phases.ts";
import { type PrizeRules, prizeRules } from "./prize-rules.ts";
import {
  type AwardRow,
  findAwards,
  findNomineeDetails,
  findPublishedTotals,
  findWinnerPicks,
  insertPublishedResults,
  lockEditionForResults,
  type NomineeDetails,
  upsertWinnerPick,
} from "./results.repo.ts";
import { type Champion, computeChampions } from "./results-champions.ts";
import { tallyVotes } from "./vote-tally.repo.ts";

/** The counts shown beside the results: counted, left out by a rule, invalidated by reason. */
export interface ResultTotals {
  counted: number;
  notCounted: number;
  invalidated: Array<{ reason: string; count: number }>;
}

export type RankedNominee = Champion & NomineeDetails & { winner: boolean };

export interface CategoryResults {
  code: string;
  champions: RankedNominee[];
  /** The winner's submission id (recorded, or published), null when none yet. */
  winnerId: string | null;
}

/** What the secretariat works from: the live count, its champions and the winners recorded. */
export interface SecretariatResults {
  edition: PrizeEditionRow;
  rules: PrizeRules;
  votingEndsAt: Date | null;
  votingEnded: boolean;
  publishedAt: Date | null;
  totals: ResultTotals;
  categories: CategoryResults[];
  /** Categories with champions and no winner recorded: publication waits for them. */
  missingWinners: string[];
}

/** The results as published, read by the public page, the API and the certificates. */
export interface PublishedResults {
  edition: PrizeEditionRow;
  rules: PrizeRules;
  publishedAt: Date;
  totals: ResultTotals;
  categories: CategoryResults[];
}

/** An edition by year, or 404 `prize_edition_not_found`. */
export async function editionForYear(db: Kysely<Database>, year: number): Promise<PrizeEditionRow> {
  const edition = Number.isInteger(year) ? await findEditionByYear(db, year) : undefined;
  if (!edition) throw notFound("prize_edition_not_found");
  return edition;
}

/** When voting closes, by the edition's window; null when the edition has no voting phase. */
export function votingEndsAt(windows: readonly PhaseWindow[]): Date | null {
  return windows.find((window) => window.phase === "voting")?.endsAt ?? null;
}

/** Whether the voting window is over at `now` (the server's clock decides). */
export function hasVotingEnded(windows: readonly PhaseWindow[], now: Date): boolean {
  const end = votingEndsAt(windows);
  return end !== null && end <= now;
}

async function liveStanding(db: Kysely<Database>, edition: PrizeEditionRow) {
  const rules = prizeRules(edition.rules);
  const tally = await tallyVotes(db, edition.id, rules);
  const champions = computeChampions(tally.nominees, rules.championsPerCategory);
  const totals: ResultTotals = {
    counted: tally.counted,
    notCounted: tally.notCounted,
    invalidated: tally.invalidated,
  };
  return { rules, champions, totals };
}

async function groupByCategory(
  db: Kysely<Database>,
  edition: PrizeEditionRow,
  champions: readonly Champion[],
  winners: ReadonlyMap<string, string>,
): Promise<CategoryResults[]> {
  const details = await findNomineeDetails(
    db,
    edition.id,
    champions.map((champion) => champion.submissionId),
  );
  const codes = await findCategoryCodes(db, edition.id);
  return codes.map((code) => {
    const winnerId = winners.get(code) ?? null;
    const ranked = champions
      .filter((champion) => champion.categoryCode === code)
      .flatMap((champion) => {
        const detail = details.get(champion.submissionId);
        return detail ? [{ ...detail, ...champion, winner: champion.submissionId === winnerId }] : [];
      });
    return { code, champions: ranked, winnerId };
  });
}

/** The secretariat's view of an edition's results, live until they are published. */
export async function secretariatResults(
  db: Kysely<Database>,
  year: number,
  now = new Date(),
): Promise<SecretariatResults> {
  const edition = await editionForYear(db, year);
  const windows = await findPhaseWindows(db, edition.id);
  const published = edition.results_published_at as Date | string | null;
  const publishedAt = published ? new Date(published) : null;
  if (publishedAt) {
    const results = await publishedResults(db, year);
    return {
      edition,
      rules: results.rules,
      votingEndsAt: votingEndsAt(windows),
      votingEnded: hasVotingEnded(windows, now),
      publishedAt,
      totals: results.totals,
      categories: results.categories,
      missingWinners: [],
    };
  }
  const { rules, champions, totals } = await liveStanding(db, edition);
  const picks = await findWinnerPicks(db, edition.id);
  const winners = new Map([...picks].map(([code, pick]) => [code, pick.submissionId]));
  const categories = await groupByCategory(db, edition, champions, winners);
  return {
    edition,
    rules,
    votingEndsAt: votingEndsAt(windows),
    votingEnded: hasVotingEnded(windows, now),
    publishedAt: null,
    totals,
    categories,
    missingWinners: categories
      .filter((category) => category.champions.length > 0 && !category.champions.some((c) => c.winner))
      .map((category) => category.code),
  };
}

function ensureVotingEnded(windows: readonly PhaseWindow[], now: Date): void {
  if (!hasVotingEnded(windows, now)) {
    const end = votingEndsAt(windows);
    throw conflict("results_voting_not_ended", { endsAt: end ? end.toISOString() : "" });
  }
}

/**
 * Records the expert group's winner of a category. Only once voting has ended, before the results
 * are published, and only among the category's champions of the count at this moment.
 */
export async function recordWinner(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: { category?: unknown; submission?: unknown },
  ip: string | null,
  now = new Date(),
): Promise<{ categoryCode: string; submissionId: string }> {
  const edition = await editionForYear(db, year);
  const codes = await findCategoryCodes(db, edition.id);
  const errors = new FieldErrors();
  const category = errors.choice("category", typeof input.category === "string" ? input.category : "", codes);
  const submission = typeof input.submission === "string" ? input.submission.trim() : "";
  if (submission === "") errors.add("submission", "required");
  else if (!isRowId(submission)) errors.add("submission", "invalid_value");
  errors.throwIfAny();
  const categoryCode = category as string;
  const windows = await findPhaseWindows(db, edition.id);
  return db.transaction().execute(async (trx) => {
    const { resultsPublishedAt } = await lockEditionForResults(trx, edition.id);
    if (resultsPublishedAt) throw conflict("results_already_published");
    ensureVotingEnded(windows, now);
    const rules = prizeRules(edition.rules);
    const tally = await tallyVotes(trx, edition.id, rules);
    const champion = computeChampions(tally.nominees, rules.championsPerCategory).find(
      (item) => item.categoryCode === categoryCode && item.submissionId === submission,
    );
    if (!champion) throw conflict("results_not_champion", { category: categoryCode });
    const previous = await upsertWinnerPick(trx, {
      editionId: edition.id,
      categoryCode,
      submissionId: submission,
      decidedBy: actor.id,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.winner_record",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before: previous ? { category: categoryCode, submissionId: previous } : null,
      after: { category: categoryCode, submissionId: submission, votes: champion.votes, rank: champion.rank },
      ip,
    });
    return { categoryCode, submissionId: submission };
  });
}

/**
 * Publishes the results: the champions of the final count (tie rule in `results-champions.ts`)
 * and the recorded winners become `prize_awards`, the count is frozen in `prize_results` and
 * `results_published_at` is set, in one transaction with its audit record. Refused before the
 * voting phase has ended, a second time, or while a category with champions has no winner.
 */
export async function publishResults(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  ip: string | null,
  now = new Date(),
): Promise<{ publishedAt: Date; champions: number; winners: number }> {
  const edition = await editionForYear(db, year);
  const windows = await findPhaseWindows(db, edition.id);
  return db.transaction().execute(async (trx) => {
    const { resultsPublishedAt } = await lockEditionForResults(trx, edition.id);
    if (resultsPublishedAt) throw conflict("results_already_published");
    ensureVotingEnded(windows, now);
    const rules = prizeRules(edition.rules);
    const tally = await tallyVotes(trx, edition.id, rules);
    const champions = computeChampions(tally.nominees, rules.championsPerCategory);
    const picks = await findWinnerPicks(trx, edition.id);
    const categories = [...new Set(champions.map((champion) => champion.categoryCode))];
    const missing = categories.filter((code) => !picks.has(code));
    if (missing.length > 0)
      throw conflict("results_winners_missing", { count: missing.length, categories: missing.join(", ") });
    const awards: AwardRow[] = champions.map((champion) => ({
      categoryCode: champion.categoryCode,
      submissionId: champion.submissionId,
      award: "champion",
      rank: champion.rank,
      votes: champion.votes,
    }));
    for (const [code, pick] of picks) {
      const champion = champions.find(
        (item) => item.categoryCode === code && item.submissionId === pick.submissionId,
      );
      // A vote invalidated after the pick may have moved the nominee out of the champions.
      if (!champion) throw conflict("results_not_champion", { category: code });
      awards.push({
        categoryCode: code,
        submissionId: champion.submissionId,
        award: "winner",
        rank: champion.rank,
        votes: champion.votes,
      });
    }
    const totals = { counted: tally.counted, notCounted: tally.notCounted, invalidated: tally.invalidated };
    await insertPublishedResults(trx, edition.id, actor.id, now, awards, totals);
    const winners = awards.filter((award) => award.award === "winner");
    await recordAudit(trx, {
      actorId: actor.id,
      action: "prize.results_publish",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before: { resultsPublishedAt: null },
      after: {
        resultsPublishedAt: now.toISOString(),
        ...totals,
        champions: champions.map((c) => ({
          category: c.categoryCode,
          submissionId: c.submissionId,
          rank: c.rank,
        })),
        winners: winners.map((w) => ({ category: w.categoryCode, submissionId: w.submissionId })),
      },
      ip,
    });
    return { publishedAt: now, champions: champions.length, winners: winners.length };
  });
}

/** The published results of an edition; 404 `results_not_published` before publication. */
export async function publishedResults(db: Kysely<Database>, year: number): Promise<PublishedResults> {
  const edition = await editionForYear(db, year);
  const totals = edition.results_published_at ? await findPublishedTotals(db, edition.id) : undefined;
  if (!totals) throw new AppError("results_not_published", 404);
  const awards = await findAwards(db, edition.id);
  const champions: Champion[] = awards
    .filter((award) => award.award === "champion")
    .map((award) => ({
      categoryCode: award.categoryCode,
      submissionId: award.submissionId,
      votes: award.votes ?? 0,
      rank: award.rank ?? 0,
    }));
  const winners = new Map(
    awards
      .filter((award) => award.award === "winner")
      .map((award) => [award.categoryCode, award.submissionId]),
  );
  return {
    edition,
    rules: prizeRules(edition.rules),
    publishedAt: totals.publishedAt,
    totals: { counted: totals.counted, notCounted: totals.notCounted, invalidated: totals.invalidated },
    categories: await groupByCategory(db, edition, champions, winners),
  };
}
