import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseSurveys, lessonFeedback, lessonProgress, lessons, quizAttempts } from "#db/schema/index";
import {
  completionTrend,
  courseInsights,
  courseInsightsAndTrend,
} from "#app/analytics/insights/course-insights.server";
import {
  lessonComments,
  lessonFunnel,
  medianByKey,
  questionInsights,
} from "#app/analytics/insights/lesson-insights.server";
import { createInsightsCache } from "#app/analytics/insights/cache.server";
import { ReportSnapshots } from "#app/analytics/report/snapshots.server";
import { computeCourseInsightsPage, computeInsightsOverview, insightsCsv } from "#app/analytics/insights/index.server";
import { parse } from "csv-parse/sync";
import { PROGRESS_LAG_MS } from "#app/analytics/report/cache.server";
import { computationHooks } from "#app/analytics/report/computations.server";
import { completeLesson } from "#app/learning/completion.server";
import { accounts, reportSnapshots } from "#db/schema/index";
import { createTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { syncFixtureContent } from "../../support/content";

/**
 * Hand-checked fixture on the 2-lesson fixture course:
 *   L1, L2 complete both lessons; L3 opens lesson 1 only; L4 completes lesson 1 and opens lesson 2;
 *   L5 (enterprise account) completes lesson 1.
 */
describe("content insights aggregates", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    const db = handle.db;
    await syncFixtureContent(db);
    const smb = await createAccount(db, { segment: "smb", name: "Small Co" });
    const ent = await createAccount(db, { segment: "enterprise", name: "Big Co" });
    const L = await Promise.all([smb, smb, smb, smb, ent].map((a) => createUser(db, { accountId: a.id })));
    const t = (s: string) => new Date(s);
    const row = (i: number, lesson: string, started: string, completed: string | null) => ({
      userId: L[i]!.id,
      accountId: L[i]!.accountId!,
      lessonId: lesson,
      courseId: "fixture-basics",
      status: completed ? "completed" : "started",
      startedAt: t(started),
      completedAt: completed ? t(completed) : null,
      timeSpentSeconds: completed ? 600 + i * 60 : 0,
    });
    await db
      .insert(lessonProgress)
      .values([
        row(0, "fixture-first", "2026-01-10T10:00:00Z", "2026-01-10T10:10:00Z"),
        row(0, "fixture-second", "2026-01-10T10:15:00Z", "2026-01-10T10:30:00Z"),
        row(1, "fixture-first", "2026-02-01T09:00:00Z", "2026-02-01T09:20:00Z"),
        row(1, "fixture-second", "2026-02-01T09:30:00Z", "2026-02-01T10:00:00Z"),
        row(2, "fixture-first", "2026-02-03T09:00:00Z", null),
        row(3, "fixture-first", "2026-02-04T09:00:00Z", "2026-02-04T09:10:00Z"),
        row(3, "fixture-second", "2026-02-04T09:20:00Z", null),
        row(4, "fixture-first", "2026-02-05T09:00:00Z", "2026-02-05T09:10:00Z"),
      ]);
    await db.insert(lessonFeedback).values([
      {
        userId: L[0]!.id,
        accountId: smb.id,
        lessonId: "fixture-first",
        rating: 5,
        updatedAt: t("2026-02-10T00:00:00Z"),
      },
      {
        userId: L[1]!.id,
        accountId: smb.id,
        lessonId: "fixture-first",
        rating: 3,
        comment: "Too short",
        updatedAt: t("2026-02-11T00:00:00Z"),
      },
      {
        userId: L[3]!.id,
        accountId: smb.id,
        lessonId: "fixture-second",
        rating: 2,
        comment: "Confusing example",
        updatedAt: t("2026-02-12T00:00:00Z"),
      },
    ]);
    await db.insert(courseSurveys).values([
      { userId: L[0]!.id, accountId: smb.id, courseId: "fixture-basics", recommend: 10 },
      { userId: L[1]!.id, accountId: smb.id, courseId: "fixture-basics", recommend: 9 },
      { userId: L[3]!.id, accountId: smb.id, courseId: "fixture-basics", recommend: 5 },
      { userId: L[4]!.id, accountId: ent.id, courseId: "fixture-basics", recommend: 7 },
    ]);
    await db
      .update(lessons)
      .set({
        quiz: {
          id: "quiz-1",
          questions: [
            {
              id: "q1",
              prompt: "Which is right?",
              multiple: false,
              explanation: null,
              options: [
                { id: "a", text: "Alpha", correct: true },
                { id: "b", text: "Beta", correct: false },
              ],
            },
          ],
        },
      })
      .where(eq(lessons.id, "fixture-second"));
    const attempt = (i: number, n: number, answer: string, ok: boolean) => ({
      userId: L[i]!.id,
      accountId: L[i]!.accountId!,
      lessonId: "fixture-second",
      attemptNumber: n,
      answers: { q1: [answer] },
      correct: { q1: ok },
      score: ok ? 100 : 0,
      passed: ok,
    });
    await db
      .insert(quizAttempts)
      .values([
        attempt(0, 1, "b", false),
        attempt(0, 2, "a", true),
        attempt(1, 1, "a", true),
        attempt(3, 1, "b", false),
      ]);
  });
  afterAll(async () => {
    await handle.dropDatabase();
  });

  it("counts enrolled, started, completed, completion rate, median time, rating, NPS", async () => {
    const [course] = await courseInsights(handle.db, {});
    expect(course).toMatchObject({
      id: "fixture-basics",
      enrolled: 5,
      started: 4,
      completed: 2,
      ratings: 3,
      surveys: 4,
      nps: 25,
    });
    expect(course!.completionRate).toBeCloseTo(0.4);
    expect(course!.medianSecondsToComplete).toBe(2700); // 30 min and 60 min
    expect(course!.averageRating).toBeCloseTo(10 / 3);
  });

  it("applies the segment and period filters", async () => {
    const [smbOnly] = await courseInsights(handle.db, { segment: "smb" });
    expect(smbOnly).toMatchObject({ enrolled: 4, completed: 2, surveys: 3 });
    const [february] = await courseInsights(handle.db, { from: "2026-02-01", to: "2026-02-28" });
    expect(february).toMatchObject({ enrolled: 4, completed: 1 });
  });

  it("builds the lesson drop-off funnel", async () => {
    const funnel = await lessonFunnel(handle.db, "fixture-basics", {});
    expect(funnel.map((s) => [s.id, s.reached, s.completed, s.droppedHere])).toEqual([
      ["fixture-first", 5, 4, 2],
      ["fixture-second", 3, 2, 1],
    ]);
    expect(funnel[0]!.dropOffRate).toBeCloseTo(0.4);
    // Median time on lesson, as percentile_cont(0.5): 600, 660, 780, 840 s → 720; 600, 660 s → 630.
    expect(funnel.map((s) => s.medianSecondsOnLesson)).toEqual([720, 630]);
    expect(
      Object.fromEntries(
        medianByKey([
          { key: "a", value: 5, n: 2 },
          { key: "a", value: 1, n: 1 },
          { key: "b", value: 3, n: 1 },
          { key: "b", value: 9, n: 3 },
        ]),
      ),
    ).toEqual({ a: 5, b: 9 });
    expect(funnel[1]!.averageRating).toBe(2);
  });

  it("lists comments newest first with the account name", async () => {
    const comments = await lessonComments(handle.db, "fixture-basics");
    expect(comments.map((c) => [c.comment, c.accountName])).toEqual([
      ["Confusing example", "Small Co"],
      ["Too short", "Small Co"],
    ]);
  });

  it("computes per-question first-try correctness and the most chosen wrong answer", async () => {
    const [q] = await questionInsights(handle.db, { courseId: "fixture-basics" });
    expect(q).toMatchObject({
      questionId: "q1",
      questionText: "Which is right?",
      attempts: 4,
      firstTries: 3,
      commonWrongAnswer: "Beta",
      commonWrongCount: 2,
    });
    expect(q!.firstTryCorrectRate).toBeCloseTo(1 / 3);
  });

  it("trends course completions by month", async () => {
    expect(await completionTrend(handle.db, {})).toEqual([
      { month: "2026-01", completions: 1 },
      { month: "2026-02", completions: 1 },
    ]);
  });

  it("reads the course figures and the trend in one pass with the same figures as apart", async () => {
    for (const f of [{}, { stage: "onboarding" as const }, { from: "2026-02-01" }])
      expect(await courseInsightsAndTrend(handle.db, f)).toEqual({
        courses: await courseInsights(handle.db, f),
        trend: await completionTrend(handle.db, f),
      });
  });

  it("exports every month of the period: 0 where nobody completed, no data (empty, never 0) outside the learning data", async () => {
    const current = new Date().toISOString().slice(0, 7);
    // The CSV waits for the stored figures (on PostgreSQL the view worker loads the app's modules first: seconds).
    computationHooks.pageWaitMs = 120_000;
    const rows = async (f: Record<string, string>) => {
      const res = (await insightsCsv(handle.db, "trend", f))!;
      return parse(await res.text(), { columns: true }) as {
        month: string;
        course_completions: string;
        note: string;
      }[];
    };
    // Learning data begins 2026-01 (the first progress row) and runs through the current month.
    const period = await rows({ from: "2025-11-01", to: "2026-04-30" });
    expect(period.map((r) => [r.month, r.course_completions])).toEqual([
      ["2025-11", ""],
      ["2025-12", ""],
      ["2026-01", "1"],
      ["2026-02", "1"],
      ["2026-03", "0"],
      ["2026-04", "0"],
    ]);
    expect(period[0]!.note).toMatch(/^no data: before the first recorded learning activity/);
    const all = await rows({});
    delete computationHooks.pageWaitMs;
    expect(all[0]).toMatchObject({ month: "2026-01", course_completions: "1" });
    expect(all[all.length - 1]).toMatchObject({ month: current, course_completions: "0", note: "month in progress" });
    expect(all.every((r) => r.course_completions !== "")).toBe(true);
    const months = all.map((r) => r.month);
    expect(new Set(months).size).toBe(months.length);
    expect(months.length).toBe((Number(current.slice(0, 4)) - 2026) * 12 + Number(current.slice(5)));
  });
});

