import type { MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs } from "@remix-run/react";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { replyError, replySaved, type LessonReply } from "#app/learning/lesson-reply";
import { PreviewBanner } from "#app/components/learning/PreviewBanner";
import { LessonBody } from "#app/components/mdx/LessonBody";
import { loadMdx } from "#app/components/mdx/compiled-mdx";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { CompletionBar } from "#app/components/learning/CompletionBar";
import { LessonOutline } from "#app/components/learning/LessonOutline";
import { LessonToc } from "#app/components/learning/LessonToc";
import { LockNotice } from "#app/components/learning/LockNotice";
import { CertificateEarned } from "#app/components/learning/CertificateEarned";
import { HEARTBEAT_ACTION, useLessonHeartbeat } from "#app/components/learning/useLessonHeartbeat";
import { useLessonCompletion } from "#app/components/learning/useLessonCompletion";
import { useVideoShares } from "#app/components/learning/useVideoShares";
import { CourseSurvey, LessonFeedback } from "#app/components/learning/LessonFeedback";
import type { loader } from "./lesson.server";
import { useT } from "#app/i18n/useT";
import { languageName } from "#app/i18n/language-name";

// The loader and action live in sibling *.server.ts files: the browser bundle then holds no stub for
// each server module they use (the lesson page's JavaScript budget, docs/benchmarks.md).
export { loader } from "./lesson.server";
export { action } from "./action.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? "Lesson"} · Uplift Academy` },
];

/** Client-side navigation: the lesson's content script is loaded before the page renders (LessonBody). */
export async function clientLoader({ serverLoader }: ClientLoaderFunctionArgs) {
  const page = await serverLoader<typeof loader>();
  if (page.lesson.body) await loadMdx(page.lesson.body);
  return page;
}

// Heartbeats change nothing this page shows: don't reload the lesson after each one.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === HEARTBEAT_ACTION ? false : defaultShouldRevalidate;

export default function LessonPage() {
  const page = useLoaderData<typeof loader>();
  // Without JavaScript the forms post as a page and their answer arrives here (with JS: their fetchers).
  const actionData = useActionData<LessonReply>();
  useLessonHeartbeat({ lessonId: page.lesson.id, enabled: page.canTrack });
  const { completing } = useLessonCompletion(page.course.id, page.lesson.id);
  const done = page.completedCount + (completing && !page.completed ? 1 : 0); // optimistic
  const resumeHeading =
    page.resumePosition && !page.completed
      ? page.lesson.headings.find((h) => h.slug === page.resumePosition)
      : undefined;
  const locked = page.lockedBy.length > 0;
  const t = useT();
  const video = useVideoShares(page.lesson.id, page.canTrack, page.videoShares, page.watchRule);
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_17rem]">
      <article className="min-w-0">
        <nav aria-label={t("nav.breadcrumb")} className="text-sm text-slate-600 dark:text-slate-400">
          <Link to="/" className="hover:underline">
            {t("nav.courses")}
          </Link>{" "}
          /{" "}
          <Link to={`/courses/${page.course.id}`} className="hover:underline">
            {page.course.title}
          </Link>
        </nav>
        {page.course.draft ? (
          <div className="mt-3">
            <PreviewBanner kind="lesson" />
          </div>
        ) : null}
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
          {t("lesson.ofTotal", { position: page.position, total: page.total, minutes: page.lesson.estimatedMinutes })}
        </p>
        <h1 className="mt-1 text-3xl font-bold" lang={page.contentLocale}>
          {page.lesson.title}
        </h1>
        {page.fallback ? (
          <p
            role="note"
            data-testid="translation-fallback"
            className="mt-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
          >
            {t("lesson.fallback", {
              language: languageName(page.fallback.wanted, page.fallback.wanted),
              source: languageName(page.fallback.shown, page.fallback.wanted),
            })}
          </p>
        ) : null}
        {locked ? (
          <div className="mt-6">
            <LockNotice lockedBy={page.lockedBy} />
          </div>
        ) : null}
        {resumeHeading ? (
          <p className="mt-3 text-sm">
            <a
              href={`#${resumeHeading.slug}`}
              className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-100"
            >
              {t("lesson.jumpBack", { heading: resumeHeading.text })}
            </a>
            {t("lesson.whereLeft")}
          </p>
        ) : null}
        {page.lesson.objectives.length ? (
          <div className="mt-4 rounded-lg bg-slate-100 p-4 dark:bg-slate-900">
            <h2 className="text-sm font-semibold">{t("lesson.objectives")}</h2>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {page.lesson.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {page.lesson.headings.length ? (
          <div className="mt-4 lg:hidden">
            <LessonToc headings={page.lesson.headings} collapsible />
          </div>
        ) : null}
        {page.lesson.body ? (
          <div lang={page.contentLocale}>
            <LessonBody
              body={page.lesson.body}
              context={{
                productUrl: page.productUrl,
                video: video.context,
                quiz: page.quiz
                  ? {
                      ...page.quiz,
                      error: replyError(actionData, "quiz"),
                    }
                  : null,
              }}
            />
          </div>
        ) : null}
        {page.certificateCode ? (
          <CertificateEarned code={page.certificateCode} courseTitle={page.course.title} />
        ) : null}
        <CompletionBar
          courseId={page.course.id}
          lessonId={page.lesson.id}
          completed={page.completed}
          canTrack={page.canTrack}
          isStaffPreview={page.isStaffPreview}
          openedAt={page.openedAt}
          next={page.next}
          prev={page.prev}
          watchRule={video.rule}
          error={replyError(actionData, "complete")}
        />
        {page.canTrack ? (
          <LessonFeedback
            current={page.feedback}
            error={replyError(actionData, "rate") ?? undefined}
            saved={replySaved(actionData, "rate")}
          />
        ) : null}
        {page.courseComplete ? (
          <CourseSurvey
            courseTitle={page.course.title}
            current={page.survey}
            error={replyError(actionData, "survey") ?? undefined}
            saved={replySaved(actionData, "survey")}
          />
        ) : null}
      </article>
      <aside className="no-print space-y-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
        <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="text-sm font-semibold">{t("lesson.progress")}</h2>
          <div className="mt-2">
            <ProgressBar value={done} max={page.total} label={t("lesson.progress")} />
          </div>
        </div>
        <div className="hidden lg:block">
          <LessonToc headings={page.lesson.headings} />
        </div>
        <LessonOutline
          courseId={page.course.id}
          lessons={page.outline.map((l) => (l.id === page.lesson.id && completing ? { ...l, completed: true } : l))}
          currentId={page.lesson.id}
          label={t("lesson.lessonsInCourse")}
        />
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
