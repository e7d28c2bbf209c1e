import { completionRate, revenueAt, seatCoverage, seatUtilization, stageReached, type StageReached } from "../metrics";
import { healthOverMonths, type HealthResult, type HealthWeights } from "../health";
import { EXPANSION_TYPES } from "../movement-types";
import type { TrainedDefinition } from "./filters";
import type { AccountFacts } from "./types";

/** Per-account figures for the period; every report section is an aggregate of these. */
export interface AccountView {
  id: string;
  name: string;
  segment: string | null;
  planTier: string | null;
  country: string | null;
  csm: string | null;
  /** segment × plan tier, the stratum of the adjusted comparisons. */
  stratum: string;
  revenueStart: number;
  revenueEnd: number;
  customerAtStart: boolean;
  customerAtEnd: boolean;
  seatsAtStart: number;
  seatsAtEnd: number;
  learnersBefore: number;
  coverageBefore: number | null;
  completionRateBefore: number | null;
  trained: boolean;
  adoption: number | null;
  health: HealthResult | null;
  healthEarlier: number | null;
  utilizationEnd: number | null;
  churned: boolean;
  expansionRate: number | null;
  learners: number;
  coverageEnd: number | null;
  completionRateEnd: number | null;
  stage: StageReached;
  startedOnboarding: boolean;
  completions: { onboarding: number; adoption: number; expansion: number };
  stageLearners: { onboarding: number; adoption: number; expansion: number };
  ticketsLast3: number;
  ticketsPrev3: number;
  lessonsLast3: number;
  lastExpansionOn: string | null;
}

function seatsAt(a: AccountFacts, date: string): number {
  if (!a.lines.length) return a.accountSeats ?? 0;
  return a.lines
    .filter((l) => l.startDate <= date && (l.endDate === null || l.endDate > date))
    .reduce((s, l) => s + l.seats, 0);
}

/**
 * An account whose learners completed training before the period starts, by the chosen definition: any course completed, an adoption-stage course completed, or seat coverage at or above the threshold.
 */
export function isTrained(
  a: Pick<AccountView, "coverageBefore"> & { firstCompletion: string | null; firstAdoptionCompletion: string | null },
  from: string,
  definition: TrainedDefinition,
  coverageThreshold: number,
): boolean {
  if (definition === "any") return a.firstCompletion !== null && a.firstCompletion < from;
  if (definition === "adoption") return a.firstAdoptionCompletion !== null && a.firstAdoptionCompletion < from;
  return a.coverageBefore !== null && a.coverageBefore >= coverageThreshold;
}

/**
 * Health at the end month and 3 months before (the last and the fourth-last of `months`), each carrying
 * inputs forward from the months before it; null where the account has no rollup row for that month.
 */
function healthAt(a: AccountFacts, months: readonly string[], weights: HealthWeights) {
  const run: { month: string; inputs: NonNullable<ReturnType<AccountFacts["states"]["get"]>> }[] = [];
  const idx: number[] = [];
  for (const m of months) {
    const s = a.states.get(m);
    idx.push(s ? run.length : -1);
    if (s) run.push({ month: m, inputs: s });
  }
  // healthOverMonths checks the carry-forward window by month difference, so gaps are harmless.
  const scored = healthOverMonths(run, weights);
  const at = (i: number) => (i >= 0 && idx[i]! >= 0 ? scored[idx[i]!]! : null);
  return { end: at(months.length - 1), earlier: at(months.length - 4) };
}

export function deriveAccount(
  a: AccountFacts,
  f: { from: string; to: string; trained: TrainedDefinition; coverage: number },
  weights: HealthWeights,
  stateMonths: readonly string[] = [],
): AccountView {
  const r = a.rollup;
  const revenueStart = revenueAt(a.lines, f.from);
  const revenueEnd = revenueAt(a.lines, f.to);
  const seatsAtStart = seatsAt(a, f.from);
  const seatsAtEnd = seatsAt(a, f.to);
  const learnersBefore = r?.learners_before ?? 0;
  const coverageBefore = seatCoverage(learnersBefore, seatsAtStart);
  const healths = healthAt(a, stateMonths, weights);
  const health = healths.end;
  const endState = stateMonths.length ? (a.states.get(stateMonths[stateMonths.length - 1]!) ?? null) : null;
  const lastExpansionOn = a.movements
    .filter((m) => (EXPANSION_TYPES as readonly string[]).includes(m.movementType) && m.amount > 0)
    .reduce<string | null>((last, m) => (last === null || m.occurredOn > last ? m.occurredOn : last), null);
  const completions = {
    onboarding: r?.onboarding_completions ?? 0,
    adoption: r?.adoption_completions ?? 0,
    expansion: r?.expansion_completions ?? 0,
  };
  return {
    id: a.id,
    name: a.name,
    segment: a.segment,
    planTier: a.planTier,
    country: a.country,
    csm: a.csm,
    stratum: `${a.segment ?? "no segment"} × ${a.planTier ?? "no plan tier"}`,
    revenueStart,
    revenueEnd,
    customerAtStart: revenueStart > 0,
    customerAtEnd: revenueEnd > 0,
    seatsAtStart,
    seatsAtEnd,
    learnersBefore,
    coverageBefore,
    completionRateBefore: completionRate(r?.course_completions_before ?? 0, r?.course_starts_before ?? 0),
    trained: isTrained(
      { coverageBefore, firstCompletion: a.firstCompletion, firstAdoptionCompletion: a.firstAdoptionCompletion },
      f.from,
      f.trained,
      f.coverage,
    ),
    adoption: r?.adoption ?? null,
    health,
    healthEarlier: healths.earlier?.score ?? null,
    utilizationEnd: endState ? seatUtilization(endState.activeUsers, endState.seats) : null,
    churned: revenueStart > 0 && !(revenueEnd > 0),
    expansionRate: revenueStart > 0 ? (revenueEnd / revenueStart) * 100 : null,
    learners: r?.learners ?? 0,
    coverageEnd: seatCoverage(r?.learners ?? 0, seatsAtEnd),
    completionRateEnd: completionRate(r?.course_completions ?? 0, r?.course_starts ?? 0),
    stage: stageReached(completions),
    startedOnboarding: a.startedOnboarding,
    completions,
    stageLearners: {
      onboarding: r?.onboarding_learners ?? 0,
      adoption: r?.adoption_learners ?? 0,
      expansion: r?.expansion_learners ?? 0,
    },
    ticketsLast3: r?.tickets_last3 ?? 0,
    ticketsPrev3: r?.tickets_prev3 ?? 0,
    lessonsLast3: r?.lessons_last3 ?? 0,
    lastExpansionOn,
  };
}
