import { describe, expect, it } from "vitest";
import { percentile } from "./stats.ts";

describe("percentile", () => {
  it("uses nearest rank", () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 100)).toBe(5);
    expect(percentile(samples, 1)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
  });
});
