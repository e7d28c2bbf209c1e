import { describe, expect, it } from "vitest";
import { compactNumbers, pageModelOf, toPageModel } from "#app/routes/report/page-model.server";

type Report = Parameters<typeof toPageModel>[0];

// A report shaped like getImpactReport's, with only the parts the page model reshapes filled in.
function report(): Report {
  const course = (id: string) => ({
    courseId: id,
    overall: { estimate: 1.23456789, se: 0.5, q: 0.123456789 },
    eventStudy: Array.from({ length: 12 }, (_, e) => ({ e, estimate: { estimate: e / 3 } })),
  });
  return {
    accountRows: [{ id: "a" }],
    readyForExpansion: Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, utilization: 91.75438596491227 })),
    atRisk: [],
    impact: { courses: [course("c1"), course("c2")], outcomes: [{ eventStudy: [{ e: -2, estimate: null }] }] },
    correlations: [{ points: [{ x: 33.33333333, y: 0.016666, trained: true }], result: { n: 1200 } }],
    headline: { accounts: 1503, share: 2 / 3, label: "x" },
  } as unknown as Report;
}

describe("/report page model", () => {
  it("sends what the page shows: no per-account rows, no per-course event studies, lists cut to 25", () => {
    const m = toPageModel(report()) as unknown as Record<string, unknown> & {
      impact: { courses: Record<string, unknown>[]; outcomes: { eventStudy: unknown[] }[] };
      readyForExpansion: { total: number; rows: unknown[] };
    };
    expect(m).not.toHaveProperty("accountRows");
    expect(m.impact.courses.every((c) => !("eventStudy" in c))).toBe(true);
    // The outcome event studies are drawn on the page: kept.
    expect(m.impact.outcomes[0]!.eventStudy).toHaveLength(1);
    expect(m.readyForExpansion.total).toBe(40);
    expect(m.readyForExpansion.rows).toHaveLength(25);
  });

  it("rounds fractions to 6 significant digits and scatter points to 2 decimals; integers and strings untouched", () => {
    const m = toPageModel(report()) as unknown as {
      impact: { courses: { overall: { estimate: number; q: number } }[] };
      correlations: { points: { x: number; y: number; trained: boolean }[]; result: { n: number } }[];
      readyForExpansion: { rows: { utilization: number }[] };
      headline: { accounts: number; share: number; label: string };
    };
    expect(m.impact.courses[0]!.overall).toMatchObject({ estimate: 1.23457, q: 0.123457 });
    expect(m.correlations[0]!.points[0]).toEqual({ x: 33.33, y: 0.02, trained: true });
    expect(m.correlations[0]!.result.n).toBe(1200);
    expect(m.readyForExpansion.rows[0]!.utilization).toBe(91.7544);
    expect(m.headline).toEqual({ accounts: 1503, share: 0.666667, label: "x" });
    expect(compactNumbers({ a: [NaN, null, -0.000123456789, 1e21] })).toEqual({ a: [NaN, null, -0.000123457, 1e21] });
  });

  it("builds the model once per cached report object", () => {
    const r = report();
    expect(pageModelOf(r)).toBe(pageModelOf(r));
    expect(pageModelOf(report())).not.toBe(pageModelOf(r));
  });
});
