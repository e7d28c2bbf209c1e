import type { AccountView } from "./accounts";

/** The training funnel (per-course impact is the impact design's: app/analytics/impact/courses.ts). */
export type FunnelStepKey = "learner" | "startedOnboarding" | "onboarding" | "adoption" | "expansion";
export interface FunnelStep {
  step: FunnelStepKey;
  label: string;
  /** Accounts that passed this step and every step before it. */
  accounts: number;
  /** Learners who completed a first course of the stage (null for the steps that are not a stage's completion). */
  learners: number | null;
}
export interface StageFunnel {
  population: number;
  steps: FunnelStep[];
}

export const FUNNEL_STEPS: {
  step: FunnelStepKey;
  label: string;
  passed: (v: AccountView) => boolean;
  learners?: (v: AccountView) => number;
}[] = [
  { step: "learner", label: "Have a learner", passed: (v) => v.learners > 0 },
  { step: "startedOnboarding", label: "Started onboarding", passed: (v) => v.startedOnboarding },
  {
    step: "onboarding",
    label: "Completed onboarding",
    passed: (v) => v.completions.onboarding > 0,
    learners: (v) => v.stageLearners.onboarding,
  },
  {
    step: "adoption",
    label: "Completed an adoption course",
    passed: (v) => v.completions.adoption > 0,
    learners: (v) => v.stageLearners.adoption,
  },
  {
    step: "expansion",
    label: "Completed an expansion course",
    passed: (v) => v.completions.expansion > 0,
    learners: (v) => v.stageLearners.expansion,
  },
];

/**
 * Of the accounts that were customers at period start, by period end: accounts with a learner → a learner started an onboarding course → completed an onboarding course → also completed an adoption-stage course → also completed an expansion-stage course. Each step counts the accounts of the step before that also passed it.
 * Learners per stage are counted over the accounts that reached the step.
 */
export function stageFunnel(views: readonly AccountView[]): StageFunnel {
  let remaining = views.filter((v) => v.customerAtStart);
  const population = remaining.length;
  const steps = FUNNEL_STEPS.map((s) => {
    remaining = remaining.filter(s.passed);
    return {
      step: s.step,
      label: s.label,
      accounts: remaining.length,
      learners: s.learners ? remaining.reduce((n, v) => n + s.learners!(v), 0) : null,
    };
  });
  return { population, steps };
}
