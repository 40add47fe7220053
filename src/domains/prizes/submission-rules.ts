import { FieldErrors } from "../../platform/validation.ts";
import { effectiveTimeZone, formatInZone } from "../../platform/zoned-time.ts";

/** The short description voters read: DOMAIN.md asks for 150–200 words. */
export const SHORT_DESCRIPTION_WORDS = { min: 150, max: 200 } as const;

/** Lengths in characters, as the `prize_submissions` checks allow them. */
export const SUBMISSION_LIMITS = {
  titleMax: 300,
  shortDescriptionMax: 4000,
  boxMax: 8000,
} as const;

/** The five Global Digital Compact objectives asked on the prize form (DOMAIN.md), by number. */
export const GDC_OBJECTIVES = [1, 2, 3, 4, 5] as const;

/** How far the project is: the rules admit completed projects and those at the end of a major phase. */
export const PROJECT_STAGES = ["completed", "major_phase_end"] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

/** The free-text boxes of the form, besides the title and the short description. */
export const SUBMISSION_BOXES = ["actionLineSdgLinks", "impact", "partnerships", "challenges"] as const;
export type SubmissionBox = (typeof SUBMISSION_BOXES)[number];

// A word is a run of non-space characters holding at least one letter or digit, so a lone dash or
// bullet is not counted. `src/ui/assets/word-count.js` uses the very same two expressions: what the
// live count shows is what the server accepts.
const TOKEN = /\S+/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;

/** The words of a text as the form's live count and the eligibility check count them. */
export function countWords(text: string): number {
  let count = 0;
  for (const token of text.match(TOKEN) ?? []) if (WORDLIKE.test(token)) count += 1;
  return count;
}

/** What the submission form and the API send; every field optional, so a draft saves incomplete. */
export interface SubmissionInput {
  category?: unknown;
  title?: unknown;
  shortDescription?: unknown;
  actionLineSdgLinks?: unknown;
  gdcObjectives?: unknown;
  impact?: unknown;
  partnerships?: unknown;
  challenges?: unknown;
  projectStage?: unknown;
}

/** The submission's content, cleaned, in the service's terms. */
export interface SubmissionContent {
  category: string;
  title: string;
  shortDescription: string;
  actionLineSdgLinks: string;
  gdcObjectives: number[];
  impact: string;
  partnerships: string;
  challenges: string;
  projectStage: ProjectStage | null;
}

const asText = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null || value === "" ? [] : [value];

/**
 * Checks the form. `draft` checks only what is filled in (lengths, codes); `submit` also requires
 * the form complete: every box, at least one GDC objective, the project stage and a short
 * description of 150–200 words. `categories` are the edition's; a category is needed even for a
 * draft, since the one-per-entity rule is kept per category from the start.
 */
export function validateSubmission(
  input: SubmissionInput,
  categories: ReadonlySet<string>,
  mode: "draft" | "submit",
): SubmissionContent {
  const errors = new FieldErrors();
  const complete = mode === "submit";
  const category = errors.choice("category", asText(input.category).trim(), categories, {
    required: true,
    code: "unknown_code",
  });
  const title = errors.line("title", asText(input.title), SUBMISSION_LIMITS.titleMax, true);
  const shortDescription = errors.text(
    "shortDescription",
    asText(input.shortDescription),
    SUBMISSION_LIMITS.shortDescriptionMax,
    complete,
  );
  if (!errors.has("shortDescription") && shortDescription !== "") {
    const words = countWords(shortDescription);
    if (words > SHORT_DESCRIPTION_WORDS.max)
      errors.add("shortDescription", "too_many_words", { max: SHORT_DESCRIPTION_WORDS.max });
    else if (complete && words < SHORT_DESCRIPTION_WORDS.min)
      errors.add("shortDescription", "too_few_words", { min: SHORT_DESCRIPTION_WORDS.min });
  }
  const box = (field: SubmissionBox) =>
    errors.text(field, asText(input[field]), SUBMISSION_LIMITS.boxMax, complete);
  const actionLineSdgLinks = box("actionLineSdgLinks");
  const impact = box("impact");
  const partnerships = box("partnerships");
  const challenges = box("challenges");

  const objectives = new Set<number>();
  for (const raw of asList(input.gdcObjectives)) {
    const number = typeof raw === "number" ? raw : /^\d{1,2}$/.test(asText(raw)) ? Number(raw) : Number.NaN;
    if (!(GDC_OBJECTIVES as readonly number[]).includes(number)) {
      errors.add("gdcObjectives", "unknown_code");
      break;
    }
    objectives.add(number);
  }
  if (complete && objectives.size === 0) errors.add("gdcObjectives", "required");

  const projectStage = errors.choice("projectStage", asText(input.projectStage).trim(), PROJECT_STAGES, {
    required: complete,
    code: "invalid_value",
  });
  errors.throwIfAny();
  return {
    category: category as string,
    title,
    shortDescription,
    actionLineSdgLinks,
    gdcObjectives: [...objectives].sort((a, b) => a - b),
    impact,
    partnerships,
    challenges,
    projectStage,
  };
}

/** The city of an IANA zone ("Europe/Geneva" → "Geneva"), to say whose clock a time is on. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split("/").at(-1) ?? timeZone).replace(/_/g, " ");
}

/**
 * An instant in the edition's zone, naming the zone ("14 March 2027 at 23:59 CET"); never the
 * server's zone. English reads it the UN way (day month year), which is why this is not
 * `formatInZone` as is; an unknown or Geneva zone reads as `effectiveTimeZone` says.
 */
export function formatEditionTime(instant: Date, timeZone: string, lang: string): string {
  return formatInZone(instant, lang === "en" ? "en-GB" : lang, effectiveTimeZone(timeZone));
}
