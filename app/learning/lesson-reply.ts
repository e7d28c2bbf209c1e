import type { SubmissionResult } from "@conform-to/react";

/** The lesson page's forms, named by the `intent` field each one posts. */
export type LessonIntent = "complete" | "quiz" | "rate" | "survey";

/**
 * The one answer of the lesson page's action (docs/architecture.md, "Forms"): tagged by the form that
 * posted (`intent`) and what became of it (`status`), so the page and its fetchers switch on the tag
 * instead of probing for fields. `refused` carries the sentence to show; `invalid` carries conform's
 * submission result (field errors, for the rating and survey forms) and its first message.
 */
export type LessonReply =
  | { intent: "complete"; status: "completed"; certificateCode: string | null }
  | { intent: "quiz"; status: "graded" }
  | { intent: "rate" | "survey"; status: "saved" }
  | { intent: "rate" | "survey"; status: "invalid"; error: string; result: SubmissionResult<string[]> }
  | { intent: LessonIntent | null; status: "refused"; error: string };

/** What the form that posted `intent` should show as its error, if this reply is its answer. */
export function replyError(reply: LessonReply | undefined, intent: LessonIntent): string | null {
  if (!reply || reply.intent !== intent) return null;
  return reply.status === "refused" || reply.status === "invalid" ? reply.error : null;
}

/** Whether this reply says the form that posted `intent` was saved. */
export const replySaved = (reply: LessonReply | undefined, intent: LessonIntent) =>
  reply?.intent === intent && reply.status === "saved";
