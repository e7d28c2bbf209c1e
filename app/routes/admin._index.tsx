import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";

export const meta: MetaFunction = () => [{ title: "Admin · Uplift Academy" }];

/** Admin home: links to every admin section. Sections marked adminOnly need the admin role. */
const SECTIONS = [
  {
    to: "/admin/imports",
    title: "Customer data imports",
    text: "Upload CRM, billing and product-usage CSV files; map columns; review import history.",
    adminOnly: false,
  },
  {
    to: "/admin/users",
    title: "People",
    text: "Find anyone; change roles, deactivate or reactivate, send password-reset links; see each change in the audit log.",
    adminOnly: true,
  },
  {
    to: "/admin/tokens",
    title: "API tokens",
    text: "Create and revoke scoped tokens for the REST API.",
    adminOnly: true,
  },
  {
    to: "/admin/health-weights",
    title: "Health-score weights",
    text: "Tune how the five inputs combine into the health score (versioned).",
    adminOnly: true,
  },
  {
    to: "/admin/content",
    title: "Publish content",
    text: "Check content/ and publish it into the running academy, with what changed; no restart.",
    adminOnly: true,
  },
  {
    to: "/admin/assignment-rules",
    title: "Assignment rules",
    text: "Assign a course automatically to every new learner at accounts in a stage, with a due date.",
    adminOnly: false,
  },
  {
    to: "/admin/webhooks",
    title: "Webhooks",
    text: "Send learning events to your systems, signed with HMAC-SHA256.",
    adminOnly: true,
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "cs_leader", "admin");
  return json({ sections: SECTIONS.filter((s) => !s.adminOnly || user.role === "admin") });
}

export default function AdminHome() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Admin</h1>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li
            key={s.to}
            className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
          >
            <h2 className="text-lg font-semibold">
              <Link to={s.to} className="hover:underline">
                {s.title}
              </Link>
            </h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{s.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
