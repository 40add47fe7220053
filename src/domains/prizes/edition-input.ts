import type { PrizePhase } from "../../db/schema.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import { type Language, translator, UN_LANGUAGES } from "../../platform/i18n.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { canonicalTimeZone, localToInstant } from "../../platform/zoned-time.ts";
import type { CriterionValues, EditionRecord } from "./edition-write.repo.ts";
import type { CriterionRow } from "./editions.repo.ts";
import { type PhaseWindow, PRIZE_PHASES } from "./prize-phases.ts";

/**
 * The edition form as typed (strings, so a failed form comes back exactly as sent) and its
 * validation into an `EditionRecord`. Phase dates are local date-times in the edition's zone.
 */

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const THEME_MAX = 300;
export const CRITERION_NAME_MAX = 200;
export const CRITERIA_MAX = 20;
export const CHAMPIONS_MAX = 20;
const CRITERION_CODE = /^[a-z][a-z0-9_]{0,39}$/;
const WEIGHT = /^\d{1,3}(?:[.,]\d{1,2})?$/;

/** The nomination criteria of DOMAIN.md, preset on a new edition with equal weights. */
export const DEFAULT_CRITERIA = [
  "relevance",
  "impact",
  "empowerment",
  "sdg_relevance",
  "replication",
  "sustainability",
  "partnerships",
  "wsis_values",
] as const;

export interface CriterionForm {
  code: string;
  name: string;
  weight: string;
}

export interface EditionForm {
  year: string;
  theme: Record<Language, string>;
  timeZone: string;
  phases: Record<PrizePhase, { start: string; end: string }>;
  categories: string[];
  votesOnlyFromCompleteVoters: boolean;
  previousWinnersExcluded: boolean;
  championsPerCategory: string;
  criteria: CriterionForm[];
}

export const themeField = (lang: Language) => `theme_${lang}`;
export const phaseField = (phase: PrizePhase, end: "start" | "end") => `${phase}_${end}`;
export const criterionField = (index: number, part: keyof CriterionForm) => `criteria_${index}_${part}`;

/** The six names of a default criterion, from the catalogs. */
export function defaultCriterionNames(code: string): Record<string, string> {
  return Object.fromEntries(
    UN_LANGUAGES.map((lang) => {
      const t = translator(lang);
      return [lang, t(`prizes.editions.criterion.${code}`)];
    }),
  );
}

/** Reads the posted form; criteria rows are read until the first index with no field at all. */
export function readEditionForm(body: unknown): EditionForm {
  const criteria: CriterionForm[] = [];
  for (let index = 0; index < CRITERIA_MAX + 10; index += 1) {
    const row = {
      code: formText(body, criterionField(index, "code")),
      name: formText(body, criterionField(index, "name")),
      weight: formText(body, criterionField(index, "weight")),
    };
    const present = ["code", "name", "weight"].some(
      (part) =>
        (body as Record<string, unknown> | null)?.[criterionField(index, part as keyof CriterionForm)] !==
        undefined,
    );
    if (!present) break;
    criteria.push(row);
  }
  return {
    year: formText(body, "year"),
    theme: Object.fromEntries(UN_LANGUAGES.map((lang) => [lang, formText(body, themeField(lang))])) as Record<
      Language,
      string
    >,
    timeZone: formText(body, "timeZone"),
    phases: Object.fromEntries(
      PRIZE_PHASES.map((phase) => [
        phase,
        { start: formText(body, phaseField(phase, "start")), end: formText(body, phaseField(phase, "end")) },
      ]),
    ) as EditionForm["phases"],
    categories: formList(body, "categories"),
    votesOnlyFromCompleteVoters: formText(body, "votesOnlyFromCompleteVoters") === "1",
    previousWinnersExcluded: formText(body, "previousWinnersExcluded") === "1",
    championsPerCategory: formText(body, "championsPerCategory"),
    criteria,
  };
}

/** Theme per language: only the languages given; English required unless `optional`. */
export function validateTheme(
  errors: FieldErrors,
  theme: Record<Language, string>,
  optional = false,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of UN_LANGUAGES) {
    const value = errors.line(themeField(lang), theme[lang] ?? "", THEME_MAX, lang === "en" && !optional);
    if (value) out[lang] = value;
  }
  return out;
}

/** A local date-time field into an instant, or null with the field's error added. */
export function localInstant(errors: FieldErrors, field: string, raw: string, timeZone: string): Date | null {
  if (raw.trim() === "") {
    errors.add(field, "required");
    return null;
  }
  const result = localToInstant(raw, timeZone);
  if (result.ok) return result.instant;
  errors.add(field, result.reason === "nonexistent" ? "nonexistent_local_time" : "invalid_date");
  return null;
}

export interface EditionContext {
  actionLineCodes: ReadonlySet<string>;
  /** Update only: the stored windows of phases that have started, which the form cannot move. */
  lockedPhases?: ReadonlyMap<PrizePhase, PhaseWindow>;
  /** Update only: the stored criteria, whose translations are kept while the English name stays. */
  storedCriteria?: readonly CriterionRow[];
  /** Update only, once submissions may exist: categories and criteria that must stay. */
  mustKeep?: { categories: readonly string[]; criteria: readonly string[] };
  /** Update only: the year is fixed (URLs name it). */
  year?: number;
}

