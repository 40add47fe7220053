import { describe, expect, it } from "vitest";
import {
  EMPTY_FILTERS,
  editionDays,
  filterSessions,
  readProgrammeFilters,
  readVisitorZone,
} from "./programme-filters.ts";
import { dayInZone, formatSlot, formatVisitorTime, zoneAbbreviation } from "./programme-time.ts";

describe("programme times", () => {
  it("puts far zones on their own calendar day: UTC+14 and UTC−12", () => {
    // 14:00 in Geneva (summer time) is 12:00 UTC.
    const instant = new Date("2026-07-07T12:00:00Z");
    expect(dayInZone(instant, "Europe/Zurich")).toBe("2026-07-07");
    expect(dayInZone(instant, "Pacific/Kiritimati")).toBe("2026-07-08");
    expect(formatVisitorTime(instant, "en", "Pacific/Kiritimati")).toMatch(/8 Jul.*02:00 GMT\+14/);
    expect(dayInZone(instant, "Etc/GMT+12")).toBe("2026-07-07");
    expect(formatVisitorTime(instant, "en", "Etc/GMT+12")).toMatch(/7 Jul.*00:00 GMT-12/);
    // 11:30 UTC is still the day before at UTC−12.
    expect(dayInZone(new Date("2026-07-07T11:30:00Z"), "Etc/GMT+12")).toBe("2026-07-06");
  });

  it("names both zones for a session across a daylight-saving change", () => {
    // Europe switches to summer time at 01:00 UTC on 29 March 2026: 01:30 CET → 03:30 CEST is one hour.
    const start = new Date("2026-03-29T00:30:00Z");
    const end = new Date("2026-03-29T01:30:00Z");
    expect(zoneAbbreviation(start, "en", "Europe/Zurich")).toBe("CET");
    expect(formatSlot(start, end, "en", "Europe/Zurich")).toBe("01:30 CET – 03:30 CEST");
    expect(
      formatSlot(new Date("2026-07-07T07:00:00Z"), new Date("2026-07-07T08:30:00Z"), "en", "Europe/Zurich"),
    ).toBe("09:00–10:30 CEST");
  });

  it("reads the visitor's zone from ?tz= and refuses what is not a zone", () => {
    expect(readVisitorZone({ tz: "pacific/kiritimati" })).toEqual({
      zone: "Pacific/Kiritimati",
      error: null,
    });
    expect(readVisitorZone({ tz: "Etc/GMT+12" }).zone).toBe("Etc/GMT+12");
    expect(readVisitorZone({ tz: "Mars/Olympus" })).toEqual({
      zone: null,
      error: { field: "tz", code: "invalid_value" },
    });
    expect(readVisitorZone({}).zone).toBeNull();
  });

  it("checks filters against the edition's choices and filters by venue day", () => {
    const choices = {
      days: editionDays("2026-03-28", "2026-03-30"),
      tracks: ["youth"],
      actionLines: ["C1"],
      sdgs: [9],
    };
    expect(choices.days).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    const bad = readProgrammeFilters(
      { day: "2026-04-01", track: "x", type: "party", actionLine: "C99", sdg: "18" },
      choices,
    );
    expect(bad.errors.map((error) => `${error.field}:${error.code}`).sort()).toEqual([
      "actionLine:unknown_code",
      "day:invalid_value",
      "sdg:unknown_code",
      "track:unknown_code",
      "type:unknown_code",
    ]);
    expect(bad.filters).toEqual(EMPTY_FILTERS);
    const base = { track: null, mode: "hybrid", room: "A", speakers: [], actionLines: [], sdgs: [] } as const;
    // 23:30 UTC on the 28th is already the 29th at the venue (CET, UTC+1).
    const late = {
      ...base,
      id: "1",
      number: 1,
      title: "Late",
      type: "talkx",
      startsAt: new Date("2026-03-28T23:30:00Z"),
      endsAt: new Date("2026-03-29T00:30:00Z"),
    } as const;
    const { filters } = readProgrammeFilters({ day: "2026-03-29" }, choices);
    expect(
      filterSessions([{ ...late, speakers: [], actionLines: [], sdgs: [] }], filters, "Europe/Zurich", null),
    ).toHaveLength(1);
  });
});
