import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PeriodOutsideDataError } from "#app/analytics/coverage/sources";
import { computationHooks } from "#app/analytics/report/computations.server";
import { parseReportFilters } from "#app/analytics/report/filters";
import { getCachedImpactReport, getImpactReport } from "#app/analytics/report/impact-report.server";
import { stopViewWorker } from "#app/analytics/report/view-worker.server";
import { loader as reportLoader } from "#app/routes/report/route";
import { loader as insightsLoader } from "#app/routes/insights._index/route";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { get, run, sessionCookieFor } from "../../support/requests";
import { buildReportFixture } from "./report-fixture";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Waits for the pages to change: a view worker loads the app's modules before its first view (seconds). */
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 60_000, interval: 100 });

/** A hold the view worker blocks its whole thread on (Atomics.wait) before computing: [0] release, [1] its threadId, [2] blocked. */
const newHold = () => new Int32Array(new SharedArrayBuffer(12));
const blocked = async (hold: Int32Array) => {
  while (Atomics.load(hold, 2) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
};
const release = (hold: Int32Array) => {
  Atomics.store(hold, 0, 1);
  Atomics.notify(hold, 0);
};

/**
 * The stored views are computed in a worker thread (docs/decisions/0014-view-worker.md): while a
 * computation holds its thread (here: blocked synchronously, as a long estimation would), the server's
 * thread still answers pages and reads the database. Computed in the server's own thread, the blocked
 * computation would block this test too (and the hook refuses to run there). Only a database another
 * thread can open has a worker: PostgreSQL here; the in-memory PGlite of the pglite project has none.
 */
describe.skipIf(process.env.TEST_DB_KIND !== "postgres")(
  "view worker: the server answers while a view computes",
  () => {
    const handle = useTestDatabase();
    let cookie: string;
    type Loader = (args: Parameters<typeof reportLoader>[0]) => Promise<unknown>;
    const page = async (path: string, loader: Loader = reportLoader) => {
      const res = await run(() => loader({ request: get(path, cookie), params: {}, context: {} }));
      return { status: res.status, body: (await res.json()) as Json };
    };

    beforeAll(async () => {
      await buildReportFixture(handle.db);
      cookie = await sessionCookieFor(await createUser(handle.db, { role: "cs_leader" }));
      computationHooks.pageWaitMs = 50;
      computationHooks.warmUp = false;
    });
    afterAll(async () => {
      for (const k of Object.keys(computationHooks)) delete computationHooks[k as keyof typeof computationHooks];
      await stopViewWorker();
    });

    it("pages and queries are answered while the computation blocks its (worker) thread; then the same figures", async () => {
      const hold = newHold();
      computationHooks.holdInWorker = hold;
      expect((await page("/report")).body.freshness.status).toBe("computing");
      await blocked(hold);
      expect(Atomics.load(hold, 1)).not.toBe(threadId); // another thread is the one held

      // The computation cannot move on until this thread releases it: everything below runs meanwhile.
      expect(Atomics.load(hold, 0)).toBe(0);
      const again = await page("/report");
      expect(again).toMatchObject({ status: 200, body: { freshness: { status: "computing" } } });
      const insights = await page("/insights", insightsLoader);
      expect(insights.status).toBe(200);
      expect(insights.body.freshness.status).toBe("computing"); // queued behind the report in the one worker
      const fresh = await getImpactReport(handle.db, parseReportFilters(new URLSearchParams()).filters);
      expect(Atomics.load(hold, 0)).toBe(0); // still held: a full report computed here meanwhile

      delete computationHooks.holdInWorker;
      release(hold);
      await poll(async () => (await page("/report")).body.freshness.status).toBe("current");
      const stored = await getCachedImpactReport(handle.db, parseReportFilters(new URLSearchParams()).filters);
      expect(JSON.stringify(stored)).toBe(JSON.stringify(fresh)); // byte-identical figures from the worker
      await expect.poll(async () => (await page("/insights", insightsLoader)).body.freshness.status).toBe("current");
    });

    it("an error in the worker is the error the computation throws in-thread (PeriodOutsideDataError)", async () => {
      const outside = parseReportFilters(new URLSearchParams("from=1990-01-01&to=1990-12-31"));
      expect(outside.ok).toBe(true);
      if (!outside.ok) return;
      const thrown = await getCachedImpactReport(handle.db, outside.filters).catch((err: unknown) => err);
      expect(thrown).toBeInstanceOf(PeriodOutsideDataError);
      const direct = await getImpactReport(handle.db, outside.filters).catch((err: unknown) => err);
      expect((thrown as PeriodOutsideDataError).message).toBe((direct as PeriodOutsideDataError).message);
      expect((thrown as PeriodOutsideDataError).suggested).toEqual((direct as PeriodOutsideDataError).suggested);
    });

    it("a worker that dies fails its view (the next request retries) and is replaced", async () => {
      const hold = newHold();
      computationHooks.holdInWorker = hold;
      const filters = parseReportFilters(new URLSearchParams("trained=adoption")).filters;
      const lost = getCachedImpactReport(handle.db, filters).catch((err: unknown) => err);
      await blocked(hold);
      delete computationHooks.holdInWorker;
      const stopping = stopViewWorker();
      release(hold);
      await stopping;
      expect(String(await lost)).toMatch(/view worker exited/);
      const retried = await getCachedImpactReport(handle.db, filters);
      expect(JSON.stringify(retried)).toBe(JSON.stringify(await getImpactReport(handle.db, filters)));
    });
  },
);
