import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";
import { useLessonCompletion } from "./useLessonCompletion";
import { useT } from "#app/i18n/useT";
import type { WatchRuleView } from "./useVideoShares";
import { watchRuleText } from "#app/learning/video-watch";

interface Props {
  courseId: string;
  lessonId: string;
  completed: boolean;
  canTrack: boolean;
  isStaffPreview: boolean;
  openedAt: number;
  next: { id: string; title: string } | null;
  prev: { id: string; title: string } | null;
  error: string | null;
  /** The lesson's video rule with the learner's live share (null: no rule). */
  watchRule?: WatchRuleView | null;
}

/**
 * Bottom of a lesson: "Mark complete" (a plain form; once JS runs, a fetcher shown optimistically
 * that survives the learner moving on at once, see useLessonCompletion) and previous/next.
 * Without JS the form carries the render time so the server can record time on the lesson; with JS
 * the heartbeat does that, so the field is dropped after hydration (no double counting).
 */
export function CompletionBar(p: Props) {
  const t = useT();
  const { Form, completing, error: fetcherError } = useLessonCompletion(p.courseId, p.lessonId);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const completed = p.completed || completing;
  // A refusal ("pass the quiz first") no longer applies once the lesson is complete (the fetcher keeps
  // its last answer after the quiz, a different form, completed the lesson).
  const error = completed ? null : (fetcherError ?? p.error);
  // Until the share is reached the button waits (once JS runs, shares update live); without JS the
  // server refuses with the same rule and the form re-renders with it.
  const waiting = hydrated && !!p.watchRule && !p.watchRule.met;
  return (
    <div className="mt-10 border-t border-slate-200 pt-6 dark:border-slate-800">
      {p.watchRule && !completed ? (
        <p
          id={`watch-rule-${p.lessonId}`}
          data-testid="watch-rule"
          className={`mb-3 text-sm ${p.watchRule.met ? "text-emerald-800 dark:text-emerald-300" : "text-slate-700 dark:text-slate-300"}`}
        >
          {p.watchRule.met ? "✓ " : ""}
          {watchRuleText(p.watchRule, t)}
          {p.canTrack ? t("lesson.watched", { percent: p.watchRule.percent }) : "."}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        {p.canTrack ? (
          completed ? (
            <p className="font-medium text-emerald-800 dark:text-emerald-300" role="status">
              {t("lesson.completed")}
              {completing ? (
                <span className="ml-1 text-sm font-normal text-slate-600 dark:text-slate-400">
                  {t("lesson.saving")}
                </span>
              ) : null}
            </p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="complete" />
              {hydrated ? null : <input type="hidden" name="openedAt" value={p.openedAt} />}
              <button
                type="submit"
                className={`${buttonClass} disabled:cursor-not-allowed disabled:opacity-50`}
                disabled={waiting}
                aria-describedby={p.watchRule ? `watch-rule-${p.lessonId}` : undefined}
              >
                {t("lesson.markComplete")}
              </button>
            </Form>
          )
        ) : p.isStaffPreview ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("lesson.staffPreview")}</p>
        ) : null}
        {completed && p.next ? (
          <Link to={`/courses/${p.courseId}/${p.next.id}`} className={buttonClass}>
            {t("lesson.nextLesson")}
          </Link>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <nav
        aria-label={t("lesson.lessonsNav")}
        className="mt-6 flex flex-col gap-3 text-sm sm:flex-row sm:justify-between"
      >
        {p.prev ? (
          <Link
            to={`/courses/${p.courseId}/${p.prev.id}`}
            rel="prev"
            className={`${secondaryButtonClass} justify-start`}
          >
            <span aria-hidden>←&nbsp;</span>
            <span>
              <span className="sr-only">{t("lesson.prevSr")}</span>
              {p.prev.title}
            </span>
          </Link>
        ) : (
          <span />
        )}
        {p.next ? (
          <Link to={`/courses/${p.courseId}/${p.next.id}`} rel="next" className={`${secondaryButtonClass} justify-end`}>
            <span>
              <span className="sr-only">{t("lesson.nextSr")}</span>
              {p.next.title}
            </span>
            <span aria-hidden>&nbsp;→</span>
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
