import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import {
  accountChoices,
  type AdminResult,
  changeRole,
  RoleChange,
  setUserActive,
  userDetail,
} from "#app/auth/user-admin.server";
import { requestPasswordReset } from "#app/auth/password-reset.server";
import { ROLES } from "#db/schema/index";
import { getDb } from "#app/utils/db.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.user.name ?? "Person"} · People · Admin · Uplift Academy` },
];

const Id = z.string().uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const id = Id.safeParse(params.userId);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const db = await getDb();
  const detail = await userDetail(db, id.data);
  if (!detail) throw new Response("Not found", { status: 404 });
  const { user, history } = detail;
  return json({
    user: {
      ...user,
      deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
      lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    },
    history: history.map((h) => ({
      ...h,
      createdAt: h.createdAt.toISOString(),
      details: h.details === null ? null : JSON.stringify(h.details),
    })),
    accounts: await accountChoices(db),
  });
}

/** The buttons: no fields but the intent (anything else is a form error). */
const Button = z.object({
  intent: z.enum(["deactivate", "reactivate", "reset"], { errorMap: () => ({ message: "Unknown action." }) }),
});

/**
 * The action's one reply: which form posted, its conform result (the role form's field errors and
 * choices; a form error for a refusal) and what was done.
 */
const reply = (intent: string, result: SubmissionResult<string[]>, opts: { status?: number; done?: string } = {}) =>
  json({ intent, result, done: opts.done ?? null }, { status: opts.status ?? 200 });

