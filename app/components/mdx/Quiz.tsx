import { useEffect, useRef } from "react";
import { useParams } from "@remix-run/react";
import { useLessonSubmission } from "#app/components/learning/useLessonSubmission";
import { replyError, type LessonReply } from "#app/learning/lesson-reply";
import { buttonClass } from "#app/components/ui/Field";
import { useLessonContext } from "./LessonContext";
import { useT } from "#app/i18n/useT";

/**
 * Renders the lesson's quiz from loader data (questions only). Right answers and explanations appear
 * only for a submitted attempt; grading happens on the server (intent=quiz). Works without JavaScript.
 * Submitted through a fetcher keyed by the lesson (useLessonSubmission.ts), so a learner who moves on
 * at once does not lose the attempt and the completion it carries.
 */
export function QuizSlot() {
  const { quiz, video } = useLessonContext();
  const t = useT();
  const { courseId, lessonId } = useParams();
  const { Form, busy: submitting, reply } = useLessonSubmission<LessonReply>(`quiz:${courseId}/${lessonId}`);
  // With JavaScript the refusal comes back to the fetcher; without, as the page's action data.
  const error = replyError(reply, "quiz") ?? quiz?.error;
  const fb = quiz?.feedback;
  // The submit button is disabled while grading, which drops keyboard focus to <body>: once the answer
  // lands, focus moves to it (the score or the error), so keyboard and screen-reader users hear it.
  const result = useRef<HTMLParagraphElement>(null);
  const wasSubmitting = useRef(false);
  useEffect(() => {
    if (submitting) {
      wasSubmitting.current = true;
      return;
    }
    if (!wasSubmitting.current) return;
    wasSubmitting.current = false;
    result.current?.focus();
  }, [submitting, fb?.attempt, error]);
  if (!quiz) return null;
  return (
    <section
      aria-labelledby="quiz-title"
      className="not-prose my-8 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-700 dark:bg-slate-900"
    >
      <h2 id="quiz-title" className="text-xl font-semibold">
        {t("quiz.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {t("quiz.intro", { passMark: quiz.passMark })}
        {quiz.preview ? ` ${t("quiz.previewIntro")}` : ""}
      </p>
      {fb ? (
        <p
          ref={error ? undefined : result}
          tabIndex={-1}
          role="status"
          className={`mt-3 rounded-md p-3 text-sm font-medium ${fb.passed ? "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" : "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100"}`}
        >
          {quiz.preview
            ? t(fb.passed ? "quiz.previewPassed" : "quiz.previewFailed", {
                attempt: fb.attempt,
                score: fb.score,
                passMark: fb.passMark,
              })
            : fb.passed
              ? video?.completionHeld
                ? t("quiz.passedWatch", { score: fb.score })
                : t("quiz.passed", { score: fb.score })
              : t("quiz.failed", { score: fb.score, attempt: fb.attempt, passMark: fb.passMark })}
        </p>
      ) : null}
      {error ? (
        <p ref={result} tabIndex={-1} role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <Form method="post" className="mt-4 space-y-6">
        <input type="hidden" name="intent" value="quiz" />
        {quiz.questions.map((q, qi) => {
          const result = fb?.questions[q.id];
          return (
            <fieldset key={q.id} className="space-y-2">
              <legend className="font-medium">
                {qi + 1}. {q.prompt}
                {q.multiple ? (
                  <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">
                    {t("quiz.chooseAll")}
                  </span>
                ) : null}
              </legend>
              {q.options.map((o) => (
                <label
                  key={o.id}
                  className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 px-3 py-2 hover:bg-slate-50 has-[:checked]:border-brand-500 dark:border-slate-700 dark:hover:bg-slate-800"
                >
                  <input
                    type={q.multiple ? "checkbox" : "radio"}
                    name={`answer.${q.id}`}
                    value={o.id}
                    defaultChecked={result?.chosen.includes(o.id)}
                    className="mt-1"
                  />
                  <span>{o.text}</span>
                </label>
              ))}
              {result ? (
                <p
                  className={`text-sm ${result.correct ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}
                  data-testid={`quiz-result-${q.id}`}
                >
                  {result.correct ? t("quiz.correct") : t("quiz.notQuite")} {result.explanation ?? ""}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        {quiz.canSubmit ? (
          <button type="submit" className={buttonClass} disabled={submitting}>
            {submitting ? t("quiz.checking") : fb ? t("quiz.submitAgain") : t("quiz.submit")}
          </button>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("quiz.staff")}</p>
        )}
      </Form>
    </section>
  );
}
