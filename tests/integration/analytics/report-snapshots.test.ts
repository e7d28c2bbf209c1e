import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { dataVersion, ReportCache } from "#app/analytics/report/cache.server";
import { ReportSnapshots } from "#app/analytics/report/snapshots.server";
import { courses, lessons, reportSnapshots } from "#db/schema/index";
import { createCourse } from "../../support/learning";
import { useTestDatabase } from "../../support/test-db";
import { buildReportFixture, importAcmeSubscription } from "./report-fixture";

const PERIOD = { from: "2025-01-01", to: "2025-12-31", trained: "any" as const, coverage: 20, x: "coverage" as const };
type Report = Awaited<ReturnType<typeof getImpactReport>>;

describe("impact report snapshots (a fresh process serves the stored report)", () => {
  const handle = useTestDatabase();
  let code = "build-1";
  let computations = 0;
  const snapshots = new ReportSnapshots<Report>(async () => code);
  /** A new process: an empty in-process cache over the same database. */
  const freshProcess = () => new ReportCache<Report>(Date.now, dataVersion, snapshots);
  const report = (cache: ReportCache<Report>) =>
    cache.get(handle.db, "period", () => {
      computations++;
      return getImpactReport(handle.db, PERIOD);
    });

  beforeAll(async () => {
    await buildReportFixture(handle.db);
  });

  it("stores the first computation and serves it to a new process without recomputing", async () => {
    const first = await report(freshProcess());
    expect(computations).toBe(1);
    const rows = await handle.db.select().from(reportSnapshots).where(eq(reportSnapshots.filtersKey, "report:period"));
    expect(rows).toHaveLength(1);

    const restarted = freshProcess();
    const served = await report(restarted);
    expect(computations).toBe(1);
    expect(served).toEqual(first);
    expect(served).toEqual(await getImpactReport(handle.db, PERIOD));
    expect(await report(restarted)).toBe(served); // kept in the new process's cache
    expect(computations).toBe(1);
  });

  it("recomputes after an import and replaces the stored version", async () => {
    const before = await report(freshProcess());
    const res = await importAcmeSubscription(handle.db, "SNAP-1");
    expect(res.status).toBe(200);
    const count = computations;
    const after = await report(freshProcess());
    expect(computations).toBe(count + 1);
    expect(after.headline.baseExpansionRate.all.revenueEnd).toBe(
      before.headline.baseExpansionRate.all.revenueEnd + 10_000,
    );
    const rows = await handle.db.select().from(reportSnapshots).where(eq(reportSnapshots.filtersKey, "report:period"));
    expect(rows).toHaveLength(1);
    await report(freshProcess());
    expect(computations).toBe(count + 1);
  });

  it("recomputes for a different code version (a deploy never serves old formulas)", async () => {
    await report(freshProcess());
    const count = computations;
    code = "build-2";
    await report(freshProcess());
    expect(computations).toBe(count + 1);
    const rows = await handle.db.select().from(reportSnapshots).where(eq(reportSnapshots.filtersKey, "report:period"));
    expect(rows.map((r) => r.codeVersion)).toEqual(["build-2"]);
  });
});

describe("the report's data version and content syncs", () => {
  const handle = useTestDatabase();

  it("keeps its version through a sync that changes nothing (every server start syncs) and changes with content", async () => {
    await createCourse(handle.db, { stage: "onboarding", lessons: [{ title: "Only lesson" }] });
    const before = await dataVersion(handle.db);
    await handle.db.update(courses).set({ updatedAt: sql`now() + interval '1 minute'` });
    await handle.db.update(lessons).set({ updatedAt: sql`now() + interval '1 minute'` });
    expect((await dataVersion(handle.db)).hard).toBe(before.hard);
    await handle.db.update(lessons).set({ contentHash: "edited" });
    expect((await dataVersion(handle.db)).hard).not.toBe(before.hard);
  });
});
