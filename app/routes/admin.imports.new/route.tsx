import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { runImport } from "#app/customers/import/engine.server";
import { DATE_FORMATS, type DateFormat } from "#app/customers/import/fields";
import { startImportJob } from "#app/customers/import/jobs.server";
import { autoMap, KINDS } from "#app/customers/import/kinds";
import { loadSavedMapping, saveMapping } from "#app/customers/import/mappings.server";
import { previewRows, removeUpload, uploadPath } from "#app/customers/import/uploads.server";
import { ENCODING_LABEL } from "#app/customers/import/csv-source.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { DataTable } from "#app/components/ui/DataTable";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";

export const meta: MetaFunction = () => [{ title: "Map columns · Imports · Uplift Academy" }];

/** The page's query (made by the upload step, but any text can arrive): kind, upload id, source and file name, made safe. */
function params(request: Request) {
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind") ?? "";
  const file = uploadPath(url.searchParams.get("upload") ?? "");
  if (!KINDS[kind] || !file) throw new Response("Upload not found: start again from Imports.", { status: 404 });
  // URLSearchParams has decoded once (malformed %-escapes become U+FFFD, never an exception); keep plain characters only.
  const source =
    (url.searchParams.get("source") ?? "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]/g, "")
      .slice(0, 60) || "upload";
  const name =
    (url.searchParams.get("name") ?? "")
      .replace(/[^\w.\- ]/g, "_")
      .slice(0, 120)
      .trim() || "upload.csv";
  return { kind, file, source, name };
}

/** Step 2: preview the first rows and map the file's columns to fields (saved mapping or auto-match). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  // Opened directly (a bookmark, the address bar): there is nothing to map yet — say where to start.
  if (!new URL(request.url).searchParams.has("upload")) return json({ needsUpload: true as const });
  const { kind, file, source, name } = params(request);
  const preview = await previewRows(file);
  if (preview.problem) {
    // This file can never be imported: say why, and do not keep it.
    await removeUpload(file);
    return json(
      { needsUpload: false as const, problem: preview.problem, name, label: KINDS[kind]!.label },
      { status: 422 },
    );
  }
  const saved = await loadSavedMapping(await getDb(), source, kind);
  const mapping = { ...autoMap(KINDS[kind]!, preview.headers), ...(saved?.mapping ?? {}) };
  const encodingNote =
    preview.encoding && preview.encoding !== "utf-8"
      ? preview.encoding === "windows-1252"
        ? `This file is not UTF-8: it was read as ${ENCODING_LABEL["windows-1252"]}. Check names with accents in the preview; if they look wrong, save the file as "CSV UTF-8" and upload it again.`
        : `This file is in ${ENCODING_LABEL[preview.encoding]} (it starts with a byte-order mark) and was read as such.`
      : null;
  return json({
    needsUpload: false as const,
    problem: null,
    kind,
    label: KINDS[kind]!.label,
    source,
    name,
    preview,
    encodingNote,
    mapping,
    dateFormat: saved?.dateFormat ?? "yyyy-MM-dd",
    fields: KINDS[kind]!.fields.map((f) => ({ name: f.name, required: !!f.required, type: f.type })),
    savedMapping: !!saved,
  });
}

/** intent=validate: dry run with row errors. intent=import: save the mapping and start the import. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "cs_leader", "admin");
  const { kind, file, source, name } = params(request);
  const form = await request.formData();
  const mapping: Record<string, string> = {};
  for (const f of KINDS[kind]!.fields) {
    const h = String(form.get(`map.${f.name}`) ?? "");
    if (h) mapping[f.name] = h;
  }
  const dateFormat = (DATE_FORMATS as readonly string[]).includes(String(form.get("dateFormat")))
    ? (String(form.get("dateFormat")) as DateFormat)
    : "yyyy-MM-dd";
  const skipInvalid = form.get("skipInvalid") === "on";
  const db = await getDb();
  if (form.get("intent") === "validate") {
    const r = await runImport(db, { kind, filePath: file, mapping, dateFormat, dryRun: true });
    return json({
      validated: true,
      failed: r.status === "failed",
      rowsTotal: r.rowsTotal,
      rowsRejected: r.rowsRejected,
      errors: r.errors.slice(0, 100).map(({ row, field, message }) => ({ row, field: field ?? null, message })),
      mapping,
      dateFormat,
      skipInvalid,
    });
  }
  await saveMapping(db, source, kind, { mapping, dateFormat });
  const job = startImportJob(db, {
    kind,
    filePath: file,
    fileName: name,
    mapping,
    dateFormat,
    skipInvalid,
    source,
    userId: user.id,
  });
  return redirect(`/admin/imports/jobs/${job.id}`);
}

const selectClass =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950";

function UploadFirst() {
  return (
    <div className="max-w-2xl space-y-4">
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/admin/imports" className="hover:underline">
          Imports
        </Link>{" "}
        / Map columns
      </nav>
      <h1 className="text-3xl font-bold">Upload a file first</h1>
      <p className="text-slate-700 dark:text-slate-300">
        This page maps the columns of a file you have just uploaded. Choose what the file contains and upload it on the
        Imports page; you come back here with its columns to map.
      </p>
      <Link to="/admin/imports" className={buttonClass}>
        Go to Imports and upload a CSV
      </Link>
    </div>
  );
}

export default function MapColumnsPage() {
  const data = useLoaderData<typeof loader>();
  if (data.needsUpload) return <UploadFirst />;
  if (data.problem !== null) return <UnreadableFile name={data.name} label={data.label} problem={data.problem} />;
  return <Mapping data={data} />;
}

function UnreadableFile({ name, label, problem }: { name: string; label: string; problem: string }) {
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/admin/imports" className="hover:underline">
          Imports
        </Link>{" "}
        / Map columns
      </nav>
      <h1 className="text-3xl font-bold">{label}: this file cannot be imported</h1>
      <div role="alert" className="rounded-md bg-red-50 p-4 text-red-900 dark:bg-red-950 dark:text-red-100">
        <p className="font-semibold">{name}</p>
        <p className="mt-1">{problem}</p>
      </div>
      <p>
        <Link to="/admin/imports" className="font-medium text-brand-700 underline dark:text-brand-100">
          Upload another file
        </Link>
      </p>
    </div>
  );
}

type MappingData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { needsUpload: false; problem: null }>;

function Mapping({ data }: { data: MappingData }) {
  const check = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const mapping = check?.mapping ?? data.mapping;
  // The buttons are disabled while validating, which drops keyboard focus to <body>: move it to the result.
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (check?.validated) result.current?.focus();
  }, [check]);
  return (
    <div className="space-y-6">
      <nav className="text-sm text-slate-600 dark:text-slate-400">
        <Link to="/admin/imports" className="hover:underline">
          Imports
        </Link>{" "}
        / Map columns
      </nav>
      <h1 className="text-3xl font-bold">{data.label}: map columns</h1>
      <p className="text-slate-600 dark:text-slate-300">
        File <strong>{data.name}</strong>, source <strong>{data.source}</strong>.{" "}
        {data.savedMapping
          ? "Your saved mapping for this source is applied."
          : "Columns with obvious names were matched automatically."}
      </p>
      {data.encodingNote ? (
        <p
          role="note"
          className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          {data.encodingNote}
        </p>
      ) : null}
      <DataTable caption="Preview (first rows)" head={data.preview.headers} rows={data.preview.rows} />
      <Form
        method="post"
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {data.fields.map((f) => (
            <label key={f.name} className="text-sm">
              <span className="font-medium">{f.name}</span>
              {f.required ? <span className="text-red-700 dark:text-red-400"> *</span> : null}{" "}
              <span className="text-xs text-slate-600 dark:text-slate-400">({f.type})</span>
              <select
                name={`map.${f.name}`}
                required={f.required}
                defaultValue={mapping[f.name] ?? ""}
                className={selectClass}
              >
                <option value="">— not in this file —</option>
                {data.preview.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <label className="text-sm font-medium">
            Date format
            <select name="dateFormat" defaultValue={check?.dateFormat ?? data.dateFormat} className={selectClass}>
              {DATE_FORMATS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="skipInvalid" defaultChecked={check?.skipInvalid} /> Import valid rows and skip
            invalid ones
          </label>
        </div>
        <div ref={result} tabIndex={-1} className="outline-none">
          {check?.validated ? (
            check.failed || (!check.rowsRejected && check.errors.length) ? (
              <div
                role="alert"
                className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
              >
                <p className="font-semibold">This file cannot be imported as it is.</p>
                <ul className="mt-1 list-disc pl-5">
                  {check.errors.slice(0, 20).map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              </div>
            ) : check.rowsRejected ? (
              <div
                role="alert"
                className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
              >
                <p className="font-semibold">
                  {check.rowsRejected} of {check.rowsTotal} rows have problems.
                </p>
                <ul className="mt-1 list-disc pl-5">
                  {check.errors.slice(0, 20).map((e, i) => (
                    <li key={i}>
                      Row {e.row}
                      {e.field ? ` (${e.field})` : ""}: {e.message}
                    </li>
                  ))}
                </ul>
                <p className="mt-2">
                  Fix the file, or tick “skip invalid” to import the {check.rowsTotal - check.rowsRejected} valid rows
                  (rejected rows stay downloadable).
                </p>
              </div>
            ) : (
              <p
                role="status"
                className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
              >
                All {check.rowsTotal} rows are valid.
              </p>
            )
          ) : null}
        </div>
        <div className="flex gap-3">
          <button type="submit" name="intent" value="validate" className={secondaryButtonClass} disabled={busy}>
            Validate
          </button>
          <button type="submit" name="intent" value="import" className={buttonClass} disabled={busy}>
            Import
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
