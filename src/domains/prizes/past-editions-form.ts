import { formText } from "../../platform/http/form-input.ts";
import { FieldErrors } from "../../platform/validation.ts";
import {
  FIGURE_KEYS,
  FIGURE_QUALIFIERS,
  type Figure,
  type FigureQualifier,
  type PastFigures,
  SHARE_KEYS,
  type Share,
  TO_DATE_KEYS,
} from "./past-editions.ts";

/**
 * The admin form that corrects a past edition's figures: each count with its precision (exact,
 * at least, about), the totals to date, and the two percentage splits. Reading and checking only;
 * `past-editions-edit.service.ts` stores. A blank number means the source gives none.
 */

export type FigureKey = (typeof FIGURE_KEYS)[number];
export type ToDateKey = (typeof TO_DATE_KEYS)[number];
export type ShareKey = (typeof SHARE_KEYS)[number];

/** Larger than any count the Prizes have had (2,000,000+ votes in 2020) by far; a typo's guard. */
export const FIGURE_MAX = 10_000_000_000;

export interface FigureInput {
  value: string;
  qualifier: string;
}

export interface PastFiguresForm {
  counts: Record<FigureKey, FigureInput>;
  toDate: Record<ToDateKey, FigureInput>;
  /** Percent typed per code, per split. */
  shares: Record<ShareKey, Record<string, string>>;
}

/** The codes each split offers a field for (reference codes, its catch-all, any stored extra). */
export type ShareCodes = Record<ShareKey, string[]>;

/** The split's code for "several regions" or "all other types", beside the reference codes. */
export const SHARE_CATCH_ALL: Record<ShareKey, string> = {
  submissionsByRegion: "international",
  nominatedByStakeholder: "others",
};

export const countField = (key: FigureKey, part: keyof FigureInput) => `${key}_${part}`;
export const toDateField = (key: ToDateKey, part: keyof FigureInput) => `toDate_${key}_${part}`;
export const shareField = (split: ShareKey, code: string) => `${split}_${code}`;

/** The codes of each split: the reference's, its catch-all, then codes only the stored figures use. */
export function shareCodes(reference: Record<ShareKey, readonly string[]>, stored: PastFigures): ShareCodes {
  const codes = (split: ShareKey) => {
    const list = [...reference[split], SHARE_CATCH_ALL[split]];
    for (const share of stored[split] ?? []) if (!list.includes(share.code)) list.push(share.code);
    return list;
  };
  return {
    submissionsByRegion: codes("submissionsByRegion"),
    nominatedByStakeholder: codes("nominatedByStakeholder"),
  };
}

const figureInput = (figure: Figure | undefined): FigureInput =>
  figure ? { value: String(figure.value), qualifier: figure.qualifier } : { value: "", qualifier: "exact" };

/** The form showing stored figures (a blank row's precision preset to "exact"). */
export function pastFiguresForm(figures: PastFigures, codes: ShareCodes): PastFiguresForm {
  const shares = (split: ShareKey) =>
    Object.fromEntries(
      codes[split].map((code) => {
        const share = figures[split]?.find((item) => item.code === code);
        return [code, share ? String(share.percent) : ""];
      }),
    );
  return {
    counts: Object.fromEntries(
      FIGURE_KEYS.map((key) => [key, figureInput(figures[key])]),
    ) as PastFiguresForm["counts"],
    toDate: Object.fromEntries(
      TO_DATE_KEYS.map((key) => [key, figureInput(figures.toDate?.[key])]),
    ) as PastFiguresForm["toDate"],
    shares: {
      submissionsByRegion: shares("submissionsByRegion"),
      nominatedByStakeholder: shares("nominatedByStakeholder"),
    },
  };
}

/** The form as posted; only the fields of `codes` are read, so a forged field is never seen. */
export function readPastFiguresForm(body: unknown, codes: ShareCodes): PastFiguresForm {
  const input = (field: (part: keyof FigureInput) => string): FigureInput => ({
    value: formText(body, field("value")),
    qualifier: formText(body, field("qualifier")),
  });
  const shares = (split: ShareKey) =>
    Object.fromEntries(codes[split].map((code) => [code, formText(body, shareField(split, code))]));
  return {
    counts: Object.fromEntries(
      FIGURE_KEYS.map((key) => [key, input((part) => countField(key, part))]),
    ) as PastFiguresForm["counts"],
    toDate: Object.fromEntries(
      TO_DATE_KEYS.map((key) => [key, input((part) => toDateField(key, part))]),
    ) as PastFiguresForm["toDate"],
    shares: {
      submissionsByRegion: shares("submissionsByRegion"),
      nominatedByStakeholder: shares("nominatedByStakeholder"),
    },
  };
}

