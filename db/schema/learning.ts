import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { accounts, users } from "./identity";

/** A <Video> in a lesson: key is "src:<url>", "youtube:<id>" or "vimeo:<id>" (app/content/video-key.ts). */
export interface LessonVideo {
  key: string;
  title: string;
  durationSeconds: number | null;
}

export const STAGES = ["onboarding", "adoption", "expansion"] as const;
export type Stage = (typeof STAGES)[number];

/** Quiz definition extracted at build time (app/content/analyze.ts). Answers and explanations stay on the server. */
export interface QuizDefinition {
  id: string;
  questions: {
    id: string;
    prompt: string;
    multiple: boolean;
    explanation: string | null;
    options: { id: string; text: string; correct: boolean }[];
  }[];
}

/** Courses synced from content/courses/<dir>/course.mdx. id comes from frontmatter and is never reused. */
export const courses = pgTable(
  "courses",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    stage: text("stage").$type<Stage>().notNull(),
    features: text("features")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    audience: text("audience"),
    level: text("level"),
    estimatedMinutes: integer("estimated_minutes").notNull().default(0),
    prerequisites: text("prerequisites")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text("status").notNull().default("published"), // draft | published
    locale: text("locale").notNull().default("en"),
    position: integer("position").notNull().default(0),
    /** Certificates expire this many months after issue (frontmatter certificateValidMonths); null = never. */
    certificateValidMonths: integer("certificate_valid_months"),
    sourcePath: text("source_path").notNull(),
    contentHash: text("content_hash").notNull(),
    overviewCode: text("overview_code").notNull().default(""), // mdx-bundler output
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Full-text search (app/learning/search.server.ts repeats this exact expression so the planner uses it).
    index("courses_search_idx").using(
      "gin",
      sql`(setweight(to_tsvector('english', ${t.title}), 'A') || setweight(to_tsvector('english', ${t.summary}), 'B'))`,
    ),
  ],
);

/** Lessons; compiled MDX is stored so the request path never compiles. quiz holds answers: server-only. */
export const lessons = pgTable(
  "lessons",
  {
    id: text("id").primaryKey(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    position: integer("position").notNull(),
    estimatedMinutes: integer("estimated_minutes").notNull().default(0),
    objectives: text("objectives")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sourcePath: text("source_path").notNull(),
    contentHash: text("content_hash").notNull(),
    compiledCode: text("compiled_code").notNull(),
    headings: jsonb("headings").$type<{ depth: number; text: string; slug: string }[]>().notNull().default([]),
    quiz: jsonb("quiz").$type<QuizDefinition>(),
    passMark: integer("pass_mark").notNull().default(80),
    /** Share (%) of each <Video> a learner must watch before the lesson completes; null: no rule. */
    requireWatch: integer("require_watch"),
    /** The lesson's <Video>s (key, title, author-declared duration) from the content, in order. */
    videos: jsonb("videos").$type<LessonVideo[]>().notNull().default([]),
    plainText: text("plain_text").notNull().default(""),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("lessons_course_idx").on(t.courseId, t.position),
    index("lessons_search_idx").using(
      "gin",
      sql`(setweight(to_tsvector('english', ${t.title}), 'A') || setweight(to_tsvector('english', ${t.plainText}), 'B'))`,
    ),
  ],
);

/**
 * Translations of courses and lessons (course.<locale>.mdx, NN-slug.<locale>.mdx), same ids as their
 * source: progress, quiz attempts and certificates are keyed on the source ids and shared by every language.
 * Rewritten as a whole by each content sync.
 */
export const contentTranslations = pgTable(
  "content_translations",
  {
    kind: text("kind").$type<"course" | "lesson">().notNull(),
    id: text("id").notNull(),
    courseId: text("course_id").notNull(),
    locale: text("locale").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    objectives: text("objectives")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sourcePath: text("source_path").notNull(),
    /** The source file's hash the translation says it was made from (content:check compares). */
    sourceHash: text("source_hash").notNull(),
    contentHash: text("content_hash").notNull(),
    compiledCode: text("compiled_code").notNull(),
    headings: jsonb("headings").$type<{ depth: number; text: string; slug: string }[]>().notNull().default([]),
    quiz: jsonb("quiz"),
    plainText: text("plain_text").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.id, t.locale] }),
    index("content_translations_course_idx").on(t.courseId, t.locale),
  ],
);

