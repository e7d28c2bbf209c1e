import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts } from "./identity";
import { courses } from "./learning";

/** The training counters: columns of account_month and of its pending deltas (account_training_deltas). */
const trainingCounters = () => ({
  /** Learners whose first completed lesson falls in this month (summing months gives distinct learners). */
  learners: integer("learners").notNull().default(0),
  lessonCompletions: integer("lesson_completions").notNull().default(0),
  /** Learners who opened their first lesson of a course this month (one per learner and course). */
  courseStarts: integer("course_starts").notNull().default(0),
  courseCompletions: integer("course_completions").notNull().default(0),
  onboardingCompletions: integer("onboarding_completions").notNull().default(0),
  adoptionCompletions: integer("adoption_completions").notNull().default(0),
  expansionCompletions: integer("expansion_completions").notNull().default(0),
  /** Learners whose first completed course of the stage falls in this month. */
  onboardingLearners: integer("onboarding_learners").notNull().default(0),
  adoptionLearners: integer("adoption_learners").notNull().default(0),
  expansionLearners: integer("expansion_learners").notNull().default(0),
});

/**
 * Per account and month rollup feeding the impact report (app/analytics/rollups). State columns
 * (revenue, seats, features purchased) are as of the first day of the month; count columns are what
 * happened during the month. Health is not stored: it is computed when read from the stored inputs
 * and the weights in force, so a weight change applies consistently to every month at once.
 */
export const accountMonth = pgTable(
  "account_month",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    month: date("month").notNull(), // first day of month
    revenueMrr: numeric("revenue_mrr", { precision: 14, scale: 2, mode: "number" }).notNull().default(0),
    seats: integer("seats").notNull().default(0),
    activeUsers: integer("active_users").notNull().default(0),
    featuresPurchased: integer("features_purchased").notNull().default(0),
    featuresUsed: integer("features_used").notNull().default(0),
    usageEvents: integer("usage_events").notNull().default(0),
    ticketsOpened: integer("tickets_opened").notNull().default(0),
    ticketsEscalated: integer("tickets_escalated").notNull().default(0),
    /** Average feedback in the month on a 0-100 scale (NPS 0-10 × 10; CSAT 1-5 → (s-1) × 25); null = none. */
    feedbackScore: real("feedback_score"),
    feedbackResponses: integer("feedback_responses").notNull().default(0),
    communityCount: integer("community_count").notNull().default(0),
    marketingCount: integer("marketing_count").notNull().default(0),
    ...trainingCounters(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // updated_at indexes: the impact report's cache asks for max(updated_at) on every request.
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.month] }),
    index("account_month_month_idx").on(t.month),
    index("account_month_updated_idx").on(t.updatedAt),
  ],
);

/**
 * Training counters not yet added to account_month: a lesson completion appends a row here instead of
 * updating its account's month row, so hundreds of learners of one account completing at once (a
 * training day) never queue on that one row's lock. foldTrainingDeltas() moves them into account_month
 * in one statement before anything reads the counters (the report, the account page, a refresh).
 */
export const accountTrainingDeltas = pgTable(
  "account_training_deltas",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    month: date("month").notNull(),
    ...trainingCounters(),
  },
  (t) => [index("account_training_deltas_account_idx").on(t.accountId)],
);

/**
 * Per account and course: when the account's first learner completed the course, how many learners
 * have, and the course's measured impact (adoption of the course's features in the 3 months before vs
 * the 3 months after, expansion MRR in the 180 days after). Impact columns stay null until the data
 * covers the window.
 */
export const accountCourse = pgTable(
  "account_course",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    learnersCompleted: integer("learners_completed").notNull().default(0),
    firstCompletedOn: date("first_completed_on").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.courseId] }),
    index("account_course_course_idx").on(t.courseId, t.firstCompletedOn),
    index("account_course_updated_idx").on(t.updatedAt),
  ],
);

/** Health-score weights, versioned: the newest row is in force; older rows are the history. */
export const healthWeights = pgTable("health_weights", {
  version: serial("version").primaryKey(),
  weights: jsonb("weights").$type<Record<string, number>>().notNull(),
  note: text("note"),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The months each customer-data source covers, overall (app/analytics/coverage.server.ts keeps it):
 * a month outside a source's span is unobserved for every account, so the report and the account page
 * read it as "no data", never as 0. Grown by every refresh from the refreshed accounts' facts, and
 * recomputed from scratch by a full rebuild (a delete can shrink it).
 */
export const dataCoverage = pgTable("data_coverage", {
  /** revenue | usage | support | feedback | community | marketing */
  source: text("source").primaryKey(),
  firstMonth: date("first_month").notNull(),
  lastMonth: date("last_month").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The account signals last announced by webhook (account.stage_reached, account.ready_for_expansion,
 * account.at_risk): the rollup refresh compares the newly computed signals with this row and emits an
 * event only for a change, then stores the new state in the same transaction (once per change).
 */
export const accountSignalState = pgTable("account_signal_state", {
  accountId: uuid("account_id")
    .primaryKey()
    .references(() => accounts.id),
  stageReached: text("stage_reached").notNull().default("none"),
  readyForExpansion: boolean("ready_for_expansion").notNull().default(false),
  atRisk: boolean("at_risk").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Computed impact reports persisted per (filters, data version, code version), so a fresh server
 * process serves the report without recomputing it (app/analytics/report/snapshots.server.ts,
 * docs/decisions/0007-report-cache.md). Aggregate report figures only; the route's role check guards reads.
 */
export const reportSnapshots = pgTable(
  "report_snapshots",
  {
    filtersKey: text("filters_key").notNull(),
    /** The cache's hard data version (imports, accounts, content, health weights, date). */
    dataVersion: text("data_version").notNull(),
    /** Hash of the server build that computed it: a deploy never serves figures from old formulas. */
    codeVersion: text("code_version").notNull(),
    /** The soft (progress) version at computation: served within the cache's progress lag rules. */
    progressVersion: text("progress_version").notNull(),
    report: text("report").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.filtersKey, t.dataVersion, t.codeVersion] })],
);
