import type { ExpertRow } from "./experts.repo.ts";
import type { RankedSubmission } from "./nominations.service.ts";
import type { CategoryRow } from "./review.repo.ts";

/** One line of the overview: where a category stands in review and selection. */
export interface CategorySummary {
  code: string;
  experts: number;
  /** Submitted projects still in the running (or decided, once the list is out). */
  inRunning: number;
  ineligible: number;
  /** Of those in the running, how many at least one expert scored. */
  scored: number;
  /** Of those in the running, how many carry a flag (one score only, wide spread, …). */
  flagged: number;
  selected: number;
  nominated: number;
}

/** Per category, in the edition's order: counts the secretariat's overview shows. */
export function summariseCategories(
  categories: readonly CategoryRow[],
  ranked: readonly RankedSubmission[],
  experts: readonly ExpertRow[],
): CategorySummary[] {
  return categories.map((category) => {
    const rows = ranked.filter((row) => row.category_code === category.code);
    const running = rows.filter((row) => row.status !== "ineligible");
    return {
      code: category.code,
      experts: experts.filter((expert) => expert.category_code === category.code).length,
      inRunning: running.length,
      ineligible: rows.length - running.length,
      scored: running.filter((row) => row.aggregate.experts > 0).length,
      flagged: running.filter((row) => row.aggregate.flags.length > 0).length,
      selected: running.filter((row) => row.selected).length,
      nominated: rows.filter((row) => row.status === "nominated").length,
    };
  });
}

/** The totals row under the per-category lines. */
export function totalOf(summaries: readonly CategorySummary[]): Omit<CategorySummary, "code"> {
  const sum = (key: Exclude<keyof CategorySummary, "code">) =>
    summaries.reduce((total, summary) => total + summary[key], 0);
  return {
    experts: sum("experts"),
    inRunning: sum("inRunning"),
    ineligible: sum("ineligible"),
    scored: sum("scored"),
    flagged: sum("flagged"),
    selected: sum("selected"),
    nominated: sum("nominated"),
  };
}