const REFUSAL_STATUS = { invalid: 400, not_found: 404, last_admin: 409 } as const;
/** A domain refusal as the form's errors (the message for the form, field messages beside their fields). */
const refusal = (r: Extract<AdminResult, { ok: false }>) => ({
  formErrors: [r.error],
  fieldErrors: Object.fromEntries(Object.entries(r.fieldErrors ?? {}).map(([k, m]) => [k, [m]])),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = Id.safeParse(params.userId);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const db = await getDb();
  if (intent === "role") {
    const submission = parseWithZod(form, { schema: RoleChange });
    if (submission.status !== "success") return reply(intent, submission.reply(), { status: 400 });
    const result = await changeRole(db, admin.id, id.data, submission.value);
    if (!result.ok) return reply(intent, submission.reply(refusal(result)), { status: REFUSAL_STATUS[result.reason] });
    return reply(intent, submission.reply(), { done: "Role saved." });
  }
  const button = parseWithZod(form, { schema: Button });
  if (button.status !== "success") return reply(intent, button.reply(), { status: 400 });
  const refuse = (message: string, status: number) =>
    reply(intent, button.reply({ formErrors: [message] }), { status });
  if (button.value.intent === "reset") {
    const detail = await userDetail(db, id.data);
    if (!detail) throw new Response("Not found", { status: 404 });
    if (detail.user.deactivatedAt) return refuse("Reactivate this person first.", 409);
    const { sent } = await requestPasswordReset(detail.user.email, { actorId: admin.id });
    if (!sent) return refuse("Too many reset links were sent in the last hour; try later.", 429);
    return reply(intent, button.reply(), { done: `A reset link was sent to ${detail.user.email}.` });
  }
  const activate = button.value.intent === "reactivate";
  if (!activate && id.data === admin.id) return refuse("You cannot deactivate yourself.", 409);
  const result = await setUserActive(db, admin.id, id.data, activate);
  if (!result.ok) return reply(intent, button.reply(refusal(result)), { status: REFUSAL_STATUS[result.reason] });
  return reply(intent, button.reply(), {
    done: activate ? "Reactivated." : "Deactivated: their sessions ended and sign-in is refused. Progress is kept.",
  });
}

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

export default function Person() {
  const { user, history, accounts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = result?.result.error?.[""]?.[0];
  // Validated on the server; the role form shows its own reply (field errors, the choices sent).
  const [form, fields] = useForm<{ role: string; accountId: string; isAccountAdmin: string }>({
    id: "role",
    lastResult: result?.intent === "role" ? result.result : undefined,
    defaultValue: { role: user.role, accountId: user.accountId ?? "", isAccountAdmin: user.isAccountAdmin ? "on" : "" },
    shouldValidate: "onSubmit",
  });
  const { key: roleKey, ...roleProps } = getSelectProps(fields.role);
  const { key: accountKey, ...accountProps } = getSelectProps(fields.accountId);
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/admin" className="hover:underline">
          Admin
        </Link>{" "}
        /{" "}
        <Link to="/admin/users" className="hover:underline">
          People
        </Link>{" "}
        / {user.name}
      </nav>
      <h1 className="text-3xl font-bold">{user.name}</h1>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Email</dt>
        <dd>{user.email}</dd>
        <dt className="font-medium">Role</dt>
        <dd>
          {user.role.replace("_", " ")}
          {user.isAccountAdmin ? " (account admin)" : ""}
        </dd>
        <dt className="font-medium">Account</dt>
        <dd>
          {user.accountId ? (
            <Link className="underline" to={`/accounts/${user.accountId}`}>
              {user.accountName}
            </Link>
          ) : (
            "—"
          )}
        </dd>
        <dt className="font-medium">Status</dt>
        <dd>{user.deactivatedAt ? `Deactivated on ${user.deactivatedAt.slice(0, 10)}` : "Active"}</dd>
        <dt className="font-medium">Last sign-in</dt>
        <dd>{user.lastSignInAt ? user.lastSignInAt.slice(0, 16).replace("T", " ") + " UTC" : "never"}</dd>
        <dt className="font-medium">Password</dt>
        <dd>{user.hasPassword ? "set" : "none (signs in through the product or an invitation)"}</dd>
      </dl>
      {result?.done || refused ? (
        <p
          role={refused ? "alert" : "status"}
          className={`rounded-md p-3 text-sm ${refused ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100"}`}
        >
          {refused ?? result?.done}
        </p>
      ) : null}
      <section className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-lg font-semibold">Role</h2>
        <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 sm:grid-cols-3">
          <input type="hidden" name="intent" value="role" />
          <div className="text-sm">
            <label htmlFor={fields.role.id}>Role</label>
            <select {...roleProps} key={roleKey} className={selectClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.replace("_", " ")}
                </option>
              ))}
            </select>
            <FieldError id={fields.role.errorId} errors={fields.role.errors} />
          </div>
          <div className="text-sm">
            <label htmlFor={fields.accountId.id}>Customer account (learners)</label>
            <select {...accountProps} key={accountKey} className={selectClass}>
              <option value="">None (staff)</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            <FieldError id={fields.accountId.errorId} errors={fields.accountId.errors} />
          </div>
          <label className="flex items-center gap-2 self-end text-sm">
            <input
              type="checkbox"
              name={fields.isAccountAdmin.name}
              key={fields.isAccountAdmin.key}
              defaultChecked={fields.isAccountAdmin.initialValue === "on"}
            />{" "}
            Admin of their account
          </label>
          <div className="sm:col-span-3">
            <button type="submit" className={buttonClass}>
              Save role
            </button>
          </div>
        </Form>
      </section>
      <section className="flex flex-wrap gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value={user.deactivatedAt ? "reactivate" : "deactivate"} />
          <button type="submit" className={secondaryButtonClass}>
            {user.deactivatedAt ? "Reactivate" : "Deactivate"}
          </button>
        </Form>
        {user.deactivatedAt ? null : (
          <Form method="post">
            <input type="hidden" name="intent" value="reset" />
            <button type="submit" className={secondaryButtonClass}>
              Send password-reset link
            </button>
          </Form>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">Audit log</h2>
        {history.length ? (
          <ol className="mt-3 space-y-2 text-sm">
            {history.map((h) => (
              <li key={h.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
                <span className="font-medium">{h.action}</span> · {h.createdAt.slice(0, 16).replace("T", " ")} UTC · by{" "}
                {h.actorEmail ?? "the system"}
                {h.details ? <code className="mt-1 block break-all text-xs">{h.details}</code> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No changes recorded yet.</p>
        )}
      </section>
    </div>
  );
}

function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="mt-1 text-red-700 dark:text-red-400">
      {errors[0]}
    </p>
  ) : null;
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
