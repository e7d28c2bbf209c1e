import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { canAuthor, requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getCourseOutline } from "#app/learning/catalog.server";
import { LessonBody } from "#app/components/mdx/LessonBody";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { StageBadge } from "#app/components/ui/StageBadge";
import { ErrorPage } from "#app/components/ui/ErrorPage";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? "Course"} · Uplift Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const outline = await getCourseOutline(db, params.courseId ?? "", user.id, { includeDrafts: canAuthor(user) });
  if (!outline) throw new Response("Not found", { status: 404 });
  const { course, lessons } = outline;
  return json({
    course: { id: course.id, title: course.title, summary: course.summary, stage: course.stage, estimatedMinutes: course.estimatedMinutes, overviewCode: course.overviewCode, status: course.status },
    lessons,
  });
}

export default function CoursePage() {
  const { course, lessons } = useLoaderData<typeof loader>();
  const done = lessons.filter((l) => l.completed).length;
  const next = lessons.find((l) => !l.completed) ?? lessons[0];
  return (
    <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
      <article>
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400"><Link to="/" className="hover:underline">Courses</Link> / {course.title}</nav>
        <div className="mt-3 flex items-center gap-2"><StageBadge stage={course.stage} /><span className="text-sm text-slate-600 dark:text-slate-400">{course.estimatedMinutes} min</span></div>
        <h1 className="mt-2 text-3xl font-bold">{course.title}</h1>
        <p className="mt-2 text-lg text-slate-700 dark:text-slate-300">{course.summary}</p>
        {course.overviewCode ? <LessonBody code={course.overviewCode} /> : null}
      </article>
      <aside className="space-y-4">
        <div className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="font-semibold">Your progress</h2>
          <div className="mt-3"><ProgressBar value={done} max={lessons.length} label={`Progress in ${course.title}`} /></div>
          {next ? (
            <Link to={`/courses/${course.id}/${next.id}`} className="mt-4 inline-flex w-full justify-center rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              {done === 0 ? "Start course" : done === lessons.length ? "Review course" : "Continue"}
            </Link>
          ) : null}
        </div>
        <ol className="space-y-1 rounded-xl border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900" aria-label="Lessons">
          {lessons.map((l, i) => (
            <li key={l.id}>
              <Link to={`/courses/${course.id}/${l.id}`} className="flex items-center gap-3 rounded-md px-2 py-2 hover:bg-slate-100 dark:hover:bg-slate-800">
                <span aria-hidden className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${l.completed ? "bg-emerald-600 text-white" : "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200"}`}>{l.completed ? "✓" : i + 1}</span>
                <span className="flex-1">{l.title}</span>
                <span className="text-xs text-slate-600 dark:text-slate-400">{l.completed ? <span className="sr-only">Completed. </span> : null}{l.estimatedMinutes} min</span>
              </Link>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
