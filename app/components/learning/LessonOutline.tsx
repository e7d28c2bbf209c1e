import { Link } from "@remix-run/react";
import { useT } from "#app/i18n/useT";

export interface OutlineLesson {
  id: string;
  title: string;
  estimatedMinutes: number;
  completed: boolean;
}

/** The course's lessons in order, with completion ticks; the current lesson is marked aria-current. */
export function LessonOutline({
  courseId,
  lessons,
  currentId,
  label,
}: {
  courseId: string;
  lessons: OutlineLesson[];
  currentId?: string;
  label?: string;
}) {
  const t = useT();
  return (
    <ol
      className="space-y-1 rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
      aria-label={label ?? t("course.lessons")}
    >
      {lessons.map((l, i) => {
        const current = l.id === currentId;
        return (
          <li key={l.id}>
            <Link
              to={`/courses/${courseId}/${l.id}`}
              aria-current={current ? "page" : undefined}
              className={`flex items-center gap-3 rounded-md px-2 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${current ? "bg-brand-50 font-semibold dark:bg-slate-800" : ""}`}
            >
              <span
                aria-hidden
                className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${l.completed ? "bg-emerald-700 text-white" : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"}`}
              >
                {l.completed ? "✓" : i + 1}
              </span>
              <span className="flex-1">{l.title}</span>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                {l.completed ? <span className="sr-only">{t("course.completedSr")}</span> : null}
                {t("card.minutes", { count: l.estimatedMinutes })}
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
