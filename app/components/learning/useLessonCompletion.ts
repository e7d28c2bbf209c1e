import { useFetcher } from "@remix-run/react";

interface CompletionResult { error?: string | null }

/**
 * "Mark complete" goes through a fetcher keyed by the lesson, not a navigation: a navigation is
 * aborted by the next one, so a learner who clicked "Continue" (or any link) right after "Mark
 * complete" lost the completion the page had already shown as done. A fetcher submission outlives
 * navigations (and, with `v3_fetcherPersist`, the component that started it). The key is per lesson,
 * so the next lesson's bar does not pick up the previous lesson's pending state.
 */
export function useLessonCompletion(courseId: string, lessonId: string) {
  const fetcher = useFetcher<CompletionResult>({ key: `complete:${courseId}/${lessonId}` });
  const completing = fetcher.state !== "idle" && fetcher.formData?.get("intent") === "complete";
  return { Form: fetcher.Form, completing, error: fetcher.state === "idle" ? fetcher.data?.error ?? null : null };
}
