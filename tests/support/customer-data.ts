import crypto from "node:crypto";
import type { Db } from "#db/index";
import {
  communityActivity,
  courses,
  featureUsageMonthly,
  feedbackResponses,
  lessonProgress,
  lessons,
  marketingEngagement,
  revenueMovements,
  subscriptionLines,
  supportTickets,
  type MovementType,
} from "#db/schema/index";

/**
 * Small, readable builders for customer facts, used by the report's integration tests. They insert
 * rows directly (the importers are issue 4's); call refreshAccountMonths() afterwards, as imports do.
 */
const id = (p: string) => `${p}-${crypto.randomBytes(6).toString("hex")}`;

export interface CourseSpec {
  id: string;
  stage: "onboarding" | "adoption" | "expansion";
  features: string[];
  lessons?: number;
  title?: string;
}

/** Published courses with `lessons` lessons each (ids `<course>-l1`, `<course>-l2`, …). */
export async function insertCourses(db: Db, specs: CourseSpec[]) {
  for (const [i, c] of specs.entries()) {
    await db
      .insert(courses)
      .values({
        id: c.id,
        slug: c.id,
        title: c.title ?? `Course ${c.id}`,
        stage: c.stage,
        features: c.features,
        sourcePath: `test/${c.id}`,
        contentHash: "test",
        position: i,
      })
      .onConflictDoNothing();
    const n = c.lessons ?? 2;
    await db
      .insert(lessons)
      .values(
        Array.from({ length: n }, (_, j) => ({
          id: `${c.id}-l${j + 1}`,
          courseId: c.id,
          slug: `l${j + 1}`,
          title: `Lesson ${j + 1}`,
          position: j + 1,
          sourcePath: `test/${c.id}/${j + 1}`,
          contentHash: "test",
          compiledCode: "",
        })),
      )
      .onConflictDoNothing();
  }
}

export async function addLine(
  db: Db,
  accountId: string,
  l: { mrr: number; start: string; end?: string | null; seats?: number; plan?: string; features?: string[] },
) {
  await db.insert(subscriptionLines).values({
    accountId,
    externalId: id("S"),
    mrr: l.mrr,
    startDate: l.start,
    endDate: l.end ?? null,
    seats: l.seats ?? 0,
    plan: l.plan ?? null,
    features: l.features ?? null,
  });
}

export async function addMovement(db: Db, accountId: string, type: MovementType, amount: number, on: string) {
  await db
    .insert(revenueMovements)
    .values({ accountId, externalId: id("M"), movementType: type, amount, occurredOn: on });
}

export async function addUsage(
  db: Db,
  accountId: string,
  month: string,
  feature: string,
  activeUsers: number,
  events = activeUsers * 10,
) {
  await db.insert(featureUsageMonthly).values({ accountId, month, featureKey: feature, activeUsers, events });
}

export async function addTicket(db: Db, accountId: string, openedOn: string, escalated = false) {
  await db
    .insert(supportTickets)
    .values({ accountId, externalId: id("T"), openedAt: new Date(`${openedOn}T10:00:00Z`), escalated });
}

export async function addFeedback(db: Db, accountId: string, on: string, kind: "nps" | "csat", score: number) {
  await db.insert(feedbackResponses).values({ accountId, externalId: id("F"), respondedOn: on, kind, score });
}

export async function addCommunity(db: Db, accountId: string, on: string, count = 1) {
  await db
    .insert(communityActivity)
    .values({ accountId, externalId: id("C"), occurredOn: on, activityType: "post", count });
}

export async function addMarketing(db: Db, accountId: string, on: string, count = 1) {
  await db
    .insert(marketingEngagement)
    .values({ accountId, externalId: id("E"), occurredOn: on, channel: "email", count });
}

/** The learner completed every lesson of the course at `at` (ISO timestamp or date). */
export async function completeCourseAt(
  db: Db,
  learner: { id: string; accountId: string },
  courseId: string,
  at: string,
  lessonCount = 2,
) {
  const when = new Date(at.length === 10 ? `${at}T12:00:00Z` : at);
  await db.insert(lessonProgress).values(
    Array.from({ length: lessonCount }, (_, j) => ({
      userId: learner.id,
      accountId: learner.accountId,
      lessonId: `${courseId}-l${j + 1}`,
      courseId,
      status: "completed",
      startedAt: when,
      completedAt: when,
    })),
  );
}

/** The learner opened the course's first lesson at `at` and stopped there. */
export async function startCourseAt(db: Db, learner: { id: string; accountId: string }, courseId: string, at: string) {
  await db.insert(lessonProgress).values({
    userId: learner.id,
    accountId: learner.accountId,
    lessonId: `${courseId}-l1`,
    courseId,
    status: "started",
    startedAt: new Date(`${at}T12:00:00Z`),
  });
}
