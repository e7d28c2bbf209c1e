import type { Db } from "#db/index";
import type { HealthWeights } from "../health";
import { currentHealthWeights } from "../health-weights.server";
import { buildImpactReport, type ImpactReport } from "./build";
import { parseReportFilters, type ReportFilterInput } from "./filters";
import { loadReportData, resolvePeriod } from "./load.server";
import { loadDataCoverage } from "../coverage/coverage.server";
import { dataVersion, ReportCache } from "./cache.server";
import { ReportSnapshots } from "./snapshots.server";
import { pageWaitMs } from "./computations.server";
import { computeView } from "./view-worker.server";
import type { ComputeContext } from "./cache.server";
import { foldTrainingDeltas } from "../rollups/training-deltas.server";
import { computeImpactSection, type ImpactSection } from "../impact/index.server";

export type { ImpactReport, ImpactSection };

/** The impact report for these filters, counting every committed completion (pending deltas folded first). */
export async function getImpactReport(db: Db, filters: ReportFilterInput) {
  await foldTrainingDeltas(db);
  return computeImpactReport(db, filters);
}

/** A few grouped queries on the rollups, then pure arithmetic (the caller has folded pending deltas). */
export async function computeImpactReport(
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

/** The cache's computation of the report: in the view worker when there is one (./view-worker.server.ts). */
const computeStored =
  (db: Db, filters: ReportFilterInput) =>
  ({ priority }: ComputeContext) =>
    computeView(db, { kind: "report", filters }, () => computeImpactReport(db, filters), priority);

/**
 * The report as scripts and jobs get it from the cache (see report/cache.server.ts): the stored figures
 * for the current data and code version, waiting for their (single-flight) computation if needed.
 * Scripts and tests call getImpactReport for a fresh computation.
 */
export function getCachedImpactReport(db: Db, filters: ReportFilterInput) {
  // The cache folds pending deltas before it reads the data version, so computing folds nothing more.
  return cache.get(db, JSON.stringify(filters), computeStored(db, filters));
}

/**
 * The report as the web pages, CSV exports and the API serve it: never waits more than pageWaitMs() for a
 * computation; else older stored figures (labelled) or "being computed" (report/view-state.ts).
 */
export function impactReportView(db: Db, filters: ReportFilterInput) {
  return cache.view(db, JSON.stringify(filters), computeStored(db, filters), { waitMs: pageWaitMs() });
}

/** Makes sure the default report (the page without filters) is stored for the current data and code version. */
export async function warmImpactReport(db: Db) {
  const filters = parseReportFilters(new URLSearchParams()).filters;
  await cache.ensure(db, JSON.stringify(filters), computeStored(db, filters));
}
