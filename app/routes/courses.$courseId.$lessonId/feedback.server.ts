import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import type { SessionUser } from "#app/auth/session.server";
import type { LessonReply } from "#app/learning/lesson-reply";
import { getDb } from "#app/utils/db.server";
import {
  CourseSurveyForm,
  LessonFeedbackForm,
  saveCourseSurvey,
  saveLessonFeedback,
} from "#app/learning/feedback.server";
import { findVisibleLesson } from "#app/learning/progress.server";
import { missingPrerequisites } from "#app/learning/prerequisites.server";

/** The lesson page's rating and end-of-course survey forms (intent=rate | survey), parsed with conform. */
export async function handleFeedbackIntent(
  user: SessionUser & { accountId: string },
  intent: "rate" | "survey",
  form: FormData,
  courseId: string,
  lessonId: string,
): Promise<LessonReply> {
  const db = await getDb();
  const found = await findVisibleLesson(db, courseId, lessonId);
  if (!found) throw new Response("Not found", { status: 404 });
  if ((await missingPrerequisites(db, user.id, found.course.prerequisites)).length)
    throw new Response("This course is locked.", { status: 403 });
  const learner = { id: user.id, accountId: user.accountId };
  if (intent === "rate") {
    const submission = parseWithZod(form, { schema: LessonFeedbackForm });
    if (submission.status !== "success") return invalid(intent, submission.reply());
    const saved = await saveLessonFeedback(db, learner, lessonId, submission.value);
    if (saved.status === "not_found") throw new Response("Not found", { status: 404 });
    return { intent, status: "saved" };
  }
  const submission = parseWithZod(form, { schema: CourseSurveyForm });
  if (submission.status !== "success") return invalid(intent, submission.reply());
  const saved = await saveCourseSurvey(db, learner, courseId, found.course.contentHash, submission.value);
  if (saved.status === "course_not_complete")
    return { intent, status: "refused", error: "Finish the course before rating it." };
  return { intent, status: "saved" };
}

function invalid(intent: "rate" | "survey", result: SubmissionResult<string[]>): LessonReply {
  const first = Object.values(result.error ?? {}).find((messages) => messages?.length)?.[0];
  return { intent, status: "invalid", error: first ?? "Check your answer.", result };
}
