import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { canAuthor, requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getCourseOutline } from "#app/learning/catalog.server";
import { missingPrerequisites } from "#app/learning/prerequisites.server";
import { findCertificateFor } from "#app/learning/certificates.server";
import { LessonBody } from "#app/components/mdx/LessonBody";
import { loadMdx } from "#app/components/mdx/compiled-mdx";
import { mdxRef } from "#app/content/mdx-script.server";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { StageBadge } from "#app/components/ui/StageBadge";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { LessonOutline } from "#app/components/learning/LessonOutline";
import { LockNotice } from "#app/components/learning/LockNotice";
import { CertificateEarned } from "#app/components/learning/CertificateEarned";
import { requestLocale } from "#app/i18n/i18next.server";
import { useT } from "#app/i18n/useT";
import { PreviewBanner } from "#app/components/learning/PreviewBanner";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "Course"} · Uplift Academy` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const outline = await getCourseOutline(db, params.courseId ?? "", user.id, {
    includeDrafts: canAuthor(user),
    locale: await requestLocale(request),
  });
  if (!outline) throw new Response("Not found", { status: 404 });
  const { course, lessons } = outline;
  const isLearner = !!user.accountId;
  return json({
    course: {
      id: course.id,
      title: course.title,
      summary: course.summary,
      stage: course.stage,
      estimatedMinutes: course.estimatedMinutes,
      overview: course.overviewCode
        ? mdxRef(
            course.overviewCode,
            `/courses/${course.id}/overview.js${course.contentLocale !== course.locale ? `?lang=${encodeURIComponent(course.contentLocale)}` : ""}`,
          )
        : null,
      status: course.status,
      level: course.level,
      contentLocale: course.contentLocale,
    },
    lessons,
    lockedBy: isLearner ? await missingPrerequisites(db, user.id, course.prerequisites) : [],
    certificateCode: isLearner ? await findCertificateFor(db, user.id, course.id) : null,
  });
}

/** Client-side navigation: the overview's content script is loaded before the page renders (LessonBody). */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const page = await serverLoader<typeof loader>();
  if (page.course.overview) await loadMdx(page.course.overview);
  return page;
}

export default function CoursePage() {
  const { course, lessons, lockedBy, certificateCode } = useLoaderData<typeof loader>();
  const done = lessons.filter((l) => l.completed).length;
  const next = lessons.find((l) => !l.completed) ?? lessons[0];
  const locked = lockedBy.length > 0;
  const resume = next?.resumePosition && !next.completed ? `#${next.resumePosition}` : "";
  const t = useT();
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <article className="min-w-0">
        <nav aria-label={t("nav.breadcrumb")} className="text-sm text-slate-600 dark:text-slate-400">
          <Link to="/" className="hover:underline">
            {t("nav.courses")}
          </Link>{" "}
          / {course.title}
        </nav>
        {course.status !== "published" ? (
          <div className="mt-3">
            <PreviewBanner kind="course" />
          </div>
        ) : null}
        <div className="mt-3 flex items-center gap-2">
          <StageBadge stage={course.stage} />
          <span className="text-sm text-slate-600 dark:text-slate-400">
            {t("card.minutes", { count: course.estimatedMinutes })}
            {course.level ? ` · ${t(`level.${course.level}`)}` : ""}
          </span>
        </div>
        <h1 className="mt-2 text-3xl font-bold" lang={course.contentLocale}>
          {course.title}
        </h1>
        <p className="mt-2 text-lg text-slate-700 dark:text-slate-300" lang={course.contentLocale}>
          {course.summary}
        </p>
        {locked ? (
          <div className="mt-6">
            <LockNotice lockedBy={lockedBy} />
          </div>
        ) : null}
        {certificateCode ? <CertificateEarned code={certificateCode} courseTitle={course.title} /> : null}
        {course.overview ? (
          <div lang={course.contentLocale}>
            <LessonBody body={course.overview} />
          </div>
        ) : null}
      </article>
      <aside className="space-y-4">
        <div className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold">{t("course.yourProgress")}</h2>
          <div className="mt-3">
            <ProgressBar value={done} max={lessons.length} label={t("card.progressIn", { title: course.title })} />
          </div>
          {next && !locked ? (
            <Link
              to={`/courses/${course.id}/${next.id}${resume}`}
              className="mt-4 inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700"
            >
              {done === lessons.length
                ? t("course.review")
                : done > 0 || lessons.some((l) => l.status)
                  ? t("course.continue")
                  : t("course.start")}
            </Link>
          ) : null}
        </div>
        <LessonOutline courseId={course.id} lessons={lessons} />
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
