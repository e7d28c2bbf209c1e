import type { findVisibleLesson } from "./progress.server";

/**
 * Published lessons' content (compiled MDX, headings, quiz, course title and prerequisites…), kept in
 * memory per process. It changes only when content is published, so a reader uses it only after
 * checking the lesson's and course's current content hashes in a statement it runs anyway (the lesson
 * view's learner query); on a mismatch it reads the lesson again.
 */
export type VisibleLesson = NonNullable<Awaited<ReturnType<typeof findVisibleLesson>>>;

const MAX_CACHED = 500;
const cache = new Map<string, VisibleLesson>();
const key = (courseId: string, lessonId: string) => `${courseId}/${lessonId}`;

/** The lesson as last read: possibly stale, so check its hashes before relying on it. */
export function cachedLesson(courseId: string, lessonId: string): VisibleLesson | undefined {
  return cache.get(key(courseId, lessonId));
}

export function rememberLesson(lesson: VisibleLesson) {
  const k = key(lesson.course.id, lesson.lesson.id);
  cache.delete(k);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(k, lesson);
}
