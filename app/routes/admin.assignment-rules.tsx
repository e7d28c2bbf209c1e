import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { publishedCourseChoices } from "#app/learning/assignment-form.server";
import {
  createAssignmentRule,
  deactivateAssignmentRule,
  listAssignmentRules,
  RuleInput,
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

const TurnOff = z.object({ ruleId: z.string({ required_error: "No such rule." }).uuid("No such rule.") });

/**
 * The action's one reply: which form posted (the new-rule form or a rule's "Turn off" button), its
 * conform result (field errors and the values chosen; a form error for a rule that is not on) and what was done.
 */
const reply = (intent: "create" | "deactivate", result: SubmissionResult<string[]>, done?: string, status = 200) =>
  json({ intent, result, done: done ?? null }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "cs_leader", "admin");
  const db = await getDb();
  const form = await request.formData();
  if (form.get("intent") === "deactivate") {
    const off = parseWithZod(form, { schema: TurnOff });
    if (off.status !== "success") return reply("deactivate", off.reply(), undefined, 400);
    const result = await deactivateAssignmentRule(db, user.id, off.value.ruleId);
    if (!result.ok) return reply("deactivate", off.reply({ formErrors: ["No such rule."] }), undefined, 404);
    return reply(
      "deactivate",
      off.reply(),
      "The rule is off: new learners no longer get the course; existing assignments stay.",
    );
  }
  const submission = parseWithZod(form, { schema: RuleInput });
  if (submission.status !== "success") return reply("create", submission.reply(), undefined, 400);
  const result = await createAssignmentRule(db, user.id, submission.value);
  if (!result.ok) {
    const course =
      result.reason === "duplicate"
        ? "A rule already assigns this course at that stage."
        : `No published course "${submission.value.course}".`;
    return reply("create", submission.reply({ fieldErrors: { course: [course] } }), undefined, 400);
  }
  const learners = `${result.assigned} existing ${result.assigned === 1 ? "learner" : "learners"}`;
  return reply("create", submission.reply({ resetForm: true }), `Rule created; assigned to ${learners}.`);
}

const label = "block text-sm font-medium";
const errorText = "text-sm text-red-700 dark:text-red-400";
const input = "block rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

export default function AssignmentRules() {
  const { rules, courses, stages } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  // Validated on the server; a "Turn off" reply never touches the new-rule form. conform's props carry
  // aria-invalid and aria-describedby (the error's id) while a field has an error.
  const [form, fields] = useForm({
    id: "new-rule",
    lastResult: result?.intent === "create" ? result.result : undefined,
    shouldValidate: "onSubmit",
  });
  const offError = result?.intent === "deactivate" ? result.result.error?.[""]?.[0] : undefined;
  const err = (meta: { errorId: string; errors?: string[] }) =>
    meta.errors?.length ? (
      <p id={meta.errorId} className={errorText}>
        {meta.errors[0]}
      </p>
    ) : null;
  const { key: stageKey, ...stageProps } = getSelectProps(fields.accountStage);
  const { key: courseKey, ...courseProps } = getSelectProps(fields.course);
  const { key: dueKey, ...dueProps } = getInputProps(fields.dueDays, { type: "text" });
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
        {offError ? (
          <p role="alert" className={`mt-2 ${errorText}`}>
            {offError}
          </p>
        ) : null}
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
        {...getFormProps(form)}
        className="space-y-5 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
        aria-labelledby="new-rule-heading"
      >
        <h2 id="new-rule-heading" className="text-xl font-semibold">
          New rule
        </h2>
        <div className="space-y-1">
          <label htmlFor={fields.accountStage.id} className={label}>
            Accounts in the stage
          </label>
          <select {...stageProps} key={stageKey} className={input}>
            <option value="">Choose…</option>
            {stages.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {err(fields.accountStage)}
        </div>
        <div className="space-y-1">
          <label htmlFor={fields.course.id} className={label}>
            Course
          </label>
          <select {...courseProps} key={courseKey} className={`${input} w-full`}>
            <option value="">Choose…</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({c.stage})
              </option>
            ))}
          </select>
          {err(fields.course)}
        </div>
        <div className="space-y-1">
          <label htmlFor={fields.dueDays.id} className={label}>
            Due after joining, in days (optional)
          </label>
          <input {...dueProps} key={dueKey} inputMode="numeric" className={input} />
          {err(fields.dueDays)}
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
