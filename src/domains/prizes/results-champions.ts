import type { NomineeCount } from "./vote-tally.repo.ts";

/** A champion of a category: its place by counted votes (ties share a place). */
export interface Champion {
  categoryCode: string;
  submissionId: string;
  votes: number;
  /** Competition ranking: 1 + the number of nominees of the category with more votes. */
  rank: number;
}

/**
 * The tie rule of the WSIS Prizes on this platform (shown on the results pages):
 *
 * The champions of a category are its nominees whose place by counted votes is within
 * `championsPerCategory`, places being shared by equal counts ("competition ranking": 10, 9, 9, 7
 * votes are places 1, 2, 2, 4). So nominees tied at the cut-off are all champions, and a category
 * may have more champions than the rule's number when the last place is shared; none is left out
 * by an arbitrary order (submission time, id) that voters never saw. A nominee without a single
 * counted vote is never a champion: it has not been chosen by anyone.
 */
export const TIE_RULE = "ties_at_cutoff_all_champions" as const;

/**
 * The champions of every category from the edition's tally (`tallyVotes`), in category order as
 * given, each category's champions by place then submission id (a stable order for ties).
 */
export function computeChampions(
  nominees: readonly NomineeCount[],
  championsPerCategory: number,
): Champion[] {
  const byCategory = new Map<string, NomineeCount[]>();
  for (const nominee of nominees) {
    const list = byCategory.get(nominee.categoryCode) ?? [];
    list.push(nominee);
    byCategory.set(nominee.categoryCode, list);
  }
  const champions: Champion[] = [];
  for (const [categoryCode, list] of byCategory) {
    const sorted = [...list].sort((a, b) => b.votes - a.votes || compareIds(a.submissionId, b.submissionId));
    let rank = 0;
    let previousVotes = Number.NaN;
    sorted.forEach((nominee, index) => {
      if (nominee.votes !== previousVotes) rank = index + 1;
      previousVotes = nominee.votes;
      if (nominee.votes > 0 && rank <= championsPerCategory)
        champions.push({ categoryCode, submissionId: nominee.submissionId, votes: nominee.votes, rank });
    });
  }
  return champions;
}

/** Ids are bigint strings: shorter is smaller, then by characters. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
