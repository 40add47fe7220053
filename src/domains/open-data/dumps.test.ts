import { describe, expect, it } from "vitest";
import { hasMessage } from "../../platform/i18n.ts";
import { meaningKey, TYPE_KEYS } from "./data-dictionary.pages.tsx";
import { formatBytes as format } from "./dumps.pages.tsx";
import { DAILY_DUMP_HOUR_UTC, dailySlot, nextDailyRun } from "./dumps.service.ts";
import { teeInStep } from "./dumps-build.ts";
import { EXPORT_FIELDS } from "./export-fields.ts";

describe("the page's data dictionary", () => {
  it("has a translated meaning and type for every field the files carry", () => {
    expect(EXPORT_FIELDS.filter((field) => !hasMessage(meaningKey(field.name))).map((f) => f.name)).toEqual(
      [],
    );
    expect(EXPORT_FIELDS.filter((field) => !TYPE_KEYS[field.type]).map((f) => f.type)).toEqual([]);
  });
});

describe("the daily schedule", () => {
  const at = (iso: string) => new Date(iso);
  const hour = String(DAILY_DUMP_HOUR_UTC).padStart(2, "0");

  it("takes today's slot once it has passed, else yesterday's", () => {
    expect(dailySlot(at(`2026-11-22T${hour}:00:00Z`))).toEqual(at(`2026-11-22T${hour}:00:00Z`));
    expect(dailySlot(at("2026-11-22T23:59:00Z"))).toEqual(at(`2026-11-22T${hour}:00:00Z`));
    const justBefore = new Date(at(`2026-11-22T${hour}:00:00Z`).getTime() - 1);
    expect(dailySlot(justBefore)).toEqual(at(`2026-11-21T${hour}:00:00Z`));
    // Across a month's end.
    expect(dailySlot(at("2026-12-01T00:30:00Z"))).toEqual(at(`2026-11-30T${hour}:00:00Z`));
  });

  it("is due at the current slot until a run starts after it, then at the next day's", () => {
    const now = at("2026-11-22T15:00:00Z");
    expect(nextDailyRun(now, null)).toEqual(at(`2026-11-22T${hour}:00:00Z`));
    expect(nextDailyRun(now, at("2026-11-21T23:00:00Z"))).toEqual(at(`2026-11-22T${hour}:00:00Z`));
    expect(nextDailyRun(now, at("2026-11-22T09:00:00Z"))).toEqual(at(`2026-11-23T${hour}:00:00Z`));
  });
});

describe("file sizes", () => {
  it("are written with the reader's units and digits", () => {
    // Locales put (narrow) no-break spaces between number and unit.
    const formatBytes = (lang: string, bytes: number) => format(lang, bytes).replace(/\s/gu, " ");
    expect(formatBytes("en", 512)).toBe("512 bytes");
    expect(formatBytes("fr", 512)).toBe("512 octets");
    expect(formatBytes("en", 1536)).toBe("1.5 kB");
    expect(formatBytes("en", 5 * 1024 * 1024)).toBe("5 MB");
    expect(formatBytes("fr", 2.25 * 1024 ** 3)).toBe("2,3 Go");
  });
});

describe("teeInStep", () => {
  async function* numbers(count: number, pulled: { n: number }, failAt?: number) {
    for (let i = 0; i < count; i++) {
      if (i === failAt) throw new Error("read failed");
      pulled.n += 1;
      yield i;
    }
  }
  const drain = async (source: AsyncIterable<number>, seen: number[], delayMs = 0) => {
    for await (const value of source) {
      seen.push(value);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  };

  it("gives every consumer every item once, in order, pulling each from the source once", async () => {
    const pulled = { n: 0 };
    const [a, b] = teeInStep(numbers(50, pulled), 2);
    const seenA: number[] = [];
    const seenB: number[] = [];
    await Promise.all([
      drain(a as AsyncIterable<number>, seenA),
      drain(b as AsyncIterable<number>, seenB, 1),
    ]);
    const all = Array.from({ length: 50 }, (_, i) => i);
    expect(seenA).toEqual(all);
    expect(seenB).toEqual(all);
    expect(pulled.n).toBe(50);
  });

  it("keeps a fast consumer within a few items of a slow one, so nothing piles up", async () => {
    const pulled = { n: 0 };
    const [fast, slow] = teeInStep(numbers(1000, pulled), 2, 2);
    const slowSeen: number[] = [];
    let widest = 0;
    const fastDone = drain(fast as AsyncIterable<number>, []);
    for await (const value of slow as AsyncIterable<number>) {
      slowSeen.push(value);
      widest = Math.max(widest, pulled.n - slowSeen.length);
      if (slowSeen.length === 20) break;
    }
    await fastDone;
    expect(widest).toBeLessThanOrEqual(3);
    // Once the slow one left, the fast one went on to the end.
    expect(pulled.n).toBe(1000);
  });

  it("hands a read error to every consumer", async () => {
    const [a, b] = teeInStep(numbers(10, { n: 0 }, 5), 2);
    const outcomes = await Promise.allSettled([
      drain(a as AsyncIterable<number>, []),
      drain(b as AsyncIterable<number>, []),
    ]);
    expect(outcomes.map((outcome) => outcome.status === "rejected" && String(outcome.reason))).toEqual([
      "Error: read failed",
      "Error: read failed",
    ]);
  });
});
