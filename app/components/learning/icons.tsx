/** Small inline icons (no emoji: not every system has an emoji font). Decorative: aria-hidden. */
const base = "inline-block shrink-0 fill-none stroke-current";

export function ReasonIcon({ kind, className = "h-4 w-4" }: { kind: string; className?: string }) {
  const paths: Record<string, JSX.Element> = {
    feature: (
      <>
        <path d="M3 17l5-5 4 4 8-8" />
        <path d="M14 8h6v6" />
      </>
    ),
    stage: (
      <>
        <circle cx="12" cy="12" r="9" />
        <path d="M15.5 8.5l-2 5-5 2 2-5z" />
      </>
    ),
    teammates: (
      <>
        <circle cx="9" cy="8" r="3.5" />
        <path d="M2.5 20c.8-3.6 3.3-5.5 6.5-5.5s5.7 1.9 6.5 5.5" />
        <path d="M16 4.8a3.5 3.5 0 0 1 0 6.4M18 14.8c1.8.8 3 2.5 3.5 5.2" />
      </>
    ),
    path: (
      <>
        <path d="M4 12h16" />
        <path d="M14 6l6 6-6 6" />
      </>
    ),
  };
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`${base} ${className}`}
    >
      {paths[kind] ?? paths.path}
    </svg>
  );
}

export function AwardIcon({ className = "h-8 w-8" }: { className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={`${base} ${className}`}
    >
      <circle cx="12" cy="9" r="6" />
      <path d="M9 14.2L7.5 22l4.5-2.5 4.5 2.5-1.5-7.8" />
      <path d="M9.8 9l1.5 1.5 3-3" />
    </svg>
  );
}
