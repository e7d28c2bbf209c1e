import { meanChange, MIN_N } from "../statistics";
import type { AccountView } from "./accounts";
import type { CourseImpactFact } from "./types";

export interface CourseImpact {
  courseId: string; title: string; stage: string; features: string[];
  accounts: number; learners: number;
  adoption: { n: number; before: number | null; after: number | null; change: ReturnType<typeof meanChange> };
  expansion: { n: number; meanMrr: number | null; accountsExpanding: number; reason: string | null };
}

/**
 * For each account whose learners completed the course, adoption of the features the course teaches (active users of those features ÷ seats, averaged over the features) in the 3 months before the month of the first completion vs the 3 months after; and expansion revenue in the 180 days after. A before/after comparison, not a controlled experiment.
 * Only first completions inside the period count; ranked by the adoption change, courses without enough data last.
 */
export function courseImpact(facts: readonly CourseImpactFact[], inScope: ReadonlySet<string>): CourseImpact[] {
  const byCourse = new Map<string, CourseImpactFact[]>();
  for (const f of facts) {
    if (!inScope.has(f.accountId)) continue;
    const list = byCourse.get(f.courseId) ?? [];
    list.push(f);
    byCourse.set(f.courseId, list);
  }
  const out: CourseImpact[] = [];
  for (const [courseId, rows] of byCourse) {
    const paired = rows.filter((r) => r.adoptionBefore !== null && r.adoptionAfter !== null);
    const covered = rows.filter((r) => r.expansionAfter !== null);
    const avg = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null);
    out.push({
      courseId, title: rows[0]!.title, stage: rows[0]!.stage, features: rows[0]!.features,
      accounts: rows.length, learners: rows.reduce((s, r) => s + r.learnersCompleted, 0),
      adoption: {
        n: paired.length,
        before: avg(paired.map((r) => r.adoptionBefore!)),
        after: avg(paired.map((r) => r.adoptionAfter!)),
        change: rows[0]!.features.length
          ? meanChange(paired.map((r) => r.adoptionAfter! - r.adoptionBefore!))
          : { ok: false, n: 0, reason: "This course lists no product features, so feature adoption cannot be measured." },
      },
      expansion: {
        n: covered.length,
        meanMrr: covered.length >= MIN_N ? avg(covered.map((r) => r.expansionAfter!)) : null,
        accountsExpanding: covered.filter((r) => r.expansionAfter! > 0).length,
        reason: covered.length >= MIN_N ? null : `Not enough data: ${covered.length} account(s) have 180 days of data after completing (at least ${MIN_N} needed).`,
      },
    });
  }
  return out.sort((a, b) => {
    const ca = a.adoption.change.ok ? a.adoption.change.estimate : -Infinity;
    const cb = b.adoption.change.ok ? b.adoption.change.estimate : -Infinity;
    return cb - ca || b.accounts - a.accounts || a.title.localeCompare(b.title);
  });
}

export type FunnelStepKey = "learner" | "startedOnboarding" | "onboarding" | "adoption" | "expansion";
export interface FunnelStep {
  step: FunnelStepKey; label: string;
  /** Accounts that passed this step and every step before it. */
  accounts: number;
  /** Learners who completed a first course of the stage (null for the steps that are not a stage's completion). */
  learners: number | null;
}
export interface StageFunnel { population: number; steps: FunnelStep[] }

export const FUNNEL_STEPS: { step: FunnelStepKey; label: string; passed: (v: AccountView) => boolean; learners?: (v: AccountView) => number }[] = [
  { step: "learner", label: "Have a learner", passed: (v) => v.learners > 0 },
  { step: "startedOnboarding", label: "Started onboarding", passed: (v) => v.startedOnboarding },
  { step: "onboarding", label: "Completed onboarding", passed: (v) => v.completions.onboarding > 0, learners: (v) => v.stageLearners.onboarding },
  { step: "adoption", label: "Completed an adoption course", passed: (v) => v.completions.adoption > 0, learners: (v) => v.stageLearners.adoption },
  { step: "expansion", label: "Completed an expansion course", passed: (v) => v.completions.expansion > 0, learners: (v) => v.stageLearners.expansion },
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
    return { step: s.step, label: s.label, accounts: remaining.length, learners: s.learners ? remaining.reduce((n, v) => n + s.learners!(v), 0) : null };
  });
  return { population, steps };
}
