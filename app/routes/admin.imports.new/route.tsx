import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useEffect, useRef } from "react";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { getFormProps, getInputProps, getSelectProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { runImport } from "#app/customers/import/engine.server";
import { DATE_FORMATS } from "#app/customers/import/fields";
import { startImportJob } from "#app/customers/import/jobs.server";
import { autoMap, KINDS } from "#app/customers/import/kinds";
import { loadSavedMapping, saveMapping } from "#app/customers/import/mappings.server";
import { previewRows, removeUpload, uploadPath } from "#app/customers/import/uploads.server";
import { ENCODING_LABEL } from "#app/customers/import/csv-source.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { DataTable } from "#app/components/ui/DataTable";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";
import { ImportCheckResult } from "./ImportCheckResult";
import { mappingFormSchema, type ImportCheck, type MappingFormValues } from "./mapping-form";
import { MapColumnsCrumb, UnreadableFile, UploadFirst } from "./NothingToMap";

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
  const upload = new URL(request.url).searchParams.get("upload");
  if (upload === null) return json({ needsUpload: true as const, gone: false });
  // A link to an upload that is no longer kept (imported, or abandoned for a day): the same guidance, as a 404.
  if (!uploadPath(upload)) return json({ needsUpload: true as const, gone: true }, { status: 404 });
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

/**
 * intent=validate: dry run with row errors. intent=import: save the mapping and start the import. One
 * reply shape: conform's result (a field's error beside its column choice, the choices kept) and the dry run.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "cs_leader", "admin");
  const { kind, file, source, name } = params(request);
  const spec = KINDS[kind]!;
  // The columns the choices must name (the file was readable when the page was shown; say so if not any more).
  const { headers, problem } = await previewRows(file, 1);
  const fields = spec.fields.map((f) => ({ name: f.name, required: !!f.required }));
  const submission = parseWithZod(await request.formData(), { schema: mappingFormSchema(fields, headers) });
  if (problem || submission.status !== "success") {
    const result = problem ? submission.reply({ formErrors: [problem] }) : submission.reply();
    return json({ result, check: null as ImportCheck | null }, { status: problem ? 422 : 400 });
  }
  const { intent, dateFormat, skipInvalid = false } = submission.value;
  const mapping = Object.fromEntries(Object.entries(submission.value.map).filter((e): e is [string, string] => !!e[1]));
  const db = await getDb();
  if (intent === "validate") {
    const r = await runImport(db, { kind, filePath: file, mapping, dateFormat, dryRun: true });
    const check: ImportCheck = {
      failed: r.status === "failed",
      rowsTotal: r.rowsTotal,
      rowsRejected: r.rowsRejected,
      errors: r.errors.slice(0, 100).map(({ row, field, message }) => ({ row, field: field ?? null, message })),
    };
    return json({ result: submission.reply(), check });
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

export default function MapColumnsPage() {
  const data = useLoaderData<typeof loader>();
  if (data.needsUpload) return <UploadFirst gone={data.gone} />;
  if (data.problem !== null) return <UnreadableFile name={data.name} label={data.label} problem={data.problem} />;
  return <Mapping data={data} />;
}

type MappingData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { needsUpload: false; problem: null }>;

function Mapping({ data }: { data: MappingData }) {
  const reply = useActionData<typeof action>();
  const check = reply?.check ?? null;
  const busy = useNavigation().state !== "idle";
  // Validated on the server (the file's columns); after a reply the choices stay as they were sent.
  const [form, fields] = useForm<MappingFormValues>({
    id: "mapping",
    lastResult: reply?.result,
    defaultValue: { map: data.mapping, dateFormat: data.dateFormat },
    shouldValidate: "onSubmit",
  });
  const map = fields.map.getFieldset();
  const refused = form.errors?.[0] ?? fields.intent.errors?.[0] ?? fields.dateFormat.errors?.[0];
  const { key: dateKey, ...dateProps } = getSelectProps(fields.dateFormat);
  const { key: skipKey, ...skipProps } = getInputProps(fields.skipInvalid, { type: "checkbox" });
  // The buttons are disabled while validating, which drops keyboard focus to <body>: move it to the result,
  // or to the first column choice the server refused.
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!reply) return;
    const first = Object.keys(reply.result.error ?? {}).find((name) => name.startsWith("map."));
    const invalid = first ? document.querySelector<HTMLElement>(`#${form.id} [name="${first}"]`) : null;
    (invalid ?? result.current)?.focus();
  }, [reply, form.id]);
  return (
    <div className="space-y-6">
      <MapColumnsCrumb />
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
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {data.fields.map((f) => (
            <ColumnChoice key={f.name} field={f} meta={map[f.name]!} headers={data.preview.headers} />
          ))}
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <label className="text-sm font-medium">
            Date format
            <select {...dateProps} key={dateKey} className={selectClass}>
              {DATE_FORMATS.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input {...skipProps} key={skipKey} /> Import valid rows and skip invalid ones
          </label>
        </div>
        <div ref={result} tabIndex={-1} className="outline-none">
          {check ? <ImportCheckResult check={check} /> : null}
          {refused ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {refused}
            </p>
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

/** One field's column: required fields are `required` (and marked), the server's error sits under the choice. */
function ColumnChoice({
  field,
  meta,
  headers,
}: {
  field: MappingData["fields"][number];
  meta: FieldMetadata<string>;
  headers: string[];
}) {
  const { key, ...props } = getSelectProps(meta);
  return (
    <div className="text-sm">
      <label htmlFor={meta.id}>
        <span className="font-medium">{field.name}</span>
        {field.required ? <span className="text-red-700 dark:text-red-400"> *</span> : null}{" "}
        <span className="text-xs text-slate-600 dark:text-slate-400">({field.type})</span>
      </label>
      <select {...props} key={key} required={field.required} className={selectClass}>
        <option value="">— not in this file —</option>
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
      {meta.errors?.length ? (
        <p id={meta.errorId} className="mt-1 text-red-700 dark:text-red-400">
          {meta.errors[0]}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