/** One row per learner and lesson: the current state, rebuildable from learning_events. */
export const lessonProgress = pgTable(
  "lesson_progress",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    status: text("status").notNull().default("started"), // started | completed
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    timeSpentSeconds: integer("time_spent_seconds").notNull().default(0),
    resumePosition: text("resume_position"),
    /** Language the learner took the lesson in: set when started, overwritten at completion (insights/report filter). */
    locale: text("locale"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("lesson_progress_user_lesson_uq").on(t.userId, t.lessonId),
    index("lesson_progress_account_idx").on(t.accountId, t.completedAt),
    index("lesson_progress_course_idx").on(t.courseId, t.status),
  ],
);

/**
 * How much of one video in a lesson a learner watched: the merged intervals of positions actually
 * played (seconds), so seeking to the end covers nothing. duration_seconds is the author's declared
 * duration or, without one, the first duration the player reported; no interval may pass it.
 */
export const videoProgress = pgTable(
  "video_progress",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    videoKey: text("video_key").notNull(),
    durationSeconds: real("duration_seconds").notNull(),
    watched: jsonb("watched").$type<[number, number][]>().notNull().default([]),
    watchedSeconds: real("watched_seconds").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("video_progress_user_lesson_video_uq").on(t.userId, t.lessonId, t.videoKey),
    index("video_progress_lesson_idx").on(t.lessonId, t.videoKey),
    // The insights cache's data version reads max(updated_at): an index lookup, never a scan.
    index("video_progress_updated_idx").on(t.updatedAt),
  ],
);

/** Append-only learning log (actor, verb, object, result, when). Maps one-to-one onto xAPI statements. */
export const learningEvents = pgTable(
  "learning_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    verb: text("verb").notNull(), // started | completed | attempted | passed | failed | certified | rated
    objectType: text("object_type").notNull(), // lesson | course | quiz
    objectId: text("object_id").notNull(),
    result: jsonb("result"),
    contentHash: text("content_hash"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("learning_events_user_idx").on(t.userId, t.occurredAt),
    index("learning_events_account_idx").on(t.accountId, t.occurredAt),
  ],
);

export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id),
    attemptNumber: integer("attempt_number").notNull(),
    answers: jsonb("answers").$type<Record<string, string[]>>().notNull(),
    correct: jsonb("correct").$type<Record<string, boolean>>().notNull(),
    score: real("score").notNull(),
    passed: boolean("passed").notNull(),
    contentHash: text("content_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("quiz_attempts_user_lesson_n_uq").on(t.userId, t.lessonId, t.attemptNumber)],
);

/**
 * Quiz attempts authors and admins submit while previewing a lesson (issue 21). Kept apart from
 * quiz_attempts on purpose: progress, completions, insights, webhooks, xAPI and the impact report read
 * quiz_attempts and learning_events only, so a preview attempt cannot be counted by any of them.
 */
export const quizPreviewAttempts = pgTable(
  "quiz_preview_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id),
    attemptNumber: integer("attempt_number").notNull(),
    answers: jsonb("answers").$type<Record<string, string[]>>().notNull(),
    correct: jsonb("correct").$type<Record<string, boolean>>().notNull(),
    score: real("score").notNull(),
    passed: boolean("passed").notNull(),
    contentHash: text("content_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("quiz_preview_attempts_user_lesson_n_uq").on(t.userId, t.lessonId, t.attemptNumber)],
);

export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    /** issuedAt + the course's certificateValidMonths at issue (or renewal); null = does not expire. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** Set when the academy withdraws the certificate; the verification page and credential say so. */
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [unique("certificates_user_course_uq").on(t.userId, t.courseId)],
);

/** Lesson rating (1-5) and optional comment, one per learner and lesson, editable. */
export const lessonFeedback = pgTable(
  "lesson_feedback",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    lessonId: text("lesson_id")
      .notNull()
      .references(() => lessons.id),
    rating: integer("rating").notNull(),
    comment: text("comment"),
    contentHash: text("content_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("lesson_feedback_user_lesson_uq").on(t.userId, t.lessonId)],
);

/** End-of-course survey: likelihood to recommend (0-10) and what to improve. */
export const courseSurveys = pgTable(
  "course_surveys",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    recommend: integer("recommend").notNull(),
    improve: text("improve"),
    contentHash: text("content_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("course_surveys_user_course_uq").on(t.userId, t.courseId)],
);

export const webhooks = pgTable("webhooks", {
  id: uuid("id").primaryKey().defaultRandom(),
  url: text("url").notNull(),
  events: text("events").array().notNull(),
  secret: text("secret").notNull(), // needed in clear to sign payloads (HMAC); never shown after creation
  active: boolean("active").notNull().default(true),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Durable outgoing-webhook queue and delivery log. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    accountId: uuid("account_id"),
    event: text("event").notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status").notNull().default("pending"), // pending | delivered | failed
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (t) => [index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt)],
);
