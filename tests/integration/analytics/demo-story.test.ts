import path from "node:path";
import os from "node:os";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { loadDemo } from "#app/bootstrap.server";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { impactHeadline } from "#app/analytics/impact/headline";
import { reportSummary } from "#app/analytics/report/summary";
import { courseInsights } from "#app/analytics/insights/course-insights.server";
import { lastCompleteMonthEnd } from "#app/customers/generator/index.server";
import { syncContent } from "#app/content/sync.server";
import { useTestDatabase } from "../../support/test-db";

/**
 * The demo a new user sees on the first `npm start` (real courses, default seed and size, window
 * through the last complete month): it must tell the story the generator planted.
 */
describe("the default demo", () => {
  const handle = useTestDatabase();
  let report: Awaited<ReturnType<typeof getImpactReport>>;
  beforeAll(async () => {
    const sync = await syncContent(handle.db, {
      contentDir: "content",
      cacheDir: path.join(os.tmpdir(), "uplift-test-mdx-cache"),
    });
    expect(sync.problems).toEqual([]);
    await loadDemo(handle.db);
    report = await getImpactReport(handle.db, { trained: "any", coverage: 20, x: "coverage" });
  }, 900_000);
  const cohort = (key: string) => report.cohorts.find((c) => c.key === key)!;

  it("shows the planted training effects in the default report: adjusted expansion, adoption and health up, churn down", () => {
    const expansion = cohort("baseExpansionRate");
    expect(expansion.trained.n).toBeGreaterThanOrEqual(60);
    expect(expansion.adjusted.ok).toBe(true);
    if (!expansion.adjusted.ok) return;
    expect(expansion.adjusted.estimate).toBeGreaterThan(0);
    expect(expansion.trained.value!).toBeGreaterThan(expansion.untrained.value!);
    for (const key of ["adoption", "health"]) {
      const a = cohort(key).adjusted;
      expect(a.ok && a.estimate > 0).toBe(true);
    }
    const churn = cohort("churn").adjusted;
    expect(churn.ok && churn.estimate < 0).toBe(true);
  });

  it("tells the planted story in the headline: training's adjusted effect on net MRR is positive, its 95% interval above 0", () => {
    // The demo plants +200% monthly expansion chance and −60% churn once trained (DEMO_DATA); the staggered
    // design's overall estimate over the default period (the last 12 months) must show it, not just be worded right.
    const o = report.impact.outcomes.find((x) => x.key === "expansion")!;
    const e = o.overall!;
    expect(e).not.toBeNull();
    expect(e.estimate).toBeGreaterThan(0);
    expect(e.low).toBeGreaterThan(0);
    expect(impactHeadline(o, report.impact).text).toContain("the interval excludes 0: trained accounts higher");
  });

  it("states honestly whether the expansion interval includes 0, with n, cohorts and data-through month", () => {
    const o = report.impact.outcomes.find((x) => x.key === "expansion")!;
    expect(o.overall).not.toBeNull();
    const e = o.overall!;
    const h = impactHeadline(o, report.impact);
    const includesZero = e.low <= 0 && e.high >= 0;
    expect(h.ciIncludesZero).toBe(includesZero);
    expect(h.text).toContain(
      includesZero ? "the interval includes 0: not distinguishable from no effect" : "the interval excludes 0",
    );
    expect(h.text).toContain(
      o.claim === "estimated effect" ? "estimated effect of training" : "association with training",
    );
    expect(h.text).toContain(`n = ${e.nTreated} trained, ${e.nControl} comparison accounts`);
    expect(h.text).toContain(`data through ${report.coverage.revenue!.last.slice(0, 7)}`);
    // The JSON carries the same sentence and flag.
    const json = reportSummary(report).impactDesign!.outcomes.find((x) => x.outcome === "expansion")!;
    expect(json.headline).toBe(h.text);
    expect((json.overall as { ciIncludesZero: boolean }).ciIncludesZero).toBe(includesZero);
  });

  it("runs through the last complete month before today", async () => {
    const [r] = await queryRows<{ usage: string; progress: string }>(
      handle.db,
      sql`
      select (select max(usage_date)::text from feature_usage) as usage, (select max(completed_at)::date::text from lesson_progress) as progress`,
    );
    const end = lastCompleteMonthEnd(new Date());
    expect(r!.usage).toBe(`${end.slice(0, 7)}-01`);
    expect(r!.progress <= end && r!.progress.slice(0, 7) === end.slice(0, 7)).toBe(true);
  });

  it("spreads course completion rates, with drop-off, ratings and course NPS", async () => {
    const courses = await courseInsights(handle.db, {});
    for (const c of courses) {
      expect(c.enrolled).toBeGreaterThan(c.completed);
      expect(c.completionRate!).toBeGreaterThan(0.2);
      expect(c.completionRate!).toBeLessThan(0.95);
      expect(c.ratings).toBeGreaterThan(0);
      expect(c.nps).not.toBeNull();
    }
    const rates = courses.map((c) => c.completionRate!);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.3);
  });

  it("takes about as long as the lessons say: median time to complete within 3× the course's minutes", async () => {
    const rows = await queryRows<{ id: string; minutes: number }>(
      handle.db,
      sql`select id, estimated_minutes as minutes from courses`,
    );
    const minutes = new Map(rows.map((r) => [r.id, Number(r.minutes)]));
    for (const c of await courseInsights(handle.db, {})) {
      const m = minutes.get(c.id)!;
      expect(c.medianSecondsToComplete! / 60).toBeGreaterThan(m * 0.5);
      expect(c.medianSecondsToComplete! / 60).toBeLessThan(m * 3);
    }
  });

  it("respects prerequisites: no lesson of a course is opened before its prerequisites were completed", async () => {
    const [r] = await queryRows<{ n: number }>(
      handle.db,
      sql`
      select count(*)::int as n from lesson_progress p join courses c on c.id = p.course_id
      cross join lateral unnest(c.prerequisites) as pre(course_id)
      where not exists (select 1 from certificates ce where ce.user_id = p.user_id and ce.course_id = pre.course_id and ce.issued_at <= p.started_at)`,
    );
    expect(r!.n).toBe(0);
  });
});
