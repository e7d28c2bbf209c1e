import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";
import { accountChoices, listUsers, UserFilters, USER_PAGE_SIZE } from "#app/auth/user-admin.server";
import { ROLES } from "#db/schema/index";
import { getDb } from "#app/utils/db.server";
import { DataTable } from "#app/components/ui/DataTable";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { secondaryButtonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "People · Admin · Uplift Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const filters = UserFilters.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const [{ total, rows }, accounts] = await Promise.all([listUsers(db, filters), accountChoices(db)]);
  return json({
    filters,
    total,
    accounts,
    pageSize: USER_PAGE_SIZE,
    users: rows.map((u) => ({
      ...u,
      deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
      lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
    })),
  });
}

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

export default function People() {
  const { filters, total, users, accounts, pageSize } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageHref = (page: number) =>
    `?${new URLSearchParams({
      ...Object.fromEntries(
        Object.entries(filters)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, String(v)]),
      ),
      page: String(page),
    })}`;
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/admin" className="hover:underline">
          Admin
        </Link>{" "}
        / People
      </nav>
      <h1 className="text-3xl font-bold">People</h1>
      <Form
        method="get"
        className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <label className="text-sm sm:col-span-2">
          Name or email
          <input name="q" type="search" defaultValue={filters.q ?? ""} className={selectClass} />
        </label>
        <label className="text-sm">
          Account
          <select name="account" defaultValue={filters.account ?? ""} className={selectClass}>
            <option value="">Any</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Role
          <select name="role" defaultValue={filters.role ?? ""} className={selectClass}>
            <option value="">Any</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r.replace("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Status
          <select name="status" defaultValue={filters.status ?? ""} className={selectClass}>
            <option value="">Any</option>
            <option value="active">Active</option>
            <option value="deactivated">Deactivated</option>
          </select>
        </label>
        <div className="sm:col-span-5">
          <button type="submit" className={secondaryButtonClass}>
            Filter
          </button>
        </div>
      </Form>
      <DataTable
        caption={`${total} ${total === 1 ? "person" : "people"}`}
        head={["Name", "Email", "Role", "Account", "Status", "Last sign-in"]}
        rows={users.map((u) => [
          <Link
            key="n"
            to={`/admin/users/${u.id}`}
            className="font-medium text-brand-700 underline dark:text-brand-100"
          >
            {u.name}
          </Link>,
          u.email,
          `${u.role.replace("_", " ")}${u.isAccountAdmin ? " (account admin)" : ""}`,
          u.accountName ?? "—",
          u.deactivatedAt ? `deactivated ${u.deactivatedAt.slice(0, 10)}` : "active",
          u.lastSignInAt ? u.lastSignInAt.slice(0, 16).replace("T", " ") : "never",
        ])}
        empty="Nobody matches these filters."
      />
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {filters.page > 1 ? (
            <Link to={pageHref(filters.page - 1)} className="underline">
              Previous
            </Link>
          ) : null}
          <span>
            Page {filters.page} of {pages}
          </span>
          {filters.page < pages ? (
            <Link to={pageHref(filters.page + 1)} className="underline">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
