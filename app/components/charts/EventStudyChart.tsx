import { AXIS_TEXT, ChartFigure, GRID_LINE, TITLE_TEXT, tableClass, type Frame } from "./ChartFigure";
import { linearScale, niceTicks, shortNumber } from "./scale";

export interface EventPoint {
  e: number;
  estimate: number | null;
  low: number | null;
  high: number | null;
  n: number | null;
}

/**
 * Event-study chart: one point per month relative to training with its 95% interval as a whisker, a
 * zero line, and the training month marked. Months before training are the placebo check (drawn hollow).
 */
export function EventStudyChart({
  title,
  description,
  points,
  yLabel,
  format,
}: {
  title: string;
  description: string;
  points: EventPoint[];
  yLabel: string;
  format: (v: number | null) => string;
}) {
  const shown = points.filter((p) => p.estimate !== null);
  const values = shown.flatMap((p) => [p.low!, p.high!]);
  const yt = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5);
  const es = points.map((p) => p.e);
  const e0 = Math.min(-1, ...es),
    e1 = Math.max(0, ...es);
  const draw = ({ width: W, height: H, font, compact }: Frame) => {
    const m = { l: 56, r: 12, t: 12, b: 44 };
    const x = linearScale([e0 - 0.5, e1 + 0.5], [m.l, W - m.r]);
    const y = linearScale([yt[0] ?? -1, yt[yt.length - 1] ?? 1], [H - m.b, m.t]);
    const labelEvery = compact ? 6 : 3;
    return (
      <>
        {yt.map((t) => (
          <g key={t}>
            <line x1={m.l} x2={W - m.r} y1={y(t)} y2={y(t)} className={t === 0 ? "stroke-slate-500" : GRID_LINE} />
            <text x={m.l - 6} y={y(t) + 4} textAnchor="end" fontSize={font} className={AXIS_TEXT}>
              {shortNumber(t)}
            </text>
          </g>
        ))}
        <line x1={x(-0.5)} x2={x(-0.5)} y1={m.t} y2={H - m.b} strokeDasharray="4 3" className="stroke-slate-400" />
        <text x={x(-0.5) + 4} y={m.t + 12} fontSize={font - 1} className={AXIS_TEXT}>
          training
        </text>
        {es.map((e) =>
          e % labelEvery === 0 || e === -1 ? (
            <text key={e} x={x(e)} y={H - m.b + 16} textAnchor="middle" fontSize={font - 1} className={AXIS_TEXT}>
              {e > 0 ? `+${e}` : e}
            </text>
          ) : null,
        )}
        <text x={(m.l + W - m.r) / 2} y={H - 6} textAnchor="middle" fontSize={font} className={TITLE_TEXT}>
          Months since training
        </text>
        <text
          transform={`translate(14 ${(m.t + H - m.b) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={font}
          className={TITLE_TEXT}
        >
          {yLabel}
        </text>
        <circle cx={x(-1)} cy={y(0)} r="3.5" className="fill-slate-500" />
        {shown.map((p) => (
          <g key={p.e}>
            <line
              x1={x(p.e)}
              x2={x(p.e)}
              y1={y(p.low!)}
              y2={y(p.high!)}
              strokeWidth="2"
              className={p.e < 0 ? "stroke-slate-500" : "stroke-brand-600 dark:stroke-brand-500"}
            />
            <circle
              cx={x(p.e)}
              cy={y(p.estimate!)}
              r="4"
              strokeWidth="2"
              className={
                p.e < 0
                  ? "fill-white stroke-slate-600 dark:fill-slate-900"
                  : "fill-brand-600 stroke-brand-600 dark:fill-brand-500"
              }
            />
          </g>
        ))}
      </>
    );
  };
  return (
    <ChartFigure
      title={title}
      description={description}
      draw={draw}
      caption="Hollow points: months before training (placebo check, should sit on 0). Filled: months after. Whiskers: 95% intervals. Month −1 is the reference (0 by definition)."
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">Month vs training</th>
              <th scope="col">Estimate</th>
              <th scope="col">95% interval</th>
              <th scope="col">Trained accounts</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.e}>
                <th scope="row" className="font-normal">
                  {p.e > 0 ? `+${p.e}` : p.e}
                </th>
                <td>{format(p.estimate)}</td>
                <td>{p.low === null ? "—" : `${format(p.low)} to ${format(p.high)}`}</td>
                <td>{p.n ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
