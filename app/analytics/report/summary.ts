import { churnRate } from "../metrics";
import type { Estimate, StratifiedEstimate } from "../statistics";
import type { ImpactReport } from "./build";
import type { ImpactSection } from "../impact/index.server";
import { impactSummary } from "../impact/summary";
import { courseExport } from "../impact/course-export";

const round = (v: number | null, d = 2) =>
  v === null || !Number.isFinite(v) ? null : Math.round(v * 10 ** d) / 10 ** d;

function estimate(e: Estimate | StratifiedEstimate) {
  const base = e.ok
    ? { estimate: round(e.estimate), ci95: [round(e.low), round(e.high)] as const, trainedN: e.nA, untrainedN: e.nB }
    : { notEnoughData: e.reason, trainedN: e.nA, untrainedN: e.nB };
  return "strataUsed" in e ? { ...base, strataUsed: e.strataUsed } : base;
}

type Group =
  | { ok: true; estimate?: number; p?: number; low: number; high: number; n: number }
  | { ok: false; n: number; reason: string };
function share(e: Group) {
  return e.ok
    ? { value: round(e.estimate ?? e.p ?? null), ci95: [round(e.low), round(e.high)], n: e.n }
    : { notEnoughData: e.reason, n: e.n };
}
function compared(c: { trained: Group; untrained: Group; difference: Estimate }) {
  return { trained: share(c.trained), untrained: share(c.untrained), difference: estimate(c.difference) };
}

/** The report as plainly named JSON (the CLI's --format json; stable keys for scripts). */
export function reportSummary(
  r: ImpactReport & {
    healthWeights?: { version: number | null; weights: Record<string, number> };
    impact?: ImpactSection;
  },
) {
  const h = r.headline;
  const f = r.filters;
  const split = <T, U>(s: { all: T; trained: T; untrained: T }, map: (x: T) => U) => ({
    ...map(s.all),
    trained: map(s.trained),
    untrained: map(s.untrained),
  });
  return {
    period: { from: f.from, to: f.to },
    filters: {
      segment: f.segment ?? null,
      planTier: f.planTier ?? null,
      country: f.country ?? null,
      csm: f.csm ?? null,
      stage: f.stage ?? null,
      trainedDefinition: f.trained,
      coverageThresholdPct: f.coverage,
    },
    dataEnd: r.dataEnd,
    dataThrough: Object.fromEntries(
      Object.entries(r.coverage).map(([k, s]) => [
        k,
        s ? { from: s.first.slice(0, 7), through: s.last.slice(0, 7) } : null,
      ]),
    ),
    accounts: r.accounts,
    population: { definition: "customers at period start", ...h.population },
    comparisons: {
      baseExpansionRate: compared(h.baseExpansionRate.compared),
      grossRevenueRetention: compared(h.grossRevenueRetention.compared),
      accountsExpandingPct: compared(h.expansion.compared),
      churnedPct: compared(h.churn.compared),
      accountsWithLearnersPct: share(h.trainingReach.share),
    },
    newCustomersInPeriod: h.newCustomers,
    baseExpansionRate: split(h.baseExpansionRate, (x) => ({
      rate: round(x.rate),
      accounts: x.accounts,
      revenueStart: x.revenueStart,
      revenueEnd: x.revenueEnd,
    })),
    grossRevenueRetention: split(h.grossRevenueRetention, (x) => ({
      rate: round(x.rate),
      accounts: x.accounts,
      revenueStart: x.revenueStart,
      revenueRetained: x.revenueRetained,
    })),
    churn: (() => {
      const c = churnRate(r.accountRows);
      return { rate: round(c.rate), churnedAccounts: c.churned, accounts: c.accounts };
    })(),
    expansionArr: split(h.expansion, (x) => ({
      total: x.expansionArr,
      byType: x.arr,
      lostToContractionAndChurn: x.lostArr,
      movements: x.movements,
    })),
    trainingReach: split(h.trainingReach, (x) => ({
      customers: x.accounts,
      accountsWithLearners: x.accountsWithLearners,
      learners: x.learners,
      seats: x.seats,
      seatCoveragePct: round(x.seatCoverage),
    })),
    cohorts: r.cohorts.map((c) => ({
      measure: c.key,
      label: c.label,
      trained: { value: round(c.trained.value), n: c.trained.n },
      untrained: { value: round(c.untrained.value), n: c.untrained.n },
      difference: estimate(c.difference),
      adjustedForSegmentAndPlanTier: estimate(c.adjusted),
    })),
    correlations: r.correlations.map((p) => ({
      x: p.x,
      y: p.y,
      n: p.result.n,
      ...(p.result.ok
        ? {
            pearson: {
              r: round(p.result.pearson.r, 3),
              ci95: [round(p.result.pearson.low, 3), round(p.result.pearson.high, 3)],
            },
            spearman: {
              rho: round(p.result.spearman.rho, 3),
              ci95: [round(p.result.spearman.low, 3), round(p.result.spearman.high, 3)],
            },
          }
        : { notEnoughData: p.result.reason }),
    })),
    courses: r.impact ? courseExport(r.impact) : null,
    stageFunnel: r.funnel,
    readyForExpansion: r.readyForExpansion,
    atRisk: r.atRisk,
    healthWeights: r.healthWeights ?? null,
    ...(r.impact ? { impactDesign: impactSummary(r.impact) } : {}),
  };
}
