import { ScatterPlot } from "#app/components/charts/ScatterPlot";
import { HelpTip } from "#app/components/ui/HelpTip";
import { formatNumber } from "#app/utils/format";
import type { ReportView } from "./view-types";

function strength(r: number) {
  const a = Math.abs(r);
  const word = a < 0.1 ? "no meaningful" : a < 0.3 ? "a weak" : a < 0.5 ? "a moderate" : "a strong";
  return a < 0.1 ? `${word} relationship` : `${word} ${r > 0 ? "positive" : "negative"} relationship`;
}

export function Correlations({ report }: { report: ReportView }) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      {report.correlations.map((p) => (
        <article
          key={p.y}
          className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h3 className="font-semibold">
            {p.xLabel.replace(/ \(%\)$/, "")} vs {p.yLabel.replace(/ \(%\)$/, "").toLowerCase()}
          </h3>
          {p.result.ok ? (
            <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">
                  Pearson r<HelpTip term="correlation" />
                </dt>
                <dd className="font-semibold tabular-nums">{formatNumber(p.result.pearson.r, 2)}</dd>
                <dd className="text-xs text-slate-600 dark:text-slate-400">
                  CI {formatNumber(p.result.pearson.low, 2)} to {formatNumber(p.result.pearson.high, 2)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">Spearman ρ</dt>
                <dd className="font-semibold tabular-nums">{formatNumber(p.result.spearman.rho, 2)}</dd>
                <dd className="text-xs text-slate-600 dark:text-slate-400">
                  CI {formatNumber(p.result.spearman.low, 2)} to {formatNumber(p.result.spearman.high, 2)}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">Accounts</dt>
                <dd className="font-semibold tabular-nums">n = {formatNumber(p.result.n)}</dd>
              </div>
            </dl>
          ) : null}
          {p.result.ok ? (
            <p className="mt-2 text-xs text-slate-700 dark:text-slate-300">
              Spearman ρ shows {strength(p.result.spearman.rho)}.
            </p>
          ) : (
            <p
              className="mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
              role="note"
            >
              {p.result.reason}
            </p>
          )}
          {p.points.length ? (
            <div className="mt-3">
              <ScatterPlot
                title={`${p.xLabel} vs ${p.yLabel}`}
                description={
                  p.result.ok
                    ? `Scatter plot of ${p.points.length} of ${p.result.n} accounts. Pearson r ${formatNumber(p.result.pearson.r, 2)}, Spearman rho ${formatNumber(p.result.spearman.rho, 2)}.`
                    : `Scatter plot of ${p.points.length} accounts; too few for a correlation.`
                }
                points={p.points.map((pt) => ({ x: pt.x, y: pt.y, highlight: pt.trained }))}
                xLabel={p.xLabel}
                yLabel={p.yLabel}
                bins={p.bins}
                legend={{ highlight: "Trained account", other: "Untrained account" }}
              />
              {p.result.ok && p.points.length < p.result.n ? (
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                  Plot shows an even sample of {p.points.length} accounts; the statistics use all{" "}
                  {formatNumber(p.result.n)}.
                </p>
              ) : null}
            </div>
          ) : null}
        </article>
      ))}
    </div>
  );
}