// Digits, optionally grouped by threes ("1,100,000", "1 100 000", "1.100.000", "1'100'000").
const COUNT = /^(?:\d+|\d{1,3}(?:([,. '\u00a0\u202f])\d{3})(?:\1\d{3})*)$/;
const NEGATIVE = /^[-\u2212]\s*\d/;
// A percentage with at most two decimals, with a point or a comma.
const PERCENT = /^\d{1,3}(?:[.,]\d{1,2})?$/;

function count(errors: FieldErrors, field: string, raw: string): number | null {
  const text = raw.trim();
  if (text === "") return null;
  if (NEGATIVE.test(text)) {
    errors.add(field, "out_of_range", { min: 0, max: FIGURE_MAX });
    return null;
  }
  if (!COUNT.test(text)) {
    errors.add(field, "invalid_value");
    return null;
  }
  const value = Number(text.replace(/\D/g, ""));
  if (!Number.isSafeInteger(value) || value > FIGURE_MAX) {
    errors.add(field, "out_of_range", { min: 0, max: FIGURE_MAX });
    return null;
  }
  return value;
}

function figure(
  errors: FieldErrors,
  input: FigureInput,
  field: (part: keyof FigureInput) => string,
): Figure | undefined {
  const value = count(errors, field("value"), input.value);
  // The precision of a blank number is not asked for: there is no figure to qualify.
  if (input.value.trim() === "") return undefined;
  const qualifier = errors.choice<FigureQualifier>(field("qualifier"), input.qualifier, FIGURE_QUALIFIERS, {
    code: "invalid_value",
  });
  return value === null || qualifier === null ? undefined : { value, qualifier };
}

function percent(errors: FieldErrors, field: string, raw: string): number | null {
  const text = raw.trim();
  if (text === "") return null;
  if (NEGATIVE.test(text)) {
    errors.add(field, "out_of_range", { min: 0, max: 100 });
    return null;
  }
  if (!PERCENT.test(text)) {
    errors.add(field, "invalid_value");
    return null;
  }
  const value = Number(text.replace(",", "."));
  if (value > 100) {
    errors.add(field, "out_of_range", { min: 0, max: 100 });
    return null;
  }
  return value;
}

/** Shares are rounded at the source; a split may sum to 100.1 but not past that. */
const SHARE_TOLERANCE = 0.1;

/**
 * Checks the form and returns the figures to store, in the shape `parsePastFigures` reads back
 * unchanged. Throws `ValidationError`: `invalid_value` (not a number, an unknown precision),
 * `out_of_range` (negative, too large, a share over 100), `required` (a number without its
 * precision), `share_total` (a split adding up to more than 100%).
 */
export function validatePastFiguresForm(form: PastFiguresForm, codes: ShareCodes): PastFigures {
  const errors = new FieldErrors();
  const out: PastFigures = {};
  for (const key of FIGURE_KEYS) {
    const value = figure(errors, form.counts[key], (part) => countField(key, part));
    if (value) out[key] = value;
  }
  for (const split of SHARE_KEYS) {
    const list: Share[] = [];
    for (const code of codes[split]) {
      const value = percent(errors, shareField(split, code), form.shares[split][code] ?? "");
      if (value !== null) list.push({ code, percent: value });
    }
    const total = Math.round(list.reduce((sum, share) => sum + share.percent, 0) * 100) / 100;
    if (total > 100 + SHARE_TOLERANCE) errors.add(split, "share_total", { total });
    if (list.length) out[split] = list;
  }
  const toDate: NonNullable<PastFigures["toDate"]> = {};
  for (const key of TO_DATE_KEYS) {
    const value = figure(errors, form.toDate[key], (part) => toDateField(key, part));
    if (value) toDate[key] = value;
  }
  if (Object.keys(toDate).length) out.toDate = toDate;
  errors.throwIfAny();
  return out;
}
