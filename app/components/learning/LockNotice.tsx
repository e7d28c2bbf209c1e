import { Link } from "@remix-run/react";
import { useT } from "#app/i18n/useT";

/** Tells the learner which courses unlock this one, with links to them. */
export function LockNotice({
  lockedBy,
  compact = false,
}: {
  lockedBy: { id: string; title: string }[];
  compact?: boolean;
}) {
  const t = useT();
  if (lockedBy.length === 0) return null;
  const links = lockedBy.map((p, i) => (
    <span key={p.id}>
      {i > 0 ? (i === lockedBy.length - 1 ? t("lock.and") : ", ") : null}
      <Link
        to={`/courses/${p.id}`}
        className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100"
      >
        {p.title}
      </Link>
    </span>
  ));
  if (compact) {
    return (
      <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
        <LockIcon /> {t("lock.completeBefore")}
        {links}
        {t("lock.toUnlock")}
      </p>
    );
  }
  return (
    <div
      role="note"
      className="rounded-xl border border-amber-300 bg-amber-50 p-5 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      <p className="font-semibold">
        <LockIcon /> {t("lock.title")}
      </p>
      <p className="mt-1 text-sm">
        {t("lock.completeBefore")}
        {links}
        {t("lock.buildsOn", { count: lockedBy.length })}
      </p>
    </div>
  );
}

export function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="mr-1 inline h-4 w-4 -translate-y-px fill-current">
      <path d="M10 2a4 4 0 0 0-4 4v2H5a1 1 0 0 0-1 1v8a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V9a1 1 0 0 0-1-1h-1V6a4 4 0 0 0-4-4Zm-2 6V6a2 2 0 1 1 4 0v2H8Z" />
    </svg>
  );
}
