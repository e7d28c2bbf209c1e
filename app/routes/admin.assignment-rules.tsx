import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { publishedCourseChoices } from "#app/learning/assignment-form.server";
import {
  createAssignmentRule,
  deactivateAssignmentRule,
  listAssignmentRules,
  parseRuleForm,
  type RuleFieldErrors,
} from "#app/learning/assignment-rules.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Assignment rules · Uplift Academy" }];

/** Admins and CS leaders: rules that assign a course to every new learner at accounts in a stage. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  const db = await getDb();
  const [rules, choices] = await Promise.all([listAssignmentRules(db), publishedCourseChoices(db)]);
  return json({ rules, ...choices });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "cs_leader", "admin");
  const db = await getDb();
  const form = await request.formData();
  if (form.get("intent") === "deactivate") {
    const ok = await deactivateAssignmentRule(db, user.id, String(form.get("ruleId") ?? ""));
    return json(
      {
        done: ok ? "The rule is off: new learners no longer get the course; existing assignments stay." : null,
        fieldErrors: ok ? {} : ({ course: "No such rule." } as RuleFieldErrors),
      },
      { status: ok ? 200 : 404 },
    );
  }
  const parsed = parseRuleForm(form);
  if (!parsed.ok) return json({ done: null, fieldErrors: parsed.fieldErrors }, { status: 400 });
  const result = await createAssignmentRule(db, user.id, parsed.input);
  if (!result.ok) return json({ done: null, fieldErrors: result.fieldErrors }, { status: 400 });
  return json({
    done: `Rule created; assigned to ${result.assigned} existing ${result.assigned === 1 ? "learner" : "learners"}.`,
    fieldErrors: {} as RuleFieldErrors,
  });
}

const label = "block text-sm font-medium";
const errorText = "text-sm text-red-700 dark:text-red-400";
const input = "block rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

export default function AssignmentRules() {
  const { rules, courses, stages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: RuleFieldErrors = result?.fieldErrors ?? {};
  const busy = useNavigation().state === "submitting";
  const err = (k: keyof RuleFieldErrors) =>
    errors[k] ? (
      <p id={`field-${k}-error`} className={errorText}>
        {errors[k]}
      </p>
    ) : null;
  const described = (k: keyof RuleFieldErrors) => ({
    "aria-invalid": errors[k] ? true : undefined,
    "aria-describedby": errors[k] ? `field-${k}-error` : undefined,
  });
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="text-3xl font-bold">Assignment rules</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Every new learner at an account in the chosen stage gets the course, due the given number of days after
          joining. A new rule also assigns the course to the existing learners of those accounts; nobody gets a course
          twice.
        </p>
      </div>
      {result?.done ? (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
        >
          {result.done}
        </p>
      ) : null}
      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading" className="text-xl font-semibold">
          Active rules
        </h2>
        {rules.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No rules yet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {rules.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
                <span>
                  Accounts in the <strong>{r.accountStage}</strong> stage → <strong>{r.courseTitle}</strong>
                  {r.dueDays ? `, due in ${r.dueDays} days` : ", no due date"}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="deactivate" />
                  <input type="hidden" name="ruleId" value={r.id} />
                  <button type="submit" className={secondaryButtonClass}>
                    Turn off<span className="sr-only"> the rule for {r.courseTitle}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Form
        method="post"
        className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
        aria-labelledby="new-rule-heading"
      >
        <h2 id="new-rule-heading" className="text-xl font-semibold">
          New rule
        </h2>
        <div className="space-y-1">
          <label htmlFor="field-accountStage" className={label}>
            Accounts in the stage
          </label>
          <select
            id="field-accountStage"
            name="accountStage"
            defaultValue=""
            className={input}
            {...described("accountStage")}
          >
            <option value="">Choose…</option>
            {stages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {err("accountStage")}
        </div>
        <div className="space-y-1">
          <label htmlFor="field-course" className={label}>
            Course
          </label>
          <select
            id="field-course"
            name="course"
            defaultValue=""
            className={`${input} w-full`}
            {...described("course")}
          >
            <option value="">Choose…</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.stage})
              </option>
            ))}
          </select>
          {err("course")}
        </div>
        <div className="space-y-1">
          <label htmlFor="field-dueDays" className={label}>
            Due after joining, in days (optional)
          </label>
          <input id="field-dueDays" name="dueDays" inputMode="numeric" className={input} {...described("dueDays")} />
          {err("dueDays")}
        </div>
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? "Saving…" : "Create rule"}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
