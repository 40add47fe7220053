import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  effectiveTimeZone,
  formatInZone,
  instantToLocal,
  localToInstant,
} from "./zoned-time.ts";

describe("local times in an edition's zone", () => {
  it("converts with the offset in force on that day, summer time included", () => {
    expect(localToInstant("2026-03-14T23:59", "Europe/Zurich")).toEqual({
      ok: true,
      instant: new Date("2026-03-14T22:59:00Z"),
    });
    expect(localToInstant("2026-07-01T12:00", "Europe/Zurich")).toEqual({
      ok: true,
      instant: new Date("2026-07-01T10:00:00Z"),
    });
    expect(localToInstant("2026-01-10T12:00", "America/New_York")).toEqual({
      ok: true,
      instant: new Date("2026-01-10T17:00:00Z"),
    });
    expect(localToInstant("2026-01-10T12:00", "UTC")).toEqual({
      ok: true,
      instant: new Date("2026-01-10T12:00:00Z"),
    });
  });

  it("refuses a time the clocks skip (spring forward) and takes the earlier of a repeated one", () => {
    expect(localToInstant("2026-03-29T02:30", "Europe/Zurich")).toEqual({ ok: false, reason: "nonexistent" });
    expect(localToInstant("2026-03-08T02:30", "America/New_York")).toEqual({
      ok: false,
      reason: "nonexistent",
    });
    // 02:30 happens twice on 25 October in Zurich: the first, still on summer time (UTC+2).
    expect(localToInstant("2026-10-25T02:30", "Europe/Zurich")).toEqual({
      ok: true,
      instant: new Date("2026-10-25T00:30:00Z"),
    });
    expect(localToInstant("2026-11-01T01:30", "America/New_York")).toEqual({
      ok: true,
      instant: new Date("2026-11-01T05:30:00Z"),
    });
  });

  it("refuses what is not a date-time", () => {
    for (const value of [
      "",
      "2026-02-30T10:00",
      "2026-13-01T10:00",
      "2026-01-01T24:00",
      "tomorrow",
      "2026-01-01",
    ])
      expect(localToInstant(value, "UTC")).toEqual({ ok: false, reason: "invalid" });
  });

  it("shows instants back as the local value a form edits, and names the zone for readers", () => {
    expect(instantToLocal(new Date("2026-10-25T00:30:00Z"), "Europe/Zurich")).toBe("2026-10-25T02:30");
    expect(instantToLocal(new Date("2026-10-25T01:30:00Z"), "Europe/Zurich")).toBe("2026-10-25T02:30");
    expect(formatInZone(new Date("2026-03-14T22:59:00Z"), "en", "Europe/Zurich")).toMatch(
      /March 14, 2026.*23:59/,
    );
    expect(formatInZone(new Date("2026-03-14T22:59:00Z"), "en", "UTC")).toMatch(/22:59 UTC/);
  });

  it("knows IANA zones only, fixing their case; Europe/Geneva is shown on Zurich time", () => {
    expect(canonicalTimeZone("europe/zurich")).toBe("Europe/Zurich");
    expect(canonicalTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    for (const value of ["Europe/Geneva", "Mars/Base", "+02:00", "", "x".repeat(65)])
      expect(canonicalTimeZone(value)).toBeNull();
    expect(effectiveTimeZone("Europe/Geneva")).toBe("Europe/Zurich");
    expect(effectiveTimeZone("Nowhere/Land")).toBe("UTC");
  });
});
