import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { parseWithZod } from "@conform-to/zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getEnv } from "#app/env.server";
import { importHistory } from "#app/customers/import/history.server";
import { KINDS } from "#app/customers/import/kinds";
import { newUploadId, previewRows, removeUpload } from "#app/customers/import/uploads.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { DataTable } from "#app/components/ui/DataTable";
import { receiveUpload } from "./receive-upload.server";
import { fileProblem, NO_FILE, sourceName, tooLarge, uploadFields } from "./upload-form";
import { UploadForm } from "./UploadForm";

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

/**
 * Step 1: upload. The file is stored under a random id; mapping happens on the next page. One reply
 * shape, conform's result: what is wrong with the file (missing, empty, over the limit, not CSV —
 * its name, or its first bytes: a workbook, binary data) beside the file field, a bad choice beside
 * its select, the fields typed kept. A refused upload keeps nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  const maxMb = getEnv().MAX_UPLOAD_MB;
  const id = newUploadId();
  // A form posted without the file encoding (a script, a stale page) has no file: it is refused like one without.
  const received = request.headers.get("Content-Type")?.startsWith("multipart/form-data")
    ? await receiveUpload(request, id, maxMb)
    : { fields: await request.formData().catch(() => new FormData()), file: null, overLimit: null };
  const { fields, file, overLimit } = received;
  const submission = parseWithZod(fields, { schema: uploadFields(Object.keys(KINDS)) });
  const fileError = overLimit
    ? overLimit === "file"
      ? tooLarge(maxMb)
      : null
    : !file
      ? NO_FILE
      : (fileProblem(file, maxMb) ?? (await previewRows(file.path, 0)).problem);
  const errors: Record<string, string[]> = {};
  if (fileError) errors.file = [fileError];
  if (overLimit && overLimit !== "file") errors[overLimit] = ["This field is too long."];
  if (submission.status !== "success" || !file || Object.keys(errors).length) {
    if (file) await removeUpload(file.path);
    const result = Object.keys(errors).length ? submission.reply({ fieldErrors: errors }) : submission.reply();
    return json({ result }, { status: overLimit ? 413 : 400 });
  }
  const { kind, source } = submission.value;
  const name = encodeURIComponent(file.name.replace(/[^\w.\- ]/g, "_").slice(0, 120));
  return redirect(`/admin/imports/new?upload=${id}&kind=${kind}&source=${sourceName(source)}&name=${name}`);
}

const statusClass: Record<string, string> = {
  committed: "text-emerald-700 dark:text-emerald-400",
  rejected: "text-red-700 dark:text-red-400",
  failed: "text-red-700 dark:text-red-400",
  running: "text-amber-700",
};

export default function ImportsHome() {
  const { history, kinds, maxMb, rejectedRowsDays } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
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
      <UploadForm kinds={kinds} maxMb={maxMb} lastResult={reply?.result} />
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
