import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/index";
import { courseSurveys, learningEvents, lessonFeedback, lessons } from "#db/schema/index";
import { isCourseComplete, type Learner } from "./progress.server";

/** Form schemas: a 1–5 rating with an optional comment; a 0–10 recommendation with what to improve. */
export const LessonFeedbackForm = z.object({
  rating: z.coerce
    .number({ invalid_type_error: "Choose a rating from 1 to 5." })
    .int()
    .min(1, "Choose a rating from 1 to 5.")
    .max(5, "Choose a rating from 1 to 5."),
  comment: z
    .string()
    .trim()
    .max(2000, "Keep comments under 2,000 characters.")
    .optional()
    .transform((v) => v || null),
});
export const CourseSurveyForm = z.object({
  recommend: z.coerce
    .number({ invalid_type_error: "Choose a number from 0 to 10." })
    .int()
    .min(0, "Choose a number from 0 to 10.")
    .max(10, "Choose a number from 0 to 10."),
  improve: z
    .string()
    .trim()
    .max(2000, "Keep it under 2,000 characters.")
    .optional()
    .transform((v) => v || null),
});

/** One rating per learner and lesson (editable); stores the content version the learner saw. */
export async function saveLessonFeedback(
  db: Db,
  learner: Learner,
  lessonId: string,
  input: z.infer<typeof LessonFeedbackForm>,
): Promise<{ status: "saved" | "not_found" }> {
  return db.transaction(async (tx) => {
    const [lesson] = await tx
      .select({ contentHash: lessons.contentHash })
      .from(lessons)
      .where(eq(lessons.id, lessonId));
    if (!lesson) return { status: "not_found" as const };
    await tx
      .insert(lessonFeedback)
      .values({
        userId: learner.id,
        accountId: learner.accountId,
        lessonId,
        rating: input.rating,
        comment: input.comment,
        contentHash: lesson.contentHash,
      })
      .onConflictDoUpdate({
        target: [lessonFeedback.userId, lessonFeedback.lessonId],
        set: { rating: input.rating, comment: input.comment, contentHash: lesson.contentHash, updatedAt: sql`now()` },
      });
    await tx.insert(learningEvents).values({
      userId: learner.id,
      accountId: learner.accountId,
      verb: "rated",
      objectType: "lesson",
      objectId: lessonId,
      result: { score: input.rating / 5 },
      contentHash: lesson.contentHash,
    });
    return { status: "saved" as const };
  });
}

/** End-of-course survey, only once the learner completed the course; one per learner, editable. */
export async function saveCourseSurvey(
  db: Db,
  learner: Learner,
  courseId: string,
  contentHash: string,
  input: z.infer<typeof CourseSurveyForm>,
): Promise<{ status: "saved" | "course_not_complete" }> {
  if (!(await isCourseComplete(db, learner.id, courseId))) return { status: "course_not_complete" };
  await db
    .insert(courseSurveys)
    .values({
      userId: learner.id,
      accountId: learner.accountId,
      courseId,
      recommend: input.recommend,
      improve: input.improve,
      contentHash,
    })
    .onConflictDoUpdate({
      target: [courseSurveys.userId, courseSurveys.courseId],
      set: { recommend: input.recommend, improve: input.improve, contentHash, updatedAt: sql`now()` },
    });
  return { status: "saved" };
}
