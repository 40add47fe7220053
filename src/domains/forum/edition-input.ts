import type { ForumOcpPhase } from "../../db/schema.ts";
import { formText } from "../../platform/http/form-input.ts";
import { type Language, UN_LANGUAGES } from "../../platform/i18n.ts";
import type { PhaseWindow } from "../../platform/phase-windows.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { canonicalTimeZone, localToInstant } from "../../platform/zoned-time.ts";
import type { ForumEditionValues } from "./editions.repo.ts";
import { OCP_PHASES } from "./forum-vocabulary.ts";

/**
 * The Forum edition form as typed (strings, so a failed form comes back as sent) and its
 * validation. Registration dates and OCP windows are local date-times in the edition's zone,
 * converted with `zoned-time` so a time skipped by a clock change is an error next to its field.
 */

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const THEME_MAX = 300;
export const VENUE_MAX = 300;
export const CITY_MAX = 120;
export const CHAIR_MAX = 300;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export const REGISTRATION_FIELDS = [
  "registrationOpens",
  "registrationCloses",
  "accreditationDeadline",
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

export interface ForumEditionForm {
  year: string;
  theme: Record<Language, string>;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  venue: string;
  city: string;
  chair: string;
  registration: Record<RegistrationField, string>;
  ocp: Record<ForumOcpPhase, { start: string; end: string }>;
}

export const themeField = (lang: Language) => `theme_${lang}`;
export const ocpField = (phase: ForumOcpPhase, end: "start" | "end") => `ocp_${phase}_${end}`;

export function blankForumEditionForm(): ForumEditionForm {
  return readForumEditionForm({ timeZone: "Europe/Zurich", city: "Geneva" });
}

export function readForumEditionForm(body: unknown): ForumEditionForm {
  return {
    year: formText(body, "year"),
    theme: Object.fromEntries(UN_LANGUAGES.map((lang) => [lang, formText(body, themeField(lang))])) as Record<
      Language,
      string
    >,
    startsOn: formText(body, "startsOn"),
    endsOn: formText(body, "endsOn"),
    timeZone: formText(body, "timeZone"),
    venue: formText(body, "venue"),
    city: formText(body, "city"),
    chair: formText(body, "chair"),
    registration: Object.fromEntries(
      REGISTRATION_FIELDS.map((name) => [name, formText(body, name)]),
    ) as Record<RegistrationField, string>,
    ocp: Object.fromEntries(
      OCP_PHASES.map((phase) => [
        phase,
        { start: formText(body, ocpField(phase, "start")), end: formText(body, ocpField(phase, "end")) },
      ]),
    ) as ForumEditionForm["ocp"],
  };
}

/** A calendar day `YYYY-MM-DD` that exists, or null with the field's error. */
function calendarDay(errors: FieldErrors, field: string, raw: string): string | null {
  const value = raw.trim();
  if (value === "") {
    errors.add(field, "required");
    return null;
  }
  const match = DAY.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    errors.add(field, "invalid_date");
    return null;
  }
  return value;
}

/** A local date-time in `timeZone`; "" is null (not set) unless required. */
function localInstant(
  errors: FieldErrors,
  field: string,
  raw: string,
  timeZone: string | null,
  required: boolean,
): Date | null {
  if (raw.trim() === "") {
    if (required) errors.add(field, "required");
    return null;
  }
  if (!timeZone) return null;
  const result = localToInstant(raw, timeZone);
  if (result.ok) return result.instant;
  errors.add(field, result.reason === "nonexistent" ? "nonexistent_local_time" : "invalid_date");
  return null;
}

export interface ForumEditionRecord extends ForumEditionValues {
  year: number;
  ocp: PhaseWindow<ForumOcpPhase>[];
}

/**
 * Checks the whole form and returns what to store, or throws every field error at once. `past`
 * editions (run before this platform) have no OCP or registration, and their theme is optional.
 */
export function validateForumEditionForm(
  form: ForumEditionForm,
  context: { year?: number; past?: boolean } = {},
): ForumEditionRecord {
  const errors = new FieldErrors();
  const past = context.past === true;
  let year = context.year ?? 0;
  if (context.year === undefined) {
    const raw = form.year.trim();
    if (raw === "") errors.add("year", "required");
    else if (!/^\d{4}$/.test(raw) || Number(raw) < YEAR_MIN || Number(raw) > YEAR_MAX)
      errors.add("year", "out_of_range", { min: YEAR_MIN, max: YEAR_MAX });
    year = Number(raw);
  }
  const theme: Record<string, string> = {};
  for (const lang of UN_LANGUAGES) {
    const value = errors.line(themeField(lang), form.theme[lang] ?? "", THEME_MAX, lang === "en" && !past);
    if (value) theme[lang] = value;
  }
  const startsOn = calendarDay(errors, "startsOn", form.startsOn);
  const endsOn = calendarDay(errors, "endsOn", form.endsOn);
  if (startsOn && endsOn && endsOn < startsOn) errors.add("endsOn", "end_before_start");
  const timeZone = form.timeZone.trim() === "" ? null : canonicalTimeZone(form.timeZone);
  if (form.timeZone.trim() === "") errors.add("timeZone", "required");
  else if (!timeZone) errors.add("timeZone", "unknown_code");
  const venue = errors.line("venue", form.venue, VENUE_MAX, !past);
  const city = errors.line("city", form.city, CITY_MAX, false);
  const chair = errors.line("chair", form.chair, CHAIR_MAX, false);
  const [opens, closes, accreditation] = REGISTRATION_FIELDS.map((name) =>
    past ? null : localInstant(errors, name, form.registration[name], timeZone, false),
  ) as [Date | null, Date | null, Date | null];
  if (opens && closes && closes <= opens) errors.add("registrationCloses", "end_before_start");
  const ocp: PhaseWindow<ForumOcpPhase>[] = [];
  if (!past) {
    let previous: PhaseWindow<ForumOcpPhase> | null = null;
    for (const phase of OCP_PHASES) {
      const startField = ocpField(phase, "start");
      const endField = ocpField(phase, "end");
      const startsAt = localInstant(errors, startField, form.ocp[phase].start, timeZone, true);
      const endsAt = localInstant(errors, endField, form.ocp[phase].end, timeZone, true);
      if (!startsAt || !endsAt) {
        previous = null;
        continue;
      }
      if (endsAt <= startsAt) errors.add(endField, "end_before_start");
      // The steps run in order: each opens when or after the one before it closes.
      else if (previous && startsAt < previous.endsAt) errors.add(startField, "phase_overlap");
      const window = { phase, startsAt, endsAt };
      ocp.push(window);
      previous = window;
    }
  }
  errors.throwIfAny();
  return {
    year,
    theme,
    startsOn: startsOn as string,
    endsOn: endsOn as string,
    timeZone: timeZone as string,
    venue,
    city,
    chair,
    registrationOpensAt: opens,
    registrationClosesAt: closes,
    accreditationDeadline: accreditation,
    ocp,
  };
}
