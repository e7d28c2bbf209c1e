import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser, canAuthor } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getCatalog } from "#app/learning/catalog.server";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { StageBadge } from "#app/components/ui/StageBadge";

export const meta: MetaFunction = () => [{ title: "Courses · Uplift Academy" }];

const STAGE_COPY: Record<string, string> = {
  onboarding: "Get set up and productive in your first weeks.",
  adoption: "Use more of the product, more deeply, across your team.",
  expansion: "Scale up: advanced features, automation and new use cases.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const stages = await getCatalog(db, user.id, { includeDrafts: canAuthor(user) });
  return json({ stages, name: user.name });
}

export default function Catalog() {
  const { stages, name } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-bold">Welcome back, {name.split(" ")[0]}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">Courses are grouped by where your team is in its journey.</p>
      </div>
      {stages.map(({ stage, courses }) => (
        <section key={stage} aria-labelledby={`stage-${stage}`}>
          <div className="mb-3 flex flex-wrap items-baseline gap-3">
            <h2 id={`stage-${stage}`} className="text-xl font-semibold capitalize">{stage}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{STAGE_COPY[stage]}</p>
          </div>
          {courses.length === 0 ? (
            <p className="text-sm text-slate-500">No courses in this stage yet.</p>
          ) : (
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {courses.map((c) => (
                <li key={c.id} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-course-id={c.id}>
                  <div className="mb-2 flex items-center gap-2">
                    <StageBadge stage={c.stage} />
                    {c.status === "draft" ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">Draft</span> : null}
                    <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">{c.estimatedMinutes} min</span>
                  </div>
                  <h3 className="text-lg font-semibold">
                    <Link to={`/courses/${c.id}`} className="hover:underline">{c.title}</Link>
                  </h3>
                  <p className="mt-1 flex-1 text-sm text-slate-600 dark:text-slate-300">{c.summary}</p>
                  <div className="mt-4"><ProgressBar value={c.completedCount} max={c.lessonCount} label={`Progress in ${c.title}`} /></div>
                  {c.nextLessonId && c.completedCount > 0 ? (
                    <Link to={`/courses/${c.id}/${c.nextLessonId}`} className="mt-3 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100">Continue where you left off →</Link>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
