import type { Db } from "#db/index";
import { csvResponse } from "#app/utils/csv.server";
import { contentHealth } from "./content-health.server";
import {
  completionsByMonth,
  courseInsights,
  courseInsightsAndTrend,
  learningDataMonths,
} from "./course-insights.server";
import type { InsightsFilters } from "./filters";
import { lessonComments, lessonFunnel, questionInsights } from "./lesson-insights.server";
import { eq, isNull } from "drizzle-orm";
import { courses as courseTable } from "#db/schema/index";
import { ReportSnapshots } from "../report/snapshots.server";
import { pageWaitMs, yieldToRequests } from "../report/computations.server";
import { computingResponse } from "../report/computing-response.server";
import { createInsightsCache } from "./cache.server";
import type { ComputeContext } from "../report/cache.server";
import { computeView } from "../report/view-worker.server";
import { videoWatchThrough } from "./video-insights.server";

export { parseInsightsFilters, filtersToQuery, type InsightsFilters } from "./filters";

const pct = (v: number | null) => (v === null ? "" : Math.round(v * 1000) / 10);
const minutes = (s: number | null) => (s === null ? "" : Math.round(s / 6) / 10);

/** Data of the insights overview page, computed afresh (scripts, tests). */
export async function computeInsightsOverview(db: Db, f: InsightsFilters) {
  const [{ courses, trend }, questions, learning] = await Promise.all([
    courseInsightsAndTrend(db, f),
    questionInsights(db),
    learningDataMonths(db),
  ]);
  const health = await contentHealth(db, f, 5, { courses, questions });
  return { courses, trend, months: completionsByMonth(trend, f, learning), health };
}

/** Data of one course's insights page (null when the course does not exist), computed afresh. */
export async function computeCourseInsightsPage(db: Db, courseId: string, f: InsightsFilters) {
  const [funnel, comments, questions, courses, videos] = await Promise.all([
    lessonFunnel(db, courseId, f),
    lessonComments(db, courseId),
    questionInsights(db, { courseId }),
    courseInsights(db, f),
    videoWatchThrough(db, courseId, f),
  ]);
  const course = courses.find((c) => c.id === courseId);
  return course ? { course, funnel, comments, questions, videos } : null;
}

// Per data version (./cache.server.ts): at 10,000 accounts a computation reads ~2M progress rows.
type Overview = Awaited<ReturnType<typeof computeInsightsOverview>>;
type CoursePage = Awaited<ReturnType<typeof computeCourseInsightsPage>>;
const overviewCache = createInsightsCache<Overview>(Date.now, new ReportSnapshots<Overview>(undefined, "insights"));
const courseCache = createInsightsCache<CoursePage>(
  Date.now,
  new ReportSnapshots<CoursePage>(undefined, "insights-course"),
);

/** The caches' computations: in the view worker when there is one (report/view-worker.server.ts). */
const overviewStored =
  (db: Db, f: InsightsFilters) =>
  ({ priority }: ComputeContext) =>
    computeView(db, { kind: "insights", filters: f }, () => computeInsightsOverview(db, f), priority);
const courseStored =
  (db: Db, courseId: string, f: InsightsFilters) =>
  ({ priority }: ComputeContext) =>
    computeView(
      db,
      { kind: "course", courseId, filters: f },
      () => computeCourseInsightsPage(db, courseId, f),
      priority,
    );

const overviewKey = (f: InsightsFilters) => JSON.stringify(f);
const courseKey = (courseId: string, f: InsightsFilters) => JSON.stringify([courseId, f]);

/**
 * The overview as the pages serve it: stored per data version (learners' progress shows within the lag),
 * never waiting more than pageWaitMs() for a computation (report/view-state.ts).
 */
export function insightsOverviewView(db: Db, f: InsightsFilters) {
  return overviewCache.view(db, overviewKey(f), overviewStored(db, f), { waitMs: pageWaitMs() });
}

/** One course's insights as the pages serve it (like the overview). */
export function courseInsightsView(db: Db, courseId: string, f: InsightsFilters) {
  return courseCache.view(db, courseKey(courseId, f), courseStored(db, courseId, f), {
    waitMs: pageWaitMs(),
  });
}

/** A course's title (null when there is no such course): the page's heading while its figures compute. */
export async function courseTitle(db: Db, courseId: string) {
  const [row] = await db.select({ title: courseTable.title }).from(courseTable).where(eq(courseTable.id, courseId));
  return row?.title ?? null;
}

