/**
 * Wall-clock times in a place's IANA time zone (a prize edition's, a Forum venue's) and the UTC
 * instants stored for them. Admins type dates as local date-times in that zone (`datetime-local`
 * fields); the database keeps instants. Conversion goes through `Intl` only, so it follows the tz database of
 * the running Node.js, daylight saving time included, and never the server's own zone.
 */

/** `YYYY-MM-DDTHH:mm` (seconds allowed and ignored when zero), as a `datetime-local` input sends. */
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::00)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The zone's canonical name when `Intl` knows it (`europe/zurich` → `Europe/Zurich`), else null.
 * Offsets like `+02:00` are refused: an edition follows a place's rules, summer time included.
 */
export function canonicalTimeZone(value: string): string | null {
  const zone = value.trim();
  if (zone === "" || zone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    return null;
  }
  // The spelling of the tz database when only the case differs; a valid alias (Asia/Kolkata) as typed.
  const lower = zone.toLowerCase();
  return knownTimeZones().find((known) => known.toLowerCase() === lower) ?? zone;
}

/**
 * The zone to show and read an edition's times in: its stored zone when valid, else UTC, so a
 * wrong value in the database never breaks a page (the service refuses such values on input).
 * Geneva, where the Prizes are held, has no zone in the tz database; it keeps Zurich's clock, and
 * a `Europe/Geneva` written in by hand or by a script is read that way.
 */
export function effectiveTimeZone(stored: string): string {
  if (stored === "Europe/Geneva") return "Europe/Zurich";
  return canonicalTimeZone(stored) ?? "UTC";
}

/** The zones this Node.js knows, for the form's suggestions. */
export function knownTimeZones(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(instant: number, timeZone: string): WallClock & { second: number } {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant)))
    if (part.type !== "literal") values[part.type] = Number(part.value);
  return {
    year: values.year as number,
    month: values.month as number,
    day: values.day as number,
    hour: values.hour as number,
    minute: values.minute as number,
    second: values.second as number,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export type LocalTimeResult =
  | { ok: true; instant: Date }
  /** `invalid`: not a date-time; `nonexistent`: skipped by a clock change (spring forward). */
  | { ok: false; reason: "invalid" | "nonexistent" };

/**
 * The instant a local date-time names in `timeZone`. A time skipped when clocks go forward
 * (02:30 on a spring-forward night in Europe) names no instant: `nonexistent`, which forms report
 * as an error rather than silently moving it. A time that happens twice when clocks go back names
 * the earlier instant (the first 02:30, still on summer time), so a deadline never comes late.
 */
export function localToInstant(local: string, timeZone: string): LocalTimeResult {
  const match = LOCAL.exec(local.trim());
  if (!match) return { ok: false, reason: "invalid" };
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return { ok: false, reason: "invalid" };
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(guess);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1)
    return { ok: false, reason: "invalid" };
  // The offsets in force around that day cover both sides of any transition near it.
  const offsets = new Set([-1, 0, 1].map((days) => offsetAt(guess + days * 86_400_000, timeZone)));
  const matches = [...offsets]
    .map((offset) => guess - offset)
    .filter((instant) => {
      const clock = wallClock(instant, timeZone);
      return (
        clock.year === year &&
        clock.month === month &&
        clock.day === day &&
        clock.hour === hour &&
        clock.minute === minute
      );
    })
    .sort((a, b) => a - b);
  const first = matches[0];
  return first === undefined ? { ok: false, reason: "nonexistent" } : { ok: true, instant: new Date(first) };
}

const two = (value: number) => String(value).padStart(2, "0");

/** The `datetime-local` value (`YYYY-MM-DDTHH:mm`) of `instant` in `timeZone`, for editing. */
export function instantToLocal(instant: Date, timeZone: string): string {
  const clock = wallClock(instant.getTime(), timeZone);
  return `${String(clock.year).padStart(4, "0")}-${two(clock.month)}-${two(clock.day)}T${two(clock.hour)}:${two(clock.minute)}`;
}

/**
 * A date and time for people in `timeZone`, naming the zone ("14 March 2026 at 23:59 CET").
 * `dateStyle` cannot be combined with `timeZoneName`, hence the explicit fields.
 */
export function formatInZone(instant: Date, lang: string, timeZone: string): string {
  return new Intl.DateTimeFormat(lang, {
    timeZone,
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(instant);
}
