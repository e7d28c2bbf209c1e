import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ScatterPlot } from "#app/components/charts/ScatterPlot";

// The report's correlation scatters carry up to 600 points, drawn twice (wide and compact frames): one
// <circle> per point made /report's HTML 786 KB at 1,500 accounts and most of its warm render time.
describe("ScatterPlot", () => {
  const points = Array.from({ length: 600 }, (_, i) => ({
    x: (i * 37) % 100,
    y: ((i * 53) % 100) / 3,
    highlight: i % 3 === 0,
  }));
  const html = renderToString(
    createElement(ScatterPlot, {
      title: "Coverage vs adoption",
      description: "Scatter plot of 600 accounts.",
      points,
      xLabel: "Seat coverage (%)",
      yLabel: "Adoption (%)",
      bins: [],
      legend: { highlight: "Trained account", other: "Untrained account" },
    }),
  );

  it("draws each group of dots as one path of round-capped zero-length segments, not a circle per point", () => {
    expect(html).not.toContain("<circle");
    const paths = [...html.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]!);
    // Two groups (trained, untrained) × two frames.
    expect(paths).toHaveLength(4);
    const dots = paths.map((d) => d.match(/M/g)?.length ?? 0);
    expect(dots.reduce((s, n) => s + n, 0)).toBe(2 * 600);
    expect(dots.sort((a, b) => a - b)).toEqual([200, 200, 400, 400]);
    expect(paths[0]).toMatch(/^M\d+(\.\d)? \d+(\.\d)?h0M/);
    expect(html).toContain('stroke-linecap="round"');
  });

  it("keeps the page small: dot coordinates to 0.1 px", () => {
    for (const [, d] of html.matchAll(/<path d="([^"]*)"/g)) expect(d).not.toMatch(/\d\.\d{2,}/);
    expect(html.length).toBeLessThan(40_000);
  });
});
