import { Link } from "@remix-run/react";
import { StageBadge } from "#app/components/ui/StageBadge";
import { ReasonIcon } from "./icons";
import { useT } from "#app/i18n/useT";

export interface RecommendationData {
  courseId: string;
  title: string;
  summary: string;
  stage: string;
  remainingMinutes: number;
  started: boolean;
  reasons: { kind: string; text: string }[];
}

/** "Recommended next", each with the reasons it was picked for this learner's account. */
export function Recommendations({ items }: { items: RecommendationData[] }) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="recommended-heading">
      <h2 id="recommended-heading" className="text-xl font-semibold">
        {t("recommend.title")}
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t("recommend.intro")}</p>
      <ul className="mt-3 grid gap-4 md:grid-cols-3">
        {items.map((r) => (
          <li
            key={r.courseId}
            data-recommendation={r.courseId}
            className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          >
            <div className="flex items-center gap-2">
              <StageBadge stage={r.stage} />
              <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">{r.remainingMinutes} min</span>
            </div>
            <h3 className="mt-2 text-lg font-semibold">
              <Link to={`/courses/${r.courseId}`} className="hover:underline">
                {r.title}
              </Link>
            </h3>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{r.summary}</p>
            <h4 className="sr-only">{t("recommend.why")}</h4>
            <ul className="mt-3 flex-1 space-y-1 text-sm">
              {r.reasons.map((reason) => (
                <li key={reason.text} className="flex gap-2 text-slate-800 dark:text-slate-200">
                  <ReasonIcon kind={reason.kind} className="mt-0.5 h-4 w-4 text-brand-600 dark:text-brand-100" />
                  <span>{reason.text}</span>
                </li>
              ))}
            </ul>
            <Link
              to={`/courses/${r.courseId}`}
              className="mt-4 text-sm font-semibold text-brand-700 hover:underline dark:text-brand-100"
            >
              {r.started ? t("course.continue") : t("recommend.start")}
              <span className="sr-only"> {r.title}</span> →
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
