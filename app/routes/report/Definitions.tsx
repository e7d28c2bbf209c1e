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
        <table className="mt-2 w-full text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2 [&_td]:pr-3 [&_td]:align-top dark:[&_td]:border-slate-800">
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="pb-2">
                Input
              </th>
              <th scope="col" className="pb-2">
                Weight
              </th>
              <th scope="col" className="pb-2">
                Sub-score (0–100)
              </th>
            </tr>
          </thead>
          <tbody>
            {HEALTH_INPUTS.map((i) => (
              <tr key={i.key}>
                <th scope="row" className="py-2 pr-3 align-top font-medium">
                  {i.label}
                </th>
                <td className="tabular-nums">{Math.round(((weights[i.key] ?? 0) / total) * 100)}%</td>
                <td className="text-slate-700 dark:text-slate-300">{i.help}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
