import { Form, useNavigation } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { HEALTH_INPUTS, type HealthWeights } from "#app/analytics/health";
import { buttonClass } from "#app/components/ui/Field";
import { FormError } from "#app/components/ui/FormError";

/**
 * The weights form, validated on the server. The page keys it by version: a save mounts a fresh form
 * showing the version just saved (and an empty note); a refused submit keeps what was typed, with the
 * errors beside the boxes (a form error, such as all zeros, above them).
 */
export function WeightsCard({
  current,
  refused,
}: {
  current: { version: number | null; weights: HealthWeights };
  refused: SubmissionResult<string[]> | undefined;
}) {
  const busy = useNavigation().state !== "idle";
  const [form, fields] = useForm({
    id: "weights",
    lastResult: refused,
    defaultValue: { ...current.weights, note: "" },
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <FormError id={form.errorId} errors={form.errors} />
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
      >
        <h2 className="text-lg font-semibold">
          Weights {current.version ? `(now version ${current.version})` : "(defaults, never changed)"}
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          {HEALTH_INPUTS.map((i) => (
            <WeightInput key={i.key} label={i.label} help={i.help} meta={fields[i.key]} />
          ))}
        </div>
        <div>
          <label htmlFor={fields.note.id} className="block text-sm font-medium">
            Why the change (kept with the version)
          </label>
          <input
            {...getInputProps(fields.note, { type: "text" })}
            key={fields.note.key}
            maxLength={200}
            className={inputClass}
          />
          {fields.note.errors?.length ? (
            <p id={fields.note.errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
              {fields.note.errors[0]}
            </p>
          ) : null}
        </div>
        <button type="submit" className={buttonClass} disabled={busy}>
          Save new version
        </button>
      </Form>
    </>
  );
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900";

/** One weight: a whole number 0–100 with its help text, and its error (from the server) beside it. */
function WeightInput({ label, help, meta }: { label: string; help: string; meta: FieldMetadata<number> }) {
  const error = meta.errors?.[0];
  // aria-describedby: the help text, and the error while there is one (conform adds aria-invalid too).
  const { key, ...props } = getInputProps(meta, { type: "number", ariaDescribedBy: meta.descriptionId });
  return (
    <div>
      <label htmlFor={meta.id} className="block text-sm font-medium">
        {label}
      </label>
      <input {...props} key={key} min={0} max={100} step={1} required className={inputClass} />
      <p id={meta.descriptionId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {help}
      </p>
      {error ? (
        <p id={meta.errorId} className="mt-1 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
