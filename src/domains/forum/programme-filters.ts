import type { ForumSessionType } from "../../db/schema-forum.ts";
import type { FieldError } from "../../platform/errors.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { canonicalTimeZone } from "../../platform/zoned-time.ts";
import { SESSION_TYPES } from "./forum-vocabulary.ts";
import type { ProgrammeSession } from "./programme-snapshot.ts";
import { dayInZone } from "./programme-time.ts";

/** The public programme's filters, as the GET form and `listForumSessions` take them. */
export interface ProgrammeFilters {
  /** A venue day `YYYY-MM-DD` of the edition. */
  day: string | null;
  /** A special track's code. */
  track: string | null;
  type: ForumSessionType | null;
  actionLine: string | null;
  sdg: number | null;
  /** Part of a speaker's name, compared without case or accents. */
  speaker: string;
  /** Full-text search (web search syntax: words, "phrases", -excluded, or). */
  q: string;
}

/** What the filters are checked against. */
export interface FilterChoices {
  days: readonly string[];
  tracks: readonly string[];
  actionLines: readonly string[];
  sdgs: readonly number[];
}

export const EMPTY_FILTERS: ProgrammeFilters = {
  day: null,
  track: null,
  type: null,
  actionLine: null,
  sdg: null,
  speaker: "",
  q: "",
};

export const FILTER_LIMITS = { speaker: 200, q: 200 } as const;

const text = (value: unknown): string => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
};

/**
 * Reads the filters from a query string. A bad value is reported on its field and ignored (the
 * rest still filter), so a stale bookmark still shows a programme; the API refuses instead.
 */
export function readProgrammeFilters(
  query: Record<string, unknown>,
  choices: FilterChoices,
): { filters: ProgrammeFilters; errors: FieldError[] } {
  const errors = new FieldErrors();
  const sdgText = text(query.sdg).trim();
  const sdg = /^[0-9]{1,2}$/.test(sdgText) ? Number(sdgText) : null;
  if (sdgText !== "" && (sdg === null || !choices.sdgs.includes(sdg))) errors.add("sdg", "unknown_code");
  const filters: ProgrammeFilters = {
    day: errors.choice("day", text(query.day).trim(), choices.days, {
      required: false,
      code: "invalid_value",
    }),
    track: errors.choice("track", text(query.track).trim(), choices.tracks, { required: false }),
    type: errors.choice("type", text(query.type).trim(), SESSION_TYPES, { required: false }),
    actionLine: errors.choice("actionLine", text(query.actionLine).trim(), choices.actionLines, {
      required: false,
    }),
    sdg: errors.has("sdg") ? null : sdg,
    speaker: errors.line("speaker", text(query.speaker), FILTER_LIMITS.speaker, false),
    q: errors.line("q", text(query.q), FILTER_LIMITS.q, false),
  };
  if (errors.has("speaker")) filters.speaker = "";
  if (errors.has("q")) filters.q = "";
  return { filters, errors: errors.list };
}

/**
 * The visitor's zone from `?tz=`: its canonical name, null when absent, or a field error (the
 * page then shows venue times only).
 */
export function readVisitorZone(query: Record<string, unknown>): {
  zone: string | null;
  error: FieldError | null;
} {
  const raw = text(query.tz).trim();
  if (raw === "") return { zone: null, error: null };
  const zone = canonicalTimeZone(raw);
  return zone ? { zone, error: null } : { zone: null, error: { field: "tz", code: "invalid_value" } };
}

/** Lower case without accents, so "Jose" finds "José" and "MÜLLER" finds "Müller". */
export function foldForMatch(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
}

/**
 * The sessions the filters keep, by start then number. `matches` is the set of session ids the
 * full-text search found (null when there is no search).
 */
export function filterSessions(
  sessions: readonly ProgrammeSession[],
  filters: ProgrammeFilters,
  timeZone: string,
  matches: ReadonlySet<string> | null,
): ProgrammeSession[] {
  const speaker = foldForMatch(filters.speaker);
  return sessions
    .filter(
      (session) =>
        (filters.day === null || dayInZone(session.startsAt, timeZone) === filters.day) &&
        (filters.track === null || session.track === filters.track) &&
        (filters.type === null || session.type === filters.type) &&
        (filters.actionLine === null || session.actionLines.includes(filters.actionLine)) &&
        (filters.sdg === null || session.sdgs.includes(filters.sdg)) &&
        (speaker === "" || session.speakers.some((person) => foldForMatch(person.name).includes(speaker))) &&
        (matches === null || matches.has(session.id)),
    )
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.number - b.number);
}

/** The venue days of an edition, `starts_on` to `ends_on` inclusive. */
export function editionDays(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  for (
    let time = Date.parse(`${startsOn}T00:00:00Z`);
    time <= Date.parse(`${endsOn}T00:00:00Z`);
    time += 86_400_000
  )
    days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}

/** The query string of a set of filters (for links that keep them), without empty ones. */
export function filtersQuery(filters: ProgrammeFilters, extra: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  const entries: Array<[string, string | number | null]> = [
    ["day", filters.day],
    ["track", filters.track],
    ["type", filters.type],
    ["actionLine", filters.actionLine],
    ["sdg", filters.sdg],
    ["speaker", filters.speaker],
    ["q", filters.q],
    ...Object.entries(extra),
  ];
  for (const [name, value] of entries) if (value !== null && value !== "") params.set(name, String(value));
  const query = params.toString();
  return query === "" ? "" : `?${query}`;
}
