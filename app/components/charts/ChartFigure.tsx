import { useId, type ReactNode } from "react";

/**
 * Shared frame of every chart: a <figure> whose SVG names itself (<title>, <desc>) and carries an
 * equivalent data table, so the figure reads the same without sight and without JavaScript.
 */
export function ChartFigure({ title, description, width, height, children, table, caption }: {
  title: string; description: string; width: number; height: number; children: ReactNode; table: ReactNode; caption?: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="min-w-0">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full max-w-full overflow-visible" preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        {children}
      </svg>
      {caption ? <figcaption className="mt-2 text-xs text-slate-600 dark:text-slate-400">{caption}</figcaption> : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 hover:underline dark:text-brand-100">Data table: {title}</summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}

export const tableClass = "w-full text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-1.5 [&_td]:pr-3 [&_th]:py-1.5 [&_th]:pr-3 [&_th]:font-semibold dark:[&_td]:border-slate-800";
