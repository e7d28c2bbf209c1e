/**
 * The report's training-impact section: the staggered design on every outcome, what it estimates,
 * and whether it may be called an effect. Pure: the panel in, figures out.
 */
import { monthsBetween, monthOf } from "../months";
import { OUTCOMES, type OutcomeKey } from "./outcomes";
import type { Panel } from "./panel";
import { balanceUnits, covariateBalance, type BalanceTable } from "./balance";
import { doublyRobust, type DoublyRobust } from "./dr";
import type { OutcomeEffect } from "./effect-types";
import { estimateOutcome, type DesignOptions } from "./staggered";

export const LEADS = 6;
export const LAGS = 12;

export type Claim = "estimated effect" | "association";
export interface DesignOutcome extends OutcomeEffect {
  /** "estimated effect" only where the pre-trend check passes (its own, or expansion's for churn). */
  claim: Claim;
  placeboFrom: OutcomeKey | null;
  /** Expansion (account-weighted) only: the doubly robust (AIPW) estimate of the same estimand, beside the main one. */
  doublyRobust?: DoublyRobust;
}

/** Outcomes that also get the doubly robust estimate (account-weighted; see ./dr.ts). */
export const DOUBLY_ROBUST_OUTCOMES: readonly OutcomeKey[] = ["expansion"];

export interface ImpactDesign {
  design: string;
  population: string;
  months: { first: string; last: string };
  cohorts: { from: string; to: string };
  accounts: { inPanel: number; trainedInPeriod: number; neverTrained: number; trainedOutsidePeriod: number };
  outcomes: DesignOutcome[];
  balance: BalanceTable | null;
}

export const DESIGN_TEXT =
  "Staggered difference-in-differences (Callaway & Sant'Anna 2021): each account trained in the period is compared, month by month from 6 months before to 12 months after its training month, with accounts of the same segment not trained by then (never trained, or trained later). Changes are measured from the month before training.";

export function impactDesign(
  panel: Panel,
  period: { from: string; to: string },
  population: string,
  options: Partial<DesignOptions> = {},
): ImpactDesign {
  const T = panel.months.length;
  const idx = (d: string) => monthsBetween(panel.months[0]!, monthOf(d));
  const groups: [number, number] = [Math.max(1, idx(period.from)), Math.min(T - 1, idx(period.to))];
  const opts: DesignOptions = { leads: LEADS, lags: LAGS, ...options, groups };
  const effects = new Map<OutcomeKey, OutcomeEffect>();
  for (const o of OUTCOMES) effects.set(o.key, estimateOutcome(panel.accounts, T, o, opts));
  const units = balanceUnits(panel, groups);
  const outcomes = OUTCOMES.map((o): DesignOutcome => {
    const e = effects.get(o.key)!;
    const check = o.placeboFrom ? effects.get(o.placeboFrom)!.preTrend : e.preTrend;
    const dr = DOUBLY_ROBUST_OUTCOMES.includes(o.key)
      ? {
          doublyRobust: doublyRobust(panel, o, {
            groups,
            lags: opts.lags ?? LAGS,
            minAccounts: opts.minAccounts,
            units,
          }),
        }
      : {};
    return { ...e, claim: check?.pass ? "estimated effect" : "association", placeboFrom: o.placeboFrom ?? null, ...dr };
  });
  let trainedInPeriod = 0,
    never = 0;
  for (const a of panel.accounts) {
    if (a.trained === null) never++;
    else if (a.trained >= groups[0] && a.trained <= groups[1]) trainedInPeriod++;
  }
  return {
    design: DESIGN_TEXT,
    population,
    months: { first: panel.months[0]!, last: panel.months[T - 1]! },
    cohorts: { from: panel.months[groups[0]] ?? period.from, to: panel.months[groups[1]] ?? period.to },
    accounts: {
      inPanel: panel.accounts.length,
      trainedInPeriod,
      neverTrained: never,
      trainedOutsidePeriod: panel.accounts.length - trainedInPeriod - never,
    },
    outcomes,
    balance: covariateBalance(panel, groups, units),
  };
}
