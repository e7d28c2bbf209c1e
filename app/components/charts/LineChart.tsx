import { AXIS_TEXT, ChartFigure, GRID_LINE, TITLE_TEXT, tableClass, type Frame } from "./ChartFigure";
import { monthKey, monthRange } from "./months";
import { labelStep, linearScale, niceTicks, shortNumber, showLabel, textWidth } from "./scale";

export interface Series {
  name: string;
  values: (number | null)[];
  tone: "brand" | "emerald" | "amber";
}

const STROKE: Record<Series["tone"], string> = {
  brand: "stroke-brand-600 dark:stroke-brand-500",
  emerald: "stroke-emerald-600 dark:stroke-emerald-400",
  amber: "stroke-amber-600 dark:stroke-amber-400",
};
const DOT: Record<Series["tone"], string> = {
  brand: "fill-brand-600 dark:fill-brand-500",
  emerald: "fill-emerald-600 dark:fill-emerald-400",
  amber: "fill-amber-600 dark:fill-amber-400",
};
const SWATCH: Record<Series["tone"], string> = {
  brand: "bg-brand-600",
  emerald: "bg-emerald-600",
  amber: "bg-amber-600",
};

/**
 * Monthly lines sharing one y axis. The month axis is continuous: a month missing from `months` is
 * inserted with no value, and every month without a value is a gap in the line (never a zero).
 */
export function LineChart({
  title,
  description,
  months: given,
  series: givenSeries,
  yLabel,
  format,
  yMin,
}: {
  title: string;
  description: string;
  months: string[];
  series: Series[];
  yLabel: string;
  format: (v: number | null) => string;
  yMin?: number;
}) {
  const keys = given.map(monthKey);
  const months = keys.length
    ? monthRange(
        keys.reduce((a, b) => (a < b ? a : b)),
        keys.reduce((a, b) => (a > b ? a : b)),
      )
    : [];
  const index = new Map(keys.map((k, i) => [k, i]));
  const series = givenSeries.map((s) => ({
    ...s,
    values: months.map((mo) => {
      const i = index.get(mo);
      return i === undefined ? null : (s.values[i] ?? null);
    }),
  }));
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yt = niceTicks(yMin ?? Math.min(0, ...all), Math.max(1, ...all), 4);
  const draw = ({ width: W, height: H, font }: Frame) => {
    const m = { l: 52, r: 14, t: 12, b: 46 };
    const x = linearScale([0, Math.max(1, months.length - 1)], [m.l, W - m.r]);
    const y = linearScale([yt[0]!, yt[yt.length - 1]!], [H - m.b, m.t]);
    const every = labelStep(months.length, W - m.l - m.r, textWidth("2026-12", font));
    const path = (values: (number | null)[]) => {
      let d = "";
      let pen = false;
      values.forEach((v, i) => {
        if (v === null) {
          pen = false;
          return;
        }
        d += `${pen ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
        pen = true;
      });
      return d;
    };
    return (
      <>
        {yt.map((t) => (
          <g key={t}>
            <line x1={m.l} x2={W - m.r} y1={y(t)} y2={y(t)} className={GRID_LINE} />
            <text x={m.l - 6} y={y(t) + font / 3} textAnchor="end" fontSize={font} className={AXIS_TEXT}>
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {months.map((mo, i) =>
          showLabel(i, months.length, every) ? (
            <text
              key={mo}
              x={x(i)}
              y={H - m.b + font + 4}
              textAnchor={
                i === 0 && months.length > 1 ? "start" : i === months.length - 1 && months.length > 1 ? "end" : "middle"
              }
              fontSize={font}
              className={AXIS_TEXT}
            >
              {mo}
            </text>
          ) : null,
        )}
        <text x={(m.l + W - m.r) / 2} y={H - 6} textAnchor="middle" fontSize={font} className={TITLE_TEXT}>
          Month
        </text>
        <text
          transform={`translate(${font} ${(m.t + H - m.b) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={font}
          className={TITLE_TEXT}
        >
          {yLabel}
        </text>
        {series.map((s) => (
          <path key={s.name} d={path(s.values)} fill="none" strokeWidth="2.5" className={STROKE[s.tone]} />
        ))}
        {/* A lone month between gaps has no segment: mark it so it is not invisible. */}
        {series.map((s) =>
          s.values.map((v, i) =>
            v !== null && (s.values[i - 1] ?? null) === null && (s.values[i + 1] ?? null) === null ? (
              <circle key={`${s.name}-${i}`} cx={x(i)} cy={y(v)} r="2.5" className={DOT[s.tone]} />
            ) : null,
          ),
        )}
      </>
    );
  };
  return (
    <ChartFigure
      title={title}
      description={description}
      draw={draw}
      caption={
        <span className="inline-flex flex-wrap gap-4">
          {series.map((s) => (
            <span key={s.name}>
              <span aria-hidden className={`mr-1 inline-block h-0.5 w-4 align-middle ${SWATCH[s.tone]}`} />
              {s.name}
            </span>
          ))}
        </span>
      }
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((mo, i) => (
              <tr key={mo}>
                <th scope="row" className="font-normal">
                  {mo}
                </th>
                {series.map((s) => (
                  <td key={s.name}>{format(s.values[i] ?? null)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
