import { useLessonSubmission } from "./useLessonSubmission";

interface CompletionResult {
  error?: string | null;
}

/** "Mark complete" for one lesson (useLessonSubmission.ts): pending while sent, and any refusal. */
export function useLessonCompletion(courseId: string, lessonId: string) {
  const { Form, busy, reply } = useLessonSubmission<CompletionResult>(`complete:${courseId}/${lessonId}`);
  return { Form, completing: busy, error: reply?.error ?? null };
}