function validateYear(errors: FieldErrors, raw: string): number {
  const value = raw.trim();
  if (value === "") errors.add("year", "required");
  else if (!/^\d{4}$/.test(value) || Number(value) < YEAR_MIN || Number(value) > YEAR_MAX)
    errors.add("year", "out_of_range", { min: YEAR_MIN, max: YEAR_MAX });
  return Number(value);
}

function validatePhases(
  errors: FieldErrors,
  form: EditionForm,
  timeZone: string | null,
  locked: ReadonlyMap<PrizePhase, PhaseWindow>,
): PhaseWindow[] {
  const windows: Array<PhaseWindow | null> = PRIZE_PHASES.map((phase) => {
    const fixed = locked.get(phase);
    if (fixed) return fixed;
    if (!timeZone) return null;
    const startField = phaseField(phase, "start");
    const endField = phaseField(phase, "end");
    const startsAt = localInstant(errors, startField, form.phases[phase].start, timeZone);
    const endsAt = localInstant(errors, endField, form.phases[phase].end, timeZone);
    if (!startsAt || !endsAt) return null;
    if (endsAt <= startsAt) {
      errors.add(endField, "end_before_start");
      return null;
    }
    return { phase, startsAt, endsAt };
  });
  // In order and without overlap: each phase starts when or after the one before it ends.
  for (let index = 1; index < windows.length; index += 1) {
    const previous = windows[index - 1];
    const current = windows[index];
    if (previous && current && current.startsAt < previous.endsAt)
      errors.add(phaseField(current.phase, "start"), "phase_overlap");
  }
  return windows.filter((window): window is PhaseWindow => window !== null);
}

function validateCriteria(
  errors: FieldErrors,
  rows: readonly CriterionForm[],
  context: EditionContext,
): CriterionValues[] {
  const out: CriterionValues[] = [];
  const seen = new Set<string>();
  const filled = rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => `${row.code}${row.name}${row.weight}`.trim() !== "");
  if (filled.length === 0) errors.add(criterionField(0, "code"), "required");
  if (filled.length > CRITERIA_MAX) errors.add("criteria", "too_many", { max: CRITERIA_MAX });
  for (const { row, index } of filled) {
    const code = row.code.trim();
    const codeField = criterionField(index, "code");
    if (code === "") errors.add(codeField, "required");
    else if (!CRITERION_CODE.test(code)) errors.add(codeField, "invalid_value");
    else if (seen.has(code)) errors.add(codeField, "duplicate");
    seen.add(code);
    const name = errors.line(criterionField(index, "name"), row.name, CRITERION_NAME_MAX);
    const weightField = criterionField(index, "weight");
    const rawWeight = row.weight.trim().replace(",", ".");
    const weight = Number(rawWeight);
    if (rawWeight === "") errors.add(weightField, "required");
    else if (!WEIGHT.test(row.weight.trim()) || !(weight > 0) || weight > 100)
      errors.add(weightField, "out_of_range", { min: "0.01", max: 100 });
    const stored = context.storedCriteria?.find((criterion) => criterion.code === code);
    const isDefault = (DEFAULT_CRITERIA as readonly string[]).includes(code);
    const names =
      stored && stored.names.en === name
        ? stored.names
        : isDefault && defaultCriterionNames(code).en === name
          ? defaultCriterionNames(code)
          : { en: name };
    out.push({ code, names, weight });
  }
  const missing = (context.mustKeep?.criteria ?? []).filter((code) => !seen.has(code));
  if (missing.length) errors.add("criteria", "in_use");
  return out;
}

/**
 * Checks the whole form and returns what to store, or throws every field error at once. Phases
 * must be complete, each end after its start, in the order of `PRIZE_PHASES` without overlap.
 */
export function validateEditionForm(form: EditionForm, context: EditionContext): EditionRecord {
  const errors = new FieldErrors();
  const year = context.year ?? validateYear(errors, form.year);
  const theme = validateTheme(errors, form.theme);
  const timeZone = form.timeZone.trim() === "" ? null : canonicalTimeZone(form.timeZone);
  if (form.timeZone.trim() === "") errors.add("timeZone", "required");
  else if (!timeZone) errors.add("timeZone", "unknown_code");
  const phases = validatePhases(errors, form, timeZone, context.lockedPhases ?? new Map());
  const categories = [...new Set(form.categories)];
  if (categories.length === 0) errors.add("categories", "required");
  else if (categories.some((code) => !context.actionLineCodes.has(code)))
    errors.add("categories", "unknown_code");
  else if ((context.mustKeep?.categories ?? []).some((code) => !categories.includes(code)))
    errors.add("categories", "in_use");
  const champions = form.championsPerCategory.trim();
  if (!/^\d{1,2}$/.test(champions) || Number(champions) < 1 || Number(champions) > CHAMPIONS_MAX)
    errors.add("championsPerCategory", "out_of_range", { min: 1, max: CHAMPIONS_MAX });
  const criteria = validateCriteria(errors, form.criteria, context);
  errors.throwIfAny();
  // Categories keep the Action Lines' order, whatever order the boxes were sent in.
  const order = [...context.actionLineCodes];
  categories.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return {
    year,
    theme,
    timeZone: timeZone as string,
    rules: {
      votesOnlyFromCompleteVoters: form.votesOnlyFromCompleteVoters,
      previousWinnersExcluded: form.previousWinnersExcluded,
      championsPerCategory: Number(champions),
    },
    phases,
    categories,
    criteria,
  };
}
