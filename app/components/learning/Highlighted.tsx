import type { SnippetPart } from "#app/learning/search-snippet";

/** Renders a search snippet: matched words in <mark>, everything escaped by React. */
export function Highlighted({ parts }: { parts: SnippetPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="rounded bg-yellow-200 px-0.5 text-slate-900 dark:bg-yellow-300 dark:text-slate-950">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
