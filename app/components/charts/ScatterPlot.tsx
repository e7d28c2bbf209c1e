import { toFixedNoNegativeZero } from "#app/utils/format";
import { AXIS_TEXT, ChartFigure, GRID_LINE, TITLE_TEXT, tableClass, type Frame } from "./ChartFigure";
import { linearScale, niceTicks, shortNumber } from "./scale";

export interface ScatterPoint {
  x: number;
  y: number;
  highlight: boolean;
}

const tenth = (v: number) => Math.round(v * 10) / 10;

const FRAMES: [Frame, Frame] = [
  { width: 520, height: 360, font: 13, compact: false },
  { width: 340, height: 300, font: 13, compact: true },
];

/** Scatter plot of accounts; the data table lists equal-count bins of x with the mean of y. */
export function ScatterPlot({
  title,
  description,
  points,
  xLabel,
  yLabel,
  bins,
  legend,
}: {
  title: string;
  description: string;
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  bins: { xFrom: number; xTo: number; n: number; meanY: number }[];
  legend: { highlight: string; other: string };
}) {
  const xs = points.map((p) => p.x),
    ys = points.map((p) => p.y);
  const draw = ({ width: W, height: H, font, compact }: Frame) => {
    const m = { l: 50, r: 14, t: 10, b: 46 };
    const xt = niceTicks(Math.min(0, ...xs), Math.max(1, ...xs), compact ? 4 : 5);
    const yt = niceTicks(Math.min(0, ...ys), Math.max(1, ...ys), compact ? 4 : 5);
    const x = linearScale([xt[0]!, xt[xt.length - 1]!], [m.l, W - m.r]);
    const y = linearScale([yt[0]!, yt[yt.length - 1]!], [H - m.b, m.t]);
    return (
      <>
        {xt.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={m.t} y2={H - m.b} className={GRID_LINE} />
            <text x={x(t)} y={H - m.b + font + 4} textAnchor="middle" fontSize={font} className={AXIS_TEXT}>
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {yt.map((t) => (
          <g key={`y${t}`}>
            <line x1={m.l} x2={W - m.r} y1={y(t)} y2={y(t)} className={GRID_LINE} />
            <text x={m.l - 6} y={y(t) + font / 3} textAnchor="end" fontSize={font} className={AXIS_TEXT}>
              {shortNumber(t)}
            </text>
          </g>
        ))}
        <text x={(m.l + W - m.r) / 2} y={H - 6} textAnchor="middle" fontSize={font} className={TITLE_TEXT}>
          {xLabel}
        </text>
        <text
          transform={`translate(${font} ${(m.t + H - m.b) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize={font}
          className={TITLE_TEXT}
        >
          {yLabel}
        </text>
        {/*
          Each group of points is one path of zero-length segments with round caps (a dot each): up to
          600 points × 2 drawings per plot would otherwise be 1,200 <circle> elements to render and send.
        */}
        {([false, true] as const).map((highlight) => (
          <path
            key={String(highlight)}
            d={points
              .filter((p) => p.highlight === highlight)
              .map((p) => `M${tenth(x(p.x))} ${tenth(y(p.y))}h0`)
              .join("")}
            strokeWidth={compact ? 6 : 7}
            strokeLinecap="round"
            fill="none"
            className={
              highlight
                ? "stroke-brand-600/70 dark:stroke-brand-500/70"
                : "stroke-slate-400/60 dark:stroke-slate-500/60"
            }
          />
        ))}
      </>
    );
  };
  return (
    <ChartFigure
      title={title}
      description={description}
      draw={draw}
      frames={FRAMES}
      caption={
        <span className="inline-flex flex-wrap gap-4">
          <span>
            <span aria-hidden className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-brand-600" />
            {legend.highlight}
          </span>
          <span>
            <span aria-hidden className="mr-1 inline-block h-2.5 w-2.5 rounded-full bg-slate-400" />
            {legend.other}
          </span>
        </span>
      }
      table={
        bins.length ? (
          <table className={tableClass}>
            <caption className="pb-1 text-left text-xs text-slate-600 dark:text-slate-400">
              Accounts split into five equal-size groups by {xLabel.toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col">{xLabel}</th>
                <th scope="col">Accounts</th>
                <th scope="col">Average {yLabel.toLowerCase()}</th>
              </tr>
            </thead>
            <tbody>
              {bins.map((b) => (
                <tr key={`${b.xFrom}-${b.xTo}`}>
                  <td>
                    {toFixedNoNegativeZero(b.xFrom, 1)} – {toFixedNoNegativeZero(b.xTo, 1)}
                  </td>
                  <td>{b.n}</td>
                  <td>{toFixedNoNegativeZero(b.meanY, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Fewer than 10 accounts: no table.</p>
        )
      }
    />
  );
}
