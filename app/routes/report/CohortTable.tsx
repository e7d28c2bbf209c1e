import type { DefinitionKey } from "#app/analytics/definitions";
import { TRAINED_DEFINITIONS } from "#app/analytics/report/filters";
import { HelpTip } from "#app/components/ui/HelpTip";
import { formatCount, formatNumber, formatPct, formatSigned } from "#app/utils/format";
import type { ReportView } from "./view-types";

type Comparison = ReportView["cohorts"][number];
const TERM: Record<Comparison["key"], DefinitionKey> = {
  baseExpansionRate: "baseExpansionRate",
  grossRevenueRetention: "grossRevenueRetention",
  adoption: "adoption",
  health: "healthScore",
  churn: "churnRate",
};
type Est = Comparison["difference"];

function verdict(e: Extract<Est, { ok: true }>) {
  if (e.low > 0) return { text: "Higher for trained", tone: "text-emerald-800 dark:text-emerald-300" };
  if (e.high < 0) return { text: "Lower for trained", tone: "text-red-800 dark:text-red-300" };
  return { text: "No clear difference", tone: "text-slate-600 dark:text-slate-400" };
}

/** Point estimate and 95% CI drawn around zero (decorative: the numbers are in the cell). */
function Whisker({ e, scale }: { e: Extract<Est, { ok: true }>; scale: number }) {
  const W = 120,
    mid = 60;
  const x = (v: number) => mid + (v / scale) * (W / 2 - 4);
  return (
    <svg viewBox={`0 0 ${W} 14`} className="mt-1 h-3.5 w-28" aria-hidden focusable="false">
      <line x1={mid} x2={mid} y1="0" y2="14" className="stroke-slate-400" />
      <line
        x1={x(e.low)}
        x2={x(e.high)}
        y1="7"
        y2="7"
        strokeWidth="2"
        className="stroke-slate-700 dark:stroke-slate-300"
      />
      <circle cx={x(e.estimate)} cy="7" r="3.5" className="fill-brand-600 dark:fill-brand-500" />
    </svg>
  );
}

function DiffCell({ e, unit, scale, extra }: { e: Est; unit: string; scale: number; extra?: string }) {
  if (!e.ok) return <td className="max-w-64 text-xs italic text-slate-600 dark:text-slate-400">{e.reason}</td>;
  const v = verdict(e);
  return (
    <td>
      <span className="font-semibold tabular-nums">{formatSigned(e.estimate, unit)}</span>
      <span className="block text-xs text-slate-600 dark:text-slate-400">
        95% CI {formatSigned(e.low, "")} to {formatSigned(e.high, "")}
      </span>
      <Whisker e={e} scale={scale} />
      <span className={`block text-xs font-medium ${v.tone}`}>{v.text}</span>
      {extra ? <span className="block text-xs text-slate-600 dark:text-slate-400">{extra}</span> : null}
    </td>
  );
}

export function CohortTable({ report }: { report: ReportView }) {
  const f = report.filters;
  const definition =
    f.trained === "coverage"
      ? `seat coverage of at least ${f.coverage}%`
      : TRAINED_DEFINITIONS[f.trained].toLowerCase();
  return (
    <div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Accounts that were customers on {f.from}: <strong>trained</strong> = {definition} before {f.from} (
        {formatCount(report.accounts.trained, "account")}); <strong>untrained</strong> = all others (
        {formatCount(report.accounts.untrained, "account")}). Differences are trained − untrained.
      </p>
      <div
        className="relative mt-3 overflow-x-auto"
        tabIndex={0}
        role="region"
        aria-label="Trained and untrained accounts compared"
      >
        <table className="w-full min-w-[720px] text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-3 [&_td]:pr-4 [&_td]:align-top dark:[&_td]:border-slate-800 [&_th]:pb-2 [&_th]:pr-4">
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col">Measure</th>
              <th scope="col">Trained</th>
              <th scope="col">Untrained</th>
              <th scope="col">
                Difference
                <HelpTip term="differenceOfMeans" />
              </th>
              <th scope="col">
                Adjusted for segment × plan tier
                <HelpTip term="adjustedDifference" align="right" />
              </th>
            </tr>
          </thead>
          <tbody>
            {report.cohorts.map((c) => {
              const unit = c.unit === "%" ? "pp" : "points";
              const fmt = (v: number | null) => (c.unit === "%" ? formatPct(v) : formatNumber(v, 1));
              const bound = Math.max(
                1,
                ...[c.difference, c.adjusted].flatMap((e) => (e.ok ? [Math.abs(e.low), Math.abs(e.high)] : [])),
              );
              return (
                <tr key={c.key}>
                  <th scope="row" className="align-top font-medium">
                    {c.label}
                    <HelpTip term={TERM[c.key]} />
                  </th>
                  <td className="tabular-nums">
                    <span className="font-semibold">{fmt(c.trained.value)}</span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">n = {c.trained.n}</span>
                  </td>
                  <td className="tabular-nums">
                    <span className="font-semibold">{fmt(c.untrained.value)}</span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">n = {c.untrained.n}</span>
                  </td>
                  <DiffCell e={c.difference} unit={unit} scale={bound} />
                  <DiffCell
                    e={c.adjusted}
                    unit={unit}
                    scale={bound}
                    extra={
                      c.adjusted.ok
                        ? `${c.adjusted.strataUsed} groups, n = ${c.adjusted.nA} + ${c.adjusted.nB}${c.adjusted.strataSkipped ? `; ${c.adjusted.strataSkipped} small groups left out` : ""}`
                        : undefined
                    }
                  />
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        A difference between cohorts is an association, not proof that training caused it. The adjusted column compares
        accounts of the same segment and plan tier, which removes the most obvious confounder (bigger accounts both
        train more and expand more).
      </p>
    </div>
  );
}
