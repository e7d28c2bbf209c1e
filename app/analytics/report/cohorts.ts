import {
  baseExpansionRate,
  expansionByType,
  grossRevenueRetention,
  type BaseExpansionRate,
  type ExpansionByType,
  type GrossRevenueRetention,
  type Movement,
} from "../metrics";
import {
  differenceOfMeans,
  newcombeDifference,
  ratioDifference,
  ratioInterval,
  stratifiedDifference,
  wilsonInterval,
  type Estimate,
  type ProportionEstimate,
  type RatioEstimate,
  type RatioPoint,
  type StratifiedEstimate,
  type Stratum,
} from "../statistics";
import type { AccountView } from "./accounts";

export interface Split<T> {
  all: T;
  trained: T;
  untrained: T;
}

/** A trained vs untrained comparison as the tiles show it: each group's figure with its 95% interval and n, and the difference. */
export interface Compared<I> {
  trained: I;
  untrained: I;
  difference: Estimate;
}

/**
 * Every tile counts one population (DEFINITIONS.populations): the accounts that were customers at
 * period start, split into trained and untrained — the same n as the cohort comparison and the funnel.
 */
export interface Headline {
  population: { all: number; trained: number; untrained: number };
  baseExpansionRate: Split<BaseExpansionRate> & { compared: Compared<RatioEstimate> };
  grossRevenueRetention: Split<GrossRevenueRetention> & { compared: Compared<RatioEstimate> };
  /** Movements of the base accounts; `expanded` = share of accounts with an expansion movement in the period. */
  expansion: Split<ExpansionByType> & { expanded: Split<ProportionEstimate>; compared: Compared<ProportionEstimate> };
  /** Customers acquired during the period: another population, shown apart and labelled as such. */
  newCustomers: { accounts: number; arr: number };
  churn: Split<ProportionEstimate> & { compared: Compared<ProportionEstimate> };
  trainingReach: Split<{
    accounts: number;
    accountsWithLearners: number;
    learners: number;
    seats: number;
    seatCoverage: number | null;
  }> & { share: ProportionEstimate };
}

function split<T>(views: readonly AccountView[], f: (vs: AccountView[]) => T): Split<T> {
  return {
    all: f([...views]),
    trained: f(views.filter((v) => v.trained)),
    untrained: f(views.filter((v) => !v.trained)),
  };
}

const berPoint = (v: AccountView): RatioPoint => ({ numerator: v.revenueEnd, denominator: v.revenueStart });
const grrPoint = (v: AccountView): RatioPoint => ({
  numerator: Math.min(v.revenueEnd, v.revenueStart),
  denominator: v.revenueStart,
});

function comparedRatio(base: readonly AccountView[], point: (v: AccountView) => RatioPoint): Compared<RatioEstimate> {
  const a = base.filter((v) => v.trained).map(point),
    b = base.filter((v) => !v.trained).map(point);
  return { trained: ratioInterval(a), untrained: ratioInterval(b), difference: ratioDifference(a, b) };
}

function comparedShare(
  base: readonly AccountView[],
  event: (v: AccountView) => boolean,
): Split<ProportionEstimate> & { compared: Compared<ProportionEstimate> } {
  const t = base.filter((v) => v.trained),
    u = base.filter((v) => !v.trained);
  const count = (vs: readonly AccountView[]) => vs.filter(event).length;
  const trained = wilsonInterval(count(t), t.length),
    untrained = wilsonInterval(count(u), u.length);
  return {
    all: wilsonInterval(count(base), base.length),
    trained,
    untrained,
    compared: { trained, untrained, difference: newcombeDifference(count(t), t.length, count(u), u.length) },
  };
}

