import { StageBadge } from "#app/components/ui/StageBadge";
import { formatCount, formatMoney, formatPct, formatSigned } from "#app/utils/format";
import type { ReportView } from "./view-types";

export function CourseImpactTable({ report }: { report: ReportView }) {
  if (!report.courses.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No account completed a course for the first time in this period.</p>;
  return (
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Per-course impact table">
      <table className="w-full min-w-[760px] text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2.5 [&_td]:pr-4 [&_td]:align-top dark:[&_td]:border-slate-800 [&_th]:pb-2 [&_th]:pr-4">
        <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
          <tr><th scope="col">#</th><th scope="col">Course</th><th scope="col">Completed by</th><th scope="col">Feature adoption before → after</th><th scope="col">Change, 95% CI</th><th scope="col">Expansion in 180 days</th></tr>
        </thead>
        <tbody>
          {report.courses.map((c, i) => (
            <tr key={c.courseId}>
              <td className="tabular-nums">{i + 1}</td>
              <th scope="row" className="pr-4 align-top font-medium"><span className="block">{c.title}</span><span className="mt-1 flex flex-wrap items-center gap-2 text-xs font-normal text-slate-600 dark:text-slate-400"><StageBadge stage={c.stage} />{c.features.join(", ") || "no features listed"}</span></th>
              <td className="tabular-nums">{formatCount(c.accounts, "account")}<span className="block text-xs text-slate-600 dark:text-slate-400">{formatCount(c.learners, "learner")}</span></td>
              <td className="tabular-nums">{formatPct(c.adoption.before)} → {formatPct(c.adoption.after)}<span className="block text-xs text-slate-600 dark:text-slate-400">n = {c.adoption.n} with 3 months before and after</span></td>
              <td>{c.adoption.change.ok
                ? <><span className="font-semibold tabular-nums">{formatSigned(c.adoption.change.estimate, "pp")}</span><span className="block text-xs text-slate-600 dark:text-slate-400">{formatSigned(c.adoption.change.low, "")} to {formatSigned(c.adoption.change.high, "")}</span></>
                : <span className="text-xs italic text-slate-600 dark:text-slate-400">{c.adoption.change.reason}</span>}</td>
              <td>{c.expansion.reason
                ? <span className="text-xs italic text-slate-600 dark:text-slate-400">{c.expansion.reason}</span>
                : <><span className="font-semibold tabular-nums">{formatMoney(c.expansion.meanMrr)} MRR</span><span className="block text-xs text-slate-600 dark:text-slate-400">average per account; {c.expansion.accountsExpanding} of {c.expansion.n} expanded</span></>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
