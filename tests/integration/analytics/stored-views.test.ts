import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computationHooks } from "#app/analytics/report/computations.server";
import { dataVersion, ReportCache } from "#app/analytics/report/cache.server";
import { getImpactReport } from "#app/analytics/report/impact-report.server";
import { parseReportFilters } from "#app/analytics/report/filters";
import { ReportSnapshots } from "#app/analytics/report/snapshots.server";
import { viewWarmUpIdle } from "#app/analytics/report/warm-up.server";
import { createApiToken } from "#app/auth/api-token.server";
import { loader as reportLoader } from "#app/routes/report/route";
import { loader as csvLoader } from "#app/routes/report[.]csv";
import { loader as apiLoader } from "#app/routes/api.v1.report";
import { loader as insightsLoader } from "#app/routes/insights._index/route";
import { loader as courseLoader } from "#app/routes/insights.courses.$courseId/route";
import type { Db } from "#db/index";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { get, run, sessionCookieFor } from "../../support/requests";
import { buildReportFixture, importAcmeSubscription } from "./report-fixture";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Waits for the pages to change: a view worker loads the app's modules before its first view (seconds). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 60_000, interval: 100 });

/** A computation held at the hook until released: the test looks at the pages meanwhile. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/**
 * Pages never wait for a long computation (docs/decisions/0007-report-cache.md): the computations are
 * paused through the real hook they pass (computationHooks.beforeCompute), not by mocking the database.
 */
