import type { ImportCheck } from "./mapping-form";

/** The dry run's answer: the file cannot be imported, some rows have problems (with the first 20), or all is well. */
export function ImportCheckResult({ check }: { check: ImportCheck }) {
  return check.failed || (!check.rowsRejected && check.errors.length) ? (
    <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
      <p className="font-semibold">This file cannot be imported as it is.</p>
      <ul className="mt-1 list-disc pl-5">
        {check.errors.slice(0, 20).map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
      </ul>
    </div>
  ) : check.rowsRejected ? (
    <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100">
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
        Fix the file, or tick “skip invalid” to import the {check.rowsTotal - check.rowsRejected} valid rows (rejected
        rows stay downloadable).
      </p>
    </div>
  ) : (
    <p
      role="status"
      className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    >
      All {check.rowsTotal} rows are valid.
    </p>
  );
}
