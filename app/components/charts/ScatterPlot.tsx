import { ChartFigure, tableClass } from "./ChartFigure";
import { linearScale, niceTicks, shortNumber } from "./scale";

export interface ScatterPoint { x: number; y: number; highlight: boolean }

/** Scatter plot of accounts; the data table lists equal-count bins of x with the mean of y. */
export function ScatterPlot({ title, description, points, xLabel, yLabel, bins, legend }: {
  title: string; description: string; points: ScatterPoint[]; xLabel: string; yLabel: string;
  bins: { xFrom: number; xTo: number; n: number; meanY: number }[];
  legend: { highlight: string; other: string };
}) {
  const W = 480, H = 320, m = { l: 56, r: 12, t: 12, b: 50 };
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const xt = niceTicks(Math.min(0, ...xs), Math.max(1, ...xs), 5);
  const yt = niceTicks(Math.min(0, ...ys), Math.max(1, ...ys), 5);
  const x = linearScale([xt[0]!, xt[xt.length - 1]!], [m.l, W - m.r]);
  const y = linearScale([yt[0]!, yt[yt.length - 1]!], [H - m.b, m.t]);
  return (
    <ChartFigure
      title={title} description={description} width={W} height={H}
      caption={<span className="inline-flex flex-wrap gap-4"><span><span aria-hidden className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-brand-600" />{legend.highlight}</span><span><span aria-hidden className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-slate-400" />{legend.other}</span></span>}
      table={
        bins.length ? (
          <table className={tableClass}>
            <caption className="pb-1 text-left text-xs text-slate-600 dark:text-slate-400">Accounts split into five equal-size groups by {xLabel.toLowerCase()}</caption>
            <thead><tr><th scope="col">{xLabel}</th><th scope="col">Accounts</th><th scope="col">Average {yLabel.toLowerCase()}</th></tr></thead>
            <tbody>{bins.map((b) => <tr key={`${b.xFrom}-${b.xTo}`}><td>{b.xFrom.toFixed(1)} – {b.xTo.toFixed(1)}</td><td>{b.n}</td><td>{b.meanY.toFixed(1)}</td></tr>)}</tbody>
          </table>
        ) : <p>Fewer than 10 accounts: no table.</p>
      }
    >
      {xt.map((t) => (
        <g key={`x${t}`}>
          <line x1={x(t)} x2={x(t)} y1={m.t} y2={H - m.b} className="stroke-slate-200 dark:stroke-slate-700" />
          <text x={x(t)} y={H - m.b + 16} textAnchor="middle" fontSize="12" className="fill-slate-600 dark:fill-slate-400">{shortNumber(t)}</text>
        </g>
      ))}
      {yt.map((t) => (
        <g key={`y${t}`}>
          <line x1={m.l} x2={W - m.r} y1={y(t)} y2={y(t)} className="stroke-slate-200 dark:stroke-slate-700" />
          <text x={m.l - 6} y={y(t) + 4} textAnchor="end" fontSize="12" className="fill-slate-600 dark:fill-slate-400">{shortNumber(t)}</text>
        </g>
      ))}
      <text x={(m.l + W - m.r) / 2} y={H - 8} textAnchor="middle" fontSize="12" className="fill-slate-700 dark:fill-slate-300">{xLabel}</text>
      <text transform={`translate(14 ${(m.t + H - m.b) / 2}) rotate(-90)`} textAnchor="middle" fontSize="12" className="fill-slate-700 dark:fill-slate-300">{yLabel}</text>
      <g>
        {points.map((p, i) => (
          <circle key={i} cx={x(p.x)} cy={y(p.y)} r="3" className={p.highlight ? "fill-brand-600/70 dark:fill-brand-500/70" : "fill-slate-400/60 dark:fill-slate-500/60"} />
        ))}
      </g>
    </ChartFigure>
  );
}
