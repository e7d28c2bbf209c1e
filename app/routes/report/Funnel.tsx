import { CompactTable } from "#app/components/ui/CompactTable";
import { HorizontalBarChart } from "#app/components/charts/HorizontalBarChart";
import { formatCount, formatNumber, formatPct } from "#app/utils/format";
import type { ReportView } from "./view-types";

export function Funnel({ report }: { report: ReportView }) {
  const f = report.funnel;
  const of = (n: number) => (f.population ? (n / f.population) * 100 : null);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <HorizontalBarChart
        title="Accounts at each step of the training funnel"
        description={`Of ${f.population} customers at ${report.filters.from}: ${f.steps.map((s) => `${s.accounts} ${s.label.toLowerCase()}`).join(", ")}.`}
        bars={f.steps.map((s, i) => ({
          label: `${i + 1}. ${s.label}`,
          value: s.accounts,
          note: `${formatPct(of(s.accounts), 0)} of customers`,
        }))}
        valueLabel="Accounts"
        format={(v) => formatNumber(v)}
      />
      <div>
        <CompactTable head={["Step", "Accounts", "Of customers", "Of step before", "Learners"]}>
          {f.steps.map((s, i) => {
            const before = i === 0 ? f.population : f.steps[i - 1]!.accounts;
            return (
              <tr key={s.step}>
                <th scope="row" className="py-2 font-medium">
                  {i + 1}. {s.label}
                </th>
                <td className="tabular-nums">{formatNumber(s.accounts)}</td>
                <td className="tabular-nums">{formatPct(of(s.accounts), 0)}</td>
                <td className="tabular-nums">{formatPct(before ? (s.accounts / before) * 100 : null, 0)}</td>
                <td className="tabular-nums">{s.learners === null ? "—" : formatNumber(s.learners)}</td>
              </tr>
            );
          })}
        </CompactTable>
        <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">
          The {formatCount(f.population, "account")} that were customers on {report.filters.from} (the population of the
          tiles and cohorts), by {report.filters.to}. Each step counts the accounts of the step before that also passed
          it. Learners are counted once per stage, when they complete their first course of it.
        </p>
      </div>
    </div>
  );
}
