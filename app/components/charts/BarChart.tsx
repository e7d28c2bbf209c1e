import { AXIS_TEXT, ChartFigure, GRID_LINE, TITLE_TEXT, tableClass, type Frame } from "./ChartFigure";
import { labelStep, linearScale, niceTicks, shortNumber, showLabel, textWidth } from "./scale";

/**
 * Server-rendered, accessible SVG column chart (e.g. one column per month): round y ticks, x labels
 * thinned so they never overlap, and the same numbers as a table. For months, pass continuous months
 * (see months.ts) so a month without events shows as an explicit zero.
 */
export interface Bar {
  label: string;
  value: number;
}

export function BarChart({
  title,
  description,
  bars,
  xLabel,
  yLabel,
  format = (v) => String(v),
  integer = true,
}: {
  title: string;
  description: string;
  bars: Bar[];
  xLabel: string;
  yLabel: string;
  format?: (v: number) => string;
  integer?: boolean;
}) {
  const draw = ({ width: W, height: H, font }: Frame) => {
    const m = { l: 48, r: 8, t: 10, b: 46 };
    const ticks = niceTicks(0, Math.max(1, ...bars.map((b) => b.value)), 4, { integer });
    const y = linearScale([ticks[0]!, ticks[ticks.length - 1]!], [H - m.b, m.t]);
    const innerW = W - m.l - m.r;
    const step = bars.length ? innerW / bars.length : innerW;
    const widest = Math.max(0, ...bars.map((b) => textWidth(b.label, font)));
    const every = labelStep(bars.length, innerW, widest);
    return (
      <>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={m.l} x2={W - m.r} y1={y(t)} y2={y(t)} className={GRID_LINE} />
            <text x={m.l - 6} y={y(t) + font / 3} textAnchor="end" fontSize={font} className={AXIS_TEXT}>
              {shortNumber(t)}
            </text>
          </g>
        ))}
        {bars.map((b, i) => {
          const cx = m.l + i * step + step / 2;
          return (
            <g key={b.label}>
              <rect
                x={cx - step * 0.35}
                y={y(b.value)}
                width={step * 0.7}
                height={Math.max(0, y(0) - y(b.value))}
                className="fill-brand-600 dark:fill-brand-500"
                rx="2"
              />
              {showLabel(i, bars.length, every) ? (
                <text x={cx} y={H - m.b + font + 4} textAnchor="middle" fontSize={font} className={AXIS_TEXT}>
                  {b.label}
                </text>
              ) : null}
            </g>
          );
        })}
        <text x={m.l + innerW / 2} y={H - 6} textAnchor="middle" fontSize={font} className={TITLE_TEXT}>
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
      </>
    );
  };
  return (
    <ChartFigure
      title={title}
      description={description}
      draw={draw}
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">{xLabel}</th>
              <th scope="col">{yLabel}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <td>{b.label}</td>
                <td>{format(b.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}
