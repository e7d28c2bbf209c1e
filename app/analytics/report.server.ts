import type { Db } from "#db/index";
import type { HealthWeights } from "./health";
import { currentHealthWeights } from "./health-weights.server";
import { buildImpactReport, type ImpactReport } from "./report/build";
import type { ReportFilterInput } from "./report/filters";
import { loadReportData } from "./report/load.server";

export type { ImpactReport };

/** The impact report for these filters: a few grouped queries on the rollups, then pure arithmetic. */
export async function getImpactReport(db: Db, filters: ReportFilterInput): Promise<ImpactReport & { healthWeights: { version: number | null; weights: HealthWeights } }> {
  const [data, current] = await Promise.all([loadReportData(db, filters), currentHealthWeights(db)]);
  return { ...buildImpactReport(data, current.weights), healthWeights: { version: current.version, weights: current.weights } };
}