/** Makes sure the overview and every course's page (no filters) are stored for the current versions. */
export async function warmInsights(db: Db) {
  await overviewCache.ensure(db, overviewKey({}), overviewStored(db, {}));
  const ids = await db
    .select({ id: courseTable.id })
    .from(courseTable)
    .where(isNull(courseTable.archivedAt))
    .orderBy(courseTable.id);
  for (const { id } of ids) {
    await yieldToRequests();
    await courseCache.ensure(db, courseKey(id, {}), courseStored(db, id, {}));
  }
}

/**
 * CSV of one insights table (funnel/comments/questions need a course id); null when unknown. Never older
 * figures: while they are being computed, throws a 503 answer with Retry-After.
 */
export async function insightsCsv(
  db: Db,
  table: string,
  f: InsightsFilters,
  courseId?: string,
): Promise<Response | null> {
  const overview = async () => {
    const state = await insightsOverviewView(db, f);
    if (state.status !== "current") throw computingResponse(state, "text");
    return state.value;
  };
  if (table === "courses") {
    const { courses } = await overview();
    return csvResponse(
      "course-insights.csv",
      [
        "course_id",
        "title",
        "stage",
        "enrolled",
        "started",
        "completed",
        "completion_rate_pct",
        "median_minutes_to_complete",
        "average_rating",
        "ratings",
        "course_nps",
        "surveys",
        "certificates",
      ],
      courses.map((c) => [
        c.id,
        c.title,
        c.stage,
        c.enrolled,
        c.started,
        c.completed,
        pct(c.completionRate),
        minutes(c.medianSecondsToComplete),
        c.averageRating?.toFixed(2) ?? "",
        c.ratings,
        c.nps ?? "",
        c.surveys,
        c.certificates,
      ]),
    );
  }
  if (table === "trend") {
    const { months } = await overview();
    return csvResponse(
      "course-completions-by-month.csv",
      ["month", "course_completions", "note"],
      months.map((t) => [t.month, t.completions ?? "", t.note]),
    );
  }
  if (table === "health") {
    const { health } = await overview();
    const all = [...health.dropOff, ...health.rating, ...health.questions];
    return csvResponse(
      "content-health.csv",
      ["kind", "course_id", "lesson_id", "title", "detail", "n", "source_path"],
      all.map((h) => [h.kind, h.courseId, h.lessonId, h.title, h.detail, h.n, h.sourcePath]),
    );
  }
  if (!courseId) return null;
  const state = await courseInsightsView(db, courseId, f);
  if (state.status !== "current") throw computingResponse(state, "text");
  const page = state.value;
  if (!page) return null;
  if (table === "funnel") {
    return csvResponse(
      `${courseId}-lesson-funnel.csv`,
      [
        "position",
        "lesson_id",
        "title",
        "reached",
        "completed",
        "dropped_here",
        "drop_off_pct",
        "median_minutes_on_lesson",
        "average_rating",
        "ratings",
        "source_path",
      ],
      page.funnel.map((s) => [
        s.position,
        s.id,
        s.title,
        s.reached,
        s.completed,
        s.droppedHere,
        pct(s.dropOffRate),
        minutes(s.medianSecondsOnLesson),
        s.averageRating?.toFixed(2) ?? "",
        s.ratings,
        s.sourcePath,
      ]),
    );
  }
  if (table === "videos") {
    return csvResponse(
      `${courseId}-video-watch-through.csv`,
      [
        "position",
        "lesson_id",
        "lesson",
        "video",
        "video_key",
        "learners_started",
        "median_watched_pct",
        "require_watch_pct",
        "reached_requirement_pct",
        "source_path",
      ],
      page.videos.map((v) => [
        v.position,
        v.lessonId,
        v.lessonTitle,
        v.videoTitle,
        v.videoKey,
        v.started,
        pct(v.medianShare),
        v.requireWatch ?? "",
        pct(v.reachedRequirementRate),
        v.sourcePath,
      ]),
    );
  }
  if (table === "comments") {
    return csvResponse(
      `${courseId}-comments.csv`,
      ["date", "lesson", "rating", "account", "comment"],
      page.comments.map((c) => [c.updatedAt, c.lessonTitle, c.rating, c.accountName, c.comment]),
    );
  }
  if (table === "questions") {
    return csvResponse(
      `${courseId}-quiz-questions.csv`,
      [
        "lesson",
        "question_id",
        "question",
        "attempts",
        "first_tries",
        "first_try_correct_pct",
        "most_chosen_wrong_answer",
        "times_chosen",
      ],
      page.questions.map((q) => [
        q.lessonTitle,
        q.questionId,
        q.questionText ?? "",
        q.attempts,
        q.firstTries,
        pct(q.firstTryCorrectRate),
        q.commonWrongAnswer ?? "",
        q.commonWrongCount,
      ]),
    );
  }
  return null;
}
