/**
 * A minimal RFC 5545 writer for the personal agenda feed. Times are written in UTC (`…Z`), which
 * every calendar application converts to its user's zone and which needs no VTIMEZONE; lines end
 * with CRLF and are folded at 75 octets without splitting a UTF-8 character; TEXT values escape
 * backslashes, semicolons, commas and newlines (RFC 5545 §3.3.11).
 */

export interface CalendarEvent {
  /** Stable per session for the feed's whole life, so an update replaces the old event. */
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  url: string;
  /** Grows each time the session's slot, room or title changed in a published programme. */
  sequence: number;
  lastModified: Date;
  cancelled: boolean;
}

export interface Calendar {
  name: string;
  /** DTSTAMP of every event: when the feed's content last changed. */
  stamp: Date;
  events: CalendarEvent[];
}

/** `20260504T070000Z`. */
export function icalUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: RFC 5545 TEXT may not contain them.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A TEXT value escaped for a content line. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(CONTROL, "");
}

const encoder = new TextEncoder();

/**
 * A content line folded at 75 octets: continuation lines start with one space (which counts in
 * their 75). Characters are never cut, so a multi-byte character moves whole to the next line.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  let limit = 75;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
      limit = 74; // the leading space of a continuation line takes one octet
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

/** The whole calendar as an RFC 5545 text. */
export function writeCalendar(calendar: Calendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//WSIS Platform//WSIS Forum agenda//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
  ];
  for (const event of calendar.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${icalUtc(calendar.stamp)}`,
      `DTSTART:${icalUtc(event.startsAt)}`,
      `DTEND:${icalUtc(event.endsAt)}`,
      `SEQUENCE:${event.sequence}`,
      `LAST-MODIFIED:${icalUtc(event.lastModified)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `LOCATION:${escapeText(event.location)}`,
      `URL:${event.url}`,
      `STATUS:${event.cancelled ? "CANCELLED" : "CONFIRMED"}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
