import { baseExpansionRate, expansionByType, grossRevenueRetention, type BaseExpansionRate, type ExpansionByType, type GrossRevenueRetention, type Movement } from "../metrics";
import { differenceOfMeans, ratioDifference, stratifiedDifference, type Estimate, type RatioPoint, type StratifiedEstimate, type Stratum } from "../statistics";
import type { AccountView } from "./accounts";

export interface Split<T> { all: T; trained: T; untrained: T }

export interface Headline {
  baseExpansionRate: Split<BaseExpansionRate>;
  grossRevenueRetention: Split<GrossRevenueRetention>;
  expansion: Split<ExpansionByType>;
  trainingReach: Split<{ accounts: number; accountsWithLearners: number; learners: number; seats: number; seatCoverage: number | null }>;
}

function split<T>(views: readonly AccountView[], f: (vs: AccountView[]) => T): Split<T> {
  return { all: f([...views]), trained: f(views.filter((v) => v.trained)), untrained: f(views.filter((v) => !v.trained)) };
}

export function headline(views: readonly AccountView[], movementsOf: (id: string) => Movement[], from: string, to: string): Headline {
  return {
    baseExpansionRate: split(views, baseExpansionRate),
    grossRevenueRetention: split(views, grossRevenueRetention),
    expansion: split(views, (vs) => expansionByType(vs.flatMap((v) => movementsOf(v.id)), from, to)),
    trainingReach: split(views, (vs) => {
      const customers = vs.filter((v) => v.customerAtEnd);
      const learners = customers.reduce((s, v) => s + v.learners, 0);
      const seats = customers.reduce((s, v) => s + v.seatsAtEnd, 0);
      return {
        accounts: customers.length,
        accountsWithLearners: customers.filter((v) => v.learners > 0).length,
        learners, seats, seatCoverage: seats > 0 ? (learners / seats) * 100 : null,
      };
    }),
  };
}

export interface CohortComparison {
  key: "baseExpansionRate" | "grossRevenueRetention" | "adoption" | "health" | "churn";
  label: string;
  unit: "%" | "points" | "pp";
  trained: { value: number | null; n: number };
  untrained: { value: number | null; n: number };
  difference: Estimate;
  adjusted: StratifiedEstimate;
}

function strata<T>(views: readonly AccountView[], value: (v: AccountView) => T | null): Stratum<T>[] {
  const map = new Map<string, { a: T[]; b: T[] }>();
  for (const v of views) {
    const x = value(v);
    if (x === null) continue;
    const s = map.get(v.stratum) ?? { a: [], b: [] };
    (v.trained ? s.a : s.b).push(x);
    map.set(v.stratum, s);
  }
  return [...map.entries()].map(([key, s]) => ({ key, ...s }));
}

function meanOf(xs: number[]) {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

function ratioComparison(key: CohortComparison["key"], label: string, views: readonly AccountView[], point: (v: AccountView) => RatioPoint): CohortComparison {
  const a = views.filter((v) => v.trained).map(point);
  const b = views.filter((v) => !v.trained).map(point);
  const rate = (ps: RatioPoint[]) => {
    const den = ps.reduce((s, p) => s + p.denominator, 0);
    return den > 0 ? (ps.reduce((s, p) => s + p.numerator, 0) / den) * 100 : null;
  };
  return {
    key, label, unit: "%",
    trained: { value: rate(a), n: a.length }, untrained: { value: rate(b), n: b.length },
    difference: ratioDifference(a, b),
    adjusted: stratifiedDifference(strata(views, point), "ratio"),
  };
}

function meanComparison(key: CohortComparison["key"], label: string, unit: CohortComparison["unit"], views: readonly AccountView[], value: (v: AccountView) => number | null): CohortComparison {
  const a = views.filter((v) => v.trained).map(value).filter((x): x is number => x !== null);
  const b = views.filter((v) => !v.trained).map(value).filter((x): x is number => x !== null);
  return {
    key, label, unit,
    trained: { value: meanOf(a), n: a.length }, untrained: { value: meanOf(b), n: b.length },
    difference: differenceOfMeans(a, b),
    adjusted: stratifiedDifference(strata(views, value), "mean"),
  };
}

/** Trained vs untrained among accounts that were customers at period start. */
export function cohortComparisons(views: readonly AccountView[]): CohortComparison[] {
  const base = views.filter((v) => v.customerAtStart);
  return [
    ratioComparison("baseExpansionRate", "Base expansion rate", base, (v) => ({ numerator: v.revenueEnd, denominator: v.revenueStart })),
    ratioComparison("grossRevenueRetention", "Gross revenue retention", base, (v) => ({ numerator: Math.min(v.revenueEnd, v.revenueStart), denominator: v.revenueStart })),
    meanComparison("adoption", "Adoption (seat utilization)", "%", base, (v) => v.adoption),
    meanComparison("health", "Health score at period end", "points", base, (v) => v.health?.score ?? null),
    meanComparison("churn", "Churned during the period", "%", base, (v) => (v.churned ? 100 : 0)),
  ];
}
