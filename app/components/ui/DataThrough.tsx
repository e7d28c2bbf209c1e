import { DATA_SOURCES, type MonthSpan } from "#app/analytics/coverage/sources";

/**
 * "Data through" per source (DEFINITIONS.dataCoverage): the last month each customer-data source
 * covers, so a reader knows how current each figure can be. `overall` (optional) adds the
 * academy-wide coverage next to an account's own.
 */
export function DataThrough({
  coverage,
  overall,
  label = "Data through",
}: {
  coverage: Record<string, MonthSpan>;
  overall?: Record<string, MonthSpan>;
  label?: string;
}) {
  return (
    <div className="text-sm">
      <h2 className="sr-only">{label}</h2>
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-slate-700 dark:text-slate-300">
        {DATA_SOURCES.map((s) => {
          const span = coverage[s.key] ?? null;
          const all = overall?.[s.key] ?? null;
          return (
            <div key={s.key} className="flex gap-1" title={s.help}>
              <dt className="text-slate-600 dark:text-slate-400">{s.label}</dt>
              <dd className="font-medium tabular-nums">
                {span ? `through ${span.last.slice(0, 7)}` : "no data"}
                {overall ? (
                  <span className="font-normal text-slate-600 dark:text-slate-400">
                    {all ? ` (all accounts: ${all.last.slice(0, 7)})` : ""}
                  </span>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
