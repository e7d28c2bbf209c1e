import { CompactTable } from "#app/components/ui/CompactTable";
import { DEFINITIONS } from "#app/analytics/definitions";
import { HEALTH_INPUTS } from "#app/analytics/health";

/** Every definition in plain words, from the same source as the "?" help. */
export function Definitions({ weights, version }: { weights: Record<string, number>; version: number | null }) {
  const total = Object.values(weights).reduce((s, w) => s + w, 0) || 1;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <dl className="space-y-3 text-sm">
        {Object.entries(DEFINITIONS).map(([key, d]) => (
          <div key={key}>
            <dt className="font-semibold">{d.label}</dt>
            <dd className="text-slate-700 dark:text-slate-300">{d.formula}</dd>
          </div>
        ))}
      </dl>
      <div>
        <h3 className="font-semibold">
          Health score inputs and weights {version ? `(version ${version})` : "(defaults)"}
        </h3>
        <CompactTable head={["Input", "Weight", "Sub-score (0–100)"]} className="mt-2 [&_td]:align-top">
          {HEALTH_INPUTS.map((i) => (
            <tr key={i.key}>
              <th scope="row" className="py-2 pr-3 align-top font-medium">
                {i.label}
              </th>
              <td className="tabular-nums">{Math.round(((weights[i.key] ?? 0) / total) * 100)}%</td>
              <td className="text-slate-700 dark:text-slate-300">{i.help}</td>
            </tr>
          ))}
        </CompactTable>
      </div>
    </div>
  );
}
