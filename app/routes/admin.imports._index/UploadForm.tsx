import { useEffect } from "react";
import { Form, useNavigation } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { buttonClass } from "#app/components/ui/Field";
import { FormError } from "#app/components/ui/FormError";
import { uploadFormSchema } from "./upload-form";

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-950";

/**
 * Step 1 of an import: what the file contains, its source system and the CSV file. With JavaScript the
 * file is checked before it is sent (chosen, not empty, within the limit, a CSV by its name); the server
 * checks the same and reads its first bytes. Errors sit beside their fields; after a refused submit,
 * focus moves to the first field in error (the submit button is disabled while uploading, which would
 * otherwise leave keyboard focus on <body>). A browser never fills a file input again: choose it anew.
 */
export function UploadForm({
  kinds,
  maxMb,
  lastResult,
}: {
  kinds: { kind: string; label: string }[];
  maxMb: number;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm({
    id: "upload",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema: uploadFormSchema(
          kinds.map((k) => k.kind),
          maxMb,
        ),
      }),
  });
  useEffect(() => {
    if (!lastResult?.error) return;
    const first = ["kind", "source", "file"].find((name) => lastResult.error?.[name]?.length);
    const target = first ? document.querySelector<HTMLElement>(`#${form.id} [name="${first}"]`) : null;
    (target ?? document.getElementById(form.errorId))?.focus();
  }, [lastResult, form.id, form.errorId]);
  const { key: kindKey, ...kindProps } = getSelectProps(fields.kind);
  const { key: sourceKey, ...sourceProps } = getInputProps(fields.source, { type: "text" });
  const { key: fileKey, ...fileProps } = getInputProps(fields.file, { type: "file" });
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      className="grid gap-4 rounded-xl border border-slate-200 bg-white p-5 sm:grid-cols-2 dark:border-slate-800 dark:bg-slate-900"
    >
      {form.errors?.length ? (
        <div className="sm:col-span-2">
          <FormError id={form.errorId} errors={form.errors} />
        </div>
      ) : null}
      <div className="text-sm">
        <label htmlFor={fields.kind.id} className="font-medium">
          What does the file contain?
        </label>
        <select {...kindProps} key={kindKey} required className={inputClass}>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
      </div>
      <div className="text-sm">
        <label htmlFor={fields.source.id} className="font-medium">
          Source system (remembers your column mapping)
        </label>
        <input
          {...sourceProps}
          key={sourceKey}
          placeholder="e.g. salesforce, stripe, ravenstack"
          maxLength={200}
          className={inputClass}
        />
        <FieldError id={fields.source.errorId} errors={fields.source.errors} />
      </div>
      <div className="text-sm sm:col-span-2">
        <label htmlFor={fields.file.id} className="font-medium">
          CSV file (up to {maxMb} MB)
        </label>
        <input {...fileProps} key={fileKey} accept=".csv,text/csv" required className="mt-1 block w-full text-sm" />
        <FieldError id={fields.file.errorId} errors={fields.file.errors} />
      </div>
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={busy}>
          {busy ? "Uploading…" : "Upload and map columns"}
        </button>
      </div>
    </Form>
  );
}

function FieldError({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors?.length ? (
    <p id={id} className="mt-1 text-red-700 dark:text-red-400">
      {errors[0]}
    </p>
  ) : null;
}
