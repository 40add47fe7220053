import { describe, expect, it } from "vitest";
import { escapeText, foldLine, icalUtc, writeCalendar } from "./ical.ts";

const octets = (line: string) => new TextEncoder().encode(line).length;

describe("iCal writer (RFC 5545)", () => {
  it("escapes backslashes, semicolons, commas and line breaks in text", () => {
    expect(escapeText("a\\b; c, d\ne\r\nf")).toBe("a\\\\b\\; c\\, d\\ne\\nf");
  });

  it("writes instants in UTC", () => {
    expect(icalUtc(new Date("2026-03-29T00:30:00.000Z"))).toBe("20260329T003000Z");
  });

  it("folds at 75 octets without cutting a multi-byte character", () => {
    const ascii = `SUMMARY:${"x".repeat(200)}`;
    const folded = foldLine(ascii).split("\r\n");
    expect(folded.length).toBeGreaterThan(2);
    for (const line of folded) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((line) => line.startsWith(" "))).toBe(true);
    expect(folded.map((line, index) => (index === 0 ? line : line.slice(1))).join("")).toBe(ascii);

    const arabic = `SUMMARY:${"منتدى القمة العالمية ".repeat(8)}`;
    const lines = foldLine(arabic).split("\r\n");
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    // Unfolding gives back the text, so no character was split.
    expect(lines.map((line, index) => (index === 0 ? line : line.slice(1))).join("")).toBe(arabic);
    expect(foldLine("SHORT:line")).toBe("SHORT:line");
  });

  it("writes a calendar with CRLF line ends, one VEVENT per event, folded and escaped", () => {
    const text = writeCalendar({
      name: "WSIS Forum: my agenda",
      stamp: new Date("2026-06-01T10:00:00Z"),
      events: [
        {
          uid: "forum-session-7@example.org",
          startsAt: new Date("2026-07-07T07:00:00Z"),
          endsAt: new Date("2026-07-07T08:30:00Z"),
          summary: "12. Data; governance, and\nAI",
          description: "A long description ".repeat(10),
          location: "Room A, CICG, Geneva",
          url: "https://wsis.example.org/forum/2026/sessions/12",
          sequence: 2,
          lastModified: new Date("2026-06-01T10:00:00Z"),
          cancelled: false,
        },
      ],
    });
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = text.split("\r\n").slice(0, -1);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toContain("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:");
    expect(unfolded).toContain("SUMMARY:12. Data\\; governance\\, and\\nAI\r\n");
    expect(unfolded).toContain("DTSTART:20260707T070000Z\r\nDTEND:20260707T083000Z\r\n");
    expect(unfolded).toContain("SEQUENCE:2\r\n");
    expect(unfolded).toContain("UID:forum-session-7@example.org\r\n");
    expect(unfolded).toContain("LOCATION:Room A\\, CICG\\, Geneva\r\n");
    expect(unfolded).toContain("STATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
  });
});
