import { useEffect, useState } from "react";
import { useT } from "#app/i18n/useT";

export interface Heading {
  depth: number;
  text: string;
  slug: string;
}

/**
 * "On this page": plain anchor links (work without JS); once hydrated, the heading currently in view
 * is marked with aria-current so sighted and screen-reader users both know where they are.
 */
export function LessonToc({ headings, collapsible = false }: { headings: Heading[]; collapsible?: boolean }) {
  const active = useActiveHeading(headings);
  const t = useT();
  if (headings.length === 0) return null;
  const minDepth = Math.min(...headings.map((h) => h.depth));
  const list = (
    <ul className="mt-2 space-y-1">
      {headings.map((h) => (
        <li key={h.slug} style={{ paddingLeft: (h.depth - minDepth) * 12 }}>
          <a
            href={`#${h.slug}`}
            aria-current={active === h.slug ? "location" : undefined}
            className={`block rounded px-1 py-0.5 hover:underline ${active === h.slug ? "bg-brand-50 font-semibold text-brand-700 dark:bg-slate-800 dark:text-white" : "text-slate-700 dark:text-slate-300"}`}
          >
            {h.text}
          </a>
        </li>
      ))}
    </ul>
  );
  // On small screens the outline sits above the lesson, folded (a native <details>: no JS needed).
  if (collapsible) {
    return (
      <details className="rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
        <summary className="cursor-pointer font-semibold">{t("lesson.onThisPage")}</summary>
        <nav aria-label={t("lesson.onThisPage")}>{list}</nav>
      </details>
    );
  }
  return (
    <nav
      aria-label={t("lesson.onThisPage")}
      className="rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="font-semibold">{t("lesson.onThisPage")}</h2>
      {list}
    </nav>
  );
}

function useActiveHeading(headings: Heading[]) {
  const [active, setActive] = useState<string | null>(null);
  useEffect(() => {
    if (headings.length === 0) return;
    const update = () => setActive(lastHeadingAbove(headings.map((h) => h.slug)));
    update();
    window.addEventListener("scroll", update, { passive: true });
    return () => window.removeEventListener("scroll", update);
  }, [headings]);
  return active;
}

/**
 * "Where the reader is": the last heading whose top has scrolled above 30% of the viewport, or, once
 * the page is scrolled to its end (short lessons never bring their last headings that high), the last
 * heading on screen.
 */
export function lastHeadingAbove(ids: string[]): string | null {
  const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
  const line = atEnd ? window.innerHeight : window.innerHeight * 0.3;
  let current: string | null = null;
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el && el.getBoundingClientRect().top < line) current = id;
  }
  return current;
}
