import { useId, type ReactNode } from "react";

/**
 * The drawing area of one rendering of a chart. Charts are drawn twice: a compact frame for narrow
 * containers (phones, three-up cards) and a wide one, switched by a CSS container query — an SVG scales
 * its text with its width, so one drawing cannot keep labels ≥ 11 px from 300 px to 720 px.
 */
export interface Frame {
  width: number;
  height: number;
  font: number;
  compact: boolean;
}

export const COMPACT: Frame = { width: 340, height: 240, font: 13, compact: true };
export const WIDE: Frame = { width: 560, height: 260, font: 13, compact: false };

/**
 * Shared frame of every chart: a <figure> whose SVG names itself (<title>, <desc>) and carries an
 * equivalent data table, so the figure reads the same without sight and without JavaScript.
 * The compact drawing shows below a 28rem (448 px) container, the wide one above; the wide one stops
 * growing at 45rem so its text stays near the size of the page's (13–18 px).
 */
export function ChartFigure({
  title,
  description,
  draw,
  frames = [WIDE, COMPACT],
  table,
  caption,
}: {
  title: string;
  description: string;
  draw: (frame: Frame) => ReactNode;
  frames?: [wide: Frame, compact: Frame];
  table: ReactNode;
  caption?: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="@container min-w-0">
      {frames.map((frame) => {
        const key = frame.compact ? "c" : "w";
        return (
          <svg
            key={key}
            viewBox={`0 0 ${frame.width} ${frame.height}`}
            role="img"
            aria-labelledby={`${id}${key}t ${id}${key}d`}
            data-frame={frame.compact ? "compact" : "wide"}
            className={`h-auto w-full overflow-visible ${frame.compact ? "@md:hidden" : "hidden max-w-[45rem] @md:block"}`}
            preserveAspectRatio="xMidYMid meet"
          >
            <title id={`${id}${key}t`}>{title}</title>
            <desc id={`${id}${key}d`}>{description}</desc>
            {draw(frame)}
          </svg>
        );
      })}
      {caption ? <figcaption className="mt-2 text-xs text-slate-600 dark:text-slate-400">{caption}</figcaption> : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand-700 hover:underline dark:text-brand-100">
          Data table: {title}
        </summary>
        <div className="mt-2 relative overflow-x-auto" tabIndex={0} role="region" aria-label={`Data table: ${title}`}>
          {table}
        </div>
      </details>
    </figure>
  );
}

export const tableClass =
  "w-full text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-1.5 [&_td]:pr-3 [&_th]:py-1.5 [&_th]:pr-3 [&_th]:font-semibold dark:[&_td]:border-slate-800";

export const AXIS_TEXT = "fill-slate-600 dark:fill-slate-400";
export const TITLE_TEXT = "fill-slate-700 dark:fill-slate-300";
export const GRID_LINE = "stroke-slate-200 dark:stroke-slate-700";
