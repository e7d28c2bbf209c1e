import { Link } from "@remix-run/react";

interface Item {
  kind: string;
  courseId: string;
  lessonId: string;
  title: string;
  sourcePath: string;
  detail: string;
}

export function HealthList({ title, items, empty }: { title: string; items: Item[]; empty: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h3 className="font-semibold">{title}</h3>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <ol className="mt-2 space-y-3 text-sm">
          {items.map((i) => (
            <li key={`${i.kind}-${i.lessonId}-${i.title}`}>
              <Link to={`/courses/${i.courseId}/${i.lessonId}`} className="font-medium hover:underline">
                {i.title}
              </Link>
              <p className="text-slate-600 dark:text-slate-400">{i.detail}</p>
              {i.sourcePath ? (
                <Link
                  to={`/insights/source?path=${encodeURIComponent(i.sourcePath)}`}
                  className="font-mono text-xs text-brand-700 underline dark:text-brand-100"
                  data-testid="source-link"
                >
                  {i.sourcePath}
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