describe("stored views: pages answer while their figures are computed", () => {
  const handle = useTestDatabase();
  let cookie: string;
  let apiToken: string;
  /** Views whose computation started (namespace:key), in order. */
  const started: string[] = [];
  let held: ReturnType<typeof gate> | null = null;

  type Loader = (args: Parameters<typeof reportLoader>[0]) => Promise<unknown>;
  const page = async (path: string, loader: Loader = reportLoader, params: Record<string, string> = {}) => {
    const res = await run(() => loader({ request: get(path, cookie), params, context: {} }));
    return { status: res.status, body: (await res.json()) as Json };
  };
  const reportsStarted = () => started.filter((k) => k.startsWith("report:")).length;

  beforeAll(async () => {
    await buildReportFixture(handle.db);
    cookie = await sessionCookieFor(await createUser(handle.db, { role: "cs_leader" }));
    apiToken = (await createApiToken({ name: "views-test", scopes: ["report:read"], createdBy: null })).value;
    computationHooks.pageWaitMs = 100;
    computationHooks.warmUp = false;
    computationHooks.beforeCompute = async (key) => {
      started.push(key);
      if (held) await held.opened;
    };
  });
  afterAll(() => {
    for (const k of Object.keys(computationHooks)) delete computationHooks[k as keyof typeof computationHooks];
  });

  it("nothing stored yet: 'computing' with the filters, CSV and API 503; two requests compute once; then current", async () => {
    held = gate();
    const first = await page("/report");
    expect(first.status).toBe(200);
    expect(first.body.report).toBeNull();
    expect(first.body.freshness.status).toBe("computing");
    expect(first.body.computing.filters).toMatchObject({ trained: "any" });
    expect(first.body.computing.options).toBeTruthy();
    expect((await page("/report")).body.freshness.status).toBe("computing");

    const csv = await run(() =>
      csvLoader({ request: get("/report.csv?table=summary", cookie), params: {}, context: {} }),
    );
    expect(csv.status).toBe(503);
    expect(Number(csv.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await csv.text()).toMatch(/being computed/);
    const api = await run(() =>
      apiLoader({
        request: new Request("http://x/api/v1/report", { headers: { Authorization: `Bearer ${apiToken}` } }),
        params: {},
        context: {},
      }),
    );
    expect(api.status).toBe(503);
    expect(api.headers.get("Retry-After")).toBeTruthy();
    expect(await api.json()).toMatchObject({ error: { code: "computing" } });

    held.open();
    held = null;
    await poll(async () => (await page("/report")).body.freshness.status).toBe("current");
    expect(reportsStarted()).toBe(1); // four requests, one computation
    const current = await page("/report");
    expect(current.body.report.accounts.inScope).toBeGreaterThan(0);
    expect(
      (await run(() => csvLoader({ request: get("/report.csv?table=summary", cookie), params: {}, context: {} })))
        .status,
    ).toBe(200);
  });

  it("after an import: the older figures, labelled, while the new ones compute; then the new ones", async () => {
    const before = (await page("/report")).body.report;
    held = gate();
    expect((await importAcmeSubscription(handle.db, "VIEWS-1")).status).toBe(200);
    const stale = await page("/report");
    expect(stale.body.freshness).toMatchObject({ status: "stale", reason: "data" });
    expect(stale.body.report).toEqual(before);
    const count = reportsStarted();
    expect((await page("/report")).body.freshness.status).toBe("stale");
    expect(reportsStarted()).toBe(count); // the second request joined the running computation

    held.open();
    held = null;
    await poll(async () => (await page("/report")).body.freshness.status).toBe("current");
    const after = (await page("/report")).body.report;
    expect(after).not.toEqual(before);
    expect(reportsStarted()).toBe(count);
  });

  it("after an import the views are recomputed in the background: the pages are current without computing", async () => {
    computationHooks.warmUp = true;
    const before = (await page("/report")).body.report;
    expect((await importAcmeSubscription(handle.db, "VIEWS-2")).status).toBe(200);
    await viewWarmUpIdle();
    computationHooks.warmUp = false;
    expect(started).toEqual(expect.arrayContaining(["insights:{}", 'insights-course:["onb",{}]']));
    const count = started.length;

    const report = await page("/report");
    expect(report.body.freshness.status).toBe("current");
    expect(report.body.report).not.toEqual(before);
    const insights = await page("/insights", insightsLoader);
    expect(insights.body.freshness.status).toBe("current");
    expect(insights.body.data.courses.map((c: Json) => c.id)).toContain("onb");
    const course = await page("/insights/courses/onb", courseLoader, { courseId: "onb" });
    expect(course.body.freshness.status).toBe("current");
    expect(course.body.page.course.id).toBe("onb");
    expect(started).toHaveLength(count); // nothing computed on the requests
  });

  it("a new build: the previous build's figures are labelled 'the app was updated' until recomputed", async () => {
    let code = "build-1";
    const snapshots = new ReportSnapshots<Awaited<ReturnType<typeof getImpactReport>>>(async () => code, "views-test");
    const process = () => new ReportCache(Date.now, dataVersion, snapshots);
    const compute = () => getImpactReport(handle.db, parseReportFilters(new URLSearchParams()).filters);
    const first = await process().view(handle.db, "default", compute);
    expect(first.status).toBe("current");
    code = "build-2";
    held = gate();
    const restarted = process();
    const stale = await restarted.view(handle.db, "default", compute, { waitMs: 50 });
    expect(stale).toMatchObject({ status: "stale", reason: "code" });
    expect(stale.status === "stale" && stale.value).toEqual(first.status === "current" && first.value);
    held.open();
    held = null;
    await poll(async () => (await restarted.view(handle.db, "default", compute, { waitMs: 50 })).status).toBe(
      "current",
    );
  });

  it("a new build reads the previous build's figures while the new ones compute; a restart reads only its own", async () => {
    type Report = Awaited<ReturnType<typeof getImpactReport>>;
    const newestReads: string[] = [];
    class CountingSnapshots extends ReportSnapshots<Report> {
      override async loadNewest(db: Db, filtersKey: string) {
        newestReads.push(filtersKey);
        return super.loadNewest(db, filtersKey);
      }
    }
    let code = "build-a";
    const snapshots = new CountingSnapshots(async () => code, "views-read");
    const process = () => new ReportCache(Date.now, dataVersion, snapshots);
    const compute = () => getImpactReport(handle.db, parseReportFilters(new URLSearchParams()).filters);
    expect((await process().view(handle.db, "default", compute)).status).toBe("current");
    newestReads.length = 0;
    // A restart of the same build: its own stored figures, no older snapshot read besides (11 MB at 10k accounts).
    expect((await process().view(handle.db, "default", compute, { waitMs: 120_000 })).status).toBe("current");
    expect(newestReads).toEqual([]);
    // A new build: the older figures are read during the wait, not after it (the page would wait 120 s here).
    code = "build-b";
    held = gate();
    const pending = process().view(handle.db, "default", compute, { waitMs: 120_000 });
    try {
      await expect.poll(() => newestReads.length, { timeout: 20_000, interval: 50 }).toBe(1);
    } finally {
      held.open();
      held = null;
    }
    expect((await pending).status).toBe("current");
  });

  it("two server processes asking for the same view compute it once (a claim in report_computations)", async () => {
    let computed = 0;
    const snapshots = new ReportSnapshots<Awaited<ReturnType<typeof getImpactReport>>>(async () => "b", "claims-test");
    const filters = parseReportFilters(new URLSearchParams()).filters;
    const compute = () => {
      computed++;
      return getImpactReport(handle.db, filters);
    };
    const [a, b] = [
      new ReportCache(Date.now, dataVersion, snapshots),
      new ReportCache(Date.now, dataVersion, snapshots),
    ];
    held = gate();
    expect((await a.view(handle.db, "default", compute, { waitMs: 50 })).status).toBe("computing");
    expect((await b.view(handle.db, "default", compute, { waitMs: 50 })).status).toBe("computing");
    held.open();
    held = null;
    const [fromA, fromB] = await Promise.all([
      a.get(handle.db, "default", compute),
      b.get(handle.db, "default", compute),
    ]);
    expect(fromB).toEqual(fromA);
    expect(computed).toBe(1);
  });
});
