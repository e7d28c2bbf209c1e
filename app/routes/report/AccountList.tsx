import { Link } from "@remix-run/react";
import { formatMoney, formatNumber, formatPct } from "#app/utils/format";
import { HealthBadge } from "#app/components/ui/HealthBadge";
import { segmentLabel } from "./Filters";
import type { ReportView } from "./view-types";

type List = ReportView["readyForExpansion"];

export function AccountList({
  list,
  empty,
  csvHref,
  label,
}: {
  list: List;
  empty: string;
  csvHref: string;
  label: string;
}) {
  if (!list.total) return <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>;
  return (
    <div>
      <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={label}>
        {list.rows.map((a) => (
          <li key={a.id} className="flex flex-wrap items-start gap-x-4 gap-y-1 py-3">
            <div className="min-w-0 flex-1">
              <Link
                to={`/accounts/${a.id}`}
                className="font-semibold text-brand-700 hover:underline dark:text-brand-100"
              >
                {a.name}
              </Link>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {segmentLabel(a.segment)} · {a.planTier ?? "—"} · CSM {a.csm ?? "—"}
              </p>
              <ul className="mt-1 flex flex-wrap gap-1.5">
                {a.reasons.map((r) => (
                  <li
                    key={r}
                    className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300"
                  >
                    {r}
                  </li>
                ))}
              </ul>
            </div>
            <dl className="grid grid-cols-3 gap-3 text-right text-sm">
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">MRR</dt>
                <dd className="tabular-nums">{formatMoney(a.revenue)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">Health</dt>
                <dd>
                  <HealthBadge score={a.health} band={a.band} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-600 dark:text-slate-400">Seats used</dt>
                <dd className="tabular-nums">{formatPct(a.utilization, 0)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        {list.total > list.rows.length
          ? `Showing ${list.rows.length} of ${formatNumber(list.total)} accounts, largest first. `
          : `${formatNumber(list.total)} account${list.total === 1 ? "" : "s"}. `}
        <a href={csvHref} className="text-brand-700 underline dark:text-brand-100">
          Download all as CSV
        </a>
      </p>
    </div>
  );
}