/** `views` are the accounts in scope; every tile is computed on those that were customers at period start. */
export function headline(
  views: readonly AccountView[],
  movementsOf: (id: string) => Movement[],
  from: string,
  to: string,
): Headline {
  const base = views.filter((v) => v.customerAtStart);
  const isExpansion = (v: AccountView) => {
    const e = expansionByType(movementsOf(v.id), from, to);
    return e.expansionArr > 0;
  };
  const expanded = comparedShare(base, isExpansion);
  const newcomers = views.filter((v) => !v.customerAtStart && v.customerAtEnd);
  return {
    population: {
      all: base.length,
      trained: base.filter((v) => v.trained).length,
      untrained: base.filter((v) => !v.trained).length,
    },
    baseExpansionRate: { ...split(base, baseExpansionRate), compared: comparedRatio(base, berPoint) },
    grossRevenueRetention: { ...split(base, grossRevenueRetention), compared: comparedRatio(base, grrPoint) },
    expansion: {
      ...split(base, (vs) =>
        expansionByType(
          vs.flatMap((v) => movementsOf(v.id)),
          from,
          to,
        ),
      ),
      expanded: { all: expanded.all, trained: expanded.trained, untrained: expanded.untrained },
      compared: expanded.compared,
    },
    newCustomers: {
      accounts: newcomers.length,
      arr: expansionByType(
        newcomers.flatMap((v) => movementsOf(v.id)),
        from,
        to,
      ).arr.new,
    },
    churn: comparedShare(base, (v) => v.churned),
    trainingReach: {
      ...split(base, (vs) => {
        const learners = vs.reduce((s, v) => s + v.learners, 0);
        const seats = vs.reduce((s, v) => s + v.seatsAtStart, 0);
        return {
          accounts: vs.length,
          accountsWithLearners: vs.filter((v) => v.learners > 0).length,
          learners,
          seats,
          seatCoverage: seats > 0 ? (learners / seats) * 100 : null,
        };
      }),
      share: wilsonInterval(base.filter((v) => v.learners > 0).length, base.length),
    },
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

function ratioComparison(
  key: CohortComparison["key"],
  label: string,
  views: readonly AccountView[],
  point: (v: AccountView) => RatioPoint,
): CohortComparison {
  const a = views.filter((v) => v.trained).map(point);
  const b = views.filter((v) => !v.trained).map(point);
  const rate = (ps: RatioPoint[]) => {
    const den = ps.reduce((s, p) => s + p.denominator, 0);
    return den > 0 ? (ps.reduce((s, p) => s + p.numerator, 0) / den) * 100 : null;
  };
  return {
    key,
    label,
    unit: "%",
    trained: { value: rate(a), n: a.length },
    untrained: { value: rate(b), n: b.length },
    difference: ratioDifference(a, b),
    adjusted: stratifiedDifference(strata(views, point), "ratio"),
  };
}

function meanComparison(
  key: CohortComparison["key"],
  label: string,
  unit: CohortComparison["unit"],
  views: readonly AccountView[],
  value: (v: AccountView) => number | null,
): CohortComparison {
  const a = views
    .filter((v) => v.trained)
    .map(value)
    .filter((x): x is number => x !== null);
  const b = views
    .filter((v) => !v.trained)
    .map(value)
    .filter((x): x is number => x !== null);
  return {
    key,
    label,
    unit,
    trained: { value: meanOf(a), n: a.length },
    untrained: { value: meanOf(b), n: b.length },
    difference: differenceOfMeans(a, b),
    adjusted: stratifiedDifference(strata(views, value), "mean"),
  };
}

/** Trained vs untrained among accounts that were customers at period start. */
export function cohortComparisons(views: readonly AccountView[]): CohortComparison[] {
  const base = views.filter((v) => v.customerAtStart);
  return [
    ratioComparison("baseExpansionRate", "Base expansion rate", base, berPoint),
    ratioComparison("grossRevenueRetention", "Gross revenue retention", base, grrPoint),
    meanComparison("adoption", "Adoption (seat utilization)", "%", base, (v) => v.adoption),
    meanComparison("health", "Health score at period end", "points", base, (v) => v.health?.score ?? null),
    churnComparison(base),
  ];
}

/** Churn is a share of accounts: Newcombe's interval for the difference (never [0, 0] with zero churn in both cohorts). */
function churnComparison(base: readonly AccountView[]): CohortComparison {
  const churned = (v: AccountView) => (v.churned ? 100 : 0);
  const t = base.filter((v) => v.trained),
    u = base.filter((v) => !v.trained);
  const count = (vs: readonly AccountView[]) => vs.filter((v) => v.churned).length;
  const share = (vs: readonly AccountView[]) => (vs.length ? (count(vs) / vs.length) * 100 : null);
  return {
    key: "churn",
    label: "Churned during the period",
    unit: "pp",
    trained: { value: share(t), n: t.length },
    untrained: { value: share(u), n: u.length },
    difference: newcombeDifference(count(t), t.length, count(u), u.length),
    adjusted: stratifiedDifference(strata(base, churned), "mean"),
  };
}
