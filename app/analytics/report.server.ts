import type { Db } from "#db/index";
import { currentHealthWeights } from "./health-weights.server";
import { buildImpactReport, type ImpactReport } from "./report/build";
import type { ReportFilterInput } from "./report/filters";
import { loadReportData } from "./report/load.server";

export type { ImpactReport };

/** The impact report for these filters: a few grouped queries on the rollups, then pure arithmetic. */
export async function getImpactReport(db: Db, filters: ReportFilterInput): Promise<ImpactReport & { healthWeightsVersion: number | null }> {
  const [data, weights] = await Promise.all([loadReportData(db, filters), currentHealthWeights(db)]);
  return { ...buildImpactReport(data, weights.weights), healthWeightsVersion: weights.version };
}
