import { Form } from "@remix-run/react";
import { SEGMENT_KEYS, segmentLabel } from "#app/customers/segments";
import { LOCALE_NAMES, UI_LOCALES } from "#app/i18n/locales";

const STAGES = ["onboarding", "adoption", "expansion"];
const inputClass =
  "mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900";

/** GET filter form: works without JavaScript and keeps filters in the URL (shareable, exportable). */
export function InsightsFilterForm({
  filters,
  action,
}: {
  filters: { from?: string; to?: string; segment?: string; stage?: string; language?: string };
  action: string;
}) {
  return (
    <Form
      method="get"
      action={action}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      aria-label="Filters"
    >
      <label className="text-sm">
        From
        <input type="date" name="from" defaultValue={filters.from} className={inputClass} />
      </label>
      <label className="text-sm">
        To
        <input type="date" name="to" defaultValue={filters.to} className={inputClass} />
      </label>
      <label className="text-sm">
        Account segment
        <select name="segment" defaultValue={filters.segment ?? ""} className={inputClass}>
          <option value="">All segments</option>
          {SEGMENT_KEYS.map((s) => (
            <option key={s} value={s}>
              {segmentLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Course stage
        <select name="stage" defaultValue={filters.stage ?? ""} className={inputClass}>
          <option value="">All stages</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Learner language
        <select name="language" defaultValue={filters.language ?? ""} className={inputClass}>
          <option value="">All languages</option>
          {UI_LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        Apply
      </button>
    </Form>
  );
}
