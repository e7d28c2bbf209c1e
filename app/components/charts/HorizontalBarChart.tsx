import { ChartFigure, tableClass } from "./ChartFigure";
import { linearScale, niceTicks, shortNumber } from "./scale";

export interface Bar { label: string; value: number | null; tone?: "brand" | "muted" | "danger" | "success"; note?: string }

const FILL: Record<NonNullable<Bar["tone"]>, string> = {
  brand: "fill-brand-600 dark:fill-brand-500",
  muted: "fill-slate-400 dark:fill-slate-500",
  danger: "fill-red-600 dark:fill-red-400",
  success: "fill-emerald-600 dark:fill-emerald-400",
};

/** Horizontal bars (values ≥ 0 or mixed sign), labelled, with the values as a data table. */
export function HorizontalBarChart({ title, description, bars, valueLabel, format }: {
  title: string; description: string; bars: Bar[]; valueLabel: string; format: (v: number | null) => string;
}) {
  const W = 480, labelW = 150, valueW = 70, row = 30, top = 8, bottom = 34;
  const H = top + bars.length * row + bottom;
  const values = bars.map((b) => b.value ?? 0);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 4);
  const x = linearScale([ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1], [labelW, W - valueW]);
  return (
    <ChartFigure
      title={title} description={description} width={W} height={H}
      table={
        <table className={tableClass}>
          <thead><tr><th scope="col">Item</th><th scope="col">{valueLabel}</th>{bars.some((b) => b.note) ? <th scope="col">Note</th> : null}</tr></thead>
          <tbody>{bars.map((b) => <tr key={b.label}><th scope="row" className="font-normal">{b.label}</th><td>{format(b.value)}</td>{bars.some((bb) => bb.note) ? <td>{b.note ?? ""}</td> : null}</tr>)}</tbody>
        </table>
      }
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={H - bottom + 4} className="stroke-slate-200 dark:stroke-slate-700" />
          <text x={x(t)} y={H - bottom + 18} textAnchor="middle" fontSize="12" className="fill-slate-600 dark:fill-slate-400">{shortNumber(t)}</text>
        </g>
      ))}
      <text x={(labelW + W - valueW) / 2} y={H - 4} textAnchor="middle" fontSize="12" className="fill-slate-700 dark:fill-slate-300">{valueLabel}</text>
      {bars.map((b, i) => {
        const y = top + i * row;
        const v = b.value;
        const x0 = x(0);
        const x1 = v === null ? x0 : x(v);
        return (
          <g key={b.label}>
            <text x={labelW - 8} y={y + row / 2 + 4} textAnchor="end" fontSize="13" className="fill-slate-800 dark:fill-slate-200">{b.label}</text>
            {v === null ? null : <rect x={Math.min(x0, x1)} y={y + 6} width={Math.max(1, Math.abs(x1 - x0))} height={row - 12} rx="3" className={FILL[b.tone ?? "brand"]} />}
            <text x={W - valueW + 6} y={y + row / 2 + 4} fontSize="12" className="fill-slate-700 dark:fill-slate-300">{format(v)}</text>
          </g>
        );
      })}
    </ChartFigure>
  );
}
