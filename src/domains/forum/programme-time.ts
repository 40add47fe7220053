/**
 * How the public programme, the agenda and the session pages write times: in the venue's zone,
 * naming the zone, and optionally in a visitor's zone. `Intl.DateTimeFormat` objects are costly to
 * build (tens of microseconds each), and a programme page formats hundreds of times, so they are
 * cached per language and zone. Nothing here reads the server's own zone.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  // English is written the UN way (day month year), as elsewhere on the Forum pages.
  const lang = language === "en" ? "en-GB" : language;
  const cacheKey = `${key}|${lang}|${options.timeZone}`;
  let format = cache.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, options);
    cache.set(cacheKey, format);
  }
  return format;
}

const dayParts = (timeZone: string) =>
  formatter("day", "en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function dayInZone(instant: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of dayParts(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A venue day (`YYYY-MM-DD`) as a heading: "Monday 4 May 2026". Days are named in UTC, being dates. */
export function formatDay(day: string, lang: string): string {
  return formatter("dayHeading", lang, {
    timeZone: "UTC",
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
  }).format(new Date(`${day}T12:00:00Z`));
}

/** "09:30" in `timeZone`. */
export function formatClock(instant: Date, lang: string, timeZone: string): string {
  return formatter("clock", lang, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    instant,
  );
}

/** The zone's short name at `instant` ("CEST", "GMT+14"), which changes across a DST switch. */
export function zoneAbbreviation(instant: Date, lang: string, timeZone: string): string {
  const parts = formatter("zone", lang, { timeZone, timeZoneName: "short" }).formatToParts(instant);
  return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
}

/**
 * A session's slot in one zone: "09:00–10:30 CEST", or "01:30 CET – 03:30 CEST" when the zone's
 * offset changes during it (a session across a daylight-saving switch).
 */
export function formatSlot(startsAt: Date, endsAt: Date, lang: string, timeZone: string): string {
  const startZone = zoneAbbreviation(startsAt, lang, timeZone);
  const endZone = zoneAbbreviation(endsAt, lang, timeZone);
  const start = formatClock(startsAt, lang, timeZone);
  const end = formatClock(endsAt, lang, timeZone);
  return startZone === endZone ? `${start}–${end} ${startZone}` : `${start} ${startZone} – ${end} ${endZone}`;
}

/**
 * A time for a visitor whose zone differs from the venue's: weekday, date and time with the zone
 * ("Tue 5 May, 02:00 GMT+14"), because far zones fall on another calendar day than the venue.
 */
export function formatVisitorTime(instant: Date, lang: string, timeZone: string): string {
  return formatter("visitor", lang, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(instant);
}
