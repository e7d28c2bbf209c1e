import { AXIS_TEXT, ChartFigure, GRID_LINE, TITLE_TEXT, tableClass, type Frame } from "./ChartFigure";
import { linearScale, niceTicks, shortNumber, textWidth, wrapText } from "./scale";

export interface Bar {
  label: string;
  value: number | null;
  tone?: "brand" | "muted" | "danger" | "success";
  note?: string;
}

const FILL: Record<NonNullable<Bar["tone"]>, string> = {
  brand: "fill-brand-600 dark:fill-brand-500",
  muted: "fill-slate-400 dark:fill-slate-500",
  danger: "fill-red-600 dark:fill-red-400",
  success: "fill-emerald-600 dark:fill-emerald-400",
};

/**
 * Horizontal bars (values ≥ 0 or mixed sign) with the values as a data table. Each label sits above its
 * bar across the full width and wraps, so long names (lesson titles in a funnel) are never cut.
 */
export function HorizontalBarChart({
  title,
  description,
  bars,
  valueLabel,
  format,
  integer = false,
}: {
  title: string;
  description: string;
  bars: Bar[];
  valueLabel: string;
  format: (v: number | null) => string;
  integer?: boolean;
}) {
  const values = bars.map((b) => b.value ?? 0);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values, integer ? 1 : 0), 4, { integer });
  const draw = ({ width: W, height: H, font }: Frame) => {
    const m = { l: 8, r: 12, t: PAD_TOP },
      valueW = Math.max(56, ...bars.map((b) => textWidth(format(b.value), font) + 10));
    const lineH = font + 4,
      barH = BAR_H;
    const rows = bars.map((b) => ({ bar: b, lines: wrapText(b.label, W - 20, font) }));
    const heights = rows.map((r) => r.lines.length * lineH + barH + ROW_GAP);
    const axisY = m.t + heights.reduce((a, h) => a + h, 0);
    const x = linearScale([ticks[0] ?? 0, ticks[ticks.length - 1] ?? 1], [m.l, W - m.r - valueW]);
    let top = m.t;
    return (
      <>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={m.t} y2={axisY + 4} className={GRID_LINE} />
            <text x={x(t)} y={axisY + font + 6} textAnchor="middle" fontSize={font} className={AXIS_TEXT}>
              {shortNumber(t)}
            </text>
          </g>
        ))}
        <text x={(m.l + W - m.r - valueW) / 2} y={H - 4} textAnchor="middle" fontSize={font} className={TITLE_TEXT}>
          {valueLabel}
        </text>
        {rows.map(({ bar: b, lines }, i) => {
          const y = top;
          top += heights[i]!;
          const v = b.value;
          const x0 = x(0);
          const x1 = v === null ? x0 : x(v);
          const barY = y + lines.length * lineH + 2;
          return (
            <g key={b.label}>
              <text x={m.l} y={y + font} fontSize={font} className="fill-slate-800 dark:fill-slate-200">
                {lines.map((line, j) => (
                  <tspan key={j} x={m.l} dy={j === 0 ? 0 : lineH}>
                    {line}
                  </tspan>
                ))}
              </text>
              {v === null ? null : (
                <rect
                  x={Math.min(x0, x1)}
                  y={barY}
                  width={Math.max(1, Math.abs(x1 - x0))}
                  height={barH}
                  rx="3"
                  className={FILL[b.tone ?? "brand"]}
                />
              )}
              <text x={Math.max(x0, x1) + 6} y={barY + barH - 2} fontSize={font} className={TITLE_TEXT}>
                {format(v)}
              </text>
            </g>
          );
        })}
      </>
    );
  };
  return (
    <ChartFigure
      title={title}
      description={description}
      draw={draw}
      frames={[frameFor(bars, false), frameFor(bars, true)]}
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">{valueLabel}</th>
              {bars.some((b) => b.note) ? <th scope="col">Note</th> : null}
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row" className="font-normal">
                  {b.label}
                </th>
                <td>{format(b.value)}</td>
                {bars.some((bb) => bb.note) ? <td>{b.note ?? ""}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

const PAD_TOP = 6,
  BAR_H = 14,
  ROW_GAP = 12;

/** Frame whose height fits the wrapped labels (same layout arithmetic as the drawing). */
function frameFor(bars: Bar[], compact: boolean): Frame {
  const width = compact ? 340 : 520,
    font = 13;
  const rows = bars.reduce((h, b) => h + wrapText(b.label, width - 20, font).length * (font + 4) + BAR_H + ROW_GAP, 0);
  return { width, height: PAD_TOP + rows + font * 2 + 16, font, compact };
}
