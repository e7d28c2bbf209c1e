import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import type { Executor } from "#db/client";
import type { LessonReply } from "#app/learning/lesson-reply";
import {
  CourseSurveyForm,
  LessonFeedbackForm,
  saveCourseSurvey,
  saveLessonFeedback,
} from "#app/learning/feedback.server";
import { findVisibleLesson } from "#app/learning/progress.server";
import { missingPrerequisites } from "#app/learning/prerequisites.server";

/** The rating or survey form's outcome: the page's reply, or why there is no page to reply on. */
export type FeedbackOutcome =
  Extract<LessonReply, { status: "saved" | "invalid" | "refused" }> | { status: "not_found" | "locked" };

/**
 * The lesson page's rating and end-of-course survey forms (intent=rate | survey), parsed with conform.
 * Returns an outcome; the action turns it into the HTTP answer.
 */
export async function handleFeedbackIntent(
  db: Executor,
  learner: { id: string; accountId: string },
  intent: "rate" | "survey",
  form: FormData,
  courseId: string,
  lessonId: string,
): Promise<FeedbackOutcome> {
  const found = await findVisibleLesson(db, courseId, lessonId);
  if (!found) return { status: "not_found" };
  if ((await missingPrerequisites(db, learner.id, found.course.prerequisites)).length) return { status: "locked" };
  if (intent === "rate") {
    const submission = parseWithZod(form, { schema: LessonFeedbackForm });
    if (submission.status !== "success") return invalid(intent, submission.reply());
    const saved = await saveLessonFeedback(db, learner, lessonId, submission.value);
    if (saved.status === "not_found") return { status: "not_found" };
    return { intent, status: "saved" };
  }
  const submission = parseWithZod(form, { schema: CourseSurveyForm });
  if (submission.status !== "success") return invalid(intent, submission.reply());
  const saved = await saveCourseSurvey(db, learner, courseId, found.course.contentHash, submission.value);
  if (saved.status === "course_not_complete")
    return { intent, status: "refused", error: "Finish the course before rating it." };
  return { intent, status: "saved" };
}

function invalid(intent: "rate" | "survey", result: SubmissionResult<string[]>): FeedbackOutcome {
  const first = Object.values(result.error ?? {}).find((messages) => messages?.length)?.[0];
  return { intent, status: "invalid", error: first ?? "Check your answer.", result };
}
