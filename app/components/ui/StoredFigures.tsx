import { useEffect, type ReactNode } from "react";
import { useRevalidator } from "@remix-run/react";
import { REFRESH_SECONDS, type Freshness } from "#app/analytics/report/view-state";

/**
 * While a page's figures are being recomputed: checks again every few seconds, with JavaScript by
 * revalidating the loader (the form keeps what was typed), without it by a meta refresh.
 */
function RefreshWhileComputing() {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (state !== "idle") return;
    const timer = setTimeout(revalidate, REFRESH_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [revalidate, state]);
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(REFRESH_SECONDS)} />
    </noscript>
  );
}

const seconds = (n: number) => (n < 120 ? `${n} s` : `${Math.round(n / 60)} min`);

/** The honest label on older figures served while the current ones compute (nothing when current). */
export function StaleFiguresBanner({
  freshness,
  what,
  dataThrough,
}: {
  freshness: Freshness;
  what: string;
  dataThrough?: string | null;
}) {
  if (freshness.status !== "stale") return null;
  return (
    <div
      role="status"
      data-figures="stale"
      className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <RefreshWhileComputing />
      <p className="font-semibold">These figures are not the latest</p>
      <p className="mt-1 text-sm">
        Figures as of {freshness.computedAt}
        {dataThrough ? `, data through ${dataThrough}` : ""}.{" "}
        {freshness.reason === "data"
          ? "Newer data has arrived since then"
          : "The app has been updated since then (its calculations may differ)"}
        : the {what} is being recomputed, started {freshness.recomputingSince} ({seconds(freshness.secondsAgo)} ago).
        This page updates when it is done.
      </p>
    </div>
  );
}

/** The page's state when no figures are stored yet: what is happening, and the page's filters. */
export function ComputingFigures({
  freshness,
  title,
  what,
  children,
}: {
  freshness: Extract<Freshness, { status: "computing" }>;
  title: string;
  what: string;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold">{title}</h1>
        <div
          role="status"
          data-figures="computing"
          className="mt-3 rounded-xl border border-sky-300 bg-sky-50 p-4 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100"
        >
          <RefreshWhileComputing />
          <p className="font-semibold">
            Computing the {what} (started {seconds(freshness.secondsAgo)} ago)
          </p>
          <p className="mt-1 text-sm">
            No figures are stored yet for these filters and the current data. They are being computed now (since{" "}
            {freshness.since}); this page shows them when they are ready. You can change the filters meanwhile.
          </p>
        </div>
      </header>
      {children}
    </div>
  );
}
