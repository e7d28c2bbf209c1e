import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { DEFINITIONS, type DefinitionKey } from "#app/analytics/definitions";

// useLayoutEffect warns during server rendering; the popover is never open there.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/**
 * A "?" button next to a figure that shows its definition (from app/analytics/definitions.ts, the one
 * source). A disclosure, not a hover tooltip (WCAG 1.4.13): it opens and closes on click, Escape closes
 * it and returns focus to the button, and it is only in the page while open — nothing invisible can
 * widen the page or cover the control below on focus. The same definitions are listed in full on the
 * report's Definitions section, so without JavaScript nothing is lost.
 */
export function HelpTip({ term, align = "left" }: { term: DefinitionKey; align?: "left" | "right" }) {
  const id = useId();
  const d = DEFINITIONS[term];
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const panel = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  // Keep the open panel inside the window (it may sit near either edge on a phone).
  useBrowserLayoutEffect(() => {
    const el = panel.current;
    if (!open || !el) return;
    el.style.transform = "";
    const r = el.getBoundingClientRect();
    const margin = 8;
    const shift =
      r.right > window.innerWidth - margin
        ? window.innerWidth - margin - r.right
        : r.left < margin
          ? margin - r.left
          : 0;
    if (shift) el.style.transform = `translateX(${shift}px)`;
  }, [open]);

  return (
    <span ref={root} className="relative ml-1 inline-block align-middle">
      <button
        ref={button}
        type="button"
        aria-label={`What is “${d.label}”?`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-6 w-6 items-center justify-center rounded-full border border-slate-400 text-xs font-bold text-slate-600 hover:bg-slate-100 dark:border-slate-500 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        ?
      </button>
      {open ? (
        <span
          ref={panel}
          id={id}
          className={`absolute top-7 z-20 block w-72 max-w-[calc(100vw-1rem)] rounded-lg border border-slate-200 bg-white p-3 text-left text-xs font-normal normal-case leading-5 tracking-normal text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200 ${align === "right" ? "right-0" : "left-0"}`}
        >
          <strong className="block text-slate-900 dark:text-white">{d.label}</strong>
          {d.formula}
        </span>
      ) : null}
    </span>
  );
}
