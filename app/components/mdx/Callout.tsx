import type { ReactNode } from "react";

const tones = {
  info: { box: "border-sky-300 bg-sky-50 dark:border-sky-700 dark:bg-sky-950", label: "Note" },
  tip: { box: "border-emerald-300 bg-emerald-50 dark:border-emerald-700 dark:bg-emerald-950", label: "Tip" },
  warning: { box: "border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950", label: "Warning" },
} as const;

export function Callout({
  type = "info",
  title,
  children,
}: {
  type?: keyof typeof tones;
  title?: string;
  children?: ReactNode;
}) {
  const tone = tones[type] ?? tones.info;
  return (
    <aside role="note" aria-label={title ?? tone.label} className={`my-5 rounded-lg border-l-4 p-4 ${tone.box}`}>
      <p className="m-0 font-semibold">{title ?? tone.label}</p>
      <div className="[&>p]:my-1">{children}</div>
    </aside>
  );
}
