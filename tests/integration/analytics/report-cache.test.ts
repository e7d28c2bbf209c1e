import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { PROGRESS_LAG_MS, ReportCache } from "#app/analytics/report/cache.server";
import { completeLesson } from "#app/learning/completion.server";
import { accounts } from "#db/schema/index";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { createCourse } from "../../support/learning";
import { buildReportFixture, importAcmeSubscription } from "./report-fixture";

const PERIOD = { from: "2025-01-01", to: "2025-12-31", trained: "any" as const, coverage: 20, x: "coverage" as const };
type Report = Awaited<ReturnType<typeof getImpactReport>>;

describe("impact report cache (per data version)", () => {
  const handle = useTestDatabase();
  let clock = 0;
  let computations = 0;
  const cache = new ReportCache<Report>(() => clock);
  const report = () =>
    cache.get(handle.db, "period", () => {
      computations++;
      return getImpactReport(handle.db, PERIOD);
    });

  beforeAll(async () => {
    await buildReportFixture(handle.db);
  });

  it("computes once while nothing changes", async () => {
    const first = await report();
    const second = await report();
    expect(second).toBe(first);
    expect(computations).toBe(1);
  });

  it("recomputes on the next request after an import, so figures never lag a data load", async () => {
    const before = await report();
    const res = await importAcmeSubscription(handle.db, "CACHE-1");
    expect(res.status).toBe(200);
    const after = await report();
    expect(after).not.toBe(before);
    expect(after.headline.baseExpansionRate.all.revenueEnd).toBe(
      before.headline.baseExpansionRate.all.revenueEnd + 10_000,
    );
  });

  it("serves learners' new progress within the lag, then refreshes in the background", async () => {
    const [acme] = await handle.db.select().from(accounts).where(eq(accounts.name, "Acme"));
    const learner = await createUser(handle.db, { accountId: acme!.id });
    // Publishing a course is a hard change (content sync): done before the report is cached.
    const { course, lessons } = await createCourse(handle.db, {
      stage: "onboarding",
      lessons: [{ title: "Only lesson" }],
    });
    const cached = await report();
    const count = computations;
    const done = await completeLesson(handle.db, { id: learner.id, accountId: acme!.id }, course.id, lessons[0]!.id);
    expect(done).toMatchObject({ status: "completed", newlyCompleted: true });

    clock += PROGRESS_LAG_MS - 1;
    expect(await report()).toBe(cached); // young enough: served as is
    expect(computations).toBe(count);

    clock += 2;
    expect(await report()).toBe(cached); // too old: served once more, fresh one computed meanwhile
    expect(computations).toBe(count + 1);
    await expect.poll(async () => (await report()) !== cached, { timeout: 30_000 }).toBe(true);
    expect(computations).toBe(count + 1);
  });
});
