import type { PrizePhase } from "../../db/schema.ts";
import { type Language, localName } from "../../platform/i18n.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { CriterionRow, PrizeEditionRow } from "./editions.repo.ts";
import { type PastFigures, parsePastFigures } from "./past-editions.ts";
import { openPhase, type PhaseWindow, PRIZE_PHASES } from "./prize-phases.ts";
import { type PrizeRules, prizeRules } from "./prize-rules.ts";
import type { SpecialPrizeRow } from "./special-prizes.repo.ts";

/** Editions as pages and the API show them: never the rows as stored. */

export interface PhaseView {
  phase: PrizePhase;
  startsAt: Date;
  endsAt: Date;
  /** Where `now` stands: the phase is open, over, or still to come. */
  state: "open" | "past" | "upcoming";
}

export interface EditionSummary {
  id: string;
  year: number;
  /** In the reader's language, else English; "" when unknown (past editions). */
  theme: string;
  /** The zone times are shown in (the stored one when valid, else UTC). */
  timeZone: string;
  phases: PhaseView[];
  openPhase: PrizePhase | null;
  nextPhase: { phase: PrizePhase; startsAt: Date } | null;
  categories: Array<{ code: string; name: string }>;
  pastFigures: PastFigures | null;
}

export interface SpecialPrizeView {
  id: string;
  code: string;
  name: string;
  rules: string;
  startsAt: Date;
  endsAt: Date;
  jurors: Array<{ id: string; name: string; email: string }>;
  finalists: string[];
  winner: string | null;
}

export interface EditionDetail extends EditionSummary {
  criteria: Array<{ code: string; name: string; weight: number }>;
  rules: PrizeRules;
  specialPrizes: SpecialPrizeView[];
  nomineesPublishedAt: Date | null;
  resultsPublishedAt: Date | null;
  /** Names of the region and stakeholder codes past figures split by, in the reader's language. */
  shareNames: Record<string, string>;
}

const toDate = (value: Date | string | null) => (value === null ? null : new Date(value));

function phaseViews(windows: readonly PhaseWindow[], now: Date): PhaseView[] {
  return [...windows]
    .sort((a, b) => PRIZE_PHASES.indexOf(a.phase) - PRIZE_PHASES.indexOf(b.phase))
    .map((window) => ({
      ...window,
      state: window.endsAt <= now ? "past" : window.startsAt <= now ? "open" : "upcoming",
    }));
}

export function presentEditionSummary(
  edition: PrizeEditionRow,
  windows: readonly PhaseWindow[],
  categoryCodes: readonly string[],
  reference: ReferenceData,
  lang: Language,
  now: Date,
): EditionSummary {
  const open = openPhase(windows, now);
  const next = [...windows]
    .filter((window) => window.startsAt > now)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  const phases = phaseViews(windows, now).map((view) =>
    // With overlapping windows only the phase `openPhase` names is open (the later one).
    view.state === "open" && view.phase !== open ? { ...view, state: "past" as const } : view,
  );
  return {
    id: edition.id,
    year: edition.year,
    theme: localName(edition.theme, lang),
    timeZone: effectiveTimeZone(edition.time_zone),
    phases,
    openPhase: open,
    nextPhase: next ? { phase: next.phase, startsAt: next.startsAt } : null,
    categories: categoryCodes.map((code) => ({
      code,
      name: localName(reference.actionLines.find((line) => line.code === code)?.names, lang) || code,
    })),
    pastFigures: parsePastFigures(edition.past_figures),
  };
}

export function presentEditionDetail(
  summary: EditionSummary,
  edition: PrizeEditionRow,
  criteria: readonly CriterionRow[],
  specialPrizes: readonly SpecialPrizeRow[],
  reference: ReferenceData,
  lang: Language,
): EditionDetail {
  const shareNames = Object.fromEntries(
    [...reference.regions, ...reference.stakeholderTypes].map((item) => [
      item.code,
      localName(item.names, lang),
    ]),
  );
  return {
    shareNames,
    ...summary,
    criteria: criteria.map((criterion) => ({
      code: criterion.code,
      name: localName(criterion.names, lang),
      weight: criterion.weight,
    })),
    rules: prizeRules(edition.rules),
    specialPrizes: specialPrizes.map((prize) => ({
      id: prize.id,
      code: prize.code,
      name: localName(prize.names, lang),
      rules: prize.rules,
      startsAt: prize.startsAt,
      endsAt: prize.endsAt,
      jurors: prize.jurors,
      finalists: prize.finalists,
      winner: prize.winner,
    })),
    nomineesPublishedAt: toDate(edition.nominees_published_at as unknown as Date | null),
    resultsPublishedAt: toDate(edition.results_published_at as unknown as Date | null),
  };
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** The API's edition (`listPrizeEditions` items). */
export function presentEditionApi(summary: EditionSummary) {
  return {
    year: summary.year,
    theme: summary.theme,
    timeZone: summary.timeZone,
    phases: summary.phases.map((phase) => ({
      phase: phase.phase,
      startsAt: phase.startsAt.toISOString(),
      endsAt: phase.endsAt.toISOString(),
    })),
    openPhase: summary.openPhase,
    nextPhase: summary.nextPhase
      ? { phase: summary.nextPhase.phase, startsAt: summary.nextPhase.startsAt.toISOString() }
      : null,
    categories: summary.categories,
    pastFigures: summary.pastFigures,
    links: { self: `/api/v1/prizes/editions/${summary.year}`, html: `/prizes/${summary.year}` },
  };
}

/** The API's edition in full (`getPrizeEdition`): jurors by name only, never their addresses. */
export function presentEditionDetailApi(detail: EditionDetail) {
  return {
    ...presentEditionApi(detail),
    criteria: detail.criteria,
    rules: detail.rules,
    specialPrizes: detail.specialPrizes.map((prize) => ({
      code: prize.code,
      name: prize.name,
      rules: prize.rules,
      startsAt: prize.startsAt.toISOString(),
      endsAt: prize.endsAt.toISOString(),
      jury: prize.jurors.map((juror) => juror.name),
      finalists: prize.finalists,
      winner: prize.winner,
    })),
    nomineesPublishedAt: iso(detail.nomineesPublishedAt),
    resultsPublishedAt: iso(detail.resultsPublishedAt),
  };
}
