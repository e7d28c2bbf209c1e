import { Link } from "@remix-run/react";
import { useT } from "#app/i18n/useT";
import type { HistoryEntry } from "#app/learning/history.server";

const VERBS = new Set(["started", "completed", "attempted", "passed", "failed", "certified", "rated"]);
const when = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: "UTC",
});

/** The learner's own learning log in words. */
export function HistoryList({ items }: { items: HistoryEntry[] }) {
  const t = useT();
  if (items.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("history.empty")}</p>;
  return (
    <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
      {items.map((e, i) => {
        const target =
          e.lessonId && e.courseId ? (
            <Link to={`/courses/${e.courseId}/${e.lessonId}`} className="font-medium hover:underline">
              {e.lessonTitle}
            </Link>
          ) : e.courseId ? (
            <Link to={`/courses/${e.courseId}`} className="font-medium hover:underline">
              {e.courseTitle}
            </Link>
          ) : (
            <span>{e.objectType}</span>
          );
        return (
          <li key={i} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-center sm:gap-4">
            <time dateTime={e.occurredAt} className="shrink-0 text-slate-600 sm:w-44 dark:text-slate-400">
              {when.format(new Date(e.occurredAt))} UTC
            </time>
            <span className="min-w-0 flex-1">
              {VERBS.has(e.verb) ? t(`history.${e.verb}`) : e.verb} {target}
              {e.objectType === "quiz" && e.score !== null && e.score !== undefined ? (
                <span>
                  {" "}
                  — {e.score}%{e.verb === "failed" ? t("history.notPassed") : ""}
                </span>
              ) : null}
              {e.lessonId && e.courseTitle ? (
                <span className="text-slate-600 dark:text-slate-400"> · {e.courseTitle}</span>
              ) : null}
              {e.certificateCode ? (
                <>
                  {" "}
                  ·{" "}
                  <Link
                    to={`/certificates/${e.certificateCode}`}
                    className="text-brand-700 underline dark:text-brand-100"
                  >
                    {t("history.view")}
                  </Link>
                </>
              ) : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
