import type { ReactNode } from "react";

/**
 * The small bordered table of the account and report pages: column headings in small capitals, rows
 * separated by rules. With `region`, it sits in a horizontally scrolling region of that name, which a
 * keyboard can focus (a wide table on a narrow screen). `children` are the body's rows.
 */
export function CompactTable({
  head,
  children,
  region,
  className = "",
}: {
  head: ReactNode[];
  children: ReactNode;
  region?: string;
  /** Extra classes for the table (a minimum width, the cells' alignment, a margin). */
  className?: string;
}) {
  const table = (
    <table
      className={`w-full text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2 [&_td]:pr-3 dark:[&_td]:border-slate-800 ${className}`}
    >
      <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col" className="pb-2">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return region ? (
    <div className="mt-3 relative overflow-x-auto" tabIndex={0} role="region" aria-label={region}>
      {table}
    </div>
  ) : (
    table
  );
}
