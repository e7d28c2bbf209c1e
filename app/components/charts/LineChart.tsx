import { ChartFigure, tableClass } from "./ChartFigure";
import { linearScale, niceTicks, shortNumber } from "./scale";

export interface Series { name: string; values: (number | null)[]; tone: "brand" | "emerald" | "amber" }

const STROKE: Record<Series["tone"], string> = {
  brand: "stroke-brand-600 dark:stroke-brand-500",
  emerald: "stroke-emerald-600 dark:stroke-emerald-400",
  amber: "stroke-amber-600 dark:stroke-amber-400",
};
const SWATCH: Record<Series["tone"], string> = { brand: "bg-brand-600", emerald: "bg-emerald-600", amber: "bg-amber-600" };

/** Monthly lines sharing one y axis; gaps where a month has no value. */
export function LineChart({ title, description, months, series, yLabel, format, yMin }: {
  title: string; description: string; months: string[]; series: Series[]; yLabel: string; format: (v: number | null) => string; yMin?: number;
}) {
  const W = 640, H = 240, m = { l: 56, r: 12, t: 12, b: 44 };
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yt = niceTicks(yMin ?? Math.min(0, ...all), Math.max(1, ...all), 4);
  const x = linearScale([0, Math.max(1, months.length - 1)], [m.l, W - m.r]);
  const y = linearScale([yt[0]!, yt[yt.length - 1]!], [H - m.b, m.t]);
  const every = Math.max(1, Math.ceil(months.length / 8));
  const path = (values: (number | null)[]) => {
    let d = "";
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  return (
    <ChartFigure
      title={title} description={description} width={W} height={H}
      caption={<span className="inline-flex flex-wrap gap-4">{series.map((s) => <span key={s.name}><span aria-hidden className={`mr-1 inline-block h-0.5 w-4 align-middle ${SWATCH[s.tone]}`} />{s.name}</span>)}</span>}
      table={
        <table className={tableClass}>
          <thead><tr><th scope="col">Month</th>{series.map((s) => <th key={s.name} scope="col">{s.name}</th>)}</tr></thead>
          <tbody>{months.map((mo, i) => <tr key={mo}><th scope="row" className="font-normal">{mo.slice(0, 7)}</th>{series.map((s) => <td key={s.name}>{format(s.values[i] ?? null)}</td>)}</tr>)}</tbody>
        </table>
      }
    >
      {yt.map((t) => (
        <g key={t}>
          <line x1={m.l} x2={W - m.r} y1={y(t)} y2={y(t)} className="stroke-slate-200 dark:stroke-slate-700" />
          <text x={m.l - 6} y={y(t) + 4} textAnchor="end" fontSize="12" className="fill-slate-600 dark:fill-slate-400">{shortNumber(t)}</text>
        </g>
      ))}
      {months.map((mo, i) => (i % every === 0 ? (
        <text key={mo} x={x(i)} y={H - m.b + 16} textAnchor="middle" fontSize="11" className="fill-slate-600 dark:fill-slate-400">{mo.slice(0, 7)}</text>
      ) : null))}
      <text x={(m.l + W - m.r) / 2} y={H - 6} textAnchor="middle" fontSize="12" className="fill-slate-700 dark:fill-slate-300">Month</text>
      <text transform={`translate(14 ${(m.t + H - m.b) / 2}) rotate(-90)`} textAnchor="middle" fontSize="12" className="fill-slate-700 dark:fill-slate-300">{yLabel}</text>
      {series.map((s) => <path key={s.name} d={path(s.values)} fill="none" strokeWidth="2.5" className={STROKE[s.tone]} />)}
    </ChartFigure>
  );
}
