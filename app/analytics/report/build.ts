import type { HealthWeights } from "../health";
import type { Movement } from "../metrics";
import { deriveAccount, type AccountView } from "./accounts";
import { cohortComparisons, headline, type CohortComparison, type Headline } from "./cohorts";
import { correlationPanels, type CorrelationPanel } from "./correlations";
import { stageFunnel, type StageFunnel } from "./courses";
import type { Coverage } from "../coverage/sources";
import type { ReportFilters } from "./filters";
import { atRisk, readyForExpansion, type ListedAccount } from "./lists";
import type { FilterOptions, ReportData } from "./types";

export interface ImpactReport {
  filters: ReportFilters;
  dataEnd: string | null;
  options: FilterOptions;
  accounts: { inScope: number; customersAtStart: number; customersAtEnd: number; trained: number; untrained: number };
  headline: Headline;
  cohorts: CohortComparison[];
  correlations: CorrelationPanel[];
  funnel: StageFunnel;
  coverage: Coverage;
  readyForExpansion: ListedAccount[];
  atRisk: ListedAccount[];
  /** Per-account figures (the CSV export's "accounts" table). */
  accountRows: AccountView[];
}

/** Pure: turns the loaded facts into every figure of the report. */
export function buildImpactReport(data: ReportData, weights: HealthWeights): ImpactReport {
  const f = data.filters;
  const views = data.accounts.map((a) => deriveAccount(a, f, weights, data.stateMonths));
  const movements = new Map<string, Movement[]>(data.accounts.map((a) => [a.id, a.movements]));
  const base = views.filter((v) => v.customerAtStart);
  return {
    filters: f,
    dataEnd: data.dataEnd,
    coverage: data.coverage,
    options: data.options,
    accounts: {
      inScope: views.length,
      customersAtStart: base.length,
      customersAtEnd: views.filter((v) => v.customerAtEnd).length,
      trained: base.filter((v) => v.trained).length,
      untrained: base.filter((v) => !v.trained).length,
    },
    headline: headline(views, (id) => movements.get(id) ?? [], f.from, f.to),
    cohorts: cohortComparisons(views),
    correlations: correlationPanels(views, f.x),
    funnel: stageFunnel(views),
    readyForExpansion: readyForExpansion(views, f.to),
    atRisk: atRisk(views),
    accountRows: views,
  };
}
