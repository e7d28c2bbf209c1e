import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "#db/index";
import { bulkInsert } from "#db/bulk-insert";
import { analyzeTables } from "#db/analyze";
import {
  accountCourse,
  accountMonth,
  accounts,
  certificates,
  communityActivity,
  courseSurveys,
  courses,
  feedbackResponses,
  featureUsage,
  featureUsageMonthly,
  learningEvents,
  lessonFeedback,
  lessonProgress,
  lessons,
  marketingEngagement,
  quizAttempts,
  revenueMovements,
  subscriptionLines,
  supportTickets,
  users,
} from "#db/schema/index";
import type { QuizDefinition } from "#app/content/analyze";
import { DEFAULT_EFFECTS, type Effects } from "./profile";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import {
  monthStarts,
  newAccount,
  simulateAccount,
  type AccountSeed,
  type CourseShape,
  type QuizShape,
  type World,
} from "./plan";
import { uniqueDomain } from "./people";

export { DEFAULT_EFFECTS, NO_EFFECTS, type Effects } from "./profile";

export interface GenerateOptions {
  accounts: number;
  months: number;
  seed: number;
  /**
   * Last day of the simulated window. Default: the last day of the last complete month before today, so
   * the data runs up to now; pass a date for runs that must reproduce across days (tests, benchmarks).
   */
  endDate?: string;
  /** Most learners per trained account (default 60). */
  maxLearners?: number;
  /** Share of the window in which accounts get trained (default 0.6). */
  trainingWindow?: number;
  effects?: Partial<Effects>;
  /** Existing accounts (e.g. the demo's) that also get subscriptions, usage, signals and teammates. */
  existingAccounts?: { id: string; externalId: string; domain: string; segment: string; tier: string; seats: number }[];
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  planted: Effects & {
    trainedAccounts: number;
    untrainedAccounts: number;
    endDate: string;
    months: number;
    seed: number;
  };
  counts: Record<string, number>;
}

/** Rows buffered (all tables together) before they are written, parents first. */
const BATCH = 10_000;
/** Parent tables are written before children (accounts → users → progress) to satisfy foreign keys. */
const ORDER = [
  "accounts",
  "users",
  "progress",
  "events",
  "certificates",
  "attempts",
  "lessonFeedback",
  "surveys",
  "lines",
  "movements",
  "usage",
  "tickets",
  "feedback",
  "community",
  "marketing",
] as const;
type BufferName = (typeof ORDER)[number];

/**
 * Deterministic synthetic customer base with KNOWN training effects (see profile.ts): same options →
 * identical rows (ids included). Everything is written in one transaction, in multi-row batches.
 */
