import type { Db } from "#db/index";
import { courseInsights, type CourseInsight } from "./course-insights.server";
import type { InsightsFilters } from "./filters";
import { lessonFunnels, questionInsights, type QuestionInsight } from "./lesson-insights.server";

export interface HealthItem {
  kind: "drop-off" | "rating" | "question";
  courseId: string;
  lessonId: string;
  title: string;
  sourcePath: string;
  detail: string;
  score: number;
  n: number;
}

/** Minimum sample sizes before a lesson or question is flagged (avoid judging on 2 learners). */
export const MIN_REACHED = 5;
export const MIN_RATINGS = 3;
export const MIN_FIRST_TRIES = 5;

/**
 * Lessons with the worst drop-off, the lowest rating and the hardest questions, worst first. The
 * overview passes the course list and question figures it already has, so nothing is queried twice.
 */
export async function contentHealth(
  db: Db,
  f: InsightsFilters,
  limit = 5,
  known: { courses?: CourseInsight[]; questions?: QuestionInsight[] } = {},
): Promise<{ dropOff: HealthItem[]; rating: HealthItem[]; questions: HealthItem[] }> {
  const [courses, funnels, allQuestions] = await Promise.all([
    known.courses ?? courseInsights(db, f),
    lessonFunnels(db, f),
    known.questions ?? questionInsights(db),
  ]);
  const steps = courses.flatMap((c) => (funnels.get(c.id) ?? []).map((s) => ({ ...s, courseId: c.id })));
  const dropOff = steps
    .filter((s) => s.reached >= MIN_REACHED && s.dropOffRate !== null && s.droppedHere > 0)
    .sort((a, b) => b.dropOffRate! - a.dropOffRate!)
    .slice(0, limit)
    .map((s) => ({
      kind: "drop-off" as const,
      courseId: s.courseId,
      lessonId: s.id,
      title: s.title,
      sourcePath: s.sourcePath,
      detail: `${Math.round(s.dropOffRate! * 100)}% stop here (${s.droppedHere} of ${s.reached})`,
      score: s.dropOffRate!,
      n: s.reached,
    }));
  const rating = steps
    .filter((s) => s.ratings >= MIN_RATINGS && s.averageRating !== null)
    .sort((a, b) => a.averageRating! - b.averageRating!)
    .slice(0, limit)
    .map((s) => ({
      kind: "rating" as const,
      courseId: s.courseId,
      lessonId: s.id,
      title: s.title,
      sourcePath: s.sourcePath,
      detail: `rated ${s.averageRating!.toFixed(1)} / 5 by ${s.ratings}`,
      score: s.averageRating!,
      n: s.ratings,
    }));
  const courseOf = new Map(steps.map((s) => [s.id, s.courseId]));
  const questions = allQuestions
    .filter((q) => q.firstTries >= MIN_FIRST_TRIES && q.firstTryCorrectRate !== null)
    .slice(0, limit)
    .map((q) => ({
      kind: "question" as const,
      courseId: courseOf.get(q.lessonId) ?? "",
      lessonId: q.lessonId,
      title: `${q.lessonTitle}: ${q.questionText ?? q.questionId}`,
      sourcePath: q.sourcePath,
      detail: `${Math.round(q.firstTryCorrectRate! * 100)}% right first time (n=${q.firstTries})${q.commonWrongAnswer ? `; most chosen wrong answer: “${q.commonWrongAnswer}”` : ""}`,
      score: q.firstTryCorrectRate!,
      n: q.firstTries,
    }));
  return { dropOff, rating, questions };
}
