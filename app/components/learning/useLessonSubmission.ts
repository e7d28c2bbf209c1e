import { useFetcher } from "@remix-run/react";

/**
 * A lesson-page form ("Mark complete", the quiz, the rating, the course survey) posted through a
 * fetcher keyed by what it submits, not a navigation: a navigation is aborted by the learner's next
 * click, which lost what the page had already shown as sent. A fetcher submission outlives
 * navigations (and, with `v3_fetcherPersist`, the component that started it). Keys name the lesson or
 * course, so the next page's form does not pick up the previous one's pending state. `reply` is the
 * action's answer once it has landed. Without JavaScript the form posts as a page and the answer comes
 * back as action data instead.
 */
export function useLessonSubmission<Reply>(key: string) {
  const fetcher = useFetcher<Reply>({ key });
  const busy = fetcher.state !== "idle";
  return { Form: fetcher.Form, busy, reply: busy ? undefined : fetcher.data };
}
