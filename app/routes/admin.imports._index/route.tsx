import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getEnv } from "#app/env.server";
import { importHistory } from "#app/customers/import/history.server";
import { KINDS } from "#app/customers/import/kinds";
import { newUploadId, uploadDir } from "#app/customers/import/uploads.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { DataTable } from "#app/components/ui/DataTable";
import { buttonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Imports · Admin · Uplift Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  const history = await importHistory(await getDb());
  return json({
    history: history.map((h) => ({ ...h, startedAt: h.startedAt.toISOString() })),
    kinds: Object.values(KINDS).map((k) => ({ kind: k.kind, label: k.label })),
    maxMb: getEnv().MAX_UPLOAD_MB,
    rejectedRowsDays: getEnv().REJECTED_ROWS_DAYS,
  });
}

/** Step 1: upload. The file is stored under a random id; mapping happens on the next page. */
export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data"))
    return json({ error: "Upload the file with the form on this page." }, { status: 400 });
  const id = newUploadId();
  const maxMb = getEnv().MAX_UPLOAD_MB;
  let form: FormData;
  let originalName = "upload.csv";
  try {
    // The CSV streams to disk; the small text fields (kind, source) are kept in memory.
    const handler = unstable_composeUploadHandlers(
      unstable_createFileUploadHandler({
        directory: uploadDir(),
        file: ({ filename }) => {
          originalName = filename;
          return `${id}.csv`;
        },
        maxPartSize: maxMb * 1024 * 1024,
        avoidFileConflicts: false,
      }),
      unstable_createMemoryUploadHandler({ maxPartSize: 10_000 }),
    );
    form = await unstable_parseMultipartFormData(request, handler);
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError)
      return json(
        { error: `The file is larger than ${maxMb} MB. Split it, or use the CLI (npm run import).` },
        { status: 413 },
      );
    throw err;
  }
  const kind = String(form.get("kind") ?? "");
  const file = form.get("file");
  if (!KINDS[kind]) return json({ error: "Choose what the file contains." }, { status: 400 });
  if (!file || typeof file === "string" || (file as unknown as { size: number }).size === 0)
    return json({ error: "Choose a CSV file to upload." }, { status: 400 });
  const source =
    String(form.get("source") ?? "")
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, "") || "upload";
  const name = encodeURIComponent(originalName.replace(/[^\w.\- ]/g, "_").slice(0, 120));
  return redirect(`/admin/imports/new?upload=${id}&kind=${kind}&source=${source}&name=${name}`);
}

const statusClass: Record<string, string> = {
  committed: "text-emerald-700 dark:text-emerald-400",
  rejected: "text-red-700 dark:text-red-400",
  failed: "text-red-700 dark:text-red-400",
  running: "text-amber-700",
};

export default function ImportsHome() {
  const { history, kinds, maxMb, rejectedRowsDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="space-y-8">
      <div>
        <nav className="text-sm text-slate-600 dark:text-slate-400">
          <Link to="/admin" className="hover:underline">
            Admin
          </Link>{" "}
          / Imports
        </nav>
        <h1 className="mt-2 text-3xl font-bold">Customer data imports</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Upload a CSV export from your CRM, billing or product analytics. You will map its columns, validate, then
          import. Nothing is written unless every row is valid — or you choose to skip the invalid ones.
        </p>
      </div>
      <Form
        method="post"
        encType="multipart/form-data"
        className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
      >
        <label className="text-sm font-medium">
          What does the file contain?
          <select
            name="kind"
            required
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-950"
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Source system (remembers your column mapping)
          <input
            name="source"
            placeholder="e.g. salesforce, stripe, ravenstack"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-950"
          />
        </label>
        <label className="text-sm font-medium sm:col-span-2">
          CSV file (up to {maxMb} MB)
          <input type="file" name="file" accept=".csv,text/csv" required className="mt-1 block w-full text-sm" />
        </label>
        {result?.error ? (
          <p role="alert" className="text-sm text-red-700 sm:col-span-2 dark:text-red-400">
            {result.error}
          </p>
        ) : null}
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass} disabled={busy}>
            {busy ? "Uploading…" : "Upload and map columns"}
          </button>
        </div>
      </Form>
      <DataTable
        caption="Import history"
        head={["When", "What", "File", "By", "Status", "Rows", "Rejected rows"]}
        rows={history.map((h) => [
          new Date(h.startedAt).toISOString().slice(0, 16).replace("T", " "),
          KINDS_LABEL(kinds, h.kind),
          h.fileName ?? "—",
          h.by ?? h.source ?? "—",
          <span key="s">
            <span className={`font-medium ${statusClass[h.status] ?? ""}`}>{h.status}</span>
            {h.problem ? (
              <span className="mt-0.5 block max-w-md text-xs text-slate-600 dark:text-slate-300">{h.problem}</span>
            ) : null}
          </span>,
          `${h.rowsAccepted} of ${h.rowsTotal}`,
          h.rowsRejected ? (
            <a
              key="r"
              href={`/admin/imports/${h.id}/rejected`}
              className="text-brand-700 underline dark:text-brand-100"
              download
            >
              {h.rowsRejected} (CSV)
            </a>
          ) : (
            "0"
          ),
        ])}
        empty="No imports yet."
      />
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Uploaded files are deleted when their import ends (and after a day if never imported). Rejected rows keep their
        original values for {rejectedRowsDays} days, then only row numbers and reasons.
      </p>
    </div>
  );
}

const KINDS_LABEL = (kinds: { kind: string; label: string }[], kind: string) =>
  kinds.find((k) => k.kind === kind)?.label ?? kind;

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
