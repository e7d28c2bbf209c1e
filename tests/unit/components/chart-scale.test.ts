import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { labelStep, niceTicks, shortNumber, showLabel, textWidth, wrapText } from "#app/components/charts/scale";
import { continuousMonths, monthRange } from "#app/components/charts/months";

describe("niceTicks", () => {
  it("uses round steps of 1, 2 or 5 × 10ⁿ (the completions axis used to read 267.5)", () => {
    expect(niceTicks(0, 535, 4)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(0, 535, 2)).not.toContain(267.5);
    expect(niceTicks(0, 1, 4)).toEqual([0, 0.5, 1]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(-12, 40, 4)).toEqual([-20, 0, 20, 40]);
  });

  it("keeps integer steps for counts", () => {
    expect(niceTicks(0, 3, 4, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0, 1, 4, { integer: true })).toEqual([0, 1]);
  });

  it("always covers the data with round ticks, whatever the range", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e8, max: 1e8 }).map((v) => v / 100),
        fc.integer({ min: -1e8, max: 1e8 }).map((v) => v / 100),
        fc.integer({ min: 2, max: 8 }),
        (a, b, count) => {
          const [lo, hi] = a < b ? [a, b] : [b, a];
          const t = niceTicks(lo, hi, count);
          expect(t[0]!).toBeLessThanOrEqual(lo);
          expect(t[t.length - 1]!).toBeGreaterThanOrEqual(hi);
          const step = t[1]! - t[0]!;
          const mantissa = step / 10 ** Math.floor(Math.log10(step));
          expect([1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
          expect(t.length).toBeLessThanOrEqual(count * 2 + 3);
        },
      ),
    );
  });
});

describe("shortNumber", () => {
  it("never prints a negative zero and keeps labels short", () => {
    expect(shortNumber(-0)).toBe("0");
    expect(shortNumber(-0.0001)).toBe("0");
    expect(shortNumber(0.30000000000000004)).toBe("0.3");
    expect(shortNumber(2500)).toBe("2.5k");
    expect(shortNumber(20000)).toBe("20k");
    expect(shortNumber(3000)).toBe("3k");
    expect(shortNumber(1_200_000)).toBe("1.2M");
  });
});

describe("labelStep", () => {
  it("thins month labels so they never overlap, and the newest month keeps its label", () => {
    const width = textWidth("2026-11", 13);
    const step = labelStep(24, 280, width);
    const shown = Array.from({ length: 24 }, (_, i) => i).filter((i) => showLabel(i, 24, step));
    expect(shown.length * (width + 8)).toBeLessThanOrEqual(280 + width);
    expect(shown).toContain(23);
    expect([1, 2, 3, 4, 6]).toContain(step);
    expect(labelStep(3, 500, width)).toBe(1);
    expect(labelStep(120, 300, width) % 12).toBe(0);
  });
});

describe("wrapText", () => {
  it("wraps a long lesson title on word boundaries without cutting it", () => {
    const title = "1. Your workspace, your people and your first dashboard";
    const lines = wrapText(title, 160, 13);
    expect(lines.join(" ")).toBe(title);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(textWidth(l, 13) <= 160 || !l.includes(" ")).toBe(true);
  });
});

describe("month axis", () => {
  it("lists every month across a year boundary", () => {
    expect(monthRange("2025-11-01", "2026-02")).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("fills a missing month with the given value (2026-11 was skipped)", () => {
    const points = [
      { month: "2026-10-01", value: 4 },
      { month: "2026-12-01", value: 7 },
    ];
    expect(continuousMonths(points, 0)).toEqual([
      { month: "2026-10", value: 4 },
      { month: "2026-11", value: 0 },
      { month: "2026-12", value: 7 },
    ]);
    expect(continuousMonths<number | null>(points, null)[1]).toEqual({ month: "2026-11", value: null });
    expect(continuousMonths([], 0)).toEqual([]);
  });
});
