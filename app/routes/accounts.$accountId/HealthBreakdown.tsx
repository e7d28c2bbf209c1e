import { HEALTH_INPUTS } from "#app/analytics/health";

export function HealthBreakdown({
  health,
}: {
  health: {
    score: number | null;
    month?: string;
    breakdown: Record<string, { score: number | null; weight: number; asOf?: string | null }>;
  };
}) {
  return (
    <div className="mt-3 relative overflow-x-auto" tabIndex={0} role="region" aria-label="Health breakdown table">
      <table className="w-full text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2 [&_td]:pr-3 dark:[&_td]:border-slate-800">
        <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="pb-2">
              Input
            </th>
            <th scope="col" className="pb-2">
              Sub-score
            </th>
            <th scope="col" className="pb-2">
              As of
            </th>
            <th scope="col" className="pb-2">
              Weight used
            </th>
            <th scope="col" className="pb-2">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {HEALTH_INPUTS.map((i) => {
            const b = health.breakdown[i.key];
            return (
              <tr key={i.key}>
                <th scope="row" className="py-2 pr-3 font-medium" title={i.help}>
                  {i.label}
                </th>
                <td className="tabular-nums">
                  {b?.score === null || b === undefined ? "no data" : b.score.toFixed(0)}
                </td>
                <td className="tabular-nums">
                  {b?.asOf
                    ? b.asOf.slice(0, 7) + (health.month && b.asOf < health.month ? " (carried forward)" : "")
                    : "—"}
                </td>
                <td className="tabular-nums">{b ? `${Math.round(b.weight * 100)}%` : "—"}</td>
                <td className="tabular-nums">{b && b.score !== null ? (b.score * b.weight).toFixed(1) : "—"}</td>
              </tr>
            );
          })}
          <tr>
            <th scope="row" className="py-2 font-semibold">
              Health score
            </th>
            <td />
            <td />
            <td />
            <td className="font-semibold tabular-nums">{health.score?.toFixed(1) ?? "—"}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
