import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./identity";
import { courses } from "./learning";

/**
 * The job queue (app/notifications/jobs/): one row per unit of scheduled work. `key` is the
 * idempotency key (e.g. `reminder:due-soon:<assignmentId>`, `digest:team:<userId>:<isoWeek>`): a second
 * enqueue with the same key is a no-op, so restarts and several server processes never queue, and
 * therefore never send, one notification twice. Rows are claimed with FOR UPDATE SKIP LOCKED and a lease
 * (`locked_until`); a job whose process died is claimed again when the lease expires.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The handler that runs it, e.g. "notification.send". */
    name: text("name").notNull(),
    key: text("key").notNull().unique(),
    payload: jsonb("payload").notNull().default({}),
    /** pending | running | done | failed */
    status: text("status").notNull().default("pending"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lockedBy: text("locked_by"),
    lastError: text("last_error"),
    /** What the handler returned (a digest records the accounts it listed, to tell "newly" next week). */
    result: jsonb("result"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("jobs_due_idx").on(t.status, t.runAt)],
);

export const NOTIFICATION_KINDS = ["reminders", "team_digest", "csm_digest"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Opt-outs only: no row means the person receives that kind of email. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    enabled: boolean("enabled").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Assignment by rule: every new learner at an account in `stage` (its lifecycle stage) gets `course`,
 * due `due_days` after joining (no due date when null). Applied when a learner is created and, once,
 * to the existing matching learners when the rule is created.
 */
export const assignmentRules = pgTable(
  "assignment_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountStage: text("account_stage").notNull(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    dueDays: integer("due_days"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assignment_rules_stage_idx").on(t.accountStage)],
);
