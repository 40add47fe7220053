/**
 * The arithmetic of expert review: each expert's weighted score of a submission, and the
 * aggregate the secretariat ranks by. Pure functions, so the figures are unit-tested apart from
 * the database.
 *
 * - An expert's weighted score is Σ(weight × score) / Σ weight over the criteria they scored, on
 *   the same 0–10 scale as a single score.
 * - A submission's score is the mean of its experts' weighted scores (each expert counts once,
 *   whatever the number of criteria), with the spread of those scores: min, max and the
 *   population standard deviation (null below two experts, where no spread exists).
 */

/** A score runs from 0 to 10, whole numbers only. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
/** Experts disagreeing by this many points (max − min of their weighted scores) are flagged. */
export const WIDE_SPREAD = 3;

export interface CriterionWeight {
  code: string;
  weight: number;
}

export interface ScoreCell {
  expertId: string;
  criterionCode: string;
  score: number;
}

/**
 * What the secretariat should look at twice: nobody scored it, one expert only, experts far apart,
 * or an expert who left a criterion unscored (a criterion added after they scored).
 */
export type ReviewFlag = "no_scores" | "single_score" | "wide_spread" | "incomplete";

export interface SubmissionAggregate {
  /** Experts who scored it. */
  experts: number;
  /** Mean of the experts' weighted scores, rounded to 2 decimals; null when nobody scored. */
  score: number | null;
  min: number | null;
  max: number | null;
  stdDev: number | null;
  /** Mean score per criterion code (rounded to 2 decimals), null where nobody scored it. */
  criteria: Record<string, number | null>;
  /** Each expert's weighted score (rounded), keyed by expert id. */
  byExpert: Record<string, number>;
  flags: ReviewFlag[];
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** One expert's weighted score over the criteria they scored; null when they scored none. */
export function weightedScore(
  scores: ReadonlyMap<string, number>,
  criteria: readonly CriterionWeight[],
): number | null {
  let weighted = 0;
  let weights = 0;
  for (const criterion of criteria) {
    const score = scores.get(criterion.code);
    if (score === undefined) continue;
    weighted += criterion.weight * score;
    weights += criterion.weight;
  }
  return weights > 0 ? weighted / weights : null;
}

/** The aggregate of one submission's score cells (any order; cells of unknown criteria are ignored). */
export function aggregateScores(
  cells: readonly ScoreCell[],
  criteria: readonly CriterionWeight[],
): SubmissionAggregate {
  const known = new Set(criteria.map((criterion) => criterion.code));
  const perExpert = new Map<string, Map<string, number>>();
  for (const cell of cells) {
    if (!known.has(cell.criterionCode)) continue;
    const scores = perExpert.get(cell.expertId) ?? new Map<string, number>();
    scores.set(cell.criterionCode, cell.score);
    perExpert.set(cell.expertId, scores);
  }
  const byExpert: Record<string, number> = {};
  const values: number[] = [];
  let incomplete = false;
  for (const [expertId, scores] of perExpert) {
    const value = weightedScore(scores, criteria);
    if (value === null) continue;
    values.push(value);
    byExpert[expertId] = round2(value);
    if (scores.size < criteria.length) incomplete = true;
  }
  const criteriaMeans: Record<string, number | null> = {};
  for (const criterion of criteria) {
    const given = [...perExpert.values()]
      .map((scores) => scores.get(criterion.code))
      .filter((score): score is number => score !== undefined);
    criteriaMeans[criterion.code] = given.length ? round2(mean(given)) : null;
  }
  const flags: ReviewFlag[] = [];
  if (values.length === 0) flags.push("no_scores");
  if (values.length === 1) flags.push("single_score");
  const min = values.length ? Math.min(...values) : null;
  const max = values.length ? Math.max(...values) : null;
  if (min !== null && max !== null && values.length > 1 && max - min >= WIDE_SPREAD)
    flags.push("wide_spread");
  if (incomplete) flags.push("incomplete");
  return {
    experts: values.length,
    score: values.length ? round2(mean(values)) : null,
    min: min === null ? null : round2(min),
    max: max === null ? null : round2(max),
    stdDev: values.length > 1 ? round2(standardDeviation(values)) : null,
    criteria: criteriaMeans,
    byExpert,
    flags,
  };
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Population standard deviation: the experts who scored are the whole population, not a sample. */
export function standardDeviation(values: readonly number[]): number {
  const average = mean(values);
  return Math.sqrt(mean(values.map((value) => (value - average) ** 2)));
}

/**
 * Orders submissions best first: score (unscored last), then more experts (a score more people
 * agree on), then the older id. `rank` is the competition rank (equal scores share it, the next
 * one skips: 1, 1, 3); unscored submissions have none.
 */
export function rankByScore<
  T extends { id: string; aggregate: Pick<SubmissionAggregate, "score" | "experts"> },
>(items: readonly T[]): Array<T & { rank: number | null }> {
  const sorted = [...items].sort((a, b) => {
    const left = a.aggregate.score;
    const right = b.aggregate.score;
    if (left !== right) {
      if (left === null) return 1;
      if (right === null) return -1;
      return right - left;
    }
    if (a.aggregate.experts !== b.aggregate.experts) return b.aggregate.experts - a.aggregate.experts;
    return Number(BigInt(a.id) - BigInt(b.id));
  });
  return sorted.map((item) => ({
    ...item,
    rank:
      item.aggregate.score === null
        ? null
        : 1 +
          sorted.filter(
            (other) =>
              other.aggregate.score !== null && other.aggregate.score > (item.aggregate.score as number),
          ).length,
  }));
}
