import { Link } from "@remix-run/react";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { useT } from "#app/i18n/useT";
import type { ResumePoint } from "#app/learning/catalog.server";

/** The one thing most learners want on arrival: back to the lesson (and heading) they were in. */
export function ResumeCard({ resume: r }: { resume: ResumePoint }) {
  const t = useT();
  const href = `/courses/${r.courseId}/${r.lessonId}${r.position ? `#${r.position}` : ""}`;
  return (
    <section
      aria-labelledby="resume-heading"
      className="rounded-2xl border border-brand-100 bg-brand-50 p-5 sm:p-6 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <h2
            id="resume-heading"
            className="text-sm font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-100"
          >
            {t("resume.title")}
          </h2>
          <p className="mt-1 text-xl font-bold">{r.courseTitle}</p>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            {t("resume.lesson", { number: r.lessonNumber, count: r.lessonCount, title: r.lessonTitle })}
            {r.positionLabel ? <> · {t("resume.at", { heading: r.positionLabel })}</> : null}
          </p>
          <div className="mt-3 max-w-md">
            <ProgressBar
              value={r.completedCount}
              max={r.lessonCount}
              label={t("card.progressIn", { title: r.courseTitle })}
            />
          </div>
        </div>
        <Link
          to={href}
          className="inline-flex shrink-0 items-center justify-center rounded-md bg-brand-600 px-5 py-3 text-base font-semibold text-white hover:bg-brand-700"
        >
          <span>
            {t("course.continue")}
            <span className="sr-only"> {r.courseTitle}</span> · {t("card.minutesLeft", { count: r.remainingMinutes })}
          </span>
        </Link>
      </div>
    </section>
  );
}
