const STYLE: Record<string, string> = {
  green: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
  yellow: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
  red: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
};

/** Health score with its band in words (colour is never the only signal). */
export function HealthBadge({ score, band }: { score: number | null; band: string | null }) {
  if (score === null || !band) return <span className="text-slate-600 dark:text-slate-400">no data</span>;
  return (
    <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold tabular-nums ${STYLE[band] ?? ""}`}>
      {score.toFixed(0)} {band}
    </span>
  );
}
