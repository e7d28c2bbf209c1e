import type { Movement, SubscriptionLine } from "../metrics";
import type { HealthInputs } from "../health";
import type { ReportFilters } from "./filters";
import type { Coverage } from "../coverage/sources";

/** One month's health inputs for an account (a row of account_month). */
export type MonthState = HealthInputs;

/** What the report knows about one account, as loaded; every figure is derived from this in build.ts. */
export interface AccountFacts {
  id: string;
  name: string;
  segment: string | null;
  planTier: string | null;
  country: string | null;
  csm: string | null;
  lifecycleStage: string;
  accountSeats: number | null;
  lines: (SubscriptionLine & { seats: number })[];
  rollup: ReportRollup | null;
  /** Health inputs per month (first-of-month key) from 3 + HEALTH_CARRY_FORWARD_MONTHS months before period end to period end; unobserved sources are null. */
  states: Map<string, MonthState>;
  /** A learner of the account opened an onboarding-stage course by period end (funnel step). */
  startedOnboarding: boolean;
  firstCompletion: string | null;
  firstAdoptionCompletion: string | null;
  movements: Movement[];
}

export interface FilterOptions {
  segment: string[];
  planTier: string[];
  country: string[];
  csm: string[];
}

export interface ReportData {
  filters: ReportFilters;
  accounts: AccountFacts[];
  options: FilterOptions;
  dataEnd: string | null;
  coverage: Coverage;
  /** The consecutive months `AccountFacts.states` may hold, oldest first (the last is the period's end month). */
  stateMonths: string[];
}

/** An account's training rollup as the report reads it (account_rollups columns). */
export type ReportRollup = {
  learners_before: number;
  learners: number;
  course_starts: number;
  course_completions: number;
  course_starts_before: number;
  course_completions_before: number;
  onboarding_completions: number;
  adoption_completions: number;
  expansion_completions: number;
  onboarding_learners: number;
  adoption_learners: number;
  expansion_learners: number;
  adoption: number | null;
  tickets_last3: number;
  tickets_prev3: number;
  lessons_last3: number;
};
