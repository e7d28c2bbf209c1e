import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator, useRouteError } from "@remix-run/react";
import { useEffect } from "react";
import { requireRole } from "#app/auth/gate.server";
import { getImportJob } from "#app/customers/import/jobs.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.phase === "done" ? "Import finished" : "Importing…" },
];

/** Step 3: progress of a running import (meta refresh without JS, polling with JS), then the result. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  const job = getImportJob(params.jobId ?? "");
  if (!job) throw new Response("This import is not running any more: see the import history.", { status: 404 });
  const r = job.result;
  return json({
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    phase: job.phase,
    rows: job.rows,
    fraction: job.fraction,
    error: job.error ?? null,
    result: r
      ? {
          status: r.status,
          importId: r.importId,
          rowsTotal: r.rowsTotal,
          rowsAccepted: r.rowsAccepted,
          rowsRejected: r.rowsRejected,
          errors: r.errors.slice(0, 20).map(({ row, field, message }) => ({ row, field: field ?? null, message })),
        }
      : null,
  });
}

export default function ImportProgress() {
  const job = useLoaderData<typeof loader>();
  const { revalidate } = useRevalidator();
  const running = job.phase === "reading" || job.phase === "finishing";
  useEffect(() => {
    if (!running) return;
    const t = setInterval(revalidate, 1000);
    return () => clearInterval(t);
  }, [running, revalidate]);
  // While reading, the share of the file read; while finishing (rollups, recording) no honest figure.
  const pct = job.phase === "reading" ? Math.round(job.fraction * 100) : null;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {running ? (
        <noscript>
          <meta httpEquiv="refresh" content="2" />
        </noscript>
      ) : null}
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/admin/imports" className="hover:underline">
          Imports
        </Link>{" "}
        / {job.fileName}
      </nav>
      <h1 className="text-2xl font-bold">
        {running
          ? `Importing ${job.fileName}…`
          : job.phase === "failed" || job.result?.status === "failed"
            ? "Import failed"
            : job.result?.status === "committed"
              ? "Import finished"
              : "Import rejected"}
      </h1>
      {running ? (
        <div>
          <p className="text-sm">
            {job.phase === "reading"
              ? `Checking and importing rows: ${job.rows.toLocaleString("en")} so far, ${pct}% of the file`
              : `All ${job.rows.toLocaleString("en")} rows read; updating the report's figures and saving…`}
          </p>
          <div
            role="progressbar"
            aria-label="Import progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct ?? undefined}
            className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          >
            <div
              className={`h-full bg-brand-600 ${pct === null ? "w-1/3 animate-pulse" : ""}`}
              style={pct === null ? undefined : { width: `${pct}%` }}
            />
          </div>
        </div>
      ) : null}
      {job.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">
          {job.error}. Nothing was written.
        </p>
      ) : null}
      {job.result ? (
        <div role="status" className="space-y-2">
          {job.result.status === "failed" ? null : (
            <p>
              {job.result.rowsAccepted.toLocaleString("en")} of {job.result.rowsTotal.toLocaleString("en")} rows
              imported{job.result.rowsRejected ? `, ${job.result.rowsRejected} rejected` : ""}.
              {job.result.status === "rejected" ? " Nothing was written." : ""}
            </p>
          )}
          {/* File-level reasons (failed, unreadable file, mapping) carry their own wording; row errors get their row. */}
          {job.result.errors.length ? (
            <ul className="list-disc pl-5 text-sm">
              {job.result.errors.map((e, i) => (
                <li key={i}>
                  {e.field || job.result!.rowsTotal ? `Row ${e.row}${e.field ? ` (${e.field})` : ""}: ` : ""}
                  {e.message}
                </li>
              ))}
            </ul>
          ) : null}
          {job.result.rowsRejected && job.result.importId ? (
            <a
              href={`/admin/imports/${job.result.importId}/rejected`}
              className="text-brand-700 underline dark:text-brand-100"
              download
            >
              Download rejected rows with reasons (CSV)
            </a>
          ) : null}
          <p>
            <Link to="/admin/imports" className="font-medium text-brand-700 underline dark:text-brand-100">
              Back to imports
            </Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
