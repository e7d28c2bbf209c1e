import { date, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { accounts, users } from "./identity";
import { courses } from "./learning";

/**
 * A course assigned to a learner, with an optional due date. Assigning a stage path writes one row per
 * published course of that stage (path_stage records it). One row per learner and course: assigning
 * again updates the due date (idempotent). Status (open / completed / overdue) is derived from
 * lesson_progress when read, never stored, so it cannot drift from the learner's progress.
 */
export const assignments = pgTable(
  "assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    /** onboarding | adoption | expansion when assigned as part of a stage path; null for a single course. */
    pathStage: text("path_stage"),
    dueOn: date("due_on"),
    /** The person who assigned it (null for an API token). */
    assignedBy: uuid("assigned_by"),
    /** web | api */
    source: text("source").notNull().default("web"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // The reminder planner looks assignments up by due date every minute.
  },
  (t) => [
    unique("assignments_user_course_uq").on(t.userId, t.courseId),
    index("assignments_account_idx").on(t.accountId),
    index("assignments_due_idx").on(t.dueOn),
  ],
);
