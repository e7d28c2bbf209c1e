import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFocusOnReply } from "#app/components/ui/use-focus-on-reply";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getEnv } from "#app/env.server";
import { listPublishedCourses, publishContent, recentPublishes } from "#app/content/publish.server";
import { describeChange } from "#app/content/changes";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { DataTable } from "#app/components/ui/DataTable";
import { buttonClass } from "#app/components/ui/Field";
import { FormError } from "#app/components/ui/FormError";

export const meta: MetaFunction = () => [{ title: "Publish content · Uplift Academy" }];

/** Authors and admins publish content/ from here, into the running server (no restart). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "author", "admin");
  const db = await getDb();
  const [published, history] = await Promise.all([listPublishedCourses(db), recentPublishes(db)]);
  return json({
    contentDir: getEnv().CONTENT_DIR,
    published: published.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() })),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actor: h.actor,
      source: h.details.source ?? null,
      changes: h.details.changes?.length ?? 0,
      problems: h.details.problems ?? 0,
      createdAt: h.createdAt.toISOString(),
    })),
  });
}

/** The page's one button: anything else (a stale page, a script) is refused with a form error, publishing nothing. */
const PublishForm = z.object({
  intent: z.literal("publish", {
    errorMap: () => ({ message: "This form only publishes content: reload the page and press Publish content." }),
  }),
});

type Published = {
  courses: number;
  lessons: number;
  changes: { kind: string; id: string; change: string; text: string }[];
};

/**
 * The action's one reply: conform's result (the form error when nothing was published), the content
 * problems as path:line:col, and what a publish changed.
 */
const reply = (
  result: SubmissionResult<string[]>,
  opts: { status?: number; problems?: { at: string; message: string }[]; published?: Published } = {},
) => json({ result, problems: opts.problems ?? [], published: opts.published ?? null }, { status: opts.status ?? 200 });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "author", "admin");
  const submission = parseWithZod(await request.formData(), { schema: PublishForm });
  if (submission.status !== "success") return reply(submission.reply(), { status: 400 });
  const env = getEnv();
  const outcome = await publishContent(await getDb(), {
    contentDir: env.CONTENT_DIR,
    dataDir: env.DATA_DIR,
    actorUserId: user.id,
  });
  if (!outcome.ok) {
    const n = outcome.problems.length;
    return reply(
      submission.reply({ formErrors: [`Nothing was published: ${n} problem${n === 1 ? "" : "s"} to fix first`] }),
      {
        status: 422,
        problems: outcome.problems.map((p) => ({ at: `${p.file}:${p.line}:${p.col}`, message: p.message })),
      },
    );
  }
  return reply(submission.reply(), {
    published: {
      courses: outcome.courses,
      lessons: outcome.lessons,
      changes: outcome.changes.map((c) => ({ ...c, text: describeChange(c) })),
    },
  });
}

export default function PublishContent() {
  const { contentDir, published, history } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const publishing = useNavigation().formData?.get("intent") === "publish";
  const [form, fields] = useForm({ id: "publish", lastResult: reply?.result, shouldValidate: "onSubmit" });
  // The button is disabled while publishing, which drops keyboard focus to <body>: move it to the answer.
  const answer = useFocusOnReply<HTMLDivElement>(reply);
  const done = reply?.published;
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">Publish content</h1>
      <p className="max-w-3xl text-slate-600 dark:text-slate-300">
        Checks every file in <code>{contentDir}</code> (as <code>npm run content:check</code> does) and, when there is
        no problem, publishes all courses in one transaction. Learners see the new version on their next page view;
        nothing restarts. Any problem publishes nothing. From a terminal, <code>npm run content:sync</code> does the
        same while the server runs (docs/authoring.md).
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="publish" />
        <button type="submit" className={buttonClass} disabled={publishing}>
          {publishing ? "Checking and publishing…" : "Publish content"}
        </button>
      </Form>
      <div ref={answer} tabIndex={-1} className="outline-none">
        {reply?.problems.length ? (
          <div
            role="alert"
            id={form.errorId}
            className="rounded-xl border border-red-300 bg-red-50 p-5 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-50"
          >
            <h2 className="font-semibold">{form.errors?.[0]}</h2>
            <ul className="mt-2 space-y-1 font-mono text-sm" data-testid="publish-problems">
              {reply.problems.map((p, i) => (
                <li key={i}>
                  <span className="font-semibold">{p.at}</span> {p.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <FormError id={form.errorId} errors={form.errors ?? fields.intent.errors} />
        )}
        {done ? (
          <div
            role="status"
            className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-50"
          >
            <h2 className="font-semibold">
              Published {done.courses} courses and {done.lessons} lessons
            </h2>
            {done.changes.length ? (
              <ul className="mt-2 list-disc pl-5 text-sm" data-testid="publish-changes">
                {done.changes.map((c) => (
                  <li key={`${c.kind}-${c.id}`}>{c.text}</li>
                ))}
              </ul>
            ) : (
              <p className="mt-1 text-sm">Nothing changed since the last publish.</p>
            )}
          </div>
        ) : null}
      </div>
      <DataTable
        caption="Published now"
        head={["Course", "Status", "Lessons", "Source", "Updated"]}
        rows={published.map((c) => [
          <Link key="c" to={`/courses/${c.id}`} className="underline">
            {c.title}
          </Link>,
          c.status,
          c.lessons,
          <code key="s" className="text-xs">
            {c.sourcePath}
          </code>,
          c.updatedAt.slice(0, 16).replace("T", " "),
        ])}
        empty="No courses published yet."
      />
      <DataTable
        caption="Recent publishes"
        head={["When", "By", "From", "Outcome"]}
        rows={history.map((h) => [
          h.createdAt.slice(0, 16).replace("T", " "),
          h.actor ?? "—",
          h.source ?? "admin page",
          h.action === "content.published"
            ? `${h.changes} change${h.changes === 1 ? "" : "s"}`
            : `refused: ${h.problems} problem${h.problems === 1 ? "" : "s"}`,
        ])}
        empty="No publishes recorded yet."
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
