import type { Db } from "#db/index";
import { learnerHomeForEmail } from "./learner-recommendations.server";

export interface EmbedWidgetModel {
  learnerName: string;
  /** The course the widget points to: the one in progress, else the top recommendation; null = nothing left. */
  next: {
    courseId: string;
    title: string;
    summary: string;
    reason: string;
    lessonCount: number;
    completedCount: number;
    remainingMinutes: number;
    started: boolean;
  } | null;
  progress: { coursesCompleted: number; courses: number; lessonsCompleted: number; lessons: number };
}

/**
 * What the embedded "next course for you" widget shows for a learner: the course in progress (the home
 * page's "continue where you left off"), else the first of the home page's recommendations with its first
 * reason, and the learner's progress over the published catalog. Null when the email is not an active
 * learner of the account the token names (the widget then offers to start at the academy).
 */
export async function embedWidgetFor(
  db: Db,
  email: string,
  accountExternalId: string,
): Promise<EmbedWidgetModel | null> {
  const home = await learnerHomeForEmail(db, email);
  if (!home || home.account.externalId !== accountExternalId) return null;
  const byId = new Map(home.catalog.map((c) => [c.id, c]));
  let next: EmbedWidgetModel["next"] = null;
  const resumed = home.resume ? byId.get(home.resume.courseId) : undefined;
  if (resumed && home.resume) {
    next = {
      courseId: resumed.id,
      title: resumed.title,
      summary: resumed.summary,
      reason: `Continue with lesson ${home.resume.lessonNumber}: ${home.resume.lessonTitle}`,
      lessonCount: resumed.lessonCount,
      completedCount: resumed.completedCount,
      remainingMinutes: resumed.remainingMinutes,
      started: true,
    };
  } else {
    const top = home.recommendations[0];
    const course = top ? byId.get(top.courseId) : undefined;
    if (top && course) {
      next = {
        courseId: course.id,
        title: course.title,
        summary: course.summary,
        reason: top.reasons[0]?.text ?? "Recommended for you",
        lessonCount: course.lessonCount,
        completedCount: course.completedCount,
        remainingMinutes: course.remainingMinutes,
        started: top.started,
      };
    }
  }
  const counted = home.catalog.filter((c) => c.lessonCount > 0);
  return {
    learnerName: home.learner.name,
    next,
    progress: {
      coursesCompleted: counted.filter((c) => c.completed).length,
      courses: counted.length,
      lessonsCompleted: counted.reduce((n, c) => n + c.completedCount, 0),
      lessons: counted.reduce((n, c) => n + c.lessonCount, 0),
    },
  };
}
