import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import { accountChoices, changeRole, RoleChange, setUserActive, userDetail } from "#app/auth/user-admin.server";
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

type Reply = { intent: string; ok: boolean; message: string; fieldErrors: Record<string, string> };
const reply = (r: Reply, status = 200) => json(r, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = Id.safeParse(params.userId);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const db = await getDb();
  if (intent === "role") {
    const parsed = RoleChange.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return reply({ intent, ok: false, message: "Choose a role.", fieldErrors: { role: "Choose a role." } }, 400);
    const result = await changeRole(db, admin.id, id.data, parsed.data);
    if (!result.ok)
      return reply({ intent, ok: false, message: result.error, fieldErrors: result.fieldErrors ?? {} }, result.status);
    return reply({ intent, ok: true, message: "Role saved.", fieldErrors: {} });
  }
  if (intent === "deactivate" || intent === "reactivate") {
    if (intent === "deactivate" && id.data === admin.id)
      return reply({ intent, ok: false, message: "You cannot deactivate yourself.", fieldErrors: {} }, 409);
    const result = await setUserActive(db, admin.id, id.data, intent === "reactivate");
    if (!result.ok) return reply({ intent, ok: false, message: result.error, fieldErrors: {} }, result.status);
    return reply({
      intent,
      ok: true,
      message:
        intent === "deactivate"
          ? "Deactivated: their sessions ended and sign-in is refused. Progress is kept."
          : "Reactivated.",
      fieldErrors: {},
    });
  }
  if (intent === "reset") {
    const detail = await userDetail(db, id.data);
    if (!detail) throw new Response("Not found", { status: 404 });
    if (detail.user.deactivatedAt)
      return reply({ intent, ok: false, message: "Reactivate this person first.", fieldErrors: {} }, 409);
    const { sent } = await requestPasswordReset(detail.user.email, { actorId: admin.id });
    return reply(
      {
        intent,
        ok: sent,
        message: sent
          ? `A reset link was sent to ${detail.user.email}.`
          : "Too many reset links were sent in the last hour; try later.",
        fieldErrors: {},
      },
      sent ? 200 : 429,
    );
  }
  return reply({ intent, ok: false, message: "Unknown action.", fieldErrors: {} }, 400);
}

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

export default function Person() {
  const { user, history, accounts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
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
      {result ? (
        <p
          role={result.ok ? "status" : "alert"}
          className={`rounded-md p-3 text-sm ${result.ok ? "bg-green-50 text-green-900 dark:bg-green-950 dark:text-green-100" : "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200"}`}
        >
          {result.message}
        </p>
      ) : null}
      <section className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-lg font-semibold">Role</h2>
        <Form method="post" className="mt-3 grid gap-3 sm:grid-cols-3">
          <input type="hidden" name="intent" value="role" />
          <label className="text-sm">
            Role
            <select name="role" defaultValue={user.role} className={selectClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r.replace("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Customer account (learners)
            <select
              name="accountId"
              defaultValue={user.accountId ?? ""}
              className={selectClass}
              aria-invalid={result?.fieldErrors.accountId ? true : undefined}
              aria-describedby={result?.fieldErrors.accountId ? "account-error" : undefined}
            >
              <option value="">None (staff)</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
            {result?.fieldErrors.accountId ? (
              <span id="account-error" className="text-red-700 dark:text-red-400">
                {result.fieldErrors.accountId}
              </span>
            ) : null}
          </label>
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" name="isAccountAdmin" defaultChecked={user.isAccountAdmin} /> Admin of their account
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

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