describe("content insights cache (per data version)", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let clock = 0;
  let computations = 0;
  type Overview = Awaited<ReturnType<typeof computeInsightsOverview>>;
  type CoursePage = Awaited<ReturnType<typeof computeCourseInsightsPage>>;
  const overviews = createInsightsCache<Overview>(() => clock);
  const pages = createInsightsCache<CoursePage>(() => clock);
  const overview = () =>
    overviews.get(handle.db, "all", () => {
      computations++;
      return computeInsightsOverview(handle.db, {});
    });
  const page = () =>
    pages.get(handle.db, "fixture-basics", () => computeCourseInsightsPage(handle.db, "fixture-basics", {}));
  const completedIn = (o: Overview) => o.courses.find((c) => c.id === "fixture-basics")!;
  let learner: { id: string; accountId: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    await syncFixtureContent(handle.db);
    const account = await createAccount(handle.db, { segment: "smb", name: "Cache Co" });
    const user = await createUser(handle.db, { accountId: account.id });
    learner = { id: user.id, accountId: account.id };
  });
  afterAll(async () => {
    await handle.dropDatabase();
  });

  it("computes once while nothing changes", async () => {
    const first = await overview();
    expect(await overview()).toBe(first);
    expect(computations).toBe(1);
    expect(await page()).toBe(await page());
  });

  it("a completed lesson shows within the lag: served as is while young, then refreshed in the background", async () => {
    const cached = await overview();
    const cachedPage = await page();
    const count = computations;
    expect(completedIn(cached).enrolled).toBe(0);
    expect(await completeLesson(handle.db, learner, "fixture-basics", "fixture-first")).toMatchObject({
      status: "completed",
      newlyCompleted: true,
    });

    clock += PROGRESS_LAG_MS - 1;
    expect(await overview()).toBe(cached);
    expect(computations).toBe(count);

    clock += 2;
    expect(await overview()).toBe(cached); // too old: served once more while a fresh one is computed
    expect(computations).toBe(count + 1);
    await expect.poll(async () => completedIn(await overview()).enrolled, { timeout: 30_000 }).toBe(1);
    expect(computations).toBe(count + 1);
    await expect.poll(async () => (await page())?.funnel[0]?.completed, { timeout: 30_000 }).toBe(1);
    expect(await page()).not.toBe(cachedPage);
  });

  it("an account edit (segment) recomputes on the next request", async () => {
    const before = await overview();
    await handle.db
      .update(accounts)
      .set({ segment: "enterprise", updatedAt: new Date(Date.now() + 60_000) })
      .where(eq(accounts.id, learner.accountId));
    const after = await overview();
    expect(after).not.toBe(before);
  });
});

