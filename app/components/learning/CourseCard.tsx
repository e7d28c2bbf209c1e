import { Link } from "@remix-run/react";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { StageBadge } from "#app/components/ui/StageBadge";
import { LockIcon, LockNotice } from "./LockNotice";
import { useT } from "#app/i18n/useT";
import type { TFunction } from "#app/i18n/translate";

export interface CourseCardData {
  id: string;
  title: string;
  summary: string;
  stage: string;
  status: string;
  level: string | null;
  estimatedMinutes: number;
  remainingMinutes: number;
  lessonCount: number;
  completedCount: number;
  completed: boolean;
  nextLessonId: string | null;
  lockedBy: { id: string; title: string }[];
  certificateCode: string | null;
}

export function minutesLabel(
  c: Pick<CourseCardData, "estimatedMinutes" | "remainingMinutes" | "completedCount" | "completed">,
  t: TFunction,
) {
  if (c.completed) return t("card.minutes", { count: c.estimatedMinutes });
  return c.completedCount > 0
    ? t("card.minutesLeft", { count: c.remainingMinutes })
    : t("card.minutes", { count: c.estimatedMinutes });
}

/** A course in the catalog: stage, time, progress, and whether it is locked, in progress or done. */
export function CourseCard({ course: c, headingLevel = 3 }: { course: CourseCardData; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 4 ? "h4" : "h3";
  const locked = c.lockedBy.length > 0;
  const t = useT();
  return (
    <li
      data-course-id={c.id}
      className={`flex flex-col rounded-xl border bg-white p-5 shadow-sm dark:bg-slate-900 ${locked ? "border-dashed border-slate-300 dark:border-slate-700" : "border-slate-200 dark:border-slate-800"}`}
    >
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <StageBadge stage={c.stage} />
        {c.status === "draft" ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
            {t("card.draft")}
          </span>
        ) : null}
        {locked ? (
          <span className="inline-flex items-center rounded-full bg-slate-200 px-2 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-700 dark:text-slate-100">
            <LockIcon />
            {t("card.locked")}
          </span>
        ) : null}
        {c.completed ? (
          <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
            {t("card.completed")}
          </span>
        ) : null}
        <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">
          {minutesLabel(c, t)}
          {c.level ? ` · ${t(`level.${c.level}`)}` : ""}
        </span>
      </div>
      <Heading className="text-lg font-semibold">
        <Link to={`/courses/${c.id}`} className="hover:underline">
          {c.title}
        </Link>
      </Heading>
      <p className="mt-1 flex-1 text-sm text-slate-600 dark:text-slate-300">{c.summary}</p>
      {locked ? (
        <LockNotice lockedBy={c.lockedBy} compact />
      ) : (
        <div className="mt-4">
          <ProgressBar value={c.completedCount} max={c.lessonCount} label={t("card.progressIn", { title: c.title })} />
        </div>
      )}
      {c.completed && c.certificateCode ? (
        <Link
          to={`/certificates/${c.certificateCode}`}
          className="mt-3 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          {t("card.viewCertificate")}
          <span className="sr-only">{t("card.forCourse", { title: c.title })}</span> →
        </Link>
      ) : !locked && c.nextLessonId && c.completedCount > 0 ? (
        <Link
          to={`/courses/${c.id}/${c.nextLessonId}`}
          className="mt-3 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          {t("card.continue")}
          <span className="sr-only">{t("card.inCourse", { title: c.title })}</span> →
        </Link>
      ) : null}
    </li>
  );
}
