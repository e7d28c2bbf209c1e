import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { requireUser } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { assignCourses } from "#app/learning/assignments.server";
import {
  assignChoices,
  assignerFor,
  parseAssignForm,
  resolveAssignAccount,
} from "#app/learning/assignment-form.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Assign training · Uplift Academy" }];

/** Admins and CS leaders: any account (?account=<id>); an account admin: their own account only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const account = await resolveAssignAccount(db, user, new URL(request.url).searchParams.get("account"));
  const backTo = user.role === "learner" ? "/team" : `/accounts/${account.id}`;
  return json({ account, backTo, ...(await assignChoices(db, account.id)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const account = await resolveAssignAccount(db, user, new URL(request.url).searchParams.get("account"));
  const form = parseAssignForm(await request.formData(), account.id);
  if (!form.ok) return json({ done: null, fieldErrors: form.fieldErrors }, { status: 400 });
  const result = await assignCourses(db, assignerFor(user), form.input, "web");
  if (!result.ok) return json({ done: null, fieldErrors: result.fieldErrors }, { status: result.status });
  return json({
    done: { assigned: result.assigned, learners: result.learners, dueOn: form.input.dueOn ?? null },
    fieldErrors: {},
  });
}

const label = "block text-sm font-medium";
const errorText = "text-sm text-red-700 dark:text-red-400";

export default function AssignPage() {
  const { account, backTo, courses, stages, learners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Partial<Record<"account" | "course" | "learners" | "dueOn", string>> = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold">Assign training</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {account.name}: learners see assigned courses first on their home page, with the due date.{" "}
          <Link to={backTo} className="font-semibold text-brand-700 hover:underline dark:text-brand-100">
            Back
          </Link>
        </p>
      </div>
      {result?.done ? (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Assigned {result.done.assigned} {result.done.assigned === 1 ? "course" : "courses"} to {result.done.learners}{" "}
          {result.done.learners === 1 ? "learner" : "learners"}
          {result.done.dueOn ? `, due ${result.done.dueOn}` : ""}.
        </p>
      ) : null}
      {errors.account ? (
        <p className={errorText} role="alert">
          {errors.account}
        </p>
      ) : null}
      <Form
        method="post"
        className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="space-y-1">
          <label htmlFor="field-what" className={label}>
            Course or stage path
          </label>
          <select
            id="field-what"
            name="what"
            defaultValue=""
            aria-invalid={errors.course ? true : undefined}
            aria-describedby={errors.course ? "field-what-error" : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          >
            <option value="">Choose…</option>
            <optgroup label="Stage paths (every published course of the stage)">
              {stages.map((s) => (
                <option key={s} value={`stage:${s}`}>{`${s[0]!.toUpperCase()}${s.slice(1)} path`}</option>
              ))}
            </optgroup>
            <optgroup label="Courses">
              {courses.map((c) => (
                <option key={c.id} value={`course:${c.id}`}>
                  {c.title} ({c.stage})
                </option>
              ))}
            </optgroup>
          </select>
          {errors.course ? (
            <p id="field-what-error" className={errorText}>
              {errors.course}
            </p>
          ) : null}
        </div>
        <fieldset className="space-y-2" aria-describedby={errors.learners ? "field-learners-error" : undefined}>
          <legend className={label}>Who</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="who" value="all" defaultChecked /> Every learner of {account.name} (
            {learners.length})
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="who" value="some" /> Only these people:
          </label>
          <ul className="ml-6 max-h-64 space-y-1 overflow-auto">
            {learners.map((l) => (
              <li key={l.email}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="learner" value={l.email} /> {l.name}{" "}
                  <span className="text-slate-600 dark:text-slate-400">{l.email}</span>
                </label>
              </li>
            ))}
          </ul>
          {errors.learners ? (
            <p id="field-learners-error" className={errorText}>
              {errors.learners}
            </p>
          ) : null}
        </fieldset>
        <div className="space-y-1">
          <label htmlFor="field-dueOn" className={label}>
            Due date (optional)
          </label>
          <input
            id="field-dueOn"
            name="dueOn"
            type="date"
            aria-invalid={errors.dueOn ? true : undefined}
            aria-describedby={errors.dueOn ? "field-dueOn-error" : undefined}
            className="block rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
          {errors.dueOn ? (
            <p id="field-dueOn-error" className={errorText}>
              {errors.dueOn}
            </p>
          ) : null}
        </div>
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? "Assigning…" : "Assign"}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
