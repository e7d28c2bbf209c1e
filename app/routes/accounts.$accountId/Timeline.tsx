import { formatMoney } from "#app/utils/format";

const DOT: Record<string, string> = {
  revenue: "bg-brand-600",
  training: "bg-emerald-600",
  churn: "bg-red-600",
  health: "bg-amber-500",
};
const KIND: Record<string, string> = { revenue: "Revenue", training: "Training", churn: "Churn", health: "Health" };

export function Timeline({ events }: { events: { date: string; kind: string; text: string; amount?: number }[] }) {
  if (!events.length) return <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Nothing recorded yet.</p>;
  return (
    // A scrolling list must be reachable by keyboard (axe scrollable-region-focusable): a named, focusable region.
    <div
      role="region"
      aria-label={`Timeline, ${events.length} events, newest first`}
      tabIndex={0}
      className="mt-3 max-h-[28rem] overflow-y-auto rounded-md pr-2"
    >
      <ol className="space-y-3 text-sm">
        {events.map((e, i) => (
          <li key={i} className="flex gap-3">
            <span aria-hidden className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${DOT[e.kind] ?? "bg-slate-400"}`} />
            <div>
              <p className="text-xs text-slate-600 dark:text-slate-400">
                <time dateTime={e.date}>{e.date}</time> · {KIND[e.kind] ?? e.kind}
              </p>
              <p>
                {e.text}
                {e.amount !== undefined ? (
                  <span className="tabular-nums">
                    {" "}
                    {e.amount >= 0 ? "+" : "−"}
                    {formatMoney(Math.abs(e.amount))} MRR
                  </span>
                ) : null}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
