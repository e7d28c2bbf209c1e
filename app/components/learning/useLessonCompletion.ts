import { replyError, type LessonReply } from "#app/learning/lesson-reply";
import { useLessonSubmission } from "./useLessonSubmission";

/** "Mark complete" for one lesson (useLessonSubmission.ts): pending while sent, and any refusal. */
export function useLessonCompletion(courseId: string, lessonId: string) {
  const { Form, busy, reply } = useLessonSubmission<LessonReply>(`complete:${courseId}/${lessonId}`);
  return { Form, completing: busy, error: replyError(reply, "complete") };
}
