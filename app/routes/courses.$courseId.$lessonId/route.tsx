import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { canAuthor, requireLearner, requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { completeLesson } from "#app/learning/progress.server";
import { LessonBody } from "#app/components/mdx/LessonBody";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";
import { loadLessonPage } from "./lesson.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lesson.title ?? "Lesson"} · Uplift Academy` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const page = await loadLessonPage(db, user, params.courseId ?? "", params.lessonId ?? "", canAuthor(user));
  if (!page) throw new Response("Not found", { status: 404 });
  return json(page);
}

/** Completion is always for the signed-in learner; ids come from the URL, never from the body. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireLearner(request);
  const form = await request.formData();
  const claimedUser = form.get("userId");
  if (claimedUser !== null && claimedUser !== user.id) throw new Response("Forbidden", { status: 403 });
  const intent = form.get("intent");
  if (intent !== "complete") return json({ error: "Unknown action." }, { status: 400 });
  const db = await getDb();
  const result = await completeLesson(db, { id: user.id, accountId: user.accountId }, params.courseId ?? "", params.lessonId ?? "");
  if (result.status === "not_found") throw new Response("Not found", { status: 404 });
  if (result.status === "quiz_required") return json({ error: "Pass the quiz in this lesson to complete it." }, { status: 409 });
  const next = form.get("next");
  if (typeof next === "string" && /^[a-z0-9-]+$/.test(next)) return redirect(`/courses/${params.courseId}/${next}`);
  return json({ error: null, completed: true });
}

export default function LessonPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const completing = navigation.state !== "idle" && navigation.formData?.get("intent") === "complete";
  const completed = page.completed || completing; // optimistic
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_16rem]">
      <article className="min-w-0">
        <nav aria-label="Breadcrumb" className="text-sm text-slate-600 dark:text-slate-400">
          <Link to="/" className="hover:underline">Courses</Link> / <Link to={`/courses/${page.course.id}`} className="hover:underline">{page.course.title}</Link>
        </nav>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Lesson {page.position} of {page.total} · {page.lesson.estimatedMinutes} min</p>
        <h1 className="mt-1 text-3xl font-bold">{page.lesson.title}</h1>
        {page.lesson.objectives.length ? (
          <div className="mt-4 rounded-lg bg-slate-100 p-4 dark:bg-slate-900">
            <h2 className="text-sm font-semibold">In this lesson you will</h2>
            <ul className="mt-1 list-disc pl-5 text-sm">{page.lesson.objectives.map((o) => <li key={o}>{o}</li>)}</ul>
          </div>
        ) : null}
        <LessonBody code={page.lesson.code} />
        <div className="mt-10 flex flex-wrap items-center gap-3 border-t border-slate-200 pt-6 dark:border-slate-800">
          {page.canTrack ? (
            completed ? (
              <p className="font-medium text-emerald-700 dark:text-emerald-400" role="status">✓ Lesson completed</p>
            ) : (
              <Form method="post" replace>
                <input type="hidden" name="intent" value="complete" />
                <button type="submit" className={buttonClass}>Mark complete</button>
              </Form>
            )
          ) : (
            <p className="text-sm text-slate-600">Previewing as staff: progress is not recorded.</p>
          )}
          {actionData && "error" in actionData && actionData.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{actionData.error}</p> : null}
          <span className="ml-auto flex gap-3 text-sm">
            {page.prev ? <Link to={`/courses/${page.course.id}/${page.prev.id}`} className="hover:underline" rel="prev">← {page.prev.title}</Link> : null}
            {page.next ? <Link to={`/courses/${page.course.id}/${page.next.id}`} className="font-medium text-brand-700 hover:underline dark:text-brand-100" rel="next">{page.next.title} →</Link> : null}
          </span>
        </div>
      </article>
      <aside className="no-print space-y-4 lg:sticky lg:top-4 lg:self-start">
        <div className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <h2 className="text-sm font-semibold">Course progress</h2>
          <div className="mt-2"><ProgressBar value={page.completedCount + (completing && !page.completed ? 1 : 0)} max={page.total} label="Course progress" /></div>
        </div>
        {page.lesson.headings.length ? (
          <nav aria-label="On this page" className="rounded-xl border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900">
            <h2 className="font-semibold">On this page</h2>
            <ul className="mt-2 space-y-1">{page.lesson.headings.map((h) => <li key={h.slug} style={{ paddingLeft: (h.depth - 2) * 12 }}><a href={`#${h.slug}`} className="hover:underline">{h.text}</a></li>)}</ul>
          </nav>
        ) : null}
      </aside>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
