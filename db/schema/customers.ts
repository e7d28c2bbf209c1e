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
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, users } from "./identity";

/**
 * What an account pays. Revenue of an account at date D = sum(mrr) of its lines with
 * start_date <= D and (end_date is null or end_date > D). Defined once in app/analytics/revenue.
 */
export const subscriptionLines = pgTable(
  "subscription_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    product: text("product").notNull().default("core"),
    plan: text("plan"),
    seats: integer("seats").notNull().default(0),
    mrr: numeric("mrr", { precision: 14, scale: 2, mode: "number" }).notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date"),
    billingFrequency: text("billing_frequency"),
    isTrial: boolean("is_trial").notNull().default(false),
    autoRenew: boolean("auto_renew"),
    features: text("features").array(),
  },
  (t) => [index("subscription_lines_account_idx").on(t.accountId, t.startDate)],
);

export const MOVEMENT_TYPES = [
  "new",
  "upsell",
  "cross_sell",
  "add_on",
  "seat_growth",
  "usage_growth",
  "contraction",
  "churn",
] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** Typed MRR changes (amount is the signed MRR delta). */
export const revenueMovements = pgTable(
  "revenue_movements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    movementType: text("movement_type").$type<MovementType>().notNull(),
    amount: numeric("amount", { precision: 14, scale: 2, mode: "number" }).notNull(),
    occurredOn: date("occurred_on").notNull(),
    subscriptionExternalId: text("subscription_external_id"),
  },
  (t) => [index("revenue_movements_account_idx").on(t.accountId, t.occurredOn)],
);

/** Raw product usage per account, day and feature. Natural key: external_id (or account+date+feature+subscription). */
export const featureUsage = pgTable(
  "feature_usage",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    subscriptionExternalId: text("subscription_external_id"),
    usageDate: date("usage_date").notNull(),
    featureKey: text("feature_key").notNull(),
    activeUsers: integer("active_users").notNull().default(0),
    events: integer("events").notNull().default(0),
    durationSeconds: integer("duration_seconds").notNull().default(0),
    errors: integer("errors").notNull().default(0),
  },
  (t) => [index("feature_usage_account_idx").on(t.accountId, t.usageDate)],
);

/** Monthly rollup of feature_usage per account and feature, maintained on import. */
export const featureUsageMonthly = pgTable(
  "feature_usage_monthly",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    month: date("month").notNull(),
    featureKey: text("feature_key").notNull(),
    activeUsers: integer("active_users").notNull().default(0),
    events: integer("events").notNull().default(0),
    durationSeconds: integer("duration_seconds").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.month, t.featureKey] })],
);

export const supportTickets = pgTable(
  "support_tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    priority: text("priority"),
    resolutionHours: numeric("resolution_hours", { precision: 10, scale: 2, mode: "number" }),
    firstResponseMinutes: integer("first_response_minutes"),
    satisfaction: numeric("satisfaction", { precision: 4, scale: 2, mode: "number" }),
    escalated: boolean("escalated").notNull().default(false),
  },
  (t) => [index("support_tickets_account_idx").on(t.accountId, t.openedAt)],
);

/** NPS (0-10) and CSAT (1-5) responses. */
export const feedbackResponses = pgTable(
  "feedback_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    respondedOn: date("responded_on").notNull(),
    kind: text("kind").notNull().default("nps"), // nps | csat
    score: numeric("score", { precision: 5, scale: 2, mode: "number" }).notNull(),
    comment: text("comment"),
  },
  (t) => [index("feedback_responses_account_idx").on(t.accountId, t.respondedOn)],
);

export const communityActivity = pgTable(
  "community_activity",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    occurredOn: date("occurred_on").notNull(),
    activityType: text("activity_type").notNull(), // post | answer | event | like
    count: integer("count").notNull().default(1),
  },
  (t) => [index("community_activity_account_idx").on(t.accountId, t.occurredOn)],
);

export const marketingEngagement = pgTable(
  "marketing_engagement",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    occurredOn: date("occurred_on").notNull(),
    channel: text("channel").notNull(), // email | webinar | event | content
    engagementType: text("engagement_type").notNull().default("open"),
    count: integer("count").notNull().default(1),
  },
  (t) => [index("marketing_engagement_account_idx").on(t.accountId, t.occurredOn)],
);

export const churnEvents = pgTable(
  "churn_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull().unique(),
    churnDate: date("churn_date").notNull(),
    reasonCode: text("reason_code"),
    refundAmount: numeric("refund_amount", { precision: 12, scale: 2, mode: "number" }),
    precedingUpgrade: boolean("preceding_upgrade"),
    precedingDowngrade: boolean("preceding_downgrade"),
    isReactivation: boolean("is_reactivation"),
    feedbackText: text("feedback_text"),
  },
  (t) => [index("churn_events_account_idx").on(t.accountId, t.churnDate)],
);

/** Every import run: who, when, what, and how it went. Rejected rows keep their reason. */
export const imports = pgTable("imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").notNull(),
  fileName: text("file_name"),
  source: text("source"), // ui | cli | api | generator
  userId: uuid("user_id").references(() => users.id),
  status: text("status").notNull().default("running"), // running | committed | failed | rejected
  skipInvalid: boolean("skip_invalid").notNull().default(false),
  rowsTotal: integer("rows_total").notNull().default(0),
  rowsAccepted: integer("rows_accepted").notNull().default(0),
  rowsRejected: integer("rows_rejected").notNull().default(0),
  errors: jsonb("errors").$type<{ row: number; field?: string; message: string }[]>().notNull().default([]),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
});

/** Saved column mappings per source system and kind, e.g. ("ravenstack", "accounts"). */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    source: text("source").notNull(),
    kind: text("kind").notNull(),
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    dateFormat: text("date_format").notNull().default("yyyy-MM-dd"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("import_mappings_source_kind_uq").on(t.source, t.kind)],
);
