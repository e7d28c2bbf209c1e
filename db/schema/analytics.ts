import { date, index, integer, jsonb, numeric, pgTable, primaryKey, real, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./identity";

/** Per account and month rollup feeding the impact report; maintained incrementally on writes. */
export const accountMonth = pgTable("account_month", {
  accountId: uuid("account_id").notNull().references(() => accounts.id),
  month: date("month").notNull(), // first day of month
  revenueMrr: numeric("revenue_mrr", { precision: 14, scale: 2, mode: "number" }).notNull().default(0),
  seats: integer("seats").notNull().default(0),
  activeUsers: integer("active_users").notNull().default(0),
  featuresPurchased: integer("features_purchased").notNull().default(0),
  featuresUsed: integer("features_used").notNull().default(0),
  usageEvents: integer("usage_events").notNull().default(0),
  ticketsOpened: integer("tickets_opened").notNull().default(0),
  ticketsEscalated: integer("tickets_escalated").notNull().default(0),
  npsAverage: real("nps_average"),
  communityCount: integer("community_count").notNull().default(0),
  marketingCount: integer("marketing_count").notNull().default(0),
  healthScore: real("health_score"),
  healthBreakdown: jsonb("health_breakdown").$type<Record<string, number>>(),
  learners: integer("learners").notNull().default(0),
  lessonCompletions: integer("lesson_completions").notNull().default(0),
  courseCompletions: integer("course_completions").notNull().default(0),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.accountId, t.month] }), index("account_month_month_idx").on(t.month)]);

/** Health-score weights, versioned: the newest row is in force; older rows are the history. */
export const healthWeights = pgTable("health_weights", {
  version: serial("version").primaryKey(),
  weights: jsonb("weights").$type<Record<string, number>>().notNull(),
  note: text("note"),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
