import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { z } from "zod";
import { requireUser } from "#app/auth/gate.server";
import type { SessionUser } from "#app/auth/session.server";
import type { Db } from "#db/index";
import { getDb } from "#app/utils/db.server";
import { assignCourses } from "#app/learning/assignments.server";
import {
  assignChoices,
  assignerFor,
  assignFormSchema,
  resolveAssignAccount,
} from "#app/learning/assignment-form.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass } from "#app/components/ui/Field";
import { FormError } from "#app/components/ui/FormError";

export const meta: MetaFunction = () => [{ title: "Assign training · Uplift Academy" }];

/** Admins and CS leaders: any account (?account=<id>); an account admin: their own account only (else 403/404). */
async function pageAccount(request: Request, db: Db, user: SessionUser) {
  const found = await resolveAssignAccount(db, user, new URL(request.url).searchParams.get("account"));
  if (!found.ok)
    throw new Response(found.reason === "forbidden" ? "Forbidden" : "Not found", {
      status: found.reason === "forbidden" ? 403 : 404,
    });
  return found.account;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const account = await pageAccount(request, db, user);
  const backTo = user.role === "learner" ? "/team" : `/accounts/${account.id}`;
  return json({ account, backTo, ...(await assignChoices(db, account.id)) });
}

/** assignCourses' refusals as HTTP statuses (as the API answers them, app/routes/api.v1.assignments.ts). */
const FAILURE_STATUS = { no_account: 404, not_allowed: 403, invalid: 400 } as const;

/** One reply shape: conform's result (each error on its field, the choices kept) and what was assigned. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const account = await pageAccount(request, db, user);
  const submission = parseWithZod(await request.formData(), { schema: assignFormSchema(account.id) });
  if (submission.status !== "success") return json({ result: submission.reply(), done: null }, { status: 400 });
  const input = submission.value;
  const result = await assignCourses(db, assignerFor(user), input, "web");
  if (!result.ok) {
    const { account: accountError, course, learners } = result.fieldErrors;
    const refused = submission.reply({
      formErrors: accountError ? [accountError] : [],
      fieldErrors: { ...(course ? { what: [course] } : {}), ...(learners ? { learner: [learners] } : {}) },
    });
    return json({ result: refused, done: null }, { status: FAILURE_STATUS[result.reason] });
  }
  const done = { assigned: result.assigned, learners: result.learners, dueOn: input.dueOn ?? null };
  return json({ result: submission.reply({ resetForm: true }), done });
}

const label = "block text-sm font-medium";
const errorText = "text-sm text-red-700 dark:text-red-400";

export default function AssignPage() {
  const { account, backTo, courses, stages, learners } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // Validated on the server; after a refused submit the choices come back as they were sent.
  const [form, fields] = useForm<z.input<ReturnType<typeof assignFormSchema>>>({
    id: "assign",
    lastResult: result?.result,
    defaultValue: { who: "all" },
    shouldValidate: "onSubmit",
  });
  const { key: whatKey, ...whatProps } = getSelectProps(fields.what);
  const { key: dueKey, ...dueProps } = getInputProps(fields.dueOn, { type: "date" });
  const chosen = new Set([fields.learner.initialValue ?? []].flat());
  const who = fields.who.initialValue;
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
      <FormError id={form.errorId} errors={form.errors} />
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="space-y-1">
          <label htmlFor={fields.what.id} className={label}>
            Course or stage path
          </label>
          <select
            {...whatProps}
            key={whatKey}
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
          {fields.what.errors?.length ? (
            <p id={fields.what.errorId} className={errorText}>
              {fields.what.errors[0]}
            </p>
          ) : null}
        </div>
        <fieldset
          key={form.key}
          className="space-y-2"
          aria-describedby={fields.learner.errors?.length ? fields.learner.errorId : undefined}
        >
          <legend className={label}>Who</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name={fields.who.name} value="all" defaultChecked={who === "all"} /> Every learner of{" "}
            {account.name} ({learners.length})
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={fields.who.name} value="some" defaultChecked={who === "some"} /> Only these
            people:
          </label>
          <ul className="ml-6 max-h-64 space-y-1 overflow-auto">
            {learners.map((l) => (
              <li key={l.email}>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name={fields.learner.name}
                    value={l.email}
                    defaultChecked={chosen.has(l.email)}
                  />{" "}
                  {l.name} <span className="text-slate-600 dark:text-slate-400">{l.email}</span>
                </label>
              </li>
            ))}
          </ul>
          {fields.learner.errors?.length ? (
            <p id={fields.learner.errorId} className={errorText}>
              {fields.learner.errors[0]}
            </p>
          ) : null}
        </fieldset>
        <div className="space-y-1">
          <label htmlFor={fields.dueOn.id} className={label}>
            Due date (optional)
          </label>
          <input
            {...dueProps}
            key={dueKey}
            className="block rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
          {fields.dueOn.errors?.length ? (
            <p id={fields.dueOn.errorId} className={errorText}>
              {fields.dueOn.errors[0]}
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
