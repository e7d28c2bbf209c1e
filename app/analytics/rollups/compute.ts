/**
 * Pure rollup arithmetic: turns one account's facts into its account_month and account_course rows.
 * refresh.server.ts loads the facts with a few grouped queries per batch of accounts and writes the
 * rows; keeping the arithmetic here makes it testable without a database.
 */
import { featuresForTier } from "#app/content/product-features";
import { revenueAt } from "../metrics";
import { addDays, monthOf } from "../months";

export interface LineFact {
  mrr: number;
  seats: number;
  startDate: string;
  endDate: string | null;
  plan: string | null;
  features: string[] | null;
}
export interface TrainingCounts {
  learners: number;
  lessonCompletions: number;
  courseStarts: number;
  courseCompletions: number;
  onboardingCompletions: number;
  adoptionCompletions: number;
  expansionCompletions: number;
  onboardingLearners: number;
  adoptionLearners: number;
  expansionLearners: number;
}
export interface CourseCompletionFact {
  userId: string;
  courseId: string;
  stage: string;
  completedOn: string;
}

/** What the rollups know about one account (the input of buildAccountMonths); the report has its own AccountFacts. */
export interface AccountRollupFacts {
  account: { id: string; seats: number | null; planTier: string | null };
  lines: LineFact[];
  usage: Map<string, { activeUsers: number; events: number; features: string[] }>;
  tickets: Map<string, { opened: number; escalated: number }>;
  feedback: Map<string, { score: number; responses: number }>;
  community: Map<string, number>;
  marketing: Map<string, number>;
  training: Map<string, Partial<TrainingCounts>>;
  courseCompletions: CourseCompletionFact[];
  /** Months of facts not covered by the maps above (e.g. revenue movements). */
  otherFactMonths: string[];
}

export type AccountMonthRow = {
  accountId: string;
  month: string;
  revenueMrr: number;
  seats: number;
  activeUsers: number;
  featuresPurchased: number;
  featuresUsed: number;
  usageEvents: number;
  ticketsOpened: number;
  ticketsEscalated: number;
  feedbackScore: number | null;
  feedbackResponses: number;
  communityCount: number;
  marketingCount: number;
} & TrainingCounts;

export interface AccountCourseRow {
  accountId: string;
  courseId: string;
  learnersCompleted: number;
  firstCompletedOn: string;
}

export const EMPTY_TRAINING: TrainingCounts = {
  learners: 0,
  lessonCompletions: 0,
  courseStarts: 0,
  courseCompletions: 0,
  onboardingCompletions: 0,
  adoptionCompletions: 0,
  expansionCompletions: 0,
  onboardingLearners: 0,
  adoptionLearners: 0,
  expansionLearners: 0,
};

/** First and last month this account has any fact in; the rollup covers every month in between. */
export function accountMonthSpan(
  f: AccountRollupFacts,
  customerDataEnd: string | null,
): { first: string; last: string } | null {
  const months: string[] = [
    ...f.usage.keys(),
    ...f.tickets.keys(),
    ...f.feedback.keys(),
    ...f.community.keys(),
    ...f.marketing.keys(),
    ...f.training.keys(),
    ...f.otherFactMonths,
  ];
  for (const l of f.lines) {
    months.push(monthOf(l.startDate));
    if (l.endDate) months.push(monthOf(addDays(l.endDate, -1)));
  }
  if (!months.length) return null;
  months.sort();
  let last = months[months.length - 1]!;
  // A customer still paying when the data ends is covered up to the end of the data.
  if (customerDataEnd && customerDataEnd > last && revenueAt(f.lines, customerDataEnd) > 0) last = customerDataEnd;
  return { first: months[0]!, last };
}

function activeLines(lines: readonly LineFact[], date: string) {
  return lines.filter((l) => l.startDate <= date && (l.endDate === null || l.endDate > date));
}

/** Features bought at `date`: each active line's own list, else its plan's features. No lines: the account's plan. */
export function purchasedFeatures(f: AccountRollupFacts, date: string): Set<string> {
  if (!f.lines.length) return new Set(f.account.planTier ? featuresForTier(f.account.planTier) : []);
  const out = new Set<string>();
  for (const l of activeLines(f.lines, date)) {
    for (const k of l.features ?? featuresForTier(l.plan ?? f.account.planTier ?? "")) out.add(k);
  }
  return out;
}

export function seatsAt(f: AccountRollupFacts, date: string): number {
  if (!f.lines.length) return f.account.seats ?? 0;
  return activeLines(f.lines, date).reduce((s, l) => s + l.seats, 0);
}

export function buildAccountMonths(f: AccountRollupFacts, months: readonly string[]): AccountMonthRow[] {
  return months.map((month) => {
    const purchased = purchasedFeatures(f, month);
    const usage = f.usage.get(month);
    const used = usage ? usage.features.filter((k) => purchased.has(k)).length : 0;
    const fb = f.feedback.get(month);
    const t = f.tickets.get(month);
    return {
      accountId: f.account.id,
      month,
      revenueMrr: revenueAt(f.lines, month),
      seats: seatsAt(f, month),
      activeUsers: usage?.activeUsers ?? 0,
      featuresPurchased: purchased.size,
      featuresUsed: used,
      usageEvents: usage?.events ?? 0,
      ticketsOpened: t?.opened ?? 0,
      ticketsEscalated: t?.escalated ?? 0,
      feedbackScore: fb ? fb.score : null,
      feedbackResponses: fb?.responses ?? 0,
      communityCount: f.community.get(month) ?? 0,
      marketingCount: f.marketing.get(month) ?? 0,
      ...EMPTY_TRAINING,
      ...f.training.get(month),
    };
  });
}

/** Per course the account's learners completed: how many learners, and the first completion. */
export function buildAccountCourses(f: AccountRollupFacts): AccountCourseRow[] {
  const byCourse = new Map<string, { learners: Set<string>; first: string }>();
  for (const c of f.courseCompletions) {
    const cur = byCourse.get(c.courseId);
    if (!cur) byCourse.set(c.courseId, { learners: new Set([c.userId]), first: c.completedOn });
    else {
      cur.learners.add(c.userId);
      if (c.completedOn < cur.first) cur.first = c.completedOn;
    }
  }
  return [...byCourse].map(([courseId, c]) => ({
    accountId: f.account.id,
    courseId,
    learnersCompleted: c.learners.size,
    firstCompletedOn: c.first,
  }));
}

/** Adds course completions by stage and first-completion-per-stage learners to the monthly training counts. */
export function addCourseCompletions(
  training: Map<string, Partial<TrainingCounts>>,
  completions: readonly CourseCompletionFact[],
) {
  const bump = (month: string, key: keyof TrainingCounts) => {
    const row = training.get(month) ?? {};
    row[key] = (row[key] ?? 0) + 1;
    training.set(month, row);
  };
  const firstByStage = new Map<string, string>(); // user|stage → first completion date
  for (const c of completions) {
    const month = monthOf(c.completedOn);
    bump(month, "courseCompletions");
    if (c.stage === "onboarding" || c.stage === "adoption" || c.stage === "expansion")
      bump(month, `${c.stage}Completions`);
    const key = `${c.userId}|${c.stage}`;
    const prev = firstByStage.get(key);
    if (!prev || c.completedOn < prev) firstByStage.set(key, c.completedOn);
  }
  for (const [key, date] of firstByStage) {
    const stage = key.split("|")[1];
    if (stage === "onboarding" || stage === "adoption" || stage === "expansion")
      bump(monthOf(date), `${stage}Learners`);
  }
}
