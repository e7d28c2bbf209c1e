import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";
import { readContentSource } from "#app/content/source.server";
import { getEnv } from "#app/env.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.path ?? "Source"} · Uplift Academy` },
];

/** Read-only view of a content file with line numbers, linked from content insights. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "author", "cs_leader", "admin");
  const requested = new URL(request.url).searchParams.get("path") ?? "";
  const source = await readContentSource(getEnv().CONTENT_DIR, requested);
  if (!source) throw new Response("Not found", { status: 404 });
  return json(source);
}

export default function SourceView() {
  const { path, lines } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/insights" className="hover:underline">
          Content insights
        </Link>{" "}
        / source
      </nav>
      <h1 className="break-all font-mono text-xl font-bold">{path}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Edit this file in your content repository, run <code>npm run content:check</code>, then publish with{" "}
        <code>npm run content:sync</code>.
      </p>
      <pre
        tabIndex={0}
        role="region"
        aria-label={`Source of ${path}`}
        className="relative overflow-x-auto rounded-xl bg-slate-900 p-4 text-sm text-slate-100"
      >
        <code>
          {lines.map((l, i) => (
            <span key={i} className="block">
              <span className="mr-4 inline-block w-8 select-none text-right text-slate-400">{i + 1}</span>
              {l}
            </span>
          ))}
        </code>
      </pre>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
