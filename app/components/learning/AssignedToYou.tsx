import { Link } from "@remix-run/react";
import { StageBadge } from "#app/components/ui/StageBadge";
import { useT } from "#app/i18n/useT";

export interface AssignedData {
  courseId: string;
  title: string;
  stage: string;
  dueOn: string | null;
  state: "open" | "completed" | "overdue";
  lessonCount: number;
  lessonsCompleted: number;
}

const formatDue = (d: string) =>
  new Date(`${d}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });

/** "Assigned to you": courses the learner's team assigned, open ones first by due date, overdue flagged. */
export function AssignedToYou({ items }: { items: AssignedData[] }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="assigned-heading" data-testid="assigned-to-you">
      <h2 id="assigned-heading" className="text-xl font-semibold">
        {t("assigned.title")}
      </h2>
      <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
        {items.map((a) => (
          <li
            key={a.courseId}
            data-assignment={a.courseId}
            data-state={a.state}
            className="flex flex-wrap items-center gap-3 p-4"
          >
            <StageBadge stage={a.stage} />
            <Link to={`/courses/${a.courseId}`} className="font-semibold hover:underline">
              {a.title}
            </Link>
            <span className="text-sm text-slate-600 dark:text-slate-400">
              {t("assigned.lessons", { done: a.lessonsCompleted, count: a.lessonCount })}
            </span>
            <span className="ml-auto text-sm">
              {a.state === "completed" ? (
                <span className="font-semibold text-emerald-700 dark:text-emerald-300">{t("assigned.completed")}</span>
              ) : a.state === "overdue" ? (
                <span className="font-semibold text-red-700 dark:text-red-300">
                  {t("assigned.overdue", { date: formatDue(a.dueOn!) })}
                </span>
              ) : a.dueOn ? (
                <span className="text-slate-800 dark:text-slate-200">
                  {t("assigned.due", { date: formatDue(a.dueOn) })}
                </span>
              ) : (
                <span className="text-slate-600 dark:text-slate-400">{t("assigned.noDue")}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