describe("content insights stored for a fresh process (report_snapshots, namespace insights)", () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let computations = 0;
  type Overview = Awaited<ReturnType<typeof computeInsightsOverview>>;
  type CoursePage = Awaited<ReturnType<typeof computeCourseInsightsPage>>;
  const code = async () => "build-1";
  /** A new process: empty in-process caches over the same database. */
  const fresh = () => ({
    overviews: createInsightsCache<Overview>(Date.now, new ReportSnapshots<Overview>(code, "insights")),
    pages: createInsightsCache<CoursePage>(Date.now, new ReportSnapshots<CoursePage>(code, "insights-course")),
  });
  const both = async ({ overviews, pages }: ReturnType<typeof fresh>) => ({
    overview: await overviews.get(handle.db, "all", () => {
      computations++;
      return computeInsightsOverview(handle.db, {});
    }),
    page: await pages.get(handle.db, "fixture-basics", () => {
      computations++;
      return computeCourseInsightsPage(handle.db, "fixture-basics", {});
    }),
  });

  beforeAll(async () => {
    handle = await createTestDatabase();
    await syncFixtureContent(handle.db);
    const account = await createAccount(handle.db, { segment: "smb", name: "Stored Co" });
    const user = await createUser(handle.db, { accountId: account.id });
    await completeLesson(handle.db, { id: user.id, accountId: account.id }, "fixture-basics", "fixture-first");
  });
  afterAll(async () => {
    await handle.dropDatabase();
  });

  it("serves the stored pages to a new process without recomputing, equal to a fresh computation", async () => {
    const first = await both(fresh());
    expect(computations).toBe(2);
    const served = await both(fresh());
    expect(computations).toBe(2);
    expect(served.overview).toEqual(await computeInsightsOverview(handle.db, {}));
    expect(served.page).toEqual(await computeCourseInsightsPage(handle.db, "fixture-basics", {}));
    expect(served).toEqual(first);
    // Each namespace holds its own row; the report's keys are never touched by the insights' pruning.
    const keys = (await handle.db.select({ key: reportSnapshots.filtersKey }).from(reportSnapshots)).map((r) => r.key);
    expect(keys.sort()).toEqual(["insights-course:fixture-basics", "insights:all"]);
  });

  it("a sync that changes nothing keeps the stored pages; a new account (segments) recomputes", async () => {
    await syncFixtureContent(handle.db);
    await both(fresh());
    expect(computations).toBe(2);
    await createAccount(handle.db, { segment: "enterprise", name: "Newer Co" });
    await both(fresh());
    expect(computations).toBe(4);
  });
});
