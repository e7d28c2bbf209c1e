import type { ReactNode } from "react";

/** Plain accessible table with a caption and a CSV download link. */
export function DataTable({
  caption,
  csvHref,
  head,
  rows,
  empty = "No data for these filters yet.",
}: {
  caption: string;
  csvHref?: string;
  head: ReactNode[];
  rows: ReactNode[][];
  empty?: string;
}) {
  return (
    <div
      tabIndex={0}
      role="region"
      aria-label={caption}
      className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <table className="w-full text-left text-sm">
        <caption className="px-4 pt-3 text-left">
          <span className="font-semibold">{caption}</span>
          {csvHref ? (
            <a
              href={csvHref}
              className="ml-3 text-sm font-normal text-brand-700 underline dark:text-brand-100"
              download
            >
              Export CSV
            </a>
          ) : null}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            {head.map((h, i) => (
              <th key={i} scope="col" className="px-4 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              {r.map((c, j) => (
                <td key={j} className="px-4 py-2 align-top">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="px-4 pb-3 text-sm text-slate-600 dark:text-slate-400">{empty}</p> : null}
    </div>
  );
}

/** A column heading with its definition available on hover and to screen readers. */
export function Defined({ label, definition }: { label: string; definition: string }) {
  return (
    <abbr title={definition} className="cursor-help no-underline decoration-dotted hover:underline">
      {label}
      <span className="sr-only"> ({definition})</span>
    </abbr>
  );
}
