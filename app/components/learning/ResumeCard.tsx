import { Link } from "@remix-run/react";
import { ProgressBar } from "#app/components/ui/ProgressBar";

export interface ResumeData {
  courseId: string;
  courseTitle: string;
  lessonId: string;
  lessonTitle: string;
  lessonNumber: number;
  lessonCount: number;
  completedCount: number;
  remainingMinutes: number;
  position: string | null;
  positionLabel: string | null;
}

/** The one thing most learners want on arrival: back to the lesson (and heading) they were in. */
export function ResumeCard({ resume: r }: { resume: ResumeData }) {
  const href = `/courses/${r.courseId}/${r.lessonId}${r.position ? `#${r.position}` : ""}`;
  return (
    <section aria-labelledby="resume-heading" className="rounded-2xl border border-brand-100 bg-brand-50 p-5 sm:p-6 dark:border-slate-700 dark:bg-slate-900">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <h2 id="resume-heading" className="text-sm font-semibold uppercase tracking-wide text-brand-700 dark:text-brand-100">Continue where you left off</h2>
          <p className="mt-1 text-xl font-bold">{r.courseTitle}</p>
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            Lesson {r.lessonNumber} of {r.lessonCount}: {r.lessonTitle}
            {r.positionLabel ? <> · at “{r.positionLabel}”</> : null}
          </p>
          <div className="mt-3 max-w-md"><ProgressBar value={r.completedCount} max={r.lessonCount} label={`Progress in ${r.courseTitle}`} /></div>
        </div>
        <Link to={href} className="inline-flex shrink-0 items-center justify-center rounded-md bg-brand-600 px-5 py-3 text-base font-semibold text-white hover:bg-brand-700">
          <span>Continue<span className="sr-only"> {r.courseTitle}</span> · {r.remainingMinutes} min left</span>
        </Link>
      </div>
    </section>
  );
}
