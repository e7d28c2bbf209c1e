import type { Db } from "#db/index";
import { getEnv } from "#app/env.server";
import type { HealthWeights } from "../health";
import { currentHealthWeights } from "../health-weights.server";
import { buildImpactReport, type ImpactReport } from "./build";
import { parseReportFilters, type ReportFilterInput } from "./filters";
import { loadReportData, resolvePeriod } from "./load.server";
import { loadDataCoverage } from "../coverage/coverage.server";
import { dataVersion, ReportCache } from "./cache.server";
import { ReportSnapshots } from "./snapshots.server";
import { foldTrainingDeltas } from "../rollups/training-deltas.server";
import { computeImpactSection, type ImpactSection } from "../impact/index.server";

export type { ImpactReport, ImpactSection };

/** The impact report for these filters, counting every committed completion (pending deltas folded first). */
export async function getImpactReport(db: Db, filters: ReportFilterInput) {
  await foldTrainingDeltas(db);
  return computeImpactReport(db, filters);
}

/** A few grouped queries on the rollups, then pure arithmetic (the caller has folded pending deltas). */
async function computeImpactReport(
  db: Db,
  filters: ReportFilterInput,
): Promise<
  ImpactReport & { healthWeights: { version: number | null; weights: HealthWeights }; impact: ImpactSection }
> {
  const [coverage, current] = await Promise.all([loadDataCoverage(db), currentHealthWeights(db)]);
  // The period first, so the report's queries and the impact panel's run side by side (the database
  // works on the one while this process computes the other).
  const period = resolvePeriod(coverage, filters);
  const [data, impact] = await Promise.all([
    loadReportData(db, filters),
    computeImpactSection(db, { ...filters, ...period }, period.dataEnd, current.weights),
  ]);
  return {
    ...buildImpactReport(data, current.weights),
    healthWeights: { version: current.version, weights: current.weights },
    impact,
  };
}

type ComputedReport = Awaited<ReturnType<typeof computeImpactReport>>;
const cache = new ReportCache<ComputedReport>(Date.now, dataVersion, new ReportSnapshots<ComputedReport>());

/**
 * The report as the web pages serve it: cached per data version (see report/cache.server.ts), so a
 * CS leader's repeated views, filters they return to and CSV exports don't recompute it.
 * Scripts and tests call getImpactReport for a fresh computation.
 */
export function getCachedImpactReport(db: Db, filters: ReportFilterInput) {
  // The cache folds pending deltas before it reads the data version, so computing folds nothing more.
  return cache.get(db, JSON.stringify(filters), () => computeImpactReport(db, filters));
}

/**
 * Makes sure the default report (the page without filters) is stored for the current data and code
 * version, computing it only when no process has: called in the background after the server starts
 * listening and after imports and content syncs, so the first CS leader's view is served from it.
 */
export async function warmImpactReport(db: Db) {
  if (!reportWarmUpEnabled()) return;
  await getCachedImpactReport(db, parseReportFilters(new URLSearchParams()).filters);
}

/** REPORT_WARMUP, by default on in production with PostgreSQL (PGlite's demo computes in well under a second). */
export function reportWarmUpEnabled() {
  const env = getEnv();
  return (env.REPORT_WARMUP ?? (env.DATABASE_URL && env.NODE_ENV === "production" ? "on" : "off")) === "on";
}

let warming: Promise<void> | null = null;
let warmAgain = false;

/**
 * Warms the default report in the background after a data change (an import, an API batch, a content
 * publish) without blocking the request that made it. Coalesced: while one warm-up runs, further
 * changes queue one more (API batches in a row compute once or twice, not once each).
 */
export function scheduleReportWarmUp(db: Db) {
  if (!reportWarmUpEnabled()) return;
  if (warming) {
    warmAgain = true;
    return;
  }
  warming = (async () => {
    do {
      warmAgain = false;
      await warmImpactReport(db);
    } while (warmAgain);
  })()
    .catch((err) => console.error("impact report warm-up failed:", err))
    .finally(() => {
      warming = null;
    });
}
