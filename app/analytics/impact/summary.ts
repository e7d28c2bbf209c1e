import type { DesignOutcome, ImpactDesign } from "./design";
import type { EffectEstimate } from "./effect-types";
import { impactHeadline } from "./headline";

const r = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

function effect(e: EffectEstimate | null) {
  if (!e)
    return {
      notEnoughData:
        "A figure needs at least 10 trained and 10 comparison accounts with data (comparisons of at least 5 accounts of the same segment).",
    };
  return {
    estimate: r(e.estimate),
    ci95: [r(e.low), r(e.high)],
    ciIncludesZero: e.low <= 0 && e.high >= 0,
    se: r(e.se, 3),
    mde80: r(e.mde),
    p: r(e.p, 4),
    // Student t reference: df = effective number of accounts − 1 (app/analytics/impact/small-sample.ts).
    tDf: Number.isFinite(e.df) ? r(e.df, 1) : null,
    nTreated: e.nTreated,
    nControl: e.nControl,
  };
}

function outcome(o: DesignOutcome, d: ImpactDesign & { dataThrough?: { revenue: string; usage: string | null } }) {
  return {
    headline: impactHeadline(o, d).text,
    outcome: o.key,
    label: o.label,
    unit: o.unit,
    weighting: o.weighting === "revenue" ? "revenue-weighted (MRR at month −1)" : "account-weighted",
    claim: o.claim,
    estimand:
      "Average over trained accounts and months 0…12 after training of the change since month −1, minus the same change of comparable not-yet-trained accounts",
    overall: effect(o.overall),
    preTrend: o.preTrend
      ? {
          test: "level (mean) and trend (slope) of months −6…−2 jointly 0",
          level: { estimate: r(o.preTrend.level.estimate, 3), se: r(o.preTrend.level.se, 3) },
          trend: o.preTrend.trend ? { estimate: r(o.preTrend.trend.estimate, 3), se: r(o.preTrend.trend.se, 3) } : null,
          chi2: r(o.preTrend.chi2, 3),
          df: o.preTrend.df,
          // Hotelling F(df, dfDenominator) with the effective number of accounts (small-sample.ts).
          f: r(o.preTrend.f, 3),
          dfDenominator: r(o.preTrend.dfDenominator, 1),
          p: r(o.preTrend.p, 4),
          pass: o.preTrend.pass,
          ...(o.placeboFrom ? { takenFrom: o.placeboFrom } : {}),
        }
      : null,
    treatedWithoutControls: o.treatedWithoutControls,
    ...(o.doublyRobust
      ? {
          doublyRobust: {
            method:
              "AIPW difference-in-differences (Sant'Anna & Zhao 2020) per group-time cell: outcome regression on the balance table's characteristics + the propensity model's odds weights, all segments pooled (segment is a covariate); SE from the influence function summed per account, the two fitted models treated as known",
            ...(o.doublyRobust.overall
              ? effect(o.doublyRobust.overall)
              : { notEnoughData: o.doublyRobust.reason ?? effect(null).notEnoughData }),
            cellsSkipped: o.doublyRobust.cellsSkipped,
          },
        }
      : {}),
    eventStudy: o.eventStudy.map((p) => ({ e: p.e, ...effect(p.estimate) })),
  };
}

/** The impact design as plainly named JSON (npm run report -- --format json, key impactDesign). */
export function impactSummary(d: ImpactDesign & { dataThrough?: { revenue: string; usage: string | null } }) {
  return {
    design: d.design,
    population: d.population,
    inference:
      "95% CIs from influence functions summed per account (cluster-robust by account), normal quantiles; MDE = (z0.975 + z0.80) × SE",
    months: d.months,
    cohorts: d.cohorts,
    accounts: d.accounts,
    dataThrough: d.dataThrough ?? null,
    outcomes: d.outcomes.map((o) => outcome(o, d)),
    balance: d.balance
      ? {
          definition:
            "Standardized mean difference (Austin 2011) in the month before training, trained vs comparison accounts; before weighting, with the design's segment weights, and with inverse-propensity (logistic) weights",
          nTrained: d.balance.nTrained,
          nComparisonAccountMonths: d.balance.nComparison,
          propensityConverged: d.balance.propensityConverged,
          rows: d.balance.rows.map((b) => ({
            covariate: b.covariate,
            meanTrained: r(b.meanTrained, 3),
            meanComparison: r(b.meanComparison, 3),
            smdBefore: r(b.smdBefore, 3),
            smdDesignWeights: r(b.smdDesign, 3),
            smdPropensityWeights: b.smdPropensity === null ? null : r(b.smdPropensity, 3),
          })),
        }
      : null,
    perCourse: "See the top-level `courses` (the same estimates the page shows).",
  };
}
