import { useParams } from "@remix-run/react";
import { secondaryButtonClass } from "#app/components/ui/Field";
import { replyError, replySaved, type LessonReply } from "#app/learning/lesson-reply";
import { useLessonSubmission } from "./useLessonSubmission";
import { useT } from "#app/i18n/useT";

const scaleClass =
  "flex cursor-pointer items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-600 has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500 dark:border-slate-600";

/** "Was this lesson helpful?" — a 1–5 rating and optional comment; one per learner, editable. */
export function LessonFeedback({
  current,
  error,
  saved,
}: {
  current: { rating: number; comment: string | null } | null;
  error?: string;
  saved?: boolean;
}) {
  const { courseId, lessonId } = useParams();
  const { Form, busy, reply } = useLessonSubmission<LessonReply>(`rate:${courseId}/${lessonId}`);
  // Both forms post through keyed fetchers (useLessonSubmission.ts); without JS the page passes the reply in.
  const shownError = reply ? (replyError(reply, "rate") ?? undefined) : error;
  const shownSaved = reply ? replySaved(reply, "rate") : saved;
  const t = useT();
  return (
    <Form
      method="post"
      className="no-print mt-8 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      aria-labelledby="lesson-feedback-title"
    >
      <input type="hidden" name="intent" value="rate" />
      <h2 id="lesson-feedback-title" className="font-semibold">
        {t("feedback.title")}
      </h2>
      <fieldset className="mt-3">
        <legend className="sr-only">{t("feedback.legend")}</legend>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-xs text-slate-600 dark:text-slate-400">{t("feedback.notHelpful")}</span>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={scaleClass}>
              <input type="radio" name="rating" value={n} defaultChecked={current?.rating === n} className="sr-only" />
              {n}
            </label>
          ))}
          <span className="text-xs text-slate-600 dark:text-slate-400">{t("feedback.veryHelpful")}</span>
        </div>
      </fieldset>
      <label htmlFor="lesson-comment" className="mt-3 block text-sm font-medium">
        {t("feedback.comment")}
      </label>
      <textarea
        id="lesson-comment"
        name="comment"
        rows={2}
        maxLength={2000}
        defaultValue={current?.comment ?? ""}
        placeholder={t("feedback.placeholder")}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-950"
      />
      {shownError ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {shownError}
        </p>
      ) : null}
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" className={secondaryButtonClass} disabled={busy}>
          {busy ? t("feedback.saving") : current ? t("feedback.update") : t("feedback.send")}
        </button>
        {shownSaved ? (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {t("feedback.saved")}
          </p>
        ) : null}
      </div>
    </Form>
  );
}

/** End-of-course survey: likelihood to recommend (0–10) and what to improve. */
export function CourseSurvey({
  courseTitle,
  current,
  error,
  saved,
}: {
  courseTitle: string;
  current: { recommend: number; improve: string | null } | null;
  error?: string;
  saved?: boolean;
}) {
  const { courseId } = useParams();
  const { Form, busy, reply } = useLessonSubmission<LessonReply>(`survey:${courseId}`);
  const shownError = reply ? (replyError(reply, "survey") ?? undefined) : error;
  const shownSaved = reply ? replySaved(reply, "survey") : saved;
  const t = useT();
  return (
    <Form
      method="post"
      className="no-print mt-6 rounded-xl border border-brand-100 bg-brand-50 p-5 dark:border-slate-700 dark:bg-slate-900"
      aria-labelledby="course-survey-title"
    >
      <input type="hidden" name="intent" value="survey" />
      <h2 id="course-survey-title" className="font-semibold">
        {t("feedback.surveyTitle", { title: courseTitle })}
      </h2>
      <fieldset className="mt-3">
        <legend className="sr-only">0 (not at all likely) to 10 (extremely likely)</legend>
        <div className="flex flex-wrap gap-1.5">
          {Array.from({ length: 11 }, (_, n) => (
            <label key={n} className={scaleClass}>
              <input
                type="radio"
                name="recommend"
                value={n}
                defaultChecked={current?.recommend === n}
                className="sr-only"
              />
              {n}
            </label>
          ))}
        </div>
        <p className="mt-1 flex justify-between text-xs text-slate-600 dark:text-slate-400">
          <span>{t("feedback.notLikely")}</span>
          <span>{t("feedback.veryLikely")}</span>
        </p>
      </fieldset>
      <label htmlFor="course-improve" className="mt-3 block text-sm font-medium">
        {t("feedback.improve")}
      </label>
      <textarea
        id="course-improve"
        name="improve"
        rows={2}
        maxLength={2000}
        defaultValue={current?.improve ?? ""}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-950"
      />
      {shownError ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {shownError}
        </p>
      ) : null}
      <div className="mt-3 flex items-center gap-3">
        <button type="submit" className={secondaryButtonClass} disabled={busy}>
          {busy ? t("feedback.saving") : current ? t("feedback.updateAnswer") : t("feedback.sendAnswer")}
        </button>
        {shownSaved ? (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {t("feedback.thanks")}
          </p>
        ) : null}
      </div>
    </Form>
  );
}
