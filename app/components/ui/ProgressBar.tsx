import { useT } from "#app/i18n/useT";
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const t = useT();
  const pct = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div className="h-full rounded-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t("progress.lessons", { value, max, pct })}</p>
    </div>
  );
}
