/**
 * Server-rendered, accessible SVG bar chart: <title>/<desc>, labelled axes, and the same numbers as a
 * table (the chart is decoration for the table, never the only source).
 */
export interface Bar { label: string; value: number }

export function BarChart({ title, description, bars, xLabel, yLabel, format = (v) => String(v) }: {
  title: string; description: string; bars: Bar[]; xLabel: string; yLabel: string; format?: (v: number) => string;
}) {
  const width = 640;
  const height = 240;
  const pad = { top: 16, right: 12, bottom: 48, left: 52 };
  const max = Math.max(1, ...bars.map((b) => b.value));
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const step = bars.length ? innerW / bars.length : innerW;
  const id = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="w-full max-w-3xl text-slate-700 dark:text-slate-300">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <line x1={pad.left} y1={pad.top + innerH} x2={pad.left + innerW} y2={pad.top + innerH} stroke="currentColor" strokeWidth="1" />
        <line x1={pad.left} y1={pad.top} x2={pad.left} y2={pad.top + innerH} stroke="currentColor" strokeWidth="1" />
        {[0, 0.5, 1].map((f) => (
          <text key={f} x={pad.left - 6} y={pad.top + innerH - f * innerH + 4} textAnchor="end" fontSize="11" fill="currentColor">{format(Math.round(max * f * 100) / 100)}</text>
        ))}
        {bars.map((b, i) => {
          const h = (b.value / max) * innerH;
          return (
            <g key={b.label}>
              <rect x={pad.left + i * step + step * 0.15} y={pad.top + innerH - h} width={step * 0.7} height={h} className="fill-brand-600" rx="2" />
              <text x={pad.left + i * step + step / 2} y={pad.top + innerH + 14} textAnchor="middle" fontSize="10" fill="currentColor">{b.label.length > 10 ? `${b.label.slice(0, 9)}…` : b.label}</text>
            </g>
          );
        })}
        <text x={pad.left + innerW / 2} y={height - 6} textAnchor="middle" fontSize="11" fill="currentColor">{xLabel}</text>
        <text x={12} y={pad.top + innerH / 2} textAnchor="middle" fontSize="11" fill="currentColor" transform={`rotate(-90 12 ${pad.top + innerH / 2})`}>{yLabel}</text>
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700 dark:text-brand-100">Data table: {title}</summary>
        <table className="mt-2 text-left">
          <thead><tr><th className="pr-6">{xLabel}</th><th>{yLabel}</th></tr></thead>
          <tbody>{bars.map((b) => <tr key={b.label}><td className="pr-6">{b.label}</td><td>{format(b.value)}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
