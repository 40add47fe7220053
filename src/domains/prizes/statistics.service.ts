import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { PrizeEditionRow } from "./editions.repo.ts";
import { type Figure, type PastFigures, parsePastFigures } from "./past-editions.ts";
import { editionForYear } from "./results.service.ts";
import { countSubmissionGroups, findEditionHistory } from "./statistics.repo.ts";

/** A count under a code; `code` is "" for "not stated" (an organisation without a country). */
export interface CodeCount {
  code: string;
  count: number;
}

/** One year of the history chart: a figure that keeps its qualifier ("1,000+", "~500"). */
export interface HistoryPoint {
  year: number;
  figure: Figure;
  /** `past`: the reviewed figures of an edition run before this platform; `platform`: counted here. */
  source: "past" | "platform";
}

export interface EditionStatistics {
  edition: PrizeEditionRow;
  /** Submissions entered on this platform (drafts and withdrawn ones left out). */
  total: number;
  nominated: number;
  byRegion: CodeCount[];
  byStakeholder: CodeCount[];
  byCategory: CodeCount[];
  byCountry: CodeCount[];
  /** The figures of an edition run before this platform, null for editions run here. */
  pastFigures: PastFigures | null;
  history: HistoryPoint[];
}

function sumBy<T>(items: readonly T[], key: (item: T) => string, count: (item: T) => number): CodeCount[] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(key(item), (totals.get(key(item)) ?? 0) + count(item));
  return [...totals].map(([code, value]) => ({ code, count: value }));
}

/** Most first, then by code, "not stated" last: the order bars and rows are drawn in. */
function byCountDesc(list: CodeCount[]): CodeCount[] {
  return list.sort(
    (a, b) =>
      Number(a.code === "") - Number(b.code === "") || b.count - a.count || a.code.localeCompare(b.code),
  );
}

/** In a fixed order (regions, stakeholder types, categories as the reference lists them). */
function inOrder(list: CodeCount[], order: readonly string[]): CodeCount[] {
  const rank = (code: string) => {
    const index = order.indexOf(code);
    return index === -1 ? order.length + (code === "" ? 1 : 0) : index;
  };
  return list.sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
}

/**
 * The history across editions: submissions per year, the past editions' reviewed figure where the
 * platform has no submissions of its own, else the count here.
 */
export function historyPoints(
  rows: ReadonlyArray<{ year: number; pastFigures: unknown; submissions: number }>,
): HistoryPoint[] {
  return rows.flatMap((row): HistoryPoint[] => {
    if (row.submissions > 0)
      return [{ year: row.year, figure: { value: row.submissions, qualifier: "exact" }, source: "platform" }];
    const past = parsePastFigures(row.pastFigures)?.submissions;
    return past ? [{ year: row.year, figure: past, source: "past" }] : [];
  });
}

/** The statistics of an edition; `order` gives the reference lists' order for the fixed splits. */
export async function editionStatistics(
  db: Kysely<Database>,
  year: number,
  order: { regions: readonly string[]; stakeholderTypes: readonly string[]; categories: readonly string[] },
): Promise<EditionStatistics> {
  const edition = await editionForYear(db, year);
  const [groups, history] = await Promise.all([
    countSubmissionGroups(db, edition.id),
    findEditionHistory(db),
  ]);
  const count = (group: { count: number }) => group.count;
  return {
    edition,
    total: groups.reduce((sum, group) => sum + group.count, 0),
    nominated: groups.filter((group) => group.nominated).reduce((sum, group) => sum + group.count, 0),
    byRegion: inOrder(
      sumBy(groups, (group) => group.regionCode ?? "", count),
      order.regions,
    ),
    byStakeholder: inOrder(
      sumBy(groups, (group) => group.stakeholderType, count),
      order.stakeholderTypes,
    ),
    byCategory: inOrder(
      sumBy(groups, (group) => group.categoryCode, count),
      order.categories,
    ),
    byCountry: byCountDesc(sumBy(groups, (group) => group.countryCode ?? "", count)),
    pastFigures: parsePastFigures(edition.past_figures),
    history: historyPoints(history),
  };
}
