import { Link } from "@remix-run/react";

export interface AssignmentCountsData {
  assigned: number;
  completed: number;
  overdue: number;
  open: number;
}

/** Assigned / completed / overdue counts (learner-course pairs) and the way to assign more. */
export function AssignmentSummary({ counts, assignUrl }: { counts: AssignmentCountsData; assignUrl: string }) {
  const tile = "rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900";
  return (
    <section aria-labelledby="assignments-heading" data-testid="assignment-summary" className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h2 id="assignments-heading" className="text-xl font-semibold">
          Assigned training
        </h2>
        <Link to={assignUrl} className="text-sm font-semibold text-brand-700 hover:underline dark:text-brand-100">
          Assign a course or stage path →
        </Link>
      </div>
      {counts.assigned === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing assigned yet.</p>
      ) : (
        <dl className="grid grid-cols-3 gap-3 sm:max-w-xl">
          <div className={tile}>
            <dt className="text-sm text-slate-600 dark:text-slate-400">Assigned</dt>
            <dd className="text-2xl font-bold tabular-nums" data-count="assigned">
              {counts.assigned}
            </dd>
          </div>
          <div className={tile}>
            <dt className="text-sm text-slate-600 dark:text-slate-400">Completed</dt>
            <dd className="text-2xl font-bold tabular-nums" data-count="completed">
              {counts.completed}
            </dd>
          </div>
          <div className={tile}>
            <dt className="text-sm text-slate-600 dark:text-slate-400">Overdue</dt>
            <dd className="text-2xl font-bold tabular-nums text-red-700 dark:text-red-300" data-count="overdue">
              {counts.overdue}
            </dd>
          </div>
        </dl>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Counts learner–course pairs. Overdue: not completed and past the due date (UTC).
      </p>
    </section>
  );
}
