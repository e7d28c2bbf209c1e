import { Form, Link } from "@remix-run/react";
import { TRAINED_DEFINITIONS } from "#app/analytics/report/filters";
import { buttonClass, secondaryButtonClass } from "#app/components/ui/Field";
import { HelpTip } from "#app/components/ui/HelpTip";
import type { ReportView } from "./view-types";
import { LOCALE_NAMES, UI_LOCALES } from "#app/i18n/locales";

const input =
  "mt-1 block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";
const label = "block text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400";

const LABELS: Record<string, string> = { smb: "SMB", mid_market: "Mid-market", enterprise: "Enterprise" };
export const segmentLabel = (s: string | null | undefined) => (s ? (LABELS[s] ?? s) : "—");

function Select({
  name,
  text,
  value,
  options,
  all,
  error,
}: {
  name: string;
  text: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  all?: string;
  error?: string;
}) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className={label}>
        {text}
      </label>
      <select
        id={`f-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className={input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `f-${name}-err` : undefined}
      >
        {all ? <option value="">{all}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`f-${name}-err`} className="mt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function DateInput({ name, text, value, error }: { name: string; text: string; value: string; error?: string }) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className={label}>
        {text}
      </label>
      <input
        id={`f-${name}`}
        type="date"
        name={name}
        defaultValue={value}
        className={input}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `f-${name}-err` : undefined}
      />
      {error ? (
        <p id={`f-${name}-err`} className="mt-1 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** GET form: every filter is a query parameter, so the report, its links and the CSV export work without JavaScript. */
export function Filters({
  report,
  errors,
}: {
  report: Pick<ReportView, "filters" | "options">;
  errors: Partial<Record<string, string>>;
}) {
  const f = report.filters;
  const opts = (xs: string[], fmt: (s: string) => string = (s) => s) => xs.map((v) => ({ value: v, label: fmt(v) }));
  return (
    <Form
      method="get"
      action="/report"
      className="no-print rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      aria-labelledby="filters-heading"
    >
      <h2 id="filters-heading" className="sr-only">
        Filters
      </h2>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6 [&>*]:min-w-0">
        <DateInput name="from" text="Period from" value={f.from} error={errors.from} />
        <DateInput name="to" text="Period to" value={f.to} error={errors.to} />
        <Select
          name="segment"
          text="Segment"
          value={f.segment}
          options={opts(report.options.segment, segmentLabel)}
          all="All segments"
        />
        <Select
          name="planTier"
          text="Plan tier"
          value={f.planTier}
          options={opts(report.options.planTier)}
          all="All plan tiers"
        />
        <Select
          name="country"
          text="Country"
          value={f.country}
          options={opts(report.options.country)}
          all="All countries"
        />
        <Select name="csm" text="CSM" value={f.csm} options={opts(report.options.csm)} all="All CSMs" />
        <Select
          name="language"
          text="Learner language"
          value={f.language}
          options={UI_LOCALES.map((l) => ({ value: l, label: LOCALE_NAMES[l] }))}
          all="All languages"
        />
        <Select
          name="stage"
          text="Account stage"
          value={f.stage}
          options={opts(["onboarding", "adoption", "expansion"], (s) => s[0]!.toUpperCase() + s.slice(1))}
          all="All stages"
        />
        <div className="col-span-2">
          <label htmlFor="f-trained" className={label}>
            Trained means
            <HelpTip term="trainedAccount" />
          </label>
          <select id="f-trained" name="trained" defaultValue={f.trained} className={input}>
            {Object.entries(TRAINED_DEFINITIONS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-coverage" className={label}>
            Coverage threshold %
          </label>
          <input
            id="f-coverage"
            type="number"
            name="coverage"
            min={1}
            max={100}
            step={1}
            defaultValue={f.coverage}
            className={input}
            aria-invalid={errors.coverage ? true : undefined}
            aria-describedby={errors.coverage ? "f-coverage-err" : undefined}
          />
          {errors.coverage ? (
            <p id="f-coverage-err" className="mt-1 text-xs text-red-700 dark:text-red-400">
              {errors.coverage}
            </p>
          ) : null}
        </div>
        <Select
          name="x"
          text="Correlate using"
          value={f.x}
          options={[
            { value: "coverage", label: "Seat coverage" },
            { value: "completionRate", label: "Completion rate" },
          ]}
        />
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1 lg:col-span-1">
          <button type="submit" className={`${buttonClass} w-full py-1.5 text-sm`}>
            Apply
          </button>
          <Link to="/report" className={`${secondaryButtonClass} py-1.5 text-sm`}>
            Reset
          </Link>
        </div>
      </div>
    </Form>
  );
}
