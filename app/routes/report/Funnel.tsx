import { HorizontalBarChart } from "#app/components/charts/HorizontalBarChart";
import { formatCount, formatNumber, formatPct } from "#app/utils/format";
import type { ReportView } from "./view-types";

const STAGE_LABEL = { onboarding: "Onboarding", adoption: "Adoption", expansion: "Expansion" } as const;

export function Funnel({ report }: { report: ReportView }) {
  const f = report.funnel;
  const of = (n: number) => (f.accountsInScope ? (n / f.accountsInScope) * 100 : null);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <HorizontalBarChart
        title="Accounts that completed a course, by stage"
        description={`Of ${f.accountsInScope} accounts in scope: ${f.steps.map((s) => `${s.accounts} completed ${s.stage}`).join(", ")}.`}
        bars={f.steps.map((s) => ({ label: STAGE_LABEL[s.stage], value: s.accounts, note: `${formatPct(of(s.accounts), 0)} of accounts` }))}
        valueLabel="Accounts" format={(v) => formatNumber(v)}
      />
      <div>
        <table className="w-full text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2 [&_td]:pr-3 dark:[&_td]:border-slate-800">
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400"><tr><th scope="col" className="pb-2">Stage</th><th scope="col" className="pb-2">Accounts</th><th scope="col" className="pb-2">Share of accounts</th><th scope="col" className="pb-2">Learners</th></tr></thead>
          <tbody>
            {f.steps.map((s) => (
              <tr key={s.stage}><th scope="row" className="py-2 font-medium">{STAGE_LABEL[s.stage]}</th><td className="tabular-nums">{formatNumber(s.accounts)}</td><td className="tabular-nums">{formatPct(of(s.accounts), 0)}</td><td className="tabular-nums">{formatNumber(s.learners)}</td></tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Up to {report.filters.to}: {formatCount(f.accountsWithLearners, "account")} of {formatCount(f.accountsInScope, "account")} in scope have at least one learner. Learners are counted once per stage, when they complete their first course of it.</p>
      </div>
    </div>
  );
}
