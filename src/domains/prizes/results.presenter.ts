import { type Language, localName } from "../../platform/i18n.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { CategoryResults, PublishedResults, RankedNominee } from "./results.service.ts";
import { TIE_RULE } from "./results-champions.ts";

/** Where a submission's certificate is served (public once the results are published). */
export function certificateUrl(year: number, submissionId: string): string {
  return `/prizes/${year}/certificates/${submissionId}.pdf`;
}

/** Action Line names in the reader's language, by code (the categories' names). */
export function categoryNames(reference: ReferenceData, lang: Language): Map<string, string> {
  return new Map(reference.actionLines.map((line) => [line.code, localName(line.names, lang)]));
}

function presentNominee(year: number, nominee: RankedNominee) {
  return {
    submissionId: nominee.submissionId,
    title: nominee.title,
    organisation: nominee.organisation,
    votes: nominee.votes,
    rank: nominee.rank,
    winner: nominee.winner,
    certificateUrl: certificateUrl(year, nominee.submissionId),
  };
}

function presentCategory(year: number, category: CategoryResults, names: Map<string, string>) {
  const winner = category.champions.find((champion) => champion.winner);
  return {
    code: category.code,
    name: names.get(category.code) ?? category.code,
    winner: winner ? presentNominee(year, winner) : null,
    champions: category.champions.map((champion) => presentNominee(year, champion)),
  };
}

/** The API's shape of published results (`getPrizeResults`). */
export function presentResults(results: PublishedResults, reference: ReferenceData, lang: Language) {
  const names = categoryNames(reference, lang);
  const year = results.edition.year;
  return {
    year,
    publishedAt: results.publishedAt.toISOString(),
    rules: {
      championsPerCategory: results.rules.championsPerCategory,
      votesOnlyFromCompleteVoters: results.rules.votesOnlyFromCompleteVoters,
      tieRule: TIE_RULE,
    },
    votes: {
      counted: results.totals.counted,
      notCounted: results.totals.notCounted,
      invalidated: results.totals.invalidated.reduce((sum, item) => sum + item.count, 0),
      invalidatedByReason: results.totals.invalidated,
    },
    categories: results.categories.map((category) => presentCategory(year, category, names)),
  };
}
