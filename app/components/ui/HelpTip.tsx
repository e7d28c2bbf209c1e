import { useId } from "react";
import { DEFINITIONS, type DefinitionKey } from "#app/analytics/definitions";

/**
 * A "?" next to a figure that shows its definition on hover and on keyboard focus (pure CSS, so it
 * works without JavaScript). The text comes from app/analytics/definitions.ts, the one source.
 */
export function HelpTip({ term, align = "left" }: { term: DefinitionKey; align?: "left" | "right" }) {
  const id = useId();
  const d = DEFINITIONS[term];
  return (
    <span className="group relative ml-1 inline-block align-middle">
      <button
        type="button"
        aria-label={`What is “${d.label}”?`}
        aria-describedby={id}
        className="inline-flex h-5 w-5 items-center justify-center rounded-full border border-slate-400 text-xs font-bold text-slate-600 hover:bg-slate-100 dark:border-slate-500 dark:text-slate-300 dark:hover:bg-slate-800"
      >?</button>
      <span
        role="tooltip"
        id={id}
        className={`invisible absolute top-6 z-20 w-72 max-w-[80vw] rounded-lg border border-slate-200 bg-white p-3 text-left text-xs font-normal leading-5 text-slate-700 opacity-0 shadow-lg transition-opacity group-focus-within:visible group-focus-within:opacity-100 group-hover:visible group-hover:opacity-100 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 ${align === "right" ? "right-0" : "left-0"}`}
      >
        <strong className="block text-slate-900 dark:text-white">{d.label}</strong>
        {d.formula}
      </span>
    </span>
  );
}
