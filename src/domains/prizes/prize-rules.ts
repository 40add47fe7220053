/**
 * The rule switches of one edition, stored in `prize_editions.rules`. Each has a default, so an
 * edition created before a switch existed reads as it ran.
 */
export interface PrizeRules {
  /**
   * Votes count only from voters who voted in every category (the 2013 rule). Votes of other
   * voters stay stored and shown as "not counted under this edition's rules", never deleted.
   */
  votesOnlyFromCompleteVoters: boolean;
  /** Projects that won in an earlier edition may not enter (DOMAIN.md: previous winners are not eligible). */
  previousWinnersExcluded: boolean;
  /** How many champions each category has (the projects with most votes). */
  championsPerCategory: number;
}

export const DEFAULT_PRIZE_RULES: PrizeRules = {
  votesOnlyFromCompleteVoters: false,
  previousWinnersExcluded: true,
  championsPerCategory: 5,
};

/** The rules of an edition from its stored JSON: unknown keys are ignored, wrong types fall back. */
export function prizeRules(stored: unknown): PrizeRules {
  const value = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const flag = (key: keyof PrizeRules, fallback: boolean) =>
    typeof value[key] === "boolean" ? (value[key] as boolean) : fallback;
  const champions = value.championsPerCategory;
  return {
    votesOnlyFromCompleteVoters: flag(
      "votesOnlyFromCompleteVoters",
      DEFAULT_PRIZE_RULES.votesOnlyFromCompleteVoters,
    ),
    previousWinnersExcluded: flag("previousWinnersExcluded", DEFAULT_PRIZE_RULES.previousWinnersExcluded),
    championsPerCategory:
      typeof champions === "number" && Number.isInteger(champions) && champions >= 1 && champions <= 20
        ? champions
        : DEFAULT_PRIZE_RULES.championsPerCategory,
  };
}
