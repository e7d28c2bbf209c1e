import { CompactTable } from "#app/components/ui/CompactTable";
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
    <CompactTable head={["Input", "Sub-score", "As of", "Weight used", "Points"]} region="Health breakdown table">
      {HEALTH_INPUTS.map((i) => {
        const b = health.breakdown[i.key];
        return (
          <tr key={i.key}>
            <th scope="row" className="py-2 pr-3 font-medium" title={i.help}>
              {i.label}
            </th>
            <td className="tabular-nums">{b?.score === null || b === undefined ? "no data" : b.score.toFixed(0)}</td>
            <td className="tabular-nums">
              {b?.asOf ? b.asOf.slice(0, 7) + (health.month && b.asOf < health.month ? " (carried forward)" : "") : "—"}
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
    </CompactTable>
  );
}