export async function generateCustomerData(db: Db, opts: GenerateOptions): Promise<GenerateResult> {
  const endDate = opts.endDate ?? lastCompleteMonthEnd(new Date());
  const effects = { ...DEFAULT_EFFECTS, ...opts.effects };
  const courseRows = await db
    .select({ id: courses.id, stage: courses.stage, prerequisites: courses.prerequisites, features: courses.features })
    .from(courses)
    .where(and(eq(courses.status, "published"), isNull(courses.archivedAt)))
    .orderBy(asc(courses.position), asc(courses.id));
  // Every current lesson, quiz lessons included: a course counts as completed only when all are.
  const lessonRows = courseRows.length
    ? await db
        .select({
          id: lessons.id,
          courseId: lessons.courseId,
          quiz: lessons.quiz,
          passMark: lessons.passMark,
          minutes: lessons.estimatedMinutes,
        })
        .from(lessons)
        .where(
          and(
            inArray(
              lessons.courseId,
              courseRows.map((c) => c.id),
            ),
            isNull(lessons.archivedAt),
          ),
        )
        .orderBy(asc(lessons.position), asc(lessons.id))
    : [];
  const shapes: CourseShape[] = courseRows.map((c) => {
    const own = lessonRows.filter((l) => l.courseId === c.id);
    const quizzes = Object.fromEntries(own.filter((l) => l.quiz).map((l) => [l.id, quizShape(l.quiz!, l.passMark)]));
    return {
      id: c.id,
      stage: c.stage,
      lessonIds: own.map((l) => l.id),
      quizzes,
      prerequisites: c.prerequisites,
      lessonMinutes: own.map((l) => l.minutes),
      features: c.features,
    };
  });
  const world: World = {
    seed: opts.seed,
    months: monthStarts(endDate, opts.months),
    effects,
    courses: shapes,
    maxLearners: opts.maxLearners,
    trainingWindow: opts.trainingWindow,
  };
  // Email domains already in use (demo accounts, earlier runs): generated ones never collide with them.
  const usedDomains = new Set(
    (await db.select({ domains: accounts.emailDomains }).from(accounts)).flatMap((r) => r.domains),
  );
  const counts: Record<string, number> = {};
  let trainedAccounts = 0;

  // Per bulk-written table (by name): its rows waiting to be inserted.
  const buffers = new Map<BufferName, { table: PgTable; rows: Record<string, unknown>[] }>();
  let buffered = 0;
  await db.transaction(async (tx) => {
    // Every table's rows go out together, parents first, once enough are waiting: one statement per
    // table per batch, and a child row never reaches the database before the row it points to.
    const flushAll = async () => {
      for (const name of ORDER) {
        const buf = buffers.get(name);
        if (!buf?.rows.length) continue;
        const rows = buf.rows;
        buf.rows = [];
        await bulkInsert(tx, buf.table, rows);
      }
      buffered = 0;
    };
    const push = async (name: BufferName, table: PgTable, rows: Record<string, unknown>[]) => {
      if (!rows.length) return;
      const buf = buffers.get(name) ?? { table, rows: [] };
      buffers.set(name, buf);
      buf.rows.push(...rows);
      counts[name] = (counts[name] ?? 0) + rows.length;
      buffered += rows.length;
      if (buffered >= BATCH) await flushAll();
    };
    const seeds: (AccountSeed & { index: number; isNew: boolean; row?: Record<string, unknown> })[] = [];
    for (let i = 0; i < opts.accounts; i++) {
      const acct = newAccount(world, i);
      acct.domain = uniqueDomain(acct.domain, usedDomains);
      acct.row.emailDomains = [acct.domain];
      seeds.push({ ...acct, index: i, isNew: true });
    }
    (opts.existingAccounts ?? []).forEach((e, j) =>
      seeds.push({ ...e, signupMonth: -12, index: opts.accounts + j, isNew: false }),
    );
    let done = 0;
    for (const s of seeds) {
      const r = simulateAccount(world, s, s.index, { existing: !s.isNew });
      if (r.trained) trainedAccounts++;
      // A generated account is written with its simulated status and stage; an existing (demo) account
      // keeps its own stage and only takes the renewal date.
      if (s.row) await push("accounts", accounts, [{ ...s.row, ...r.accountUpdate }]);
      else
        await tx
          .update(accounts)
          .set({ renewalDate: r.accountUpdate.renewalDate, updatedAt: sql`now()` })
          .where(eq(accounts.id, s.id));
      await push("users", users, r.users);
      await push("progress", lessonProgress, r.progress);
      await push("events", learningEvents, r.events);
      await push("certificates", certificates, r.certificates);
      await push("attempts", quizAttempts, r.attempts);
      await push("lessonFeedback", lessonFeedback, r.lessonFeedback);
      await push("surveys", courseSurveys, r.surveys);
      await push("lines", subscriptionLines, r.lines);
      await push("movements", revenueMovements, r.movements);
      await push("usage", featureUsage, r.usage);
      await push("tickets", supportTickets, r.tickets);
      await push("feedback", feedbackResponses, r.feedback);
      await push("community", communityActivity, r.community);
      await push("marketing", marketingEngagement, r.marketing);
      if (++done % 200 === 0) opts.onProgress?.(done, seeds.length);
    }
    await flushAll();
    // Monthly usage rollup (recomputed from the raw rows: idempotent), in the same transaction.
    await tx.execute(sql`
      insert into feature_usage_monthly (account_id, month, feature_key, active_users, events, duration_seconds)
      select account_id, date_trunc('month', usage_date)::date, feature_key, max(active_users), sum(events)::int, sum(duration_seconds)::int
      from feature_usage
      group by 1, 2, 3
      on conflict (account_id, month, feature_key) do update set active_users = excluded.active_users, events = excluded.events, duration_seconds = excluded.duration_seconds`);
    // The impact report's rollups for every account touched, in the same transaction.
    await refreshAccountMonths(
      tx,
      seeds.map((s) => s.id),
    );
  });
  // Every table written in bulk, and the rollups derived from them.
  await analyzeTables(db, [
    ...[...buffers.values()].map((b) => b.table),
    featureUsageMonthly,
    accountMonth,
    accountCourse,
  ]);
  opts.onProgress?.(opts.accounts, opts.accounts);
  return {
    planted: {
      ...effects,
      trainedAccounts,
      untrainedAccounts: opts.accounts + (opts.existingAccounts?.length ?? 0) - trainedAccounts,
      endDate,
      months: opts.months,
      seed: opts.seed,
    },
    counts,
  };
}

/** Last day (YYYY-MM-DD) of the last complete month before `today` (UTC): 2026-12-04 → 2026-11-30. */
export function lastCompleteMonthEnd(today: Date): string {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0)).toISOString().slice(0, 10);
}

function quizShape(def: QuizDefinition, passMark: number): QuizShape {
  return {
    passMark,
    questions: def.questions.map((q) => ({
      id: q.id,
      right: q.options.filter((o) => o.correct).map((o) => o.id),
      wrong: q.options.filter((o) => !o.correct).map((o) => o.id),
    })),
  };
}
