import type { SessionUser } from "#app/auth/session.server";
import { getDb } from "#app/utils/db.server";
import {
  CourseSurveyForm,
  LessonFeedbackForm,
  saveCourseSurvey,
  saveLessonFeedback,
} from "#app/learning/feedback.server";
import { findVisibleLesson } from "#app/learning/progress.server";
import { missingPrerequisites } from "#app/learning/prerequisites.server";

type FeedbackResult = {
  saved: "rate" | "survey" | null;
  ratingError: string | null;
  surveyError: string | null;
  error: null;
};

/** The lesson page's rating and end-of-course survey forms (intent=rate | survey). */
export async function handleFeedbackIntent(
  user: SessionUser & { accountId: string },
  intent: "rate" | "survey",
  form: FormData,
  courseId: string,
  lessonId: string,
): Promise<FeedbackResult> {
  const db = await getDb();
  const found = await findVisibleLesson(db, courseId, lessonId);
  if (!found) throw new Response("Not found", { status: 404 });
  if ((await missingPrerequisites(db, user.id, found.course.prerequisites)).length)
    throw new Response("This course is locked.", { status: 403 });
  const learner = { id: user.id, accountId: user.accountId };
  if (intent === "rate") {
    const parsed = LessonFeedbackForm.safeParse({
      rating: form.get("rating") ?? undefined,
      comment: form.get("comment") ?? undefined,
    });
    if (!parsed.success)
      return {
        saved: null,
        ratingError: parsed.error.issues[0]?.message ?? "Invalid rating.",
        surveyError: null,
        error: null,
      };
    await saveLessonFeedback(db, learner, lessonId, parsed.data);
    return { saved: "rate", ratingError: null, surveyError: null, error: null };
  }
  const parsed = CourseSurveyForm.safeParse({
    recommend: form.get("recommend") ?? undefined,
    improve: form.get("improve") ?? undefined,
  });
  if (!parsed.success)
    return {
      saved: null,
      ratingError: null,
      surveyError: parsed.error.issues[0]?.message ?? "Invalid answer.",
      error: null,
    };
  await saveCourseSurvey(db, learner, courseId, found.course.contentHash, parsed.data);
  return { saved: "survey", ratingError: null, surveyError: null, error: null };
}
